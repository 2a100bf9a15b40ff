"""POST, GET and DELETE /v1/articles, on every configured database."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("backend")

ARTICLE = {"text": '"We will not back down," Governor Jane Smith said. "Never," the governor added.',
           "url": "https://news.example.org/a/1", "published_at": "2024-05-01"}


def test_post_stores_and_returns_quotes_and_speakers(client):
    r = client.post("/v1/articles", json=ARTICLE)
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["id"] and body["outlet"] == "news.example.org"
    assert body["published_at"].startswith("2024-05-01")
    quote = body["quotes"][0]
    assert quote["text"] == "We will not back down"
    assert ARTICLE["text"][quote["start"]:quote["end"]] == "We will not back down"
    assert quote["local_id"] == "q1" and quote["cue"]["lemma"] == "say"
    speaker_ids = {s["id"] for s in body["speakers"]}
    assert quote["speaker"]["id"] in speaker_ids
    assert client.get(f"/v1/articles/{body['id']}").get_json() == body


def test_posting_again_returns_the_stored_article(client):
    first = client.post("/v1/articles", json=ARTICLE).get_json()
    again = client.post("/v1/articles", json=ARTICLE)
    assert again.status_code == 200 and again.get_json()["id"] == first["id"]
    same_url = client.post("/v1/articles", json={**ARTICLE, "text": "Edited. " + ARTICLE["text"]})
    assert same_url.status_code == 200 and same_url.get_json()["id"] == first["id"]
    reflowed = client.post("/v1/articles", json={"text": ARTICLE["text"].replace(" ", "\n ", 3)})
    assert reflowed.status_code == 200 and reflowed.get_json()["id"] == first["id"]


def test_plain_text_body_and_explicit_outlet(client):
    r = client.post("/v1/articles", data=ARTICLE["text"], content_type="text/plain; charset=utf-8")
    assert r.status_code == 201 and r.get_json()["outlet"] is None
    r = client.post("/v1/articles", json={"text": "Other. " + ARTICLE["text"], "outlet": "Wire"})
    assert r.get_json()["outlet"] == "Wire"


@pytest.mark.parametrize(("body", "field"), [
    ({"text": "  "}, "text"),
    ({"text": "x", "published_at": "yesterday"}, "published_at"),
    ({"text": "x", "published_at": "0001-01-01T00:00:00+14:00"}, "published_at"),  # before year 1 in UTC
    ({"text": "x", "url": "ftp://example.org/a"}, "url"),
    ({"text": "x", "colour": "red"}, "colour"),
])
def test_bad_bodies_are_422_naming_the_field(client, body, field):
    r = client.post("/v1/articles", json=body)
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert field in r.get_json()["errors"]


def test_malformed_and_unsupported_bodies(client):
    assert client.post("/v1/articles", data="{", content_type="application/json").status_code == 400
    assert client.post("/v1/articles", data="x", content_type="application/xml").status_code == 415


def test_unknown_article_is_404_problem(client):
    for r in (client.get("/v1/articles/999"), client.delete("/v1/articles/999")):
        assert r.status_code == 404 and r.mimetype == "application/problem+json"


def test_delete_removes_quotes_and_silent_speakers(client, seed_articles):
    afp, rferl = (client.post("/v1/articles", json=a).get_json() for a in seed_articles)
    own = client.post("/v1/articles", json=ARTICLE).get_json()
    assert client.delete(f"/v1/articles/{own['id']}").status_code == 204
    assert client.get(f"/v1/articles/{own['id']}").status_code == 404
    for speaker in own["speakers"]:
        assert client.get(f"/v1/speakers/{speaker['id']}").status_code == 404
    assert client.delete(f"/v1/articles/{afp['id']}").status_code == 204
    putin = client.get("/v1/quotes?speaker=Putin").get_json()["items"]
    assert putin and all(q["outlets"] == ["rferl.org"] for q in putin)
    mistake = next(q for q in putin if "big mistake" in q["text"])
    assert len(mistake["sources"]) == 1 and mistake["latest_at"].startswith("2024-06-22")
    assert client.get(f"/v1/speakers/{putin[0]['speaker']['id']}").get_json()["article_count"] == 1


def test_failed_extraction_stores_nothing(app, client):
    extractor = app.extensions["extractor"]

    class Broken:
        def extract(self, text, title=None):
            raise RuntimeError("model crashed")

    app.extensions["extractor"] = Broken()
    r = client.post("/v1/articles", json=ARTICLE)
    assert r.status_code == 500 and r.mimetype == "application/problem+json"
    app.extensions["extractor"] = extractor
    assert client.get("/v1/quotes").get_json()["items"] == []
    assert client.post("/v1/articles", json=ARTICLE).status_code == 201


def test_readyz_checks_the_database(app, client):
    assert client.get("/readyz").get_json()["checks"]["database"] is True
    app.extensions["db"].engine.dispose()
    app.extensions["db"].ping = lambda: False
    app.extensions["readiness_checks"]["database"] = app.extensions["db"].ping
    assert client.get("/readyz").status_code == 503
