"""Draw the samples that measure statement joins, for a person to judge by reading.

    python scripts/statement_sample.py --database-url URL --texts DIR --out sample.json [--seed 15]

From a quote database that holds a corpus (ingested with ``bench/ingest.py`` or ``python -m
service ingest``), draws at random (seeded):

- ``statements``: statements with at least two reports, each with every report (outlet, date,
  type, text): are they all reports of one thing said? That gives the precision of joins.
- ``pairs``: pairs of quotes of one speaker that were left in different statements, dated within
  the window and sharing at least two content terms (the candidates a join could come from):
  are they one thing said? With the number of such pairs and of joined pairs, that estimates the
  share of true same-statement pairs the code joins.

Articles are named by the file of DIR whose text they hold (its name without ``.txt``), and
reports by their offsets, so the judgments can be committed without article text and checked
again by ``tests/store/test_statement_judgments.py``. Prints the sample for reading.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from service.store.db import Database  # noqa: E402
from service.store.keys import content_hash  # noqa: E402
from service.store.models import Article, Quote, QuoteSource, QuoteTerm, Speaker, Statement  # noqa: E402


def article_names(texts: Path) -> dict[str, str]:
    """content hash -> file name without .txt."""
    return {content_hash(p.read_text(encoding="utf-8")): p.stem for p in sorted(texts.glob("*.txt"))}


def report_of(source: QuoteSource, article: Article, names: dict[str, str]) -> dict:
    return {"article": names.get(article.content_hash, f"#{article.id}"), "start": source.start, "end": source.end,
            "field": source.field, "outlet": article.outlet, "date": article.dated_at.date().isoformat(),
            "type": source.type, "text": source.text, "quote_id": source.quote_id}


def sample_statements(session, names: dict[str, str], rng: random.Random, n: int) -> list[dict]:
    ids = sorted(session.scalars(select(Statement.id).where(Statement.report_count >= 2)))
    picked = sorted(rng.sample(ids, min(n, len(ids))))
    units = []
    for statement_id in picked:
        statement = session.get(Statement, statement_id)
        speaker = session.get(Speaker, statement.speaker_id) if statement.speaker_id else None
        rows = session.execute(select(QuoteSource, Article).join(Quote, Quote.id == QuoteSource.quote_id)
                               .join(Article, Article.id == QuoteSource.article_id)
                               .where(Quote.statement_id == statement_id).order_by(Article.dated_at, QuoteSource.id))
        units.append({"statement_id": statement_id, "speaker": speaker.name if speaker else None,
                      "reports": [report_of(s, a, names) for s, a in rows]})
    return units


def apart_pairs(session, window_days: float) -> list[tuple[int, int]]:
    """Pairs of quotes of one speaker in different statements, within the window, sharing >= 2 terms."""
    statement = dict(session.execute(select(Quote.id, Quote.statement_id)).all())
    postings: dict[tuple[int, str], list[int]] = defaultdict(list)
    dated = {}
    for quote_id, term, speaker_id, moment in session.execute(
            select(QuoteTerm.quote_id, QuoteTerm.term, QuoteTerm.speaker_id, QuoteTerm.dated_at)):
        postings[(speaker_id, term)].append(quote_id)
        dated[quote_id] = moment
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for quote_ids in postings.values():
        if len(quote_ids) > 400:  # a term this common ties nothing (and the pairs would not fit)
            continue
        for a, b in combinations(sorted(quote_ids), 2):
            shared[(a, b)] += 1
    return sorted(pair for pair, n in shared.items() if n >= 2 and statement[pair[0]] != statement[pair[1]]
                  and abs((dated[pair[0]] - dated[pair[1]]).total_seconds()) <= window_days * 86400)


def first_report(session, quote_id: int, names: dict[str, str]) -> dict:
    source, article = session.execute(select(QuoteSource, Article).join(Article, Article.id == QuoteSource.article_id)
                                      .where(QuoteSource.quote_id == quote_id).order_by(QuoteSource.id).limit(1)).one()
    return report_of(source, article, names)


def joined_pairs(session) -> int:
    """Pairs of distinct quotes (wordings) that share a statement."""
    counts = session.execute(select(func.count()).select_from(Quote).group_by(Quote.statement_id)).scalars()
    return sum(k * (k - 1) // 2 for k in counts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--texts", type=Path, required=True, help="the corpus folder of .txt articles")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--statements", type=int, default=100)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--window-days", type=float, default=7.0)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    names = article_names(args.texts)
    db = Database(args.database_url)
    with db.read() as session:
        statements = sample_statements(session, names, rng, args.statements)
        population = apart_pairs(session, args.window_days)
        picked = sorted(rng.sample(population, min(args.pairs, len(population))))
        speakers = dict(session.execute(select(Quote.id, Speaker.name).join(Speaker, Speaker.id == Quote.speaker_id)
                                        .where(Quote.id.in_({q for pair in picked for q in pair}))).all())
        pairs = [{"speaker": speakers.get(a), "a": first_report(session, a, names),
                  "b": first_report(session, b, names)} for a, b in picked]
        totals = {"statements": session.scalar(select(func.count()).select_from(Statement)),
                  "multi_report_statements": session.scalar(select(func.count()).select_from(Statement)
                                                             .where(Statement.report_count >= 2)),
                  "joined_quote_pairs": joined_pairs(session), "apart_candidate_pairs": len(population)}
    db.dispose()
    args.out.write_text(json.dumps({"seed": args.seed, "totals": totals, "statements": statements, "pairs": pairs},
                                   ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(totals))
    for k, unit in enumerate(statements):
        print(f"\n== S{k} statement {unit['statement_id']} {unit['speaker']}")
        for r in unit["reports"]:
            print(f"   {r['outlet']} {r['date']} {r['type']} q{r['quote_id']}: {r['text'][:400]}")
    for k, pair in enumerate(pairs):
        print(f"\n== P{k} {pair['speaker']}")
        for side in ("a", "b"):
            r = pair[side]
            print(f"   {side} {r['outlet']} {r['date']} {r['type']} q{r['quote_id']}: {r['text'][:400]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
