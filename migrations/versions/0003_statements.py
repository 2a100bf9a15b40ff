"""Statements: the reports of one thing one speaker said, whatever their words.

Adds ``statements`` (one row per statement, with its counts and ``wording_differs``),
``quotes.statement_id``, ``quote_sources.quoted`` (the words each report puts in quotation
marks) and ``quote_terms`` (each quote's content terms under its speaker and date: the index
new quotes find their candidates in). Quotes stored before this revision are given statements
by reading their articles again in date order, as ingestion would (``service.store.backfill``);
nothing stored is dropped. Downgrading removes the statements and keeps every quote.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("speaker_id", sa.Integer()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("first_at", TIMESTAMP, nullable=False),
        sa.Column("latest_at", TIMESTAMP, nullable=False),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.Column("outlet_count", sa.Integer(), nullable=False),
        sa.Column("wording_differs", sa.Boolean(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], ondelete="CASCADE",
                                name="fk_statements_speaker_id_speakers"),
        sqlite_autoincrement=True,  # a merged statement's id is never given to another one
    )
    op.create_index("ix_statements_speaker_id", "statements", ["speaker_id"])
    op.create_index("ix_statements_latest", "statements", ["latest_at", "id"])
    op.create_index("ix_statements_outlets", "statements", ["outlet_count", "latest_at", "id"])
    op.create_index("ix_statements_wording_differs", "statements", ["wording_differs"])
    if op.get_bind().dialect.name == "sqlite":
        # a plain ADD COLUMN with its REFERENCES clause (SQLite allows one on a nullable column):
        # batch mode would rebuild ``quotes`` and lose the full-text triggers on it
        op.execute("ALTER TABLE quotes ADD COLUMN statement_id INTEGER REFERENCES statements (id)")
    else:
        op.add_column("quotes", sa.Column("statement_id", sa.Integer(),
                                          sa.ForeignKey("statements.id", name="fk_quotes_statement_id_statements")))
    op.create_index("ix_quotes_statement_id", "quotes", ["statement_id"])
    op.add_column("quote_sources", sa.Column("quoted", sa.JSON()))
    op.create_table(
        "quote_terms",
        sa.Column("quote_id", sa.Integer(), primary_key=True),
        sa.Column("term", sa.String(64), primary_key=True),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("dated_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="CASCADE", name="fk_quote_terms_quote_id_quotes"),
    )
    op.create_index("ix_quote_terms_lookup", "quote_terms", ["speaker_id", "term", "dated_at"])
    _fill()


def downgrade() -> None:
    op.drop_index("ix_quote_terms_lookup", "quote_terms")
    op.drop_table("quote_terms")
    op.drop_column("quote_sources", "quoted")
    op.drop_index("ix_quotes_statement_id", "quotes")
    if op.get_bind().dialect.name != "sqlite":  # SQLite drops the column with its REFERENCES clause
        op.drop_constraint("fk_quotes_statement_id_statements", "quotes", type_="foreignkey")
    op.drop_column("quotes", "statement_id")
    for index in ("ix_statements_wording_differs", "ix_statements_outlets", "ix_statements_latest",
                  "ix_statements_speaker_id"):
        op.drop_index(index, "statements")
    op.drop_table("statements")


def _fill() -> None:
    """Statements for the quotes already stored, formed as ingestion forms them."""
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM quotes")).scalar_one() == 0:
        return
    from service.config import load_settings
    from service.store.backfill import fill_statements
    from service.store.statements import load_statement_rules

    settings = load_settings()
    fill_statements(conn, load_statement_rules(settings.rules_dir, settings.statement_window_days,
                                               model=settings.model))
