"""What a statement row keeps about its reports, so lists can filter and sort by index.

Counts (reports, distinct outlets), first and latest date, the text shown for it (its longest
direct wording, else its longest report) and ``wording_differs``: whether two reports from
different articles quote one passage in different words (``service.store.wording``).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .models import Article, Quote, QuoteSource, Statement
from .wording import wording_pairs


@dataclass(frozen=True)
class ReportRow:
    statement_id: int
    source_id: int
    type: str
    text: str
    quoted: list[str]
    article_id: int
    outlet: str | None
    dated_at: datetime


def report_rows(session: Session, statement_ids: Iterable[int]) -> dict[int, list[ReportRow]]:
    """Every report of the statements, by statement, oldest first."""
    rows: dict[int, list[ReportRow]] = defaultdict(list)
    for row in session.execute(
            select(Quote.statement_id, QuoteSource.id, QuoteSource.type, QuoteSource.text, QuoteSource.quoted,
                   Article.id, Article.outlet, Article.dated_at)
            .join(Quote, Quote.id == QuoteSource.quote_id).join(Article, Article.id == QuoteSource.article_id)
            .where(Quote.statement_id.in_(list(statement_ids))).order_by(Article.dated_at, QuoteSource.id)):
        rows[row[0]].append(ReportRow(row[0], row[1], row[2], row[3], row[4] or [], row[5], row[6], row[7]))
    return rows


def outlet_key(report: ReportRow) -> str:
    """The outlet; an article that names none counts as an outlet of its own."""
    return report.outlet.lower() if report.outlet else f"#article-{report.article_id}"


def shown_text(reports: list[ReportRow]) -> str:
    """The longest direct wording, else the longest report."""
    direct = [r.text for r in reports if r.type == "direct"]
    return max(direct or [r.text for r in reports], key=len)


def differences(reports: list[ReportRow],
                only_article: int | None = None) -> list[tuple[ReportRow, ReportRow, str, str]]:
    """Pairs of reports from different articles that quote one passage differently, with both
    wordings; with ``only_article``, only the pairs where one report is that article's."""
    found = []
    quoting = [r for r in reports if r.quoted]
    for k, a in enumerate(quoting):
        for b in quoting[k + 1:]:
            if a.article_id == b.article_id:
                continue
            if only_article is not None and only_article not in (a.article_id, b.article_id):
                continue
            found += [(a, b, wa, wb) for wa, wb in wording_pairs(a.quoted, b.quoted)]
    return found


def refresh_statements(session: Session, statement_ids: set[int], new_article: int | None = None,
                       rechecked: set[int] | frozenset[int] = frozenset()) -> None:
    """Recompute the kept fields of ``statement_ids``. With ``new_article``, a statement already
    flagged stays flagged and only that article's reports are compared with the others, except
    in the ``rechecked`` statements (merged ones), which are compared in full."""
    if not statement_ids:
        return
    flagged = dict(session.execute(select(Statement.id, Statement.wording_differs)
                                   .where(Statement.id.in_(statement_ids))).all())
    reports = report_rows(session, statement_ids)
    for statement_id in sorted(statement_ids):
        own = reports.get(statement_id, [])
        if not own:
            continue
        incremental = new_article is not None and statement_id not in rechecked
        if incremental and flagged.get(statement_id):
            differs = True
        else:
            differs = bool(differences(own, new_article if incremental else None))
        session.execute(update(Statement).where(Statement.id == statement_id).values(
            text=shown_text(own), first_at=min(r.dated_at for r in own), latest_at=max(r.dated_at for r in own),
            report_count=len(own), outlet_count=len({outlet_key(r) for r in own}), wording_differs=differs)
            .execution_options(synchronize_session=False))
