"""Security behaviour of the HTTP layer: headers, optional API keys, CORS, no debug, no secrets in logs."""
from __future__ import annotations

import pytest

from service.app import create_app

ARTICLE = '"We will not back down," the governor said on Tuesday.'
KEYS = "first-key-0123456789,second-key-abcdef"


@pytest.fixture()
def make_client(tmp_path, extractor):
    def make(**config):
        return create_app({"data_dir": str(tmp_path), "TESTING": True, **config}).test_client()
    return make


def test_nosniff_on_every_response(client):
    for response in (client.get("/healthz"), client.post("/v1/extract", json={"text": ARTICLE}),
                     client.get("/v1/nothing"), client.get("/openapi.json")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_docs_page_has_a_strict_csp_and_no_inline_script(client):
    r = client.get("/docs")
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    page = r.get_data(as_text=True)
    # every <script> has a src: nothing inline for the policy to block
    assert page.count("<script") == page.count("<script src=") == 3
    init = client.get("/static/docs/init.js")
    assert init.status_code == 200 and b"SwaggerUIBundle" in init.data
    init.close()


def test_json_answers_carry_no_csp_but_nosniff(client):
    r = client.post("/v1/extract", json={"text": ARTICLE})
    assert "Content-Security-Policy" not in r.headers


def test_api_open_without_keys(client):
    assert client.post("/v1/extract", json={"text": ARTICLE}).status_code == 200


@pytest.mark.parametrize("header", [None, "Bearer wrong-key", "Basic Zmlyc3Qta2V5", "Bearer ", "first-key-0123456789"])
def test_missing_or_wrong_key_is_401_problem(make_client, header):
    client = make_client(api_keys=KEYS)
    headers = {"Authorization": header} if header is not None else {}
    r = client.post("/v1/extract", json={"text": ARTICLE}, headers=headers)
    assert r.status_code == 401 and r.mimetype == "application/problem+json"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert r.get_json()["status"] == 401


@pytest.mark.parametrize("key", ["first-key-0123456789", "second-key-abcdef"])
def test_each_configured_key_is_accepted(make_client, key):
    client = make_client(api_keys=KEYS)
    r = client.post("/v1/extract", json={"text": ARTICLE}, headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200


def test_auth_runs_before_the_body_is_read(make_client):
    client = make_client(api_keys=KEYS)
    assert client.post("/v1/extract", data="{bad", content_type="application/json").status_code == 401


def test_probes_and_docs_stay_public_with_keys(make_client):
    client = make_client(api_keys=KEYS)
    for path in ("/healthz", "/readyz", "/openapi.json", "/docs", "/static/docs/init.js"):
        r = client.get(path)
        assert r.status_code == 200, path
        r.close()
    assert client.get("/v1/nothing").status_code == 401  # unknown paths are not revealed either


def test_openapi_declares_bearer_only_when_keys_are_set(make_client, client):
    assert "security" not in client.get("/openapi.json").get_json()
    spec = make_client(api_keys=KEYS).get("/openapi.json").get_json()
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert spec["paths"]["/healthz"]["get"]["security"] == []


def test_key_never_logged(make_client, caplog):
    caplog.set_level("DEBUG")
    client = make_client(api_keys=KEYS)
    client.post("/v1/extract", json={"text": ARTICLE}, headers={"Authorization": "Bearer first-key-0123456789"})
    client.post("/v1/extract", json={"text": ARTICLE}, headers={"Authorization": "Bearer guessed-key"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "first-key" not in logged and "guessed-key" not in logged and "governor" not in logged


def test_settings_repr_hides_secrets():
    from service.config import load_settings
    settings = load_settings({"DATABASE_URL": "postgresql://quotes:s3cret-pw@db/quotes", "QUOTES_API_KEYS": "k-abc"})
    assert settings.resolved_database_url.endswith("@db/quotes")
    assert "s3cret-pw" not in repr(settings) and "k-abc" not in repr(settings)
    assert settings.api_key_list == ("k-abc",)


def test_cors_off_by_default(client):
    r = client.post("/v1/extract", json={"text": ARTICLE}, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in r.headers


def test_cors_allows_only_configured_origins(make_client):
    client = make_client(cors_origins="https://newsroom.example, https://desk.example/")
    ok = client.post("/v1/extract", json={"text": ARTICLE}, headers={"Origin": "https://desk.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://desk.example"
    assert "Origin" in ok.headers["Vary"]
    other = client.post("/v1/extract", json={"text": ARTICLE}, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_cors_preflight_needs_no_key(make_client):
    client = make_client(cors_origins="https://newsroom.example", api_keys=KEYS)
    r = client.options("/v1/extract", headers={"Origin": "https://newsroom.example",
                                              "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "authorization, content-type"})
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in r.headers["Access-Control-Allow-Headers"]


def test_no_debug_even_with_flask_debug_in_environment(monkeypatch, tmp_path, extractor):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app({"data_dir": str(tmp_path)})
    assert app.debug is False


def test_gunicorn_config_has_no_reload_and_a_writable_tmp_dir():
    import runpy
    from pathlib import Path
    conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert conf.get("reload", False) is False
    assert conf["worker_tmp_dir"] == "/dev/shm"
