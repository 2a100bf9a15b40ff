"""Statements: every stored quote belongs to one, the reports of one thing one speaker said.

When an article is stored, each of its new quotes looks for quotes of the same speaker that
share its content terms, through the ``quote_terms`` index (speaker, term, date), never by
reading the speaker's quotes one by one; the candidates dated within the window
(``QUOTES_STATEMENT_WINDOW_DAYS``) whose evidence holds (``service.store.evidence``) give the
statement it joins. A quote that joins two statements makes them one. When an article is
deleted, each statement that loses reports is formed again from the evidence between the quotes
it has left, so a statement held together only by the deleted article splits.

On PostgreSQL a transaction-scoped advisory lock per speaker makes two workers storing quotes of
one speaker link them one after the other, so the second sees the first's statement.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from .equivalents import Lemmas, lemma_tables, load_equivalents, load_nationalities, model_lemma_tables
from .evidence import Placement, QuoteEvidence, continues, join_reason, quoted_evidence
from .models import Article, Quote, QuoteSource, QuoteTerm, Statement
from .statement_summary import refresh_statements
from .terms import TermRules

CANDIDATES = 50  # quotes verified per new quote, those sharing the most terms first
TERM_CHARS = 64
SPEAKER_LOCK_NAMESPACE = 15  # first key of pg_advisory_xact_lock(int, int): this module's locks


@dataclass(frozen=True)
class StatementRules:
    """How reports are joined: the term rules and the date window."""

    terms: TermRules
    window: timedelta


def load_statement_rules(rules_dir: str | Path, window_days: float, nlp: Any | None = None,
                         model: str | None = None) -> StatementRules:
    """The rules in ``rules_dir``, lemmas from the lemmatizer of ``nlp`` (the service's pipeline)
    or else of ``model`` loaded for it alone; refuses a negative window."""
    if window_days < 0:
        raise ValueError(f"QUOTES_STATEMENT_WINDOW_DAYS must not be negative, not {window_days}")
    if nlp is not None:
        terms = TermRules(load_equivalents(Path(rules_dir)), load_nationalities(Path(rules_dir)),
                          Lemmas(lemma_tables(nlp)))
    else:
        terms = _term_rules(str(rules_dir), model)
    return StatementRules(terms, timedelta(days=window_days))


@lru_cache(maxsize=2)
def _term_rules(rules_dir: str, model: str | None) -> TermRules:
    from ..extraction import DEFAULT_MODEL

    tables = model_lemma_tables(model or DEFAULT_MODEL)
    return TermRules(load_equivalents(Path(rules_dir)), load_nationalities(Path(rules_dir)), Lemmas(tables))


@dataclass(frozen=True)
class NewReport:
    """One quote of the article being stored, as linking needs it."""

    quote_id: int
    created: bool  # its quote row is new: it has no statement yet
    speaker_id: int | None
    terms: frozenset[str]
    quoted: tuple[str, ...]
    placement: Placement
    type: str = "indirect"


class Statements:
    """Links the quotes of one article inside its write transaction."""

    def __init__(self, session: Session, rules: StatementRules, article: Article):
        self.session = session
        self.rules = rules
        self.article = article
        self.linked: list[tuple[NewReport, int]] = []  # this article's reports so far and their statements
        self.reports: list[NewReport] = []
        self.rechecked: set[int] = set()  # statements that took others in: their wording is compared in full

    def link(self, reports: list[NewReport]) -> None:
        """Give each report's quote its statement; statements the article ties together become one."""
        self.reports = reports
        self._lock_speakers({r.speaker_id for r in reports if r.speaker_id is not None})
        for report in reports:
            found = self._existing(report) | self._matching(report) | {
                sid for earlier, sid in self.linked if self._continues(earlier, report)}
            statement_id = self._join(found) if found else self._new_statement(report)
            if report.created:
                self.session.execute(update(Quote).where(Quote.id == report.quote_id)
                                     .values(statement_id=statement_id).execution_options(synchronize_session=False))
                self._index(report)
            self.linked.append((report, statement_id))
        refresh_statements(self.session, {sid for _, sid in self.linked}, new_article=self.article.id,
                           rechecked=self.rechecked)

    def _lock_speakers(self, speaker_ids: set[int]) -> None:
        if self.session.get_bind().dialect.name != "postgresql":
            return  # SQLite: writers are serialised already (BEGIN IMMEDIATE)
        for speaker_id in sorted(speaker_ids):
            self.session.execute(text("SELECT pg_advisory_xact_lock(:ns, :id)"),
                                 {"ns": SPEAKER_LOCK_NAMESPACE, "id": speaker_id})

    def _existing(self, report: NewReport) -> set[int]:
        if report.created:
            return set()
        found = self.session.scalars(select(Quote.statement_id).where(Quote.id == report.quote_id)).first()
        return {found} if found is not None else set()

    def _matching(self, report: NewReport) -> set[int]:
        """Statements of the candidates (same speaker, shared terms, in the window) that the evidence joins."""
        if not report.created or report.speaker_id is None or len(report.terms) < 2:
            return set()
        mine = quoted_evidence(report.terms, list(report.quoted), frozenset(
            (self.article.id, r.type, r.placement.field, r.placement.start, r.placement.end)
            for r in self.reports_of(report.quote_id)))
        others = candidate_evidence(self.session, report.speaker_id, report.terms, self.article.dated_at,
                                    self.rules.window, exclude=report.quote_id)
        matched = [quote_id for quote_id, (evidence, apart) in others.items() if join_reason(mine, evidence, apart)]
        if not matched:
            return set()
        return set(self.session.scalars(
            select(Quote.statement_id).where(Quote.id.in_(matched), Quote.statement_id.is_not(None))))

    def reports_of(self, quote_id: int) -> list[NewReport]:
        """This article's reports of one quote."""
        return [r for r in self.reports if r.quote_id == quote_id]

    def _continues(self, earlier: NewReport, report: NewReport) -> bool:
        if earlier.speaker_id is None or earlier.speaker_id != report.speaker_id:
            return False
        field_text = self.article.title if report.placement.field == "title" else self.article.text
        return continues(earlier.placement, report.placement, field_text or "")

    def _join(self, statement_ids: set[int]) -> int:
        """The oldest of the statements; the others are merged into it."""
        target, *others = sorted(statement_ids)
        if others:
            self.session.execute(update(Quote).where(Quote.statement_id.in_(others)).values(statement_id=target)
                                 .execution_options(synchronize_session=False))
            self.session.execute(delete(Statement).where(Statement.id.in_(others))
                                 .execution_options(synchronize_session=False))
            gone = set(others)
            self.linked = [(r, target if sid in gone else sid) for r, sid in self.linked]
            self.rechecked = {target if sid in gone else sid for sid in self.rechecked} | {target}
        return target

    def _new_statement(self, report: NewReport) -> int:
        quote_text = self.session.scalars(select(Quote.text).where(Quote.id == report.quote_id)).one()
        return new_statement(self.session, report.speaker_id, quote_text, self.article.dated_at)

    def _index(self, report: NewReport) -> None:
        if report.speaker_id is None or not report.terms:
            return
        self.session.execute(insert(QuoteTerm), [
            {"quote_id": report.quote_id, "term": term, "speaker_id": report.speaker_id,
             "dated_at": self.article.dated_at} for term in sorted({t[:TERM_CHARS] for t in report.terms})])


def new_statement(session: Session, speaker_id: int | None, quote_text: str, dated_at: datetime) -> int:
    """A statement row whose counts ``refresh_statements`` fills in."""
    row = Statement(speaker_id=speaker_id, text=quote_text, first_at=dated_at, latest_at=dated_at, report_count=0,
                    outlet_count=0, wording_differs=False, created_at=datetime.now(dated_at.tzinfo))
    session.add(row)
    session.flush()
    return row.id


def days(a: datetime, b: datetime) -> float:
    """How many days apart two moments are."""
    return abs((a - b).total_seconds()) / 86400


def candidate_evidence(session: Session, speaker_id: int, terms: Iterable[str], moment: datetime,
                       window: timedelta, exclude: int | None = None) -> dict[int, tuple[QuoteEvidence, float]]:
    """Quotes of the speaker, dated within ``window`` of ``moment``, that share at least two
    terms, most shared first, with their evidence and how many days from ``moment`` they are:
    one indexed query, two to read them."""
    terms = sorted({t[:TERM_CHARS] for t in terms})
    shared = func.count().label("shared")
    lookup = (select(QuoteTerm.quote_id, shared, func.min(QuoteTerm.dated_at))
              .where(QuoteTerm.speaker_id == speaker_id, QuoteTerm.term.in_(terms),
                     QuoteTerm.dated_at >= moment - window, QuoteTerm.dated_at <= moment + window)
              .group_by(QuoteTerm.quote_id).having(func.count() >= 2)
              .order_by(shared.desc(), QuoteTerm.quote_id).limit(CANDIDATES))
    if exclude is not None:
        lookup = lookup.where(QuoteTerm.quote_id != exclude)
    found = {quote_id: dated_at for quote_id, _, dated_at in session.execute(lookup)}
    evidence = stored_evidence(session, list(found))
    return {quote_id: (evidence[quote_id], days(moment, found[quote_id])) for quote_id in found}


def stored_evidence(session: Session, quote_ids: list[int]) -> dict[int, QuoteEvidence]:
    """The terms and quoted words stored for ``quote_ids``."""
    if not quote_ids:
        return {}
    terms: dict[int, set[str]] = {i: set() for i in quote_ids}
    for quote_id, term in session.execute(select(QuoteTerm.quote_id, QuoteTerm.term)
                                          .where(QuoteTerm.quote_id.in_(quote_ids))):
        terms[quote_id].add(term)
    quoted: dict[int, list[str]] = {i: [] for i in quote_ids}
    reports: dict[int, set[tuple[int, str, str, int, int]]] = {i: set() for i in quote_ids}
    for quote_id, words, article_id, kind, field, start, end in session.execute(
            select(QuoteSource.quote_id, QuoteSource.quoted, QuoteSource.article_id, QuoteSource.type,
                   QuoteSource.field, QuoteSource.start, QuoteSource.end).where(QuoteSource.quote_id.in_(quote_ids))):
        quoted[quote_id] += words or []
        reports[quote_id].add((article_id, kind, field, start, end))
    return {i: quoted_evidence(frozenset(terms[i]), quoted[i], frozenset(reports[i])) for i in quote_ids}
