"""GET /v1/quotes: the seed articles' scenario, every filter, pages and the JSON-lines export."""
from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture()
def seeded(client, seed_articles):
    return [client.post("/v1/articles", json=a).get_json() for a in seed_articles]


def token(stamp: str, quote_id: object) -> str:
    """A cursor as the service encodes one, with fields it would never issue."""
    return base64.urlsafe_b64encode(json.dumps([stamp, quote_id]).encode()).decode().rstrip("=")


def quotes(client, query: str = "") -> list[dict]:
    r = client.get("/v1/quotes" + query)
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"]


def test_putin_is_one_speaker_quoted_by_both_outlets(client, seed_articles):
    for article in seed_articles:
        assert client.post("/v1/articles", json=article).status_code == 201
    found = quotes(client, "?speaker=Putin")
    assert {q["speaker"]["name"] for q in found} == {"Vladimir Putin"}
    assert len({q["speaker"]["id"] for q in found}) == 1
    assert {o for q in found for o in q["outlets"]} == {"themoscowtimes.com", "rferl.org"}
    mistake = [q for q in found if "big mistake" in q["text"]]
    assert len(mistake) == 1
    assert sorted(s["outlet"] for s in mistake[0]["sources"]) == ["rferl.org", "themoscowtimes.com"]
    speakers = client.get("/v1/speakers?q=putin").get_json()["items"]
    assert [s["name"] for s in speakers] == ["Vladimir Putin"] and speakers[0]["article_count"] == 2


def test_sources_keep_each_articles_offsets(client, seeded, seed_articles):
    mistake = next(q for q in quotes(client, "?q=mistake"))
    texts = {stored["id"]: article["text"] for stored, article in zip(seeded, seed_articles, strict=True)}
    assert len(mistake["sources"]) == 2
    for source in mistake["sources"]:
        assert "big mistake" in texts[source["article_id"]][source["start"]:source["end"]]


def test_kims_stay_apart(client, seeded):
    names = {s["name"] for s in client.get("/v1/speakers?q=kim").get_json()["items"]}
    assert "Kim Hong-kyun" in names and "Kim Jong Un" not in names  # Kim Jong Un is never quoted
    assert all(q["speaker"]["name"] == "Kim Hong-kyun" for q in quotes(client, "?speaker=Kim Hong-kyun"))


def test_newest_first_and_date_filters(client, seeded):
    found = quotes(client)
    assert [q["latest_at"] for q in found] == sorted((q["latest_at"] for q in found), reverse=True)
    only_afp = quotes(client, "?until=2024-06-21")
    assert only_afp and all("themoscowtimes.com" in q["outlets"] for q in only_afp)
    assert quotes(client, "?since=2024-06-22&outlet=themoscowtimes.com") == []
    assert quotes(client, "?since=2024-06-23") == []
    assert len(quotes(client, "?since=2024-06-21T00:00:00Z")) == len(found)


@pytest.mark.parametrize(("query", "check"), [
    ("?type=direct", lambda q: "direct" in q["types"]),
    ("?outlet=rferl.org", lambda q: "rferl.org" in q["outlets"]),
    ("?q=sanctions", lambda q: "sanction" in q["text"].lower()),
    ("?q=Security%20Council", lambda q: "security council" in q["text"].lower()),
    ("?speaker=foreign%20ministry&type=indirect", lambda q: "indirect" in q["types"]),
])
def test_filters(client, seeded, query, check):
    found = quotes(client, query)
    assert found and all(check(q) for q in found), query


def test_organisation_filter_finds_the_body_and_the_people_of_it(client, seeded):
    found = quotes(client, "?organization=ministry")
    assert found
    for q in found:
        speaker = client.get(f"/v1/speakers/{q['speaker']['id']}").get_json()
        organisations = " ".join(o["value"] for o in speaker["organizations"]).lower()
        assert "ministry" in speaker["name"].lower() or "ministry" in organisations


def test_speaker_by_id(client, seeded):
    putin = quotes(client, "?speaker=Putin")
    speaker_id = putin[0]["speaker"]["id"]
    assert quotes(client, f"?speaker={speaker_id}") == putin


def test_cursor_pages_cover_everything_once(client, seeded):
    everything = quotes(client, "?limit=200")
    seen, link = [], "/v1/quotes?limit=3&type=indirect"
    while link:
        body = client.get(link).get_json()
        seen += body["items"]
        link = body["next"]
        assert not link or "type=indirect" in link
    assert [q["id"] for q in seen] == [q["id"] for q in everything if "indirect" in q["types"]]


@pytest.mark.parametrize(("query", "field"), [
    ("?since=yesterday", "since"), ("?until=2024-13-01", "until"), ("?type=sarcastic", "type"),
    ("?limit=0", "limit"), ("?limit=201", "limit"), ("?limit=ten", "limit"), ("?cursor=bogus", "cursor"),
    ("?format=xml", "format"), ("?since=2024-06-22&until=2024-06-21", "since"),
    # valid ISO strings whose UTC instant falls outside datetime's years 1 to 9999
    ("?since=0001-01-01T00:00:00%2B14:00", "since"), ("?until=9999-12-31T23:00:00-14:00", "until"),
    # cursors this service never issues: an id SQLite cannot bind, a bool, a date that overflows in UTC
    ("?cursor=" + token("2024-06-21T00:00:00+00:00", 2**64), "cursor"),
    ("?cursor=" + token("2024-06-21T00:00:00+00:00", True), "cursor"),
    ("?cursor=" + token("0001-01-01T00:00:00+14:00", 1), "cursor"),
])
def test_bad_filters_are_422_naming_the_field(client, query, field):
    r = client.get("/v1/quotes" + query)
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert field in r.get_json()["errors"]


@pytest.mark.parametrize("speaker", ["²", "1²", "2147483648", "9223372036854775808", "99999999999999999999999"])
def test_speaker_that_names_no_stored_id_finds_nothing(client, seeded, speaker):
    # "²".isdigit() is true but int() refuses it, and the databases refuse ids past their integer range:
    # all were 500s
    assert quotes(client, f"?speaker={quote(speaker)}") == []
    r = client.get(f"/v1/quotes?speaker={quote(speaker)}&format=jsonl")
    assert r.status_code == 200 and r.get_data(as_text=True) == ""


def test_jsonl_export_streams_every_match(client, seeded):
    r = client.get("/v1/quotes?format=jsonl&speaker=Putin")
    assert r.status_code == 200 and r.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in r.get_data(as_text=True).splitlines()]
    assert lines == quotes(client, "?speaker=Putin")


def test_quote_by_id(client, seeded):
    first = quotes(client)[0]
    assert client.get(f"/v1/quotes/{first['id']}").get_json() == first
    assert client.get("/v1/quotes/99999").status_code == 404
