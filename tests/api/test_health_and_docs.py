"""Probes, the OpenAPI document and the air-gapped docs page."""
from __future__ import annotations

import re

from openapi_spec_validator import validate


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_readyz_reports_the_model(client):
    body = client.get("/readyz").get_json()
    assert body["status"] == "ready" and body["checks"]["model"] is True


def test_readyz_is_503_when_a_check_fails(app):
    app.extensions["readiness_checks"]["model"] = lambda: False
    r = app.test_client().get("/readyz")
    assert r.status_code == 503 and r.mimetype == "application/problem+json"


def test_openapi_document_validates_and_lists_every_route(app, client):
    spec = client.get("/openapi.json").get_json()
    validate(spec)
    documented = {path for path in spec["paths"]}
    served = {re.sub(r"<(?:[^:>]+:)?(\w+)>", r"{\1}", rule.rule) for rule in app.url_map.iter_rules()
              if rule.endpoint.split(".")[0] not in ("static", "api-docs", "swagger_assets", "web")}
    assert served <= documented, served - documented


def test_docs_page_needs_no_cdn(client):
    page = client.get("/docs").get_data(as_text=True)
    assert "swagger-ui-bundle.js" in page and "http://" not in page and "https://" not in page
    asset = client.get("/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()  # send_from_directory streams the file
