"""POST /v1/extract through the Flask test client: answers and every error status."""
from __future__ import annotations

import pytest

ARTICLE = ('Governor Ann Lee met lawmakers. "We will not back down," the governor said on Tuesday. '
           'Lawmakers said the vote was delayed.')
PROBLEM = "application/problem+json"


def assert_problem(response, status):
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["type"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def test_extract_json_returns_contract_fields(client):
    r = client.post("/v1/extract", json={"text": ARTICLE})
    assert r.status_code == 200
    body = r.get_json()
    assert set(body) == {"quotes", "speakers", "meta"}
    q = body["quotes"][0]
    for key in ("id", "text", "type", "start", "end", "cue", "speaker", "via", "confidence", "field", "rule"):
        assert key in q
    assert q["text"] == "We will not back down"
    assert ARTICLE[q["start"]:q["end"]] == q["text"]
    assert q["type"] == "direct" and q["cue"]["lemma"] == "say"
    assert q["speaker"]["mention"] == "the governor" and q["speaker"]["kind"] == "person"
    assert q["speaker"]["name"] == "Ann Lee" and q["speaker"]["resolved_by"] == "description"
    assert body["speakers"][0]["name"] == "Ann Lee" and body["speakers"][0]["quote_ids"] == ["q1"]
    assert body["speakers"][0]["titles"] == ["Governor"] and body["speakers"][0]["affiliation"] == "government"
    assert body["meta"]["model"] and body["meta"]["version"]


def test_extract_plain_text_body(client):
    r = client.post("/v1/extract", data=ARTICLE.encode(), content_type="text/plain; charset=utf-8")
    assert r.status_code == 200
    assert r.get_json()["quotes"][0]["text"] == "We will not back down"


def test_plain_text_in_latin1_charset(client):
    text = '"Café prices are up," the owner said.'
    r = client.post("/v1/extract", data=text.encode("latin-1"), content_type="text/plain; charset=latin-1")
    assert r.status_code == 200
    assert r.get_json()["quotes"][0]["text"] == "Café prices are up"


def test_title_quotes_carry_their_field(client):
    r = client.post("/v1/extract", json={"text": ARTICLE, "title": '"We will win," Putin said'})
    fields = {q["field"] for q in r.get_json()["quotes"]}
    assert fields == {"text", "title"}
    title_quote = next(q for q in r.get_json()["quotes"] if q["field"] == "title")
    assert '"We will win," Putin said'[title_quote["start"]:title_quote["end"]] == "We will win"


def test_malformed_json_is_400(client):
    assert_problem(client.post("/v1/extract", data="{bad", content_type="application/json"), 400)


def test_duplicate_keys_are_400(client):
    assert_problem(client.post("/v1/extract", data='{"text": "a", "text": "b"}', content_type="application/json"), 400)


def test_deeply_nested_json_is_400(client):
    body = "[" * 10000 + "]" * 10000
    assert_problem(client.post("/v1/extract", data=body, content_type="application/json"), 400)


def test_other_media_type_is_415(client):
    assert_problem(client.post("/v1/extract", data="<p>x</p>", content_type="text/html"), 415)


@pytest.mark.parametrize("payload, field", [
    ({}, "text"),
    ({"text": ""}, "text"),
    ({"text": "   \n "}, "text"),
    ({"text": 42}, "text"),
    ({"text": {"a": 1}}, "text"),
    ({"text": "ok", "colour": "red"}, "colour"),
    ({"text": "ok", "published_at": "yesterday"}, "published_at"),
])
def test_validation_errors_are_422_and_name_the_field(client, payload, field):
    body = assert_problem(client.post("/v1/extract", json=payload), 422)
    assert field in body["errors"]


@pytest.mark.parametrize("payload", [[1, 2], "text", None])
def test_body_that_is_not_an_object_is_422(client, payload):
    import json
    assert_problem(client.post("/v1/extract", data=json.dumps(payload), content_type="application/json"), 422)


def test_text_over_the_limit_is_413_and_at_the_limit_is_fine(tmp_path, extractor):
    from service.app import create_app
    client = create_app({"max_text_chars": 50, "data_dir": str(tmp_path)}).test_client()
    assert client.post("/v1/extract", json={"text": "a" * 50}).status_code == 200
    assert_problem(client.post("/v1/extract", json={"text": "a" * 51}), 413)


def test_body_over_the_byte_cap_is_413_before_parsing(tmp_path, extractor):
    from service.app import create_app
    client = create_app({"max_text_chars": 10, "data_dir": str(tmp_path)}).test_client()
    assert_problem(client.post("/v1/extract", data=b"x" * 200_000, content_type="text/plain"), 413)


def test_unknown_path_is_404_problem(client):
    assert_problem(client.get("/v1/nothing"), 404)


def test_wrong_method_is_405_with_allow(client):
    r = client.get("/v1/extract")
    assert_problem(r, 405)
    assert "POST" in r.headers["Allow"]


def test_unexpected_error_is_a_500_problem_without_trace(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production, where TESTING is off
    app.extensions["extractor"] = None  # the route will fail calling it
    body = assert_problem(app.test_client().post("/v1/extract", json={"text": ARTICLE}), 500)
    assert "NoneType" not in body.get("detail", "")


def test_request_log_has_no_article_text(client, caplog):
    caplog.set_level("INFO", logger="service.requests")
    client.post("/v1/extract", json={"text": ARTICLE})
    line = caplog.records[-1].getMessage()
    assert '"status": 200' in line and '"chars": ' in line and "governor" not in line
