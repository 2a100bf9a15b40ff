"""Statements formed again after an article is deleted: what is left splits where nothing holds it together.

Only the quotes a statement still has are compared, pairwise, with the evidence used when they
were stored (``service.store.evidence``): the content of two quotes of the speaker dated within
the window, or a participle continuing a quote in the same article. The connected groups are
the statements; the group holding the statement's oldest quote keeps its id.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from .evidence import Placement, continues, join_reason
from .models import Article, Quote, QuoteSource, QuoteTerm, Statement
from .statement_summary import refresh_statements
from .statements import days, new_statement, stored_evidence


def reform(session: Session, statement_ids: set[int], window: timedelta) -> None:
    """Form again the statements that lost reports; one left without quotes is deleted."""
    touched: set[int] = set()
    for statement_id in sorted(statement_ids):
        rows = session.execute(select(Quote.id, Quote.speaker_id).where(Quote.statement_id == statement_id)
                               .order_by(Quote.id)).all()
        if not rows:
            session.execute(delete(Statement).where(Statement.id == statement_id))
            continue
        touched.add(statement_id)
        speakers = dict(rows)
        for group in connected_groups(session, list(speakers), speakers, window)[1:]:
            first_text = session.scalars(select(Quote.text).where(Quote.id == group[0])).one()
            moment = session.scalars(select(func.min(Article.dated_at)).join(QuoteSource)
                                     .where(QuoteSource.quote_id.in_(group))).one()
            new_id = new_statement(session, speakers[group[0]], first_text, moment)
            session.execute(update(Quote).where(Quote.id.in_(group)).values(statement_id=new_id)
                            .execution_options(synchronize_session=False))
            touched.add(new_id)
    refresh_statements(session, touched)


def connected_groups(session: Session, quote_ids: list[int], speakers: dict[int, int | None],
                     window: timedelta) -> list[list[int]]:
    """``quote_ids`` in the groups the evidence joins, the group of the first quote first."""
    parent = {i: i for i in quote_ids}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    evidence = stored_evidence(session, quote_ids)
    dates = _first_dates(session, quote_ids)
    for k, a in enumerate(quote_ids):
        for b in quote_ids[k + 1:]:
            if speakers[a] is None or speakers[a] != speakers[b] or root(a) == root(b):
                continue
            apart = days(dates[a], dates[b])
            if abs(dates[a] - dates[b]) <= window and join_reason(evidence[a], evidence[b], apart):
                join(a, b)
    for a, b in _continuations(session, quote_ids):
        if speakers[a] is not None and speakers[a] == speakers[b]:
            join(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in quote_ids:
        groups[root(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _first_dates(session: Session, quote_ids: list[int]) -> dict[int, datetime]:
    """The date each quote is indexed under (its first article's), else its earliest report's."""
    dates = dict(session.execute(select(QuoteTerm.quote_id, func.min(QuoteTerm.dated_at))
                                 .where(QuoteTerm.quote_id.in_(quote_ids)).group_by(QuoteTerm.quote_id)).all())
    missing = [i for i in quote_ids if i not in dates]
    if missing:
        dates.update(session.execute(select(QuoteSource.quote_id, func.min(Article.dated_at))
                                     .join(Article, Article.id == QuoteSource.article_id)
                                     .where(QuoteSource.quote_id.in_(missing)).group_by(QuoteSource.quote_id)).all())
    return dates


def _continuations(session: Session, quote_ids: list[int]) -> list[tuple[int, int]]:
    """Pairs of the quotes one article reports with a participle continuing the other."""
    by_article: dict[int, list[QuoteSource]] = defaultdict(list)
    for source in session.scalars(select(QuoteSource).where(QuoteSource.quote_id.in_(quote_ids))):
        by_article[source.article_id].append(source)
    pairs = []
    for article_id, sources in by_article.items():
        if len({s.quote_id for s in sources}) < 2:
            continue
        article = session.get(Article, article_id)
        for first in sources:
            for second in sources:
                if first.quote_id == second.quote_id:
                    continue
                field_text = (article.title if first.field == "title" else article.text) or ""
                if continues(placement(first), placement(second), field_text):
                    pairs.append((first.quote_id, second.quote_id))
    return pairs


def placement(source: QuoteSource) -> Placement:
    """Where a stored report stands in its article."""
    cue = source.cue or {}
    return Placement(source.field, source.start, source.end, cue.get("start"), cue.get("text"))
