"""GET /v1/statements: the seed articles' statements, every filter, both orders, pages, JSON lines,
statement ids on stored quotes, wording differences, and statements formed again after a delete."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.usefixtures("backend")

# two short wire-style reports of one remark, quoting it in different words
MISTAKE_A = ('Minister Omar Haddad warned on Monday that cutting fuel subsidies now would be a "grave mistake" '
             "for the kingdom's economy.")
MISTAKE_B = ('Energy Minister Omar Haddad said cutting the fuel subsidies now would be a "big mistake" '
             "for the economy, according to state media.")


@pytest.fixture()
def seeded(client, seed_articles):
    return [client.post("/v1/articles", json=a).get_json() for a in seed_articles]


def statements(client, query: str = "") -> list[dict]:
    r = client.get("/v1/statements" + query)
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"]


def holding(found: list[dict], words: str) -> list[dict]:
    return [s for s in found if any(words in r["text"] for r in s["reports"])]


def test_putins_two_reports_are_one_statement(client, seeded):
    found = statements(client, "?speaker=Putin")
    rule_out = holding(found, "rule out military and technical cooperation")
    assert len(rule_out) == 1
    assert sorted(r["outlet"] for r in rule_out[0]["reports"]) == ["rferl.org", "themoscowtimes.com"]
    assert rule_out[0]["outlet_count"] == 2 and rule_out[0]["report_count"] == 2
    # what else he said stays apart: the sanctions remark is another statement
    assert holding(found, "sanctions should now be reviewed") != rule_out


def test_kims_message_is_one_statement(client, seeded):
    found = statements(client, "?speaker=Kim Hong-kyun")
    assert len(found) == 1
    texts = " | ".join(r["text"] for r in found[0]["reports"])
    assert "harm our security" in texts and "act responsibly" in texts and "negative impact" in texts
    assert found[0]["outlets"] == ["rferl.org", "themoscowtimes.com"]


def test_big_mistake_keeps_both_sources_and_the_same_words(client, seeded):
    mistake = holding(statements(client, "?speaker=Putin"), "big mistake")
    assert len(mistake) == 1
    assert [r["quoted"] for r in mistake[0]["reports"]] == [["big mistake"], ["big mistake"]]
    assert mistake[0]["wording_differs"] is False and mistake[0]["wording_differences"] == []


def test_no_statement_holds_two_different_things(client, seeded):
    ministry = statements(client, "?speaker=Foreign Ministry")
    stop_cooperation = holding(ministry, "stop military cooperation")
    responsibilities = holding(ministry, "live up to its responsibilities")
    assert stop_cooperation and responsibilities and stop_cooperation != responsibilities
    for statement in statements(client, "?limit=200"):
        speakers = {r["speaker"]["name"] for r in statement["reports"] if r["speaker"]}
        assert len(speakers) <= 1, statement


def test_every_stored_quote_has_its_statement(client, seeded):
    quotes = client.get("/v1/quotes?limit=200").get_json()["items"]
    by_id = {s["id"]: s for s in statements(client, "?limit=200")}
    assert quotes and all(q["statement_id"] in by_id for q in quotes)
    assert all(q["id"] in by_id[q["statement_id"]]["quote_ids"] for q in quotes)
    article = client.get(f"/v1/articles/{seeded[1]['id']}").get_json()
    for q in article["quotes"]:
        assert by_id[q["statement_id"]]["outlet_count"] == q["statement_outlets"]
        assert by_id[q["statement_id"]]["report_count"] == q["statement_reports"]


def test_statement_by_id_lists_its_reports(client, seeded):
    first = holding(statements(client, "?speaker=Putin"), "rule out")[0]
    body = client.get(f"/v1/statements/{first['id']}").get_json()
    assert body == first
    report = body["reports"][0]
    assert {"outlet", "article_id", "published_at", "type", "text", "quoted", "quote_id"} <= set(report)
    assert client.get("/v1/statements/999999").status_code == 404


def test_different_words_for_one_passage_are_flagged_side_by_side(client):
    for text, outlet, day in ((MISTAKE_A, "gulfwire.example", "2024-03-04"),
                              (MISTAKE_B, "statemedia.example", "2024-03-05")):
        body = {"text": text, "outlet": outlet, "published_at": day}
        assert client.post("/v1/articles", json=body).status_code == 201
    flagged = statements(client, "?wording_differs=true")
    assert len(flagged) == 1 and flagged[0]["report_count"] == 2
    wordings = flagged[0]["wording_differences"][0]["wordings"]
    assert sorted(w["words"] for w in wordings) == ["big mistake", "grave mistake"]
    assert {w["outlet"] for w in wordings} == {"gulfwire.example", "statemedia.example"}
    assert all(not s["wording_differs"] for s in statements(client, "?wording_differs=false"))


def test_reports_further_apart_than_the_window_stay_apart(client):
    for text, day in ((MISTAKE_A, "2024-03-04"), (MISTAKE_B, "2024-04-20")):
        client.post("/v1/articles", json={"text": text, "published_at": day})
    assert len(holding(statements(client, "?speaker=Haddad"), "mistake")) == 2


@pytest.mark.parametrize(("query", "check"), [
    ("?outlet=rferl.org", lambda s: "rferl.org" in s["outlets"]),
    ("?q=mistake", lambda s: any("mistake" in r["text"] for r in s["reports"])),
    ("?type=direct", lambda s: "direct" in s["types"]),
    ("?organization=ministry", lambda s: s["speaker"] is not None),
    ("?since=2024-06-22", lambda s: s["latest_at"] >= "2024-06-22"),
    ("?until=2024-06-21", lambda s: "themoscowtimes.com" in s["outlets"]),
])
def test_filters(client, seeded, query, check):
    found = statements(client, query)
    assert found and all(check(s) for s in found), query


def test_sort_by_outlets_puts_the_most_reported_first_and_pages_cover_everything(client, seeded):
    everything = statements(client, "?sort=outlets&limit=200")
    counts = [s["outlet_count"] for s in everything]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2
    seen, link = [], "/v1/statements?sort=outlets&limit=3"
    while link:
        body = client.get(link).get_json()
        seen += body["items"]
        link = body["next"]
    assert [s["id"] for s in seen] == [s["id"] for s in everything]
    newest = statements(client, "?limit=200")
    assert [s["latest_at"] for s in newest] == sorted((s["latest_at"] for s in newest), reverse=True)


def test_jsonl_streams_every_match(client, seeded):
    r = client.get("/v1/statements?format=jsonl&speaker=Putin")
    assert r.status_code == 200 and r.mimetype == "application/x-ndjson"
    assert [json.loads(line) for line in r.get_data(as_text=True).splitlines()] == statements(client, "?speaker=Putin")


@pytest.mark.parametrize(("query", "field"), [
    ("?sort=loudest", "sort"), ("?wording_differs=perhaps", "wording_differs"), ("?cursor=bogus", "cursor"),
    ("?limit=0", "limit"), ("?since=2024-06-22&until=2024-06-21", "since"),
])
def test_bad_arguments_are_422_naming_the_field(client, query, field):
    r = client.get("/v1/statements" + query)
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert field in r.get_json()["errors"]


def test_a_cursor_of_the_other_order_is_refused(client, seeded):
    link = client.get("/v1/statements?limit=1").get_json()["next"]
    cursor = link.split("cursor=")[1]
    assert client.get(f"/v1/statements?sort=outlets&cursor={cursor}").status_code == 422


def test_deleting_an_article_forms_its_statements_again(client, seeded):
    afp, rferl = seeded
    assert client.delete(f"/v1/articles/{afp['id']}").status_code == 204
    kim = statements(client, "?speaker=Kim Hong-kyun")
    # without the AFP quote that covered both, the RFERL reports no longer hold together as one
    assert len(kim) == 2 and all(s["outlets"] == ["rferl.org"] for s in kim)
    together = holding(kim, "act responsibly")[0]
    assert len(together["reports"]) == 2 and holding(kim, "endangers")[0] == together  # one sentence, one act
    assert all(s["report_count"] == len(s["reports"]) and s["outlet_count"] == 1 for s in statements(client))
    assert client.delete(f"/v1/articles/{rferl['id']}").status_code == 204
    assert statements(client) == []
