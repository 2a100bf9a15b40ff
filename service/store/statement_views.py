"""Statements as JSON-ready dicts, a page at a time: every report, its words, and where wordings differ."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Article, Quote, QuoteSource, Speaker, Statement
from .statement_summary import ReportRow, differences
from .views import article_summary, iso, source_fields, speaker_brief


def statement_items(session: Session, statements: list[Statement]) -> list[dict[str, Any]]:
    """Statements with their speaker, every report (outlet, article, date, type, text, quoted
    words) and each pair of reports that quote one passage in different words."""
    ids = [s.id for s in statements]
    reports: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows: dict[int, list[ReportRow]] = defaultdict(list)
    for statement_id, source, article in session.execute(
            select(Quote.statement_id, QuoteSource, Article).join(Quote, Quote.id == QuoteSource.quote_id)
            .join(Article, Article.id == QuoteSource.article_id).where(Quote.statement_id.in_(ids))
            .order_by(Article.dated_at, QuoteSource.id)):
        reports[statement_id].append({**article_summary(article), "quote_id": source.quote_id,
                                      **source_fields(source), "quoted": source.quoted or [],
                                      "speaker": source.speaker_ref})
        rows[statement_id].append(ReportRow(statement_id, source.id, source.type, source.text, source.quoted or [],
                                            article.id, article.outlet, article.dated_at))
    speaker_ids = {s.speaker_id for s in statements if s.speaker_id is not None}
    speakers = {s.id: s for s in session.scalars(select(Speaker).where(Speaker.id.in_(speaker_ids)))}
    items = []
    for s in statements:
        own = reports[s.id]
        items.append({
            "id": s.id, "text": s.text, "speaker": speaker_brief(speakers.get(s.speaker_id)),
            "report_count": s.report_count, "outlet_count": s.outlet_count,
            "outlets": sorted({r["outlet"] for r in own if r["outlet"]}),
            "types": sorted({r["type"] for r in own}),
            "first_at": iso(s.first_at), "latest_at": iso(s.latest_at),
            "quote_ids": list(dict.fromkeys(r["quote_id"] for r in own)),
            "wording_differs": s.wording_differs,
            "wording_differences": [_difference(a, b, wa, wb) for a, b, wa, wb in differences(rows[s.id])],
            "reports": own})
    return items


def _difference(a: ReportRow, b: ReportRow, words_a: str, words_b: str) -> dict[str, Any]:
    """Two reports' words for one passage, side by side."""
    return {"wordings": [{"words": words, "article_id": r.article_id, "outlet": r.outlet, "type": r.type}
                         for r, words in ((a, words_a), (b, words_b))]}

