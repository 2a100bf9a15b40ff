"""The write path: one article and its extraction stored in one transaction, or nothing at all.

Concurrency (several gunicorn workers, or threads) rests on unique keys, never on reading first:
the article's content hash and url, a speaker's (name key, kind), a quote's match key. A row is
inserted inside a savepoint; if another transaction committed the same key first, the insert
fails and the committed row is read instead. Keys are taken in sorted order so two PostgreSQL
transactions waiting on each other's keys cannot deadlock, and a transaction that still fails
on a transient error is retried from the start. On SQLite, writes are serialised by BEGIN
IMMEDIATE (service.store.db), so these paths simply never fire.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from ..extraction import Extraction
from ..extraction import Quote as ExtractedQuote
from ..extraction import Speaker as ExtractedSpeaker
from .db import Database
from .evidence import Placement
from .keys import content_hash, outlet_from_url, quote_match_key, quote_match_text, speaker_key
from .models import Article, ArticleSpeaker, Mention, Quote, QuoteSource, Speaker, SpeakerLabel
from .reform import reform
from .speakers import insert_or_get, resolve_speaker
from .statements import NewReport, StatementRules, Statements
from .terms import ArticleTerms, speaker_names
from .wording import quoted_words

log = logging.getLogger("service.store")
MAX_ATTEMPTS = 5
# PostgreSQL SQLSTATEs worth retrying: serialization failure, deadlock detected
TRANSIENT_SQLSTATES = {"40001", "40P01"}
T = TypeVar("T")


@dataclass(frozen=True)
class NewArticle:
    """An article as a client submits it."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class IngestResult:
    article_id: int
    created: bool


def utcnow() -> datetime:
    return datetime.now(UTC)


def find_article(session: Session, digest: str, url: str | None) -> int | None:
    """The id of a stored article with this content hash or url."""
    condition = Article.content_hash == digest
    if url:
        condition = or_(condition, Article.url == url)
    return session.scalars(select(Article.id).where(condition).order_by(Article.id).limit(1)).first()


def ingest(db: Database, article: NewArticle, extract: Callable[[NewArticle], Extraction]) -> IngestResult:
    """Store ``article`` unless it is already stored; ``extract`` runs outside any transaction."""
    digest = article.content_hash
    with db.read() as session:
        existing = find_article(session, digest, article.url)
    if existing is not None:
        return IngestResult(existing, False)
    extraction = extract(article)  # a failure here stores nothing: no transaction is open yet
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with db.write() as session:
                existing = find_article(session, digest, article.url)
                if existing is not None:
                    return IngestResult(existing, False)
                return IngestResult(store_article(session, article, extraction, db.statement_rules), True)
        except IntegrityError:
            # most likely another worker stored the same article a moment ago
            with db.read() as session:
                existing = find_article(session, digest, article.url)
            if existing is not None:
                return IngestResult(existing, False)
            if attempt == MAX_ATTEMPTS:
                raise
            log.info("ingest conflict, retrying (attempt %d)", attempt)
        except DBAPIError as exc:
            if not is_transient(exc) or attempt == MAX_ATTEMPTS:
                raise
            log.info("transient database error, retrying (attempt %d): %s", attempt, exc.orig)
    raise AssertionError("unreachable")


def is_transient(exc: DBAPIError) -> bool:
    """A deadlock or serialization failure: the whole transaction may simply be run again."""
    return getattr(exc.orig, "sqlstate", None) in TRANSIENT_SQLSTATES


def store_article(session: Session, new: NewArticle, extraction: Extraction, rules: StatementRules) -> int:
    """Insert the article, its speakers, its quotes and their statements; the caller owns the transaction."""
    now = utcnow()
    article = Article(content_hash=new.content_hash, url=new.url or None, title=new.title, text=new.text,
                      outlet=new.outlet or outlet_from_url(new.url), published_at=new.published_at,
                      ingested_at=now, dated_at=new.published_at or now, extraction_meta=dict(extraction.meta))
    session.add(article)
    session.flush()  # the unique hash and url are checked here, before any shared key is touched
    speaker_ids = store_speakers(session, article, extraction.speakers, now)
    reports = store_quotes(session, article, extraction.quotes, speaker_ids, now)
    session.flush()
    names = speaker_names([(s.name, speaker_ids[s.id]) for s in extraction.speakers if s.id in speaker_ids]
                          + [(m.text, speaker_ids[s.id]) for s in extraction.speakers if s.id in speaker_ids
                             for m in s.mentions])
    article_terms = rules.terms.for_article(f"{new.title or ''}\n{new.text}", names)
    Statements(session, rules, article).link([r.report(article_terms) for r in reports])
    return article.id


def store_speakers(session: Session, article: Article, speakers: tuple[ExtractedSpeaker, ...],
                   now: datetime) -> dict[str, int]:
    """Merge each speaker into the database; returns the extractor's ``s1`` -> speaker id."""
    ids: dict[str, int] = {}
    for s in sorted(speakers, key=lambda s: (speaker_key(s.name), s.kind)):
        speaker_id = resolve_speaker(session, s, now)
        ids[s.id] = speaker_id
        session.add(ArticleSpeaker(article_id=article.id, local_id=s.id, speaker_id=speaker_id, name=s.name,
                                   gender=s.gender, affiliation=s.affiliation))
        session.add_all(SpeakerLabel(article_id=article.id, speaker_id=speaker_id, label=label, value=value)
                        for label, values in (("title", s.titles), ("organization", s.organizations))
                        for value in dict.fromkeys(values))
        session.add_all(Mention(article_id=article.id, speaker_id=speaker_id, text=m.text, start=m.start,
                                end=m.end) for m in s.mentions)
    session.flush()
    refresh_profiles(session, set(ids.values()))
    return ids


def refresh_profiles(session: Session, speaker_ids: set[int]) -> None:
    """A speaker's gender and affiliation: what most of the articles that describe it say."""
    if not speaker_ids:
        return
    votes: dict[int, dict[str, Counter]] = {i: {"gender": Counter(), "affiliation": Counter()} for i in speaker_ids}
    for field in ("gender", "affiliation"):
        column = getattr(ArticleSpeaker, field)
        for speaker_id, value, count in session.execute(
                select(ArticleSpeaker.speaker_id, column, func.count()).where(
                    ArticleSpeaker.speaker_id.in_(speaker_ids), column.is_not(None))
                .group_by(ArticleSpeaker.speaker_id, column)):
            votes[speaker_id][field][value] = count
    for speaker_id in sorted(speaker_ids):
        values = {field: _majority(counter) for field, counter in votes[speaker_id].items()}
        session.execute(update(Speaker).where(Speaker.id == speaker_id).values(**values)
                        .execution_options(synchronize_session=False))


def _majority(counter: Counter) -> str | None:
    """The most common value; a tie between the two most common is no answer."""
    top = counter.most_common(2)
    if not top or len(top) == 2 and top[0][1] == top[1][1]:
        return None
    return top[0][0]


@dataclass(frozen=True)
class StoredReport:
    """One quote of the article as stored: what linking it to a statement needs."""

    quote_id: int
    created: bool
    speaker_id: int | None
    quote: ExtractedQuote
    quoted: tuple[str, ...]

    def report(self, article_terms: ArticleTerms) -> NewReport:
        cue = self.quote.cue
        placement = Placement(self.quote.field, self.quote.start, self.quote.end, cue.start if cue else None,
                              cue.text if cue else None)
        terms = article_terms.terms(self.quote.text) if self.created else frozenset()
        return NewReport(self.quote_id, self.created, self.speaker_id, terms, self.quoted, placement, self.quote.type)


def store_quotes(session: Session, article: Article, quotes: tuple[ExtractedQuote, ...],
                 speaker_ids: dict[str, int], now: datetime) -> list[StoredReport]:
    """Link each quote to its quote row (new or reported before in the same words) and record
    this article's report; returns the reports in article order."""
    keyed = []
    for position, q in enumerate(quotes):
        speaker_id = speaker_ids.get(q.speaker.id) if q.speaker and q.speaker.id else None
        source_text = article.title if q.field == "title" else article.text
        raw_span = (source_text or "")[q.start:q.end]
        # a quoted fragment identifies a statement only with its speaker: unnamed people share words too
        match = quote_match_text(q.text, q.type if speaker_id is not None else "direct", raw_span)
        if speaker_id is None:  # nobody named: the same words elsewhere are not the same person's
            match = f"{article.content_hash}\x1f{match}"
        keyed.append((quote_match_key(speaker_id, match), position, q, speaker_id, raw_span))
    quote_ids: dict[str, tuple[int, bool]] = {}
    for key, _, q, speaker_id, _ in sorted(keyed, key=lambda item: item[:2]):
        if key not in quote_ids:
            quote_ids[key] = quote_row_for(session, key, q.text, speaker_id, article.dated_at, now)
    reports, first = [], set()
    for key, position, q, speaker_id, raw_span in keyed:
        quote_id, created = quote_ids[key]
        quoted = tuple(quoted_words(q.type, q.text, raw_span))
        session.add(source_row(article.id, quote_id, position, q, speaker_ids, quoted))
        reports.append(StoredReport(quote_id, created and quote_id not in first, speaker_id, q, quoted))
        first.add(quote_id)
    return reports


def quote_row_for(session: Session, key: str, text: str, speaker_id: int | None, dated_at: datetime,
                  now: datetime) -> tuple[int, bool]:
    """The quote row for ``key`` and whether it is new, with its latest date moved forward if need be."""
    lookup = select(Quote.id).where(Quote.match_key == key)
    found = session.scalars(lookup).first()
    created = False
    if found is None:
        row = Quote(match_key=key, speaker_id=speaker_id, text=text, latest_at=dated_at, created_at=now)
        found = insert_or_get(session, row, lookup)
        created = found == row.id
    # one conditional UPDATE: atomic under concurrent reports of the same quote
    session.execute(update(Quote).where(Quote.id == found, Quote.latest_at < dated_at)
                    .values(latest_at=dated_at).execution_options(synchronize_session=False))
    return found, created


def source_row(article_id: int, quote_id: int, position: int, q: ExtractedQuote,
               speaker_ids: dict[str, int], quoted: tuple[str, ...] = ()) -> QuoteSource:
    """This article's report of a quote, with everything the extractor returned."""
    speaker_ref = None
    if q.speaker is not None:
        speaker_ref = {"mention": q.speaker.mention, "start": q.speaker.start, "end": q.speaker.end,
                       "name": q.speaker.name, "kind": q.speaker.kind, "title": q.speaker.title,
                       "organization": q.speaker.organization, "resolved_by": q.speaker.resolved_by,
                       "gender": q.speaker.gender, "affiliation": q.speaker.affiliation,
                       "members": [speaker_ids[m] for m in q.speaker.members if m in speaker_ids]}
    cue = None
    if q.cue is not None:
        cue = {"text": q.cue.text, "lemma": q.cue.lemma, "start": q.cue.start, "end": q.cue.end,
               "stance": q.cue.stance}
    return QuoteSource(quote_id=quote_id, article_id=article_id, local_id=q.id, position=position, text=q.text,
                       type=q.type, field=q.field, start=q.start, end=q.end, cue=cue, speaker_ref=speaker_ref,
                       via=q.via, confidence=q.confidence, rule=q.rule, quoted=list(quoted))


def delete_article(db: Database, article_id: int) -> bool:
    """Remove an article, its reports, quotes no longer reported anywhere and speakers left without
    quotes; the statements it reported are formed again from what is left."""
    with db.write() as session:
        article = session.get(Article, article_id)
        if article is None:
            return False
        quote_ids = set(session.scalars(select(QuoteSource.quote_id).where(QuoteSource.article_id == article_id)))
        statement_ids = set(session.scalars(select(Quote.statement_id).where(Quote.id.in_(quote_ids),
                                                                             Quote.statement_id.is_not(None))))
        speaker_ids = set(session.scalars(select(ArticleSpeaker.speaker_id)
                                          .where(ArticleSpeaker.article_id == article_id)))
        session.execute(delete(Article).where(Article.id == article_id))
        orphaned = ~exists().where(QuoteSource.quote_id == Quote.id)
        session.execute(delete(Quote).where(Quote.id.in_(quote_ids), orphaned))
        refresh_latest(session, quote_ids)
        reform(session, statement_ids, db.statement_rules.window)
        silent = ~exists().where(Quote.speaker_id == Speaker.id)
        session.execute(delete(Speaker).where(Speaker.id.in_(speaker_ids), silent))
        remaining = set(session.scalars(select(Speaker.id).where(Speaker.id.in_(speaker_ids))))
        refresh_profiles(session, remaining)
    return True


def refresh_latest(session: Session, quote_ids: set[int]) -> None:
    """Recompute the latest date of quotes that lost a report."""
    newest = (select(Article.dated_at).join(QuoteSource, QuoteSource.article_id == Article.id)
              .where(QuoteSource.quote_id == Quote.id).order_by(Article.dated_at.desc()).limit(1)
              .scalar_subquery())
    session.execute(update(Quote).where(Quote.id.in_(quote_ids), and_(exists().where(QuoteSource.quote_id == Quote.id)))
                    .values(latest_at=newest).execution_options(synchronize_session=False))
