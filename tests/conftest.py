"""Shared fixtures: one extractor per test session, a fresh app (and database) per test.

Tests that use the ``backend`` fixture run once on SQLite and, when TEST_DATABASE_URL names a
PostgreSQL database, once more on it (its schema dropped and migrated afresh for each test).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from service.app import create_app, get_extractor
from service.config import load_settings

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
GOLDEN_ARTICLES = Path(__file__).parent / "golden" / "articles"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=[
    pytest.mark.postgres, pytest.mark.skipif(not TEST_DATABASE_URL, reason="TEST_DATABASE_URL is not set")])]


@pytest.fixture(scope="session")
def extractor():
    settings = load_settings()
    return get_extractor(settings.model, settings.rules_dir)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


def reset_postgres(url: str) -> None:
    """An empty public schema, so each test migrates from nothing like a new install."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def app_config(request, tmp_path) -> dict:
    # the environment's DATABASE_URL must not leak into tests: each test gets its own database
    config = {"data_dir": str(tmp_path), "database_url": "", "auto_migrate": "", "TESTING": True}
    if "backend" in request.fixturenames and request.getfixturevalue("backend") == "postgresql":
        reset_postgres(TEST_DATABASE_URL)
        config.update(database_url=TEST_DATABASE_URL, auto_migrate="true")
    return config


@pytest.fixture()
def app(request, tmp_path, extractor):
    app = create_app(app_config(request, tmp_path))
    yield app
    app.extensions["db"].dispose()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def extract(extractor):
    """Extract from a text and return the JSON-ready result."""
    return lambda text, title=None: extractor.extract(text, title).to_dict()


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.json from the extractor")


@pytest.fixture(scope="session")
def seed_articles() -> list[dict]:
    """The two reports of Seoul summoning Russia's envoy, as POST /v1/articles bodies."""
    return [
        {"text": (GOLDEN_ARTICLES / "seoul-summons-envoy-afp.txt").read_text(encoding="utf-8"),
         "url": "https://www.themoscowtimes.com/2024/06/21/seoul-summons-russian-envoy-a85471",
         "published_at": "2024-06-21T10:00:00Z"},
        {"text": (GOLDEN_ARTICLES / "seoul-summons-envoy-rferl.txt").read_text(encoding="utf-8"),
         "title": "South Korea Summons Russian Envoy Over Defense Deal With Pyongyang",
         "url": "https://www.rferl.org/a/south-korea-summons-russian-envoy/32914212.html",
         "published_at": "2024-06-22"},
    ]
