"""The quote database: articles, speakers merged across articles, quotes and statements across outlets.

A ``Quote`` is one wording of what a speaker said (one speaker, one normalised text); each
article that reports it adds a ``QuoteSource`` with that article's wording, offsets, cue and
confidence. A ``Statement`` is the one thing said that quotes in other words report too
(``service.store.statements``); ``QuoteTerm`` indexes each quote's content terms, so a new
quote finds the ones it may report without reading every quote of its speaker. A ``Speaker``
is the person or body across all articles; ``ArticleSpeaker``, ``SpeakerLabel`` and ``Mention``
record what each article said about it, so first/last seen dates are computed from the articles
that remain and deleting an article leaves nothing stale behind.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

HASH = String(64)  # sha256 hex digest
# the largest id the API accepts (URL converters, cursors, filters): ids are INTEGER columns, which
# PostgreSQL caps at 2**31 - 1 (a larger number is an error, not "no row"; SQLite cannot bind past
# 2**63 - 1 at all), so a number past it must be refused or match nothing before it reaches a query
MAX_ID = 2**31 - 1
# named constraints, so later migrations can refer to them on every backend
NAMING = {"ix": "ix_%(table_name)s_%(column_0_N_name)s", "uq": "uq_%(table_name)s_%(column_0_N_name)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s"}


class UTCDateTime(TypeDecorator[datetime]):
    """Stored in UTC, always read back aware: SQLite keeps no time zone, PostgreSQL does."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime}


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(HASH, unique=True)
    url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(255), index=True)
    published_at: Mapped[datetime | None] = mapped_column()
    ingested_at: Mapped[datetime] = mapped_column()
    # published_at when known, else ingested_at: what date filters and "newest first" use
    dated_at: Mapped[datetime] = mapped_column(index=True)
    extraction_meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    sources: Mapped[list[QuoteSource]] = relationship(back_populates="article", passive_deletes=True,
                                                      order_by="QuoteSource.position")


class Speaker(Base):
    __tablename__ = "speakers"
    __table_args__ = (UniqueConstraint("name_key", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(32))
    name_key: Mapped[str] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column()
    # what most of the articles that quote the speaker say (see ArticleSpeaker)
    gender: Mapped[str | None] = mapped_column(String(16))
    affiliation: Mapped[str | None] = mapped_column(String(64), index=True)


class ArticleSpeaker(Base):
    """A speaker as one article resolved it (``local_id`` is the extractor's ``s1``)."""

    __tablename__ = "article_speakers"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(512))
    gender: Mapped[str | None] = mapped_column(String(16))
    affiliation: Mapped[str | None] = mapped_column(String(64))


class SpeakerLabel(Base):
    """A title or organisation one article gave a speaker."""

    __tablename__ = "speaker_labels"
    __table_args__ = (Index("ix_speaker_labels_speaker", "speaker_id", "label"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(16))  # title | organization
    value: Mapped[str] = mapped_column(String(512))


class Mention(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Statement(Base):
    """One thing one speaker said: every quote, in whatever words, that reports it."""

    __tablename__ = "statements"
    # AUTOINCREMENT on SQLite: a merged statement's id is never given to another one
    __table_args__ = (Index("ix_statements_latest", "latest_at", "id"),
                      Index("ix_statements_outlets", "outlet_count", "latest_at", "id"),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)  # the longest direct wording, else the longest report
    first_at: Mapped[datetime] = mapped_column()
    latest_at: Mapped[datetime] = mapped_column()
    report_count: Mapped[int] = mapped_column(Integer)
    # distinct outlets; an article with no outlet counts as one of its own
    outlet_count: Mapped[int] = mapped_column(Integer)
    wording_differs: Mapped[bool] = mapped_column(Boolean, index=True)
    created_at: Mapped[datetime] = mapped_column()

    speaker: Mapped[Speaker | None] = relationship()


class Quote(Base):
    """One wording of a statement by one speaker, however many outlets reported it in those words."""

    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_latest", "latest_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # sha256 of speaker id and normalised text: the unique key that merges reports
    match_key: Mapped[str] = mapped_column(HASH, unique=True)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    # null only inside the transaction that stores the quote
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    # the newest dated_at among its sources, kept here so "newest first" pages by an index
    latest_at: Mapped[datetime] = mapped_column()
    created_at: Mapped[datetime] = mapped_column()

    speaker: Mapped[Speaker | None] = relationship()
    sources: Mapped[list[QuoteSource]] = relationship(back_populates="quote", passive_deletes=True,
                                                      order_by="QuoteSource.id")


class QuoteSource(Base):
    """One article's report of a quote: everything ``/v1/extract`` returned for it."""

    __tablename__ = "quote_sources"
    __table_args__ = (UniqueConstraint("article_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(32))  # the extractor's q1, q2...
    position: Mapped[int] = mapped_column(Integer)  # order within the article
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16), index=True)
    field: Mapped[str] = mapped_column(String(16))  # text or title: which field the offsets index
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    cue: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    speaker_ref: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the mention at this quote
    via: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    rule: Mapped[str] = mapped_column(String(128))
    # the words this article puts in quotation marks (service.store.wording)
    quoted: Mapped[list[str]] = mapped_column(JSON, default=list)

    quote: Mapped[Quote] = relationship(back_populates="sources")
    article: Mapped[Article] = relationship(back_populates="sources")


class QuoteTerm(Base):
    """A content term of a quote, under its speaker and first date: the index candidates come from."""

    __tablename__ = "quote_terms"
    __table_args__ = (Index("ix_quote_terms_lookup", "speaker_id", "term", "dated_at"),)

    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True)
    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    speaker_id: Mapped[int] = mapped_column(Integer)
    dated_at: Mapped[datetime] = mapped_column()
