"""GET /v1/speakers, /v1/speakers/{id} and /v1/speakers/{id}/quotes."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture()
def seeded(client, seed_articles):
    return [client.post("/v1/articles", json=a).get_json() for a in seed_articles]


def putin(client) -> dict:
    return client.get("/v1/speakers?q=Putin").get_json()["items"][0]


def test_speaker_has_counts_titles_and_dates(client, seeded):
    kim = client.get("/v1/speakers?q=hong kyun").get_json()["items"][0]
    assert kim["name"] == "Kim Hong-kyun" and kim["kind"] == "person"
    assert kim["article_count"] == 2 and kim["quote_count"] >= 2
    titles = {t["value"]: t for t in kim["titles"]}
    assert {"First Vice Minister", "First Vice Foreign Minister"} <= set(titles)
    assert titles["First Vice Minister"]["first_seen"].startswith("2024-06-21")
    assert titles["First Vice Foreign Minister"]["last_seen"].startswith("2024-06-22")
    assert kim["first_seen"].startswith("2024-06-21") and kim["last_seen"].startswith("2024-06-22")
    assert client.get(f"/v1/speakers/{kim['id']}").get_json() == kim


def test_speaker_quotes_with_filters(client, seeded):
    speaker = putin(client)
    body = client.get(f"/v1/speakers/{speaker['id']}/quotes").get_json()
    assert len(body["items"]) == speaker["quote_count"]
    assert all(q["speaker"]["id"] == speaker["id"] for q in body["items"])
    mixed = client.get(f"/v1/speakers/{speaker['id']}/quotes?type=mixed").get_json()["items"]
    assert mixed and all("mixed" in q["types"] for q in mixed)
    assert client.get(f"/v1/speakers/{speaker['id']}/quotes?limit=0").status_code == 422


def test_list_pages_and_unknown_ids(client, seeded):
    everyone = client.get("/v1/speakers?limit=200").get_json()
    assert everyone["next"] is None
    seen, link = [], "/v1/speakers?limit=2"
    while link:
        body = client.get(link).get_json()
        seen += body["items"]
        link = body["next"]
    assert seen == everyone["items"]
    assert client.get("/v1/speakers/9999").status_code == 404
    assert client.get("/v1/speakers/9999/quotes").status_code == 404
    assert client.get("/v1/speakers?limit=-1").status_code == 422


def test_cursor_past_the_largest_id_is_422_not_500(client):
    # found by schemathesis: SQLite cannot bind an integer over 2**63 - 1, PostgreSQL's INTEGER ends at
    # 2**31 - 1 (both were 500s)
    r = client.get("/v1/speakers?cursor=223191042419391795199834553967443968&limit=128")
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert "cursor" in r.get_json()["errors"]
    assert client.get(f"/v1/speakers?cursor={2**31 - 1}").get_json() == {"items": [], "next": None}
    assert client.get(f"/v1/speakers?cursor={2**31}").status_code == 422
    assert client.get(f"/v1/speakers/{2**31}").status_code == 404
