"""The demo page as served: local assets only, no inline code, the sample article, not in the API spec."""
from __future__ import annotations

import re

from service.web.routes import sample_article


def test_index_serves_the_page_with_the_sample_article(client):
    r = client.get("/")
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and r.mimetype == "text/html"
    headline, body = sample_article()
    assert 'id="article-text"' in page and 'id="extract-button"' in page
    assert body.splitlines()[0].replace('"', "&#34;") in page
    assert headline in page


def test_page_needs_no_cdn_and_no_inline_code(client):
    page = client.get("/").get_data(as_text=True)
    assert "http://" not in page and "https://" not in page
    assert " style=" not in page and "<style" not in page
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"\son[a-z]+=", page), "inline event handlers break a strict CSP"


def test_page_assets_are_served_locally(client):
    page = client.get("/").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="(/web/static/[^"]+)"', page)
    assert {a.rsplit("/", 1)[1] for a in assets} == {"demo.css", "demo.js", "favicon.svg"}
    for asset in assets:
        r = client.get(asset)
        assert r.status_code == 200
        r.close()


def test_page_calls_the_public_endpoint(client):
    page = client.get("/").get_data(as_text=True)
    assert 'data-endpoint="/v1/extract"' in page


def test_page_is_not_in_the_openapi_document(client):
    assert "/" not in client.get("/openapi.json").get_json()["paths"]


def test_sample_article_has_quotes_from_several_speakers(extract):
    headline, body = sample_article()
    result = extract(body, headline)
    assert {q["type"] for q in result["quotes"]} == {"direct", "mixed", "indirect"}
    assert len(result["speakers"]) >= 3
