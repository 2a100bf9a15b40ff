"""deploy/: the Compose file, the Kubernetes manifests and the proxy's configuration agree with
the service they run (its settings, probes and body limit)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from service.config import ENV_NAMES, load_settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SERVICE_ENV = set(ENV_NAMES.values()) | {"WEB_CONCURRENCY", "QUOTES_BIND"}


def documents(name: str) -> list[dict]:
    return [d for d in yaml.safe_load_all((DEPLOY / "kubernetes" / name).read_text()) if d]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def api_pod() -> dict:
    deployment = next(d for d in documents("api.yaml") if d["kind"] == "Deployment")
    return deployment["spec"]["template"]["spec"]


def test_compose_runs_two_replicas_behind_the_proxy_after_the_migration(compose):
    services = compose["services"]
    replicas = [name for name, s in services.items() if s.get("image") == services["migrate"]["image"]
                and name != "migrate"]
    assert len(replicas) >= 2
    for name in replicas:
        s = services[name]
        assert s["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "api" in s["networks"]["default"]["aliases"]
        assert s["environment"]["QUOTES_AUTO_MIGRATE"] == "false"
        assert set(s["environment"]) <= SERVICE_ENV
        assert "/readyz" in " ".join(s["healthcheck"]["test"])
        assert "ports" not in s  # only the proxy is published
    assert services["migrate"]["command"][-2:] == ["db", "upgrade"]


def test_kubernetes_probes_hit_the_service_endpoints(api_pod, app):
    (container,) = api_pod["containers"]
    routes = {rule.rule for rule in app.url_map.iter_rules()}
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert {"/readyz", "/healthz"} <= routes
    assert {e["name"] for e in container["env"]} <= SERVICE_ENV
    assert api_pod["initContainers"][0]["command"][-1].startswith("until python -m service db current")


def test_memory_request_covers_the_measured_footprint(api_pod):
    # make bench, measure 4: PSS of gunicorn's master and 2 workers after 30 s of load, at most 450 MiB
    memory = api_pod["containers"][0]["resources"]["requests"]["memory"]
    assert memory.endswith("Mi") and int(memory[:-2]) >= 450


def test_the_proxy_lets_the_largest_accepted_body_through():
    conf = (DEPLOY / "proxy" / "nginx.conf").read_text()
    limit = re.search(r"client_max_body_size (\d+)m;", conf)
    assert limit and int(limit.group(1)) * 1024 * 1024 >= load_settings().max_body_bytes
    assert re.search(r"proxy_request_buffering on;", conf) and re.search(r"proxy_buffering on;", conf)
    assert "non_idempotent" in conf  # a dead replica's POST goes to the next one: ingest is idempotent


def test_the_service_image_carries_no_pyspark():
    root = DEPLOY.parent
    installs = re.findall(r"pip install (.+)", (root / "Dockerfile").read_text())
    assert installs == ["-r requirements.txt"]
    assert "pyspark" not in (root / "requirements.txt").read_text().lower()
