"""Engine and sessions: one ``Database`` per app, in ``app.extensions["db"]``.

SQLite gets WAL (readers never wait for the writer), a busy timeout (a writer waits its turn
instead of failing) and ``BEGIN IMMEDIATE`` for write transactions, so two gunicorn workers
serialise on the write lock up front instead of deadlocking on a lock upgrade mid-transaction.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from .statements import StatementRules

log = logging.getLogger("service.store")
WRITE_OPTION = "quotes_write"
SQLITE_BUSY_MS = 30_000


def is_sqlite(url: str) -> bool:
    """Whether the URL names an SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of an SQLite file on first start (the data volume may be empty)."""
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # let SQLAlchemy's "begin" event issue BEGIN itself; pysqlite would otherwise defer it
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; fsync at checkpoints only
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine with the SQLite settings above, or a plain pooled one for PostgreSQL."""
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    ensure_sqlite_dir(url)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


class Database:
    """The engine and two session factories: reads, and writes that take the write lock early."""

    def __init__(self, url: str, statement_rules: StatementRules | None = None):
        self.url = url
        self._statement_rules = statement_rules
        self.engine = make_engine(url)
        self.dialect = self.engine.dialect.name
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self.engine.execution_options(**{WRITE_OPTION: True}),
                                    expire_on_commit=False)

    @property
    def statement_rules(self) -> StatementRules:
        """How stored quotes join statements: given, or else read from the settings on first use."""
        if self._statement_rules is None:
            from ..config import load_settings
            from .statements import load_statement_rules

            settings = load_settings()
            self._statement_rules = load_statement_rules(settings.rules_dir, settings.statement_window_days,
                                                         model=settings.model)
        return self._statement_rules

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; rolled back at the end."""
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed if the block succeeds, rolled back otherwise."""
        with self._writer() as session, session.begin():
            yield session

    def ping(self) -> bool:
        """The database answers a trivial query."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:  # any driver error means "not ready"; the probe must not raise
            log.warning("database ping failed", exc_info=True)
            return False

    def dispose(self) -> None:
        """Close pooled connections (tests, and forked workers)."""
        self.engine.dispose()


def get_db() -> Database:
    """The current app's database."""
    return current_app.extensions["db"]


def init_app(app: Flask) -> Database:
    """Open the database, migrate it when the settings ask, and register the readiness check."""
    from .migrate import upgrade  # alembic is only imported where migrations run
    from .statements import load_statement_rules

    settings = app.config["SETTINGS"]
    url = settings.resolved_database_url
    if settings.should_auto_migrate:
        upgrade(url)
    extractor = app.extensions.get("extractor")
    rules = load_statement_rules(settings.rules_dir, settings.statement_window_days,
                                 nlp=extractor.nlp if extractor is not None else None, model=settings.model)
    db = Database(url, rules)
    app.extensions["db"] = db
    app.extensions.setdefault("readiness_checks", {})["database"] = db.ping
    return db
