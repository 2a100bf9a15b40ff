"""Migrations: an empty database upgrades to head with every table; upgrading again keeps data."""
from __future__ import annotations

import json

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


def _store_before_statements(conn) -> None:
    """Two outlets' reports of one remark and an unrelated one, stored as revision 0002 stored them."""
    conn.execute(text("INSERT INTO speakers (id, name, kind, name_key, created_at) VALUES "
                      "(1, 'Omar Haddad', 'person', 'omar haddad', CURRENT_TIMESTAMP)"))
    articles = [
        (1, "a" * 64, 'Omar Haddad said Riyadh would cut crude output by 500,000 barrels a day from July. '
         'Haddad also said the new port would open in "early spring."', "gulf.example", "2024-03-04 09:00:00"),
        (2, "b" * 64, "Saudi Arabia will cut output by 500,000 barrels a day, Energy Minister Omar Haddad said.",
         "wire.example", "2024-03-05 09:00:00"),
    ]
    for article_id, digest, body, outlet, day in articles:
        conn.execute(text("INSERT INTO articles (id, content_hash, text, outlet, ingested_at, dated_at, "
                          "extraction_meta) VALUES (:i, :h, :t, :o, :d, :d, '{}')"),
                     {"i": article_id, "h": digest, "t": body, "o": outlet, "d": day})
        conn.execute(text("INSERT INTO article_speakers (article_id, local_id, speaker_id, name) "
                          "VALUES (:i, 's1', 1, 'Omar Haddad')"), {"i": article_id})
    quotes = [(1, "Riyadh would cut crude output by 500,000 barrels a day from July", 1, "indirect"),
              (2, 'the new port would open in "early spring', 1, "mixed"),
              (3, "Saudi Arabia will cut output by 500,000 barrels a day", 2, "indirect")]
    for quote_id, quote_text, article_id, kind in quotes:
        body = articles[article_id - 1][2]
        start = body.index(quote_text[:20])
        conn.execute(text("INSERT INTO quotes (id, match_key, speaker_id, text, latest_at, created_at) "
                          "VALUES (:i, :k, 1, :t, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                     {"i": quote_id, "k": f"{quote_id:064d}", "t": quote_text.replace('"', "")})
        conn.execute(text('INSERT INTO quote_sources (quote_id, article_id, local_id, position, text, type, field, '
                          'start, "end", confidence, rule) VALUES (:q, :a, :l, 0, :t, :k, \'text\', :s, :e, 0.9, '
                          "'indirect.ccomp')"),
                     {"q": quote_id, "a": article_id, "l": f"q{quote_id}", "t": quote_text.replace('"', ""),
                      "k": kind, "s": start, "e": start + len(quote_text)})


def test_upgrade_fills_statements_for_quotes_already_stored(database_url):
    migrate.upgrade(database_url, "0002")
    engine = create_engine(database_url)
    with engine.begin() as conn:
        _store_before_statements(conn)
    migrate.upgrade(database_url)
    with engine.connect() as conn:
        statement_of = dict(conn.execute(text("SELECT id, statement_id FROM quotes")).all())
        assert statement_of[1] == statement_of[3] != statement_of[2]  # one remark in two outlets, and another
        joined = conn.execute(text("SELECT report_count, outlet_count, wording_differs FROM statements "
                                   "WHERE id = :i"), {"i": statement_of[1]}).one()
        assert tuple(joined) == (2, 2, False)
        assert conn.execute(text("SELECT count(*) FROM statements")).scalar_one() == 2
        quoted = conn.execute(text("SELECT quoted FROM quote_sources WHERE quote_id = 2")).scalar_one()
        assert (json.loads(quoted) if isinstance(quoted, str) else quoted) == ["early spring"]
        assert conn.execute(text("SELECT count(*) FROM quote_terms WHERE quote_id = 1")).scalar_one() > 3
    migrate.downgrade(database_url, "0002")  # statements go; every quote and report stays
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM quotes")).scalar_one() == 3
        assert conn.execute(text("SELECT count(*) FROM quote_sources")).scalar_one() == 3
    engine.dispose()


def test_full_text_search_survives_the_statements_migration(app, client):
    body = {"text": 'Minister Siti Rahman said the ferry link "will reopen in May," officials said.'}
    assert client.post("/v1/articles", json=body).status_code == 201
    assert client.get("/v1/quotes?q=ferry").get_json()["items"]
    assert client.get("/v1/statements?q=ferry").get_json()["items"]
