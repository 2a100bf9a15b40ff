"""Stored records as JSON-ready dicts, loaded a page at a time (a few queries, never one per row)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .keys import normalise
from .models import Article, ArticleSpeaker, Mention, Quote, QuoteSource, Speaker, SpeakerLabel, Statement


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def source_fields(source: QuoteSource) -> dict[str, Any]:
    """What ``/v1/extract`` returned for one quote in one article."""
    return {"local_id": source.local_id, "text": source.text, "type": source.type, "field": source.field,
            "start": source.start, "end": source.end, "cue": source.cue, "via": source.via,
            "confidence": source.confidence, "rule": source.rule}


def article_summary(article: Article) -> dict[str, Any]:
    return {"article_id": article.id, "outlet": article.outlet, "url": article.url, "title": article.title,
            "published_at": iso(article.published_at)}


def speaker_brief(speaker: Speaker | None) -> dict[str, Any] | None:
    return None if speaker is None else {"id": speaker.id, "name": speaker.name, "kind": speaker.kind,
                                         "gender": speaker.gender, "affiliation": speaker.affiliation}


def quote_items(session: Session, quotes: list[Quote]) -> list[dict[str, Any]]:
    """Quotes with their speaker and every report of them (article, wording, offsets)."""
    ids = [q.id for q in quotes]
    sources: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = session.execute(select(QuoteSource, Article).join(Article, Article.id == QuoteSource.article_id)
                           .where(QuoteSource.quote_id.in_(ids))
                           .order_by(Article.dated_at, QuoteSource.id))
    for source, article in rows:
        sources[source.quote_id].append({**article_summary(article), **source_fields(source),
                                         "speaker": source.speaker_ref})
    speaker_ids = {q.speaker_id for q in quotes if q.speaker_id is not None}
    speakers = {s.id: s for s in session.scalars(select(Speaker).where(Speaker.id.in_(speaker_ids)))}
    items = []
    for q in quotes:
        reports = sources[q.id]
        items.append({"id": q.id, "statement_id": q.statement_id, "text": q.text,
                      "speaker": speaker_brief(speakers.get(q.speaker_id)),
                      "types": sorted({r["type"] for r in reports}),
                      "outlets": sorted({r["outlet"] for r in reports if r["outlet"]}),
                      "latest_at": iso(q.latest_at), "sources": reports})
    return items


def statement_outlets(session: Session, quote_ids: set[int]) -> dict[int, tuple[int, int, int]]:
    """quote id -> (statement id, reports, distinct outlets) of its statement."""
    return {quote_id: (statement_id, reports, outlets) for quote_id, statement_id, reports, outlets in session.execute(
        select(Quote.id, Statement.id, Statement.report_count, Statement.outlet_count)
        .join(Statement, Statement.id == Quote.statement_id).where(Quote.id.in_(quote_ids)))}


def article_view(session: Session, article_id: int) -> dict[str, Any] | None:
    """An article with its quotes (per-article offsets) and its speakers (database ids)."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    sources = list(session.scalars(select(QuoteSource).where(QuoteSource.article_id == article_id)
                                   .order_by(QuoteSource.position)))
    quote_speaker = dict(session.execute(select(Quote.id, Quote.speaker_id)
                                         .where(Quote.id.in_({s.quote_id for s in sources}))).all())
    statements = statement_outlets(session, {s.quote_id for s in sources})
    quotes = []
    for s in sources:
        ref = dict(s.speaker_ref) if s.speaker_ref else None
        if ref is not None:
            ref = {"id": quote_speaker.get(s.quote_id), **ref}
        statement_id, reports, outlets = statements.get(s.quote_id, (None, 0, 0))
        quotes.append({"id": s.quote_id, **source_fields(s), "quoted": s.quoted or [], "speaker": ref,
                       "statement_id": statement_id, "statement_reports": reports, "statement_outlets": outlets})
    return {"id": article.id, "title": article.title, "url": article.url, "outlet": article.outlet,
            "published_at": iso(article.published_at), "ingested_at": iso(article.ingested_at),
            "content_hash": article.content_hash, "text": article.text, "meta": article.extraction_meta,
            "quotes": quotes, "speakers": article_speakers(session, article_id, quotes)}


def article_speakers(session: Session, article_id: int, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article's speakers as it described them: its titles, organisations and mentions."""
    links = session.execute(select(ArticleSpeaker, Speaker).join(Speaker, Speaker.id == ArticleSpeaker.speaker_id)
                            .where(ArticleSpeaker.article_id == article_id).order_by(ArticleSpeaker.local_id))
    labels: dict[tuple[int, str], list[str]] = defaultdict(list)
    for label in session.scalars(select(SpeakerLabel).where(SpeakerLabel.article_id == article_id)
                                 .order_by(SpeakerLabel.id)):
        labels[(label.speaker_id, label.label)].append(label.value)
    mentions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in session.scalars(select(Mention).where(Mention.article_id == article_id).order_by(Mention.start)):
        mentions[m.speaker_id].append({"text": m.text, "start": m.start, "end": m.end})
    result, seen = [], set()
    for link, speaker in links:
        if speaker.id in seen:  # two local speakers merged into one stored speaker
            continue
        seen.add(speaker.id)
        quote_ids = list(dict.fromkeys(q["id"] for q in quotes if q["speaker"] and q["speaker"]["id"] == speaker.id))
        result.append({"id": speaker.id, "local_id": link.local_id, "name": speaker.name, "kind": speaker.kind,
                       "name_in_article": link.name, "gender": link.gender, "affiliation": link.affiliation,
                       "titles": labels[(speaker.id, "title")],
                       "organizations": labels[(speaker.id, "organization")],
                       "mentions": mentions[speaker.id], "quote_ids": quote_ids})
    return result


def speaker_items(session: Session, speakers: Iterable[Speaker]) -> list[dict[str, Any]]:
    """Speakers with quote and article counts, first/last seen, and dated titles and organisations."""
    speakers = list(speakers)
    ids = [s.id for s in speakers]
    quote_counts = dict(session.execute(select(Quote.speaker_id, func.count(Quote.id))
                                        .where(Quote.speaker_id.in_(ids)).group_by(Quote.speaker_id)).all())
    seen = {row[0]: row[1:] for row in session.execute(
        select(ArticleSpeaker.speaker_id, func.count(func.distinct(Article.id)), func.min(Article.dated_at),
               func.max(Article.dated_at)).join(Article, Article.id == ArticleSpeaker.article_id)
        .where(ArticleSpeaker.speaker_id.in_(ids)).group_by(ArticleSpeaker.speaker_id))}
    labels: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for speaker_id, label, value, first, last in session.execute(
            select(SpeakerLabel.speaker_id, SpeakerLabel.label, SpeakerLabel.value, func.min(Article.dated_at),
                   func.max(Article.dated_at)).join(Article, Article.id == SpeakerLabel.article_id)
            .where(SpeakerLabel.speaker_id.in_(ids))
            .group_by(SpeakerLabel.speaker_id, SpeakerLabel.label, SpeakerLabel.value)
            .order_by(func.min(Article.dated_at), SpeakerLabel.value)):
        labels[(speaker_id, label)].append({"value": value, "first_seen": iso(first), "last_seen": iso(last)})
    items = []
    for s in speakers:
        articles, first, last = seen.get(s.id, (0, None, None))
        items.append({"id": s.id, "name": s.name, "kind": s.kind, "gender": s.gender, "affiliation": s.affiliation,
                      "quote_count": quote_counts.get(s.id, 0),
                      "article_count": articles, "first_seen": iso(first), "last_seen": iso(last),
                      "titles": labels[(s.id, "title")], "organizations": labels[(s.id, "organization")]})
    return items


def speaker_search(session: Session, query: str | None, limit: int, after_id: int | None) -> list[Speaker]:
    """Speakers whose name contains ``query`` (normalised), by id, after ``after_id``."""
    stmt = select(Speaker).order_by(Speaker.id)
    if query:
        stmt = stmt.where(Speaker.name_key.contains(normalise(query), autoescape=True))
    if after_id is not None:
        stmt = stmt.where(Speaker.id > after_id)
    return list(session.scalars(stmt.limit(limit)))

