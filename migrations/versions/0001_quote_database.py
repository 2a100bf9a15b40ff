"""The quote database: articles, speakers, labels, mentions, quotes, quote sources, full-text index.

Revision ID: 0001
Revises:
Create Date: 2024-06-21
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)

# SQLite: an external-content FTS5 table kept in step with quotes.text by triggers, so the index
# changes in the same transaction as the rows. Porter stemming, like PostgreSQL's 'english'.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN"
    " INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);"
    " INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_FTS_DROP = ["DROP TRIGGER IF EXISTS quotes_fts_update", "DROP TRIGGER IF EXISTS quotes_fts_delete",
                   "DROP TRIGGER IF EXISTS quotes_fts_insert", "DROP TABLE IF EXISTS quotes_fts"]
# PostgreSQL: an expression index that plainto_tsquery searches use (service.store.fulltext)
POSTGRES_FTS = ["CREATE INDEX ix_quotes_text_fts ON quotes USING gin (to_tsvector('english', text))"]
POSTGRES_FTS_DROP = ["DROP INDEX IF EXISTS ix_quotes_text_fts"]


def _fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{table}.id"], ondelete="CASCADE",
                                   name=f"fk_%(table_name)s_{column}_{table}")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("url", sa.String(2048)),
        sa.Column("title", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outlet", sa.String(255)),
        sa.Column("published_at", TIMESTAMP),
        sa.Column("ingested_at", TIMESTAMP, nullable=False),
        sa.Column("dated_at", TIMESTAMP, nullable=False),
        sa.Column("extraction_meta", sa.JSON(), nullable=False),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
        sa.UniqueConstraint("url", name="uq_articles_url"),
    )
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_dated_at", "articles", ["dated_at"])
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name_key", sa.String(512), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.UniqueConstraint("name_key", "kind", name="uq_speakers_name_key_kind"),
    )
    op.create_table(
        "article_speakers",
        sa.Column("article_id", sa.Integer(), primary_key=True),
        sa.Column("local_id", sa.String(32), primary_key=True),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        _fk("article_id", "articles"), _fk("speaker_id", "speakers"),
    )
    op.create_index("ix_article_speakers_speaker_id", "article_speakers", ["speaker_id"])
    op.create_table(
        "speaker_labels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("value", sa.String(512), nullable=False),
        _fk("article_id", "articles"), _fk("speaker_id", "speakers"),
    )
    op.create_index("ix_speaker_labels_article_id", "speaker_labels", ["article_id"])
    op.create_index("ix_speaker_labels_speaker", "speaker_labels", ["speaker_id", "label"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        _fk("article_id", "articles"), _fk("speaker_id", "speakers"),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_speaker_id", "mentions", ["speaker_id"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("match_key", sa.String(64), nullable=False),
        sa.Column("speaker_id", sa.Integer()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("latest_at", TIMESTAMP, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.UniqueConstraint("match_key", name="uq_quotes_match_key"),
        _fk("speaker_id", "speakers"),
    )
    op.create_index("ix_quotes_speaker_id", "quotes", ["speaker_id"])
    op.create_index("ix_quotes_latest", "quotes", ["latest_at", "id"])
    op.create_table(
        "quote_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("cue", sa.JSON()),
        sa.Column("speaker_ref", sa.JSON()),
        sa.Column("via", sa.Text()),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("rule", sa.String(128), nullable=False),
        sa.UniqueConstraint("article_id", "local_id", name="uq_quote_sources_article_id_local_id"),
        _fk("quote_id", "quotes"), _fk("article_id", "articles"),
    )
    op.create_index("ix_quote_sources_quote_id", "quote_sources", ["quote_id"])
    op.create_index("ix_quote_sources_article_id", "quote_sources", ["article_id"])
    op.create_index("ix_quote_sources_type", "quote_sources", ["type"])
    for statement in _fulltext(create=True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _fulltext(create=False):
        op.execute(statement)
    for table in ("quote_sources", "quotes", "mentions", "speaker_labels", "article_speakers", "speakers",
                  "articles"):
        op.drop_table(table)


def _fulltext(create: bool) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return SQLITE_FTS if create else SQLITE_FTS_DROP
    if dialect == "postgresql":
        return POSTGRES_FTS if create else POSTGRES_FTS_DROP
    return []
