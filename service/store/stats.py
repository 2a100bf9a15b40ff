"""Counts over the stored quotes, grouped, for /v1/stats and the dashboard: computed in SQL.

What is counted is the report: one article's ``QuoteSource`` of a statement. A report's outlet,
type and date are its article's, and its speaker's gender, affiliation and kind are what that
article said at that quote (``speaker_ref``), so a speaker's majority profile is never lent to an
article that did not say it. Each group counts, among its reports, the distinct statements
(``quotes``), named speakers, articles and outlets, and the reports themselves; a statement
reported in two groups (two outlets) counts once in each.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import CTE, ColumnElement, Select, distinct, func, select
from sqlalchemy.orm import Session

from .models import Article, Quote, QuoteSource, Speaker, SpeakerLabel
from .periods import PERIODS, period_start
from .queries import QuoteFilters, quote_conditions, report_conditions
from .views import speaker_brief

PROFILE_FIELDS = ("affiliation", "gender", "kind")
DIMENSIONS = ("outlet", "speaker", "quote", "type", *PROFILE_FIELDS, *PERIODS)
MEASURES = ("quotes", "speakers", "articles", "outlets", "reports")
LABELS_PER_SPEAKER = 3


@dataclass(frozen=True)
class StatsQuery:
    """One or two dimensions to group by, the /v1/quotes filters, and how to cut the answer."""

    group_by: tuple[str, ...]
    filters: QuoteFilters = field(default_factory=QuoteFilters)
    sort: str | None = None  # a measure, biggest first; None: periods in order, else by quotes
    limit: int = 500
    top: int | None = None  # keep the N values with most quotes of the first dimension not a period


@dataclass(frozen=True)
class Stats:
    group_by: tuple[str, ...]
    totals: dict[str, int]
    groups: list[dict[str, Any]]
    truncated: bool  # more groups matched than ``limit``


def dimension(dialect: str, name: str) -> ColumnElement:
    """The SQL expression a report is grouped by for ``name``."""
    if name in PERIODS:
        return period_start(dialect, name, Article.dated_at)
    if name in PROFILE_FIELDS:
        return QuoteSource.speaker_ref[name].as_string()
    return {"outlet": Article.outlet, "speaker": Quote.speaker_id, "quote": Quote.id,
            "type": QuoteSource.type}[name]


def reports(dialect: str, query: StatsQuery) -> CTE:
    """Every report matching the filters, with its group keys and what the measures count."""
    keys = [dimension(dialect, name).label(f"g_{name}") for name in query.group_by]
    stmt = (select(*keys, Quote.id.label("quote_id"), Quote.speaker_id.label("speaker_id"),
                   QuoteSource.article_id.label("article_id"), Article.outlet.label("outlet_name"),
                   QuoteSource.id.label("report_id"))
            .select_from(QuoteSource)
            .join(Quote, Quote.id == QuoteSource.quote_id)
            .join(Article, Article.id == QuoteSource.article_id)
            .where(*quote_conditions(dialect, query.filters), *report_conditions(query.filters)))
    return stmt.cte("report_rows")


def measures(rows: CTE) -> dict[str, ColumnElement[int]]:
    """What each group counts, by name (the names of ``MEASURES``)."""
    c = rows.c
    return {"quotes": func.count(distinct(c.quote_id)), "speakers": func.count(distinct(c.speaker_id)),
            "articles": func.count(distinct(c.article_id)), "outlets": func.count(distinct(c.outlet_name)),
            "reports": func.count(c.report_id)}


def measure_columns(rows: CTE) -> dict[str, ColumnElement[int]]:
    """The measures as labelled columns: ORDER BY names them instead of counting twice."""
    return {name: expr.label(name) for name, expr in measures(rows).items()}


def top_values(rows: CTE, key: ColumnElement, n: int) -> Select:
    """The ``n`` values of a group key (never null) with the most statements."""
    return (select(key).where(key.is_not(None)).group_by(key)
            .order_by(measures(rows)["quotes"].desc(), key).limit(n))


def grouped(session: Session, query: StatsQuery) -> Stats:
    """The groups (at most ``limit``), each with its counts, and the totals over every match."""
    rows = reports(session.get_bind().dialect.name, query)
    keys = [rows.c[f"g_{name}"] for name in query.group_by]
    measured = measure_columns(rows)
    stmt = select(*keys, *measured.values()).group_by(*keys)
    ranked = next((key for name, key in zip(query.group_by, keys, strict=True) if name not in PERIODS), None)
    if query.top and ranked is not None:
        stmt = stmt.where(ranked.in_(top_values(rows, ranked, query.top)))
    found = session.execute(stmt.order_by(*ordering(query, measured, keys)).limit(query.limit + 1)).all()
    totals = session.execute(select(*measure_columns(rows).values())).one()._asdict()
    width = len(keys)
    groups = [{**dict(zip(query.group_by, row[:width], strict=True)),
               **dict(zip(MEASURES, row[width:], strict=True))} for row in found[:query.limit]]
    describe(session, groups)
    return Stats(query.group_by, totals, groups, len(found) > query.limit)


def ordering(query: StatsQuery, measured: dict[str, ColumnElement[int]],
             keys: list[ColumnElement]) -> list[ColumnElement]:
    """Biggest first by the sort measure, or by default periods in calendar order; then the most
    reports, then the keys, so every backend returns the same groups in the same order."""
    by_key = [key.asc().nulls_last() for key in keys]
    biggest = [measured[query.sort or "quotes"].desc(), measured["reports"].desc()]
    if query.sort is None and query.group_by[0] in PERIODS:
        return [by_key[0], *biggest, *by_key[1:]]
    return [*biggest, *by_key]


def describe(session: Session, groups: list[dict[str, Any]]) -> None:
    """Replace speaker and quote ids in the groups by what a reader needs to recognise them."""
    speaker_ids = {g["speaker"] for g in groups if g.get("speaker") is not None}
    quote_ids = {g["quote"] for g in groups if g.get("quote") is not None}
    speakers = speaker_profiles(session, speaker_ids) if speaker_ids else {}
    quotes = quote_briefs(session, quote_ids) if quote_ids else {}
    for g in groups:
        if "speaker" in g:
            g["speaker"] = speakers.get(g["speaker"])
        if "quote" in g:
            g["quote"] = quotes.get(g["quote"])


def speaker_profiles(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Each speaker with the titles and organisations the most articles gave them."""
    found = {s.id: {**speaker_brief(s), "titles": [], "organizations": []}
             for s in session.scalars(select(Speaker).where(Speaker.id.in_(ids)))}
    articles = func.count(distinct(SpeakerLabel.article_id))
    labelled = session.execute(select(SpeakerLabel.speaker_id, SpeakerLabel.label, SpeakerLabel.value)
                               .where(SpeakerLabel.speaker_id.in_(ids))
                               .group_by(SpeakerLabel.speaker_id, SpeakerLabel.label, SpeakerLabel.value)
                               .order_by(articles.desc(), SpeakerLabel.value))
    kept: dict[tuple[int, str], list[str]] = defaultdict(list)
    for speaker_id, label, value in labelled:
        if len(kept[(speaker_id, label)]) < LABELS_PER_SPEAKER:
            kept[(speaker_id, label)].append(value)
    for (speaker_id, label), values in kept.items():
        found[speaker_id]["titles" if label == "title" else "organizations"] = values
    return found


def quote_briefs(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Each statement's text and speaker."""
    rows = session.execute(select(Quote.id, Quote.text, Speaker.id, Speaker.name)
                           .outerjoin(Speaker, Speaker.id == Quote.speaker_id).where(Quote.id.in_(ids)))
    return {quote_id: {"id": quote_id, "text": text,
                       "speaker": None if speaker_id is None else {"id": speaker_id, "name": name}}
            for quote_id, text, speaker_id, name in rows}
