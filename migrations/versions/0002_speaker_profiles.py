"""Speaker profiles: gender and affiliation per speaker and per article that described them.

The article's own values live on ``article_speakers`` (dated by its article, like titles and
organisations in ``speaker_labels``); ``speakers`` keeps the values most of its articles give,
so the quote database can group by them in SQL. Speakers stored before this revision get an
affiliation from their stored titles and organisations and the lexicons in ``rules/``; their
gender stays unknown until an article that refers to them is stored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("speakers", "article_speakers"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("gender", sa.String(16)))
            batch.add_column(sa.Column("affiliation", sa.String(64)))
    op.create_index("ix_speakers_affiliation", "speakers", ["affiliation"])
    _fill_affiliations()


def downgrade() -> None:
    op.drop_index("ix_speakers_affiliation", "speakers")
    for table in ("article_speakers", "speakers"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("affiliation")
            batch.drop_column("gender")


def _fill_affiliations() -> None:
    """Best effort for speakers stored before: what their stored titles and organisations say."""
    from service.extraction.lexicons import load_lexicon
    from service.extraction.profiles import organisation_affiliation, title_affiliation
    from service.extraction.rules import DEFAULT_RULES_DIR

    conn = op.get_bind()
    labels: dict[int, dict[str, list[str]]] = {}
    for speaker_id, label, value in conn.execute(sa.text(
            "SELECT speaker_id, label, value FROM speaker_labels ORDER BY id")):
        labels.setdefault(speaker_id, {}).setdefault(label, []).append(value)
    speakers = conn.execute(sa.text("SELECT id, name, kind FROM speakers")).all()
    if not speakers:
        return
    lex = load_lexicon(DEFAULT_RULES_DIR)
    for speaker_id, name, kind in speakers:
        own = labels.get(speaker_id, {})
        if kind in ("organization", "location"):
            affiliation = organisation_affiliation(name, lex) or ("government" if kind == "location" else None)
        else:
            affiliation = next((a for a in (organisation_affiliation(o, lex) for o in own.get("organization", []))
                                if a), None) or next((a for a in (title_affiliation(t, lex)
                                                                  for t in own.get("title", [])) if a), None)
        if affiliation:
            conn.execute(sa.text("UPDATE speakers SET affiliation = :a WHERE id = :i"),
                         {"a": affiliation, "i": speaker_id})
