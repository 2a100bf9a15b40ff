"""Shared fixtures: one extractor per test session, a fresh app per test."""
from __future__ import annotations

import pytest

from service.app import create_app, get_extractor
from service.config import load_settings


@pytest.fixture(scope="session")
def extractor():
    settings = load_settings()
    return get_extractor(settings.model, settings.rules_dir)


@pytest.fixture()
def app(tmp_path, extractor):
    return create_app({"data_dir": str(tmp_path), "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def extract(extractor):
    """Extract from a text and return the JSON-ready result."""
    return lambda text, title=None: extractor.extract(text, title).to_dict()


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.json from the extractor")
