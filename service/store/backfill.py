"""Statements for the quotes a database held before it had statements (the statements migration).

The stored articles are read again in date order, as if they were being posted: each report
gets its quoted words, each quote its content terms (with its first article's equivalences:
the speakers it names and the forms it ties to a name) and its place in the ``quote_terms``
index, and joins the quotes of earlier articles the evidence ties it to, exactly as at
ingestion. Candidates are kept in memory only for the dates the window can still reach, so a
large database is read in one pass with bounded memory for the index. Plain table definitions
(not the ORM models) are used, so later migrations cannot change what this one reads.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from .evidence import Placement, QuoteEvidence, continues, join_reason, quoted_evidence
from .models import UTCDateTime
from .statement_summary import refresh_statements
from .statements import CANDIDATES, TERM_CHARS, StatementRules, days
from .terms import speaker_names
from .wording import quoted_words

ARTICLE_BATCH = 200
WRITE_BATCH = 1000

articles = sa.table("articles", sa.column("id"), sa.column("text"), sa.column("title"),
                    sa.column("dated_at", UTCDateTime()))
quotes = sa.table("quotes", sa.column("id"), sa.column("speaker_id"), sa.column("text"), sa.column("statement_id"))
sources = sa.table("quote_sources", sa.column("id"), sa.column("quote_id"), sa.column("article_id"),
                   sa.column("type"), sa.column("text"), sa.column("field"), sa.column("start"), sa.column("end"),
                   sa.column("cue", sa.JSON()), sa.column("quoted", sa.JSON()))
mentions = sa.table("mentions", sa.column("article_id"), sa.column("speaker_id"), sa.column("text"))
article_speakers = sa.table("article_speakers", sa.column("article_id"), sa.column("speaker_id"), sa.column("name"))
quote_terms = sa.table("quote_terms", sa.column("quote_id"), sa.column("term"), sa.column("speaker_id"),
                       sa.column("dated_at", UTCDateTime()))
statements = sa.table("statements", sa.column("id"), sa.column("speaker_id"), sa.column("text"),
                      sa.column("first_at", UTCDateTime()), sa.column("latest_at", UTCDateTime()),
                      sa.column("report_count"), sa.column("outlet_count"), sa.column("wording_differs"),
                      sa.column("created_at", UTCDateTime()))


class Groups:
    """Union-find over quote ids: the statements being formed."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def add(self, i: int) -> None:
        self.parent.setdefault(i, i)

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class WindowIndex:
    """The postings (speaker, term) -> quotes of the dates the window still reaches."""

    def __init__(self, window: timedelta):
        self.window = window
        self.postings: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.evidence: dict[int, tuple[datetime, QuoteEvidence]] = {}
        self.order: list[tuple[datetime, int, int, frozenset[str]]] = []  # oldest first, for eviction

    def candidates(self, speaker_id: int, terms: frozenset[str],
                   moment: datetime) -> list[tuple[int, QuoteEvidence, float]]:
        shared: dict[int, int] = defaultdict(int)
        for term in terms:
            for quote_id in self.postings.get((speaker_id, term), ()):
                shared[quote_id] += 1
        ranked = sorted((q for q, n in shared.items() if n >= 2), key=lambda q: (-shared[q], q))[:CANDIDATES]
        return [(q, self.evidence[q][1], days(self.evidence[q][0], moment)) for q in ranked
                if abs(self.evidence[q][0] - moment) <= self.window]

    def add(self, quote_id: int, speaker_id: int, moment: datetime, evidence: QuoteEvidence) -> None:
        for term in evidence.terms:
            self.postings[(speaker_id, term)].append(quote_id)
        self.evidence[quote_id] = (moment, evidence)
        self.order.append((moment, quote_id, speaker_id, evidence.terms))

    def evict_before(self, moment: datetime) -> None:
        """Forget quotes no article dated ``moment`` or later can reach (articles come in date order)."""
        cut = moment - self.window
        kept = 0
        while kept < len(self.order) and self.order[kept][0] < cut:
            _, quote_id, speaker_id, terms = self.order[kept]
            for term in terms:
                self.postings[(speaker_id, term)].remove(quote_id)
            del self.evidence[quote_id]
            kept += 1
        del self.order[:kept]


def article_batches(conn: Connection) -> Iterator[list[Any]]:
    """The stored articles in date order, a batch at a time."""
    after: tuple[datetime, int] | None = None
    while True:
        stmt = sa.select(articles.c.id, articles.c.text, articles.c.title, articles.c.dated_at) \
            .order_by(articles.c.dated_at, articles.c.id).limit(ARTICLE_BATCH)
        if after is not None:
            stmt = stmt.where(sa.or_(articles.c.dated_at > after[0],
                                     sa.and_(articles.c.dated_at == after[0], articles.c.id > after[1])))
        rows = conn.execute(stmt).all()
        if not rows:
            return
        yield rows
        after = (rows[-1].dated_at, rows[-1].id)


def fill_statements(conn: Connection, rules: StatementRules) -> int:
    """Give every stored quote a statement; returns how many statements there are."""
    groups, index = Groups(), WindowIndex(rules.window)
    speakers = dict(conn.execute(sa.select(quotes.c.id, quotes.c.speaker_id)).all())
    seen: set[int] = set()
    for batch in article_batches(conn):
        ids = [a.id for a in batch]
        names = _names(conn, ids)
        by_article: dict[int, list[Any]] = defaultdict(list)
        for s in conn.execute(sa.select(sources).where(sources.c.article_id.in_(ids)).order_by(sources.c.id)):
            by_article[s.article_id].append(s)
        for article in batch:
            index.evict_before(article.dated_at)
            _article(conn, rules, article, by_article[article.id], names.get(article.id, []), speakers, seen,
                     groups, index)
    return _write_statements(conn, groups, speakers)


def _names(conn: Connection, article_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    names: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for table, column in ((article_speakers, article_speakers.c.name), (mentions, mentions.c.text)):
        for article_id, name, speaker_id in conn.execute(
                sa.select(table.c.article_id, column, table.c.speaker_id).where(table.c.article_id.in_(article_ids))):
            names[article_id].append((name, speaker_id))
    return names


def _article(conn: Connection, rules: StatementRules, article: Any, rows: list[Any], names: list[tuple[str, int]],
             speakers: dict[int, int | None], seen: set[int], groups: Groups, index: WindowIndex) -> None:
    """One article's reports: quoted words, and for quotes first seen here, terms and joins."""
    article_terms = rules.terms.for_article(f"{article.title or ''}\n{article.text}", speaker_names(names))
    quoted_updates, postings, placed = [], [], []
    for s in rows:
        field_text = (article.title if s.field == "title" else article.text) or ""
        quoted = quoted_words(s.type, s.text, field_text[s.start:s.end])
        quoted_updates.append({"sid": s.id, "quoted": quoted})
        groups.add(s.quote_id)
        speaker_id = speakers.get(s.quote_id)
        cue = s.cue or {}
        placed.append((s.quote_id, speaker_id, Placement(s.field, s.start, s.end, cue.get("start"), cue.get("text"))))
        if s.quote_id in seen:
            continue
        seen.add(s.quote_id)
        if speaker_id is None:
            continue
        terms = article_terms.terms(s.text)
        evidence = quoted_evidence(terms, quoted, frozenset({(article.id, s.type, s.field, s.start, s.end)}))
        if len(terms) >= 2:
            for other, other_evidence, apart in index.candidates(speaker_id, terms, article.dated_at):
                if join_reason(evidence, other_evidence, apart):
                    groups.join(s.quote_id, other)
        index.add(s.quote_id, speaker_id, article.dated_at, evidence)
        postings += [{"quote_id": s.quote_id, "term": t, "speaker_id": speaker_id, "dated_at": article.dated_at}
                     for t in sorted({t[:TERM_CHARS] for t in terms})]
    for k, (first_id, speaker_id, first) in enumerate(placed):
        for second_id, other_speaker, second in placed[k + 1:]:
            if speaker_id is not None and speaker_id == other_speaker \
                    and continues(first, second, _field(article, first)):
                groups.join(first_id, second_id)
    if quoted_updates:
        conn.execute(sources.update().where(sources.c.id == sa.bindparam("sid")).values(quoted=sa.bindparam("quoted")),
                     quoted_updates)
    if postings:
        conn.execute(quote_terms.insert(), postings)


def _field(article: Any, placement: Placement) -> str:
    return (article.title if placement.field == "title" else article.text) or ""


def _write_statements(conn: Connection, groups: Groups, speakers: dict[int, int | None]) -> int:
    """One statements row per group, the quotes pointed at it, then its counts and wording."""
    members: dict[int, list[int]] = defaultdict(list)
    for quote_id in groups.parent:
        members[groups.root(quote_id)].append(quote_id)
    texts = dict(conn.execute(sa.select(quotes.c.id, quotes.c.text)).all())
    now = datetime.now().astimezone()
    statement_of: list[dict[str, int]] = []
    created: list[int] = []
    for root in sorted(members):
        statement_id = conn.execute(statements.insert().values(
            speaker_id=speakers.get(root), text=texts[root], first_at=now, latest_at=now, report_count=0,
            outlet_count=0, wording_differs=False, created_at=now).returning(statements.c.id)).scalar_one()
        created.append(statement_id)
        statement_of += [{"qid": q, "sid": statement_id} for q in members[root]]
        if len(statement_of) >= WRITE_BATCH:
            _point(conn, statement_of)
            statement_of = []
    _point(conn, statement_of)
    session = Session(bind=conn)
    for start in range(0, len(created), WRITE_BATCH):
        refresh_statements(session, set(created[start:start + WRITE_BATCH]))
    session.flush()
    return len(created)


def _point(conn: Connection, rows: list[dict[str, int]]) -> None:
    if rows:
        conn.execute(quotes.update().where(quotes.c.id == sa.bindparam("qid")).values(statement_id=sa.bindparam("sid")),
                     rows)
