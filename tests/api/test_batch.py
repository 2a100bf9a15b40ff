"""POST /v1/extract/batch: results in order with their ids, one error per bad document."""
from __future__ import annotations

import pytest

from service.extraction.parallel import Failure

from .test_extract import ARTICLE, assert_problem

URL = "/v1/extract/batch"
OTHER = 'The mayor said the budget would pass. "It is a good day," she added.'


def docs(n):
    return [{"id": f"d{k}", "text": ARTICLE if k % 2 else OTHER} for k in range(n)]


def test_results_keep_order_and_ids(client, extract):
    r = client.post(URL, json={"documents": docs(5)})
    assert r.status_code == 200
    body = r.get_json()
    assert [e["id"] for e in body["results"]] == ["d0", "d1", "d2", "d3", "d4"]
    assert body["meta"]["documents"] == 5 and body["meta"]["failed"] == 0
    for doc, result in zip(docs(5), body["results"], strict=True):
        assert set(result) == {"id", "quotes", "speakers", "meta"}
        assert [q["text"] for q in result["quotes"]] == [q["text"] for q in extract(doc["text"])["quotes"]]


def test_title_and_metadata_fields_are_accepted(client):
    documents = [{"id": "t", "text": ARTICLE, "title": '"We will win," Putin said', "url": "https://x.test/a",
                  "published_at": "2024-05-01"}]
    result = client.post(URL, json={"documents": documents}).get_json()["results"][0]
    assert {q["field"] for q in result["quotes"]} == {"text", "title"}


@pytest.mark.parametrize("bad, status", [
    ({"id": "bad", "text": "   "}, 422),
    ({"id": "bad", "text": ARTICLE, "colour": "red"}, 422),
    ({"id": "bad", "text": ARTICLE, "published_at": "yesterday"}, 422),
    ({"id": "bad"}, 422),
])
def test_a_bad_document_gets_its_own_error(client, bad, status):
    documents = docs(2) + [bad] + docs(1)
    documents[-1]["id"] = "last"
    r = client.post(URL, json={"documents": documents})
    assert r.status_code == 200
    results = r.get_json()["results"]
    assert [e["id"] for e in results] == ["d0", "d1", "bad", "last"]
    error = results[2]["error"]
    assert error["status"] == status and error["title"] and error["type"]
    assert all("quotes" in results[k] for k in (0, 1, 3))
    assert r.get_json()["meta"]["failed"] == 1


def test_a_document_over_the_limit_is_413_in_its_entry(tmp_path, extractor):
    from service.app import create_app
    limit = len(ARTICLE) + 4
    client = create_app({"max_text_chars": limit, "data_dir": str(tmp_path)}).test_client()
    r = client.post(URL, json={"documents": [{"id": "long", "text": "a " * limit}, {"id": "ok", "text": ARTICLE}]})
    results = r.get_json()["results"]
    assert results[0]["error"]["status"] == 413 and "quotes" in results[1]


def test_a_batch_over_the_total_limit_is_413(tmp_path, extractor):
    from service.app import create_app
    limit = len(ARTICLE) + 4
    client = create_app({"max_text_chars": limit, "data_dir": str(tmp_path)}).test_client()
    documents = [{"id": str(k), "text": ARTICLE} for k in range(3)]  # 3 x len(ARTICLE) > 2 x limit
    assert_problem(client.post(URL, json={"documents": documents}), 413)


def test_an_extraction_failure_stays_in_its_entry(client, app, monkeypatch):
    import service.api.batch.routes as routes
    real = routes.extract_all
    monkeypatch.setattr(routes, "extract_all",
                        lambda ex, articles: [Failure("boom")] + real(ex, articles[1:]))
    results = client.post(URL, json={"documents": docs(3)}).get_json()["results"]
    assert results[0]["error"]["status"] == 500 and "boom" not in str(results[0])
    assert "quotes" in results[1] and "quotes" in results[2]


@pytest.mark.parametrize("payload", [
    {"documents": []},
    {"documents": docs(65)},
    {"documents": [{"id": "x", "text": ARTICLE}, {"id": "x", "text": OTHER}]},
    {"documents": [{"text": ARTICLE}]},
    {"documents": ["just text"]},
    {"documents": "nope"},
    {},
    {"documents": docs(1), "extra": 1},
])
def test_unusable_batches_are_422(client, payload):
    body = assert_problem(client.post(URL, json=payload), 422)
    assert "documents" in body["errors"] or "extra" in body["errors"]


def test_sixty_four_documents_are_fine(client):
    r = client.post(URL, json={"documents": [{"id": str(k), "text": "The minister said taxes would rise."}
                                             for k in range(64)]})
    assert r.status_code == 200 and len(r.get_json()["results"]) == 64


def test_plain_text_is_415(client):
    assert_problem(client.post(URL, data=ARTICLE, content_type="text/plain"), 415)
