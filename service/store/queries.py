"""The read path for quotes: filters, newest-first keyset pagination, and export in batches."""
from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from .db import Database
from .fulltext import quote_text_matches
from .keys import normalise
from .models import MAX_ID, Article, Quote, QuoteSource, Speaker, SpeakerLabel
from .views import quote_items

EXPORT_BATCH = 500


class BadCursor(ValueError):
    """A pagination cursor this service did not issue."""


@dataclass(frozen=True)
class QuoteFilters:
    """What GET /v1/quotes can filter on; every field optional, all of them combined with AND."""

    speaker: str | None = None
    organization: str | None = None
    type: str | None = None
    q: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: the last quote's latest date and id (the sort key)."""

    latest_at: datetime
    id: int

    def encode(self) -> str:
        raw = json.dumps([self.latest_at.isoformat(), self.id]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            stamp, quote_id = json.loads(raw)
            moment = datetime.fromisoformat(stamp)
            # a bool is an int to Python, and no stored id lies past MAX_ID (PostgreSQL refuses the number)
            if type(quote_id) is not int or not 1 <= quote_id <= MAX_ID or moment.tzinfo is None:
                raise ValueError("cursor fields")
            # in UTC here, where 0001-01-01T00:00+14:00 raises OverflowError, not when the query binds it
            return cls(moment.astimezone(UTC), quote_id)
        except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError):
            raise BadCursor("not a cursor issued by this service") from None


def speaker_matches(value: str, speaker_id: Any = Quote.speaker_id) -> ColumnElement[bool]:
    """``speaker`` filter on the ``speaker_id`` column: a numeric id, or a name whose words appear
    whole in the speaker's name."""
    # ASCII only: "²".isdigit() is true but int() refuses it
    if value.isascii() and value.isdigit():
        # past MAX_ID no speaker exists, and the database would refuse the number
        return speaker_id == int(value) if int(value) <= MAX_ID else false()
    key = normalise(value)
    by_name = select(Speaker.id).where(or_(Speaker.name_key == key, Speaker.name_key.like(f"{key} %"),
                                           Speaker.name_key.like(f"% {key}"), Speaker.name_key.like(f"% {key} %")))
    return speaker_id.in_(by_name)


def organization_matches(value: str, speaker_id: Any = Quote.speaker_id) -> ColumnElement[bool]:
    """``organization`` filter: the speaker was ever given that organisation, or is one by that name."""
    labelled = select(SpeakerLabel.speaker_id).where(SpeakerLabel.label == "organization",
                                                     func.lower(SpeakerLabel.value).contains(value.lower(),
                                                                                             autoescape=True))
    named = select(Speaker.id).where(Speaker.kind == "organization",
                                     Speaker.name_key.contains(normalise(value), autoescape=True))
    return or_(speaker_id.in_(labelled), speaker_id.in_(named))


def quote_conditions(dialect: str, filters: QuoteFilters) -> list[ColumnElement[bool]]:
    """Filters on the statement itself: who said it and what it says."""
    conditions: list[ColumnElement[bool]] = []
    if filters.speaker:
        conditions.append(speaker_matches(filters.speaker))
    if filters.organization:
        conditions.append(organization_matches(filters.organization))
    if filters.q:
        conditions.append(quote_text_matches(dialect, filters.q))
    return conditions


def report_conditions(filters: QuoteFilters) -> list[ColumnElement[bool]]:
    """Filters on one report of a statement (a ``QuoteSource`` joined to its ``Article``)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.type:
        conditions.append(QuoteSource.type == filters.type)
    if filters.outlet:
        conditions.append(func.lower(Article.outlet) == filters.outlet.lower())
    if filters.since:
        conditions.append(Article.dated_at >= filters.since)
    if filters.until:
        conditions.append(Article.dated_at <= filters.until)
    return conditions


def source_matches(filters: QuoteFilters) -> ColumnElement[bool] | None:
    """Filters on the reports: at least one report satisfies all of them at once."""
    conditions = report_conditions(filters)
    if not conditions:
        return None
    return (exists().where(QuoteSource.quote_id == Quote.id, Article.id == QuoteSource.article_id, *conditions))


def filtered_quotes(dialect: str, filters: QuoteFilters) -> Select[tuple[Quote]]:
    """The quotes matching ``filters``, newest first."""
    stmt = select(Quote).where(*quote_conditions(dialect, filters))
    on_sources = source_matches(filters)
    if on_sources is not None:
        stmt = stmt.where(on_sources)
    return stmt.order_by(Quote.latest_at.desc(), Quote.id.desc())


def quote_page(session: Session, filters: QuoteFilters, limit: int,
               after: Cursor | None = None) -> tuple[list[dict[str, Any]], Cursor | None]:
    """One page of quotes and the cursor of the next page (None on the last page)."""
    stmt = filtered_quotes(session.get_bind().dialect.name, filters)
    if after is not None:
        stmt = stmt.where(or_(Quote.latest_at < after.latest_at,
                              and_(Quote.latest_at == after.latest_at, Quote.id < after.id)))
    rows = list(session.scalars(stmt.limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    following = Cursor(rows[-1].latest_at, rows[-1].id) if more else None
    return quote_items(session, rows), following


def iter_quotes(db: Database, filters: QuoteFilters) -> Iterator[dict[str, Any]]:
    """Every matching quote, newest first, read in batches so memory stays flat."""
    after: Cursor | None = None
    while True:
        with db.read() as session:
            items, after = quote_page(session, filters, EXPORT_BATCH, after)
        yield from items
        if after is None:
            return
