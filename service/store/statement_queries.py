"""The read path for statements: the quote filters, ``wording_differs``, two orders, keyset pages.

``latest`` lists the newest statements first (by their latest report); ``outlets`` lists the
statements reported by the most outlets first (then newest): both read an index on
``statements``, so the first page of either costs the same however many statements there are.
"""
from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select
from sqlalchemy.orm import Session

from .db import Database
from .fulltext import quote_text_matches
from .models import MAX_ID, Article, Quote, QuoteSource, Statement
from .queries import EXPORT_BATCH, BadCursor, QuoteFilters, organization_matches, report_conditions, speaker_matches
from .statement_views import statement_items

SORTS = ("latest", "outlets")


@dataclass(frozen=True)
class StatementFilters(QuoteFilters):
    """What GET /v1/statements filters on: the quote filters, and whether wordings differ."""

    wording_differs: bool | None = None


@dataclass(frozen=True)
class StatementCursor:
    """Where a page ends in one order: the last statement's outlet count, latest date and id."""

    sort: str
    outlet_count: int
    latest_at: datetime
    id: int

    def encode(self) -> str:
        raw = json.dumps([self.sort, self.outlet_count, self.latest_at.isoformat(), self.id]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, sort: str) -> StatementCursor:
        """The cursor ``token`` names, refused unless this service issued it for ``sort``."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            issued_for, outlets, stamp, statement_id = json.loads(raw)
            moment = datetime.fromisoformat(stamp)
            if issued_for != sort or type(outlets) is not int or not 0 <= outlets <= MAX_ID:
                raise ValueError("cursor sort or count")
            if type(statement_id) is not int or not 1 <= statement_id <= MAX_ID or moment.tzinfo is None:
                raise ValueError("cursor fields")
            return cls(sort, outlets, moment.astimezone(UTC), statement_id)
        except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError):
            raise BadCursor("not a cursor issued by this service for this sort") from None


def filtered_statements(dialect: str, filters: StatementFilters, sort: str) -> Select[tuple[Statement]]:
    """The statements matching ``filters`` in the order ``sort`` names."""
    stmt = select(Statement)
    if filters.speaker:
        stmt = stmt.where(speaker_matches(filters.speaker, Statement.speaker_id))
    if filters.organization:
        stmt = stmt.where(organization_matches(filters.organization, Statement.speaker_id))
    if filters.q:
        stmt = stmt.where(Statement.id.in_(select(Quote.statement_id).where(quote_text_matches(dialect, filters.q))))
    if filters.wording_differs is not None:
        stmt = stmt.where(Statement.wording_differs.is_(filters.wording_differs))
    on_reports = report_conditions(filters)
    if on_reports:
        stmt = stmt.where(exists().where(Quote.statement_id == Statement.id, QuoteSource.quote_id == Quote.id,
                                         Article.id == QuoteSource.article_id, *on_reports))
    if sort == "outlets":
        return stmt.order_by(Statement.outlet_count.desc(), Statement.latest_at.desc(), Statement.id.desc())
    return stmt.order_by(Statement.latest_at.desc(), Statement.id.desc())


def after_cursor(cursor: StatementCursor) -> ColumnElement[bool]:
    """The statements that come after ``cursor`` in its order."""
    newer_first = or_(Statement.latest_at < cursor.latest_at,
                      and_(Statement.latest_at == cursor.latest_at, Statement.id < cursor.id))
    if cursor.sort == "outlets":
        return or_(Statement.outlet_count < cursor.outlet_count,
                   and_(Statement.outlet_count == cursor.outlet_count, newer_first))
    return newer_first


def statement_page(session: Session, filters: StatementFilters, sort: str, limit: int,
                   after: StatementCursor | None = None) -> tuple[list[dict[str, Any]], StatementCursor | None]:
    """One page of statements and the cursor of the next page (None on the last page)."""
    stmt = filtered_statements(session.get_bind().dialect.name, filters, sort)
    if after is not None:
        stmt = stmt.where(after_cursor(after))
    rows = list(session.scalars(stmt.limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows else None
    following = StatementCursor(sort, last.outlet_count, last.latest_at, last.id) if more and last else None
    return statement_items(session, rows), following


def iter_statements(db: Database, filters: StatementFilters, sort: str) -> Iterator[dict[str, Any]]:
    """Every matching statement in order, read in batches so memory stays flat."""
    after: StatementCursor | None = None
    while True:
        with db.read() as session:
            items, after = statement_page(session, filters, sort, EXPORT_BATCH, after)
        yield from items
        if after is None:
            return
