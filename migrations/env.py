"""Alembic environment: runs migrations on one connection, in one transaction, under a lock.

The lock makes start-up migration safe when several processes start together: SQLite's
``BEGIN IMMEDIATE`` (see service.store.db) and a PostgreSQL advisory lock each let one process
migrate while the others wait, then find the database already at head.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import text

from service.store.db import WRITE_OPTION, make_engine
from service.store.models import Base

MIGRATION_LOCK_ID = 7_220_417  # any constant; shared by every process of this service

config = context.config
url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(url)
    try:
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
                context.configure(connection=connection, target_metadata=Base.metadata,
                                  transactional_ddl=True, render_as_batch=connection.dialect.name == "sqlite")
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
