"""The dashboard as served: local assets only, no inline code, the vendored Chart.js as recorded."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "service" / "web" / "static" / "vendor" / "chart.js"


def test_dashboard_is_served_under_the_strict_policy(client):
    r = client.get("/dashboard")
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    page = r.get_data(as_text=True)
    for name in ("data-stats=\"/v1/stats\"", 'id="filters"', 'id="chart-affiliation"', 'id="chart-timeline"',
                 'id="chart-gender"', 'id="chart-speakers"', 'id="statement-list"'):
        assert name in page


def test_dashboard_needs_no_cdn_and_no_inline_code(client):
    page = client.get("/dashboard").get_data(as_text=True)
    assert "http://" not in page and "https://" not in page
    assert " style=" not in page and "<style" not in page
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"\son[a-z]+=", page), "inline event handlers break a strict CSP"


def test_dashboard_assets_are_served_locally(client):
    page = client.get("/dashboard").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="(/web/static/[^"]+)"', page)
    assert {a.rsplit("/", 1)[1] for a in assets} == {"favicon.svg", "demo.css", "dashboard.css",
                                                     "chart.umd.min.js", "main.js"}
    modules = {"api.js", "charts.js", "lists.js", "shape.js"}
    for asset in assets + [f"/web/static/dashboard/{m}" for m in modules]:
        r = client.get(asset)
        assert r.status_code == 200, asset
        r.close()


def test_vendored_chart_js_is_the_recorded_build_with_its_licence():
    recorded = dict(line.split(": ", 1) for line in (VENDOR / "VERSION").read_text().splitlines() if ": " in line)
    built = (VENDOR / "chart.umd.min.js").read_bytes()
    assert hashlib.sha256(built).hexdigest() == recorded["sha256"]
    version = (VENDOR / "VERSION").read_text().split()[1]
    assert built.startswith(b"/*!\n * Chart.js v" + version.encode() + b"\n")
    assert "MIT License" in (VENDOR / "LICENSE.md").read_text()


def test_dashboard_is_not_in_the_openapi_document(client):
    assert "/dashboard" not in client.get("/openapi.json").get_json()["paths"]
