"""Migrations: an empty database upgrades to head with every table; upgrading again keeps data."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from service.store import migrate
from service.store.models import Base
from tests.conftest import TEST_DATABASE_URL, reset_postgres


@pytest.fixture()
def database_url(backend, tmp_path):
    if backend == "postgresql":
        reset_postgres(TEST_DATABASE_URL)
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path / 'fresh' / 'quotes.db'}"  # the folder does not exist yet


def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_empty_database_upgrades_to_head(database_url):
    assert migrate.current_revision(database_url) is None
    migrate.upgrade(database_url)
    assert migrate.current_revision(database_url) == migrate.head_revision()
    tables = table_names(database_url)
    assert set(Base.metadata.tables) <= tables and "alembic_version" in tables
    if database_url.startswith("sqlite"):
        assert "quotes_fts" in tables


def test_upgrade_again_keeps_data_and_downgrade_round_trips(database_url):
    migrate.upgrade(database_url)
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO speakers (name, kind, name_key, created_at) "
                          "VALUES ('Ann Lee', 'person', 'ann lee', CURRENT_TIMESTAMP)"))
    migrate.upgrade(database_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM speakers")).scalar_one() == "Ann Lee"
    engine.dispose()
    migrate.downgrade(database_url, "base")
    assert not set(Base.metadata.tables) & table_names(database_url)
    migrate.upgrade(database_url)
    assert migrate.current_revision(database_url) == migrate.head_revision()


def test_sqlite_default_is_wal(app):
    with app.extensions["db"].engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
