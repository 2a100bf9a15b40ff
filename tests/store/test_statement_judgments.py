"""The judged sample of PolNeAR train statements: the current code still makes the same joins.

``fixtures/statement_judgments.json`` holds a random sample (seeded) of statements with two or more
reports and of same-speaker quote pairs left apart, drawn by ``scripts/statement_sample.py`` from
the 840 train articles, and a person's judgment of each (same thing said or not, and why): article
file names and offsets, never article text. This test stores the articles the sample names, in
date order with their headlines, outlets and dates (as ``bench/ingest.py`` posted them), and checks
that the code still joins (or leaves apart) every judged statement and pair as it did when judged.
When a change to the rules moves a judged join, it fails: read the units it names again and update
the judgments and figures.

It needs the corpus (``shared/corpora/polnear`` beside the checkout, or ``QUOTES_POLNEAR_DIR``) and
skips without it; extracting the 177 articles takes a minute or two, so it is marked slow.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from service.store.db import Database
from service.store.ingest import NewArticle, ingest
from service.store.migrate import upgrade
from service.store.models import Article, Quote, QuoteSource
from service.store.statements import load_statement_rules

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "statement_judgments.json"
ROOT = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path | None:
    """PolNeAR beside the checkout (as CI lays shared/ out), or where QUOTES_POLNEAR_DIR says."""
    candidates = [os.environ.get("QUOTES_POLNEAR_DIR", "")] + [str(p / "shared" / "corpora" / "polnear")
                                                               for p in (ROOT.parent, ROOT.parent.parent)]
    return next((Path(c) for c in candidates if c and (Path(c) / "train" / "text").is_dir()), None)


@pytest.fixture(scope="module")
def judged():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def stored(judged, extractor, tmp_path_factory):
    """The articles the sample names, stored in date order; (article name, field, start, end) -> statement id."""
    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("the PolNeAR corpus is not beside the checkout (set QUOTES_POLNEAR_DIR)")
    with (corpus / "metadata.tsv").open(encoding="utf-8") as f:
        metadata = {row["filename"]: row for row in csv.DictReader(f, delimiter="\t")}
    reports = [r for unit in judged["statements"] for r in unit["reports"]]
    reports += [pair[side] for pair in judged["pairs"] for side in ("a", "b")]
    names = sorted({r["article"] for r in reports}, key=lambda n: (metadata[n]["publication_date"], n))
    url = f"sqlite:///{tmp_path_factory.mktemp('judged') / 'quotes.db'}"
    upgrade(url)
    settings_window = judged["window_days"]
    db = Database(url, load_statement_rules(ROOT / "rules", settings_window, nlp=extractor.nlp))
    ids = {}
    for name in names:
        row = metadata[name]
        title = row["title"] if row.get("title") not in (None, "", "None") else None
        article = NewArticle(text=(corpus / "train" / "text" / f"{name}.txt").read_text(encoding="utf-8"),
                             title=title, outlet=row["publisher"], published_at=_date(row["publication_date"]))
        ids[ingest(db, article, lambda a: extractor.extract(a.text, a.title)).article_id] = name
    with db.read() as session:
        found = {(ids[article_id], field, start, end): statement_id for article_id, field, start, end, statement_id
                 in session.execute(select(Article.id, QuoteSource.field, QuoteSource.start, QuoteSource.end,
                                           Quote.statement_id)
                                    .join(QuoteSource, QuoteSource.article_id == Article.id)
                                    .join(Quote, Quote.id == QuoteSource.quote_id))}
    db.dispose()
    return found


def _date(day: str):
    from datetime import UTC, datetime
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def _key(report: dict) -> tuple[str, str, int, int]:
    return (report["article"], report["field"], report["start"], report["end"])


def test_judged_statements_are_joined_as_before(judged, stored):
    moved = []
    for unit in judged["statements"]:
        statements = {stored.get(_key(r)) for r in unit["reports"]}
        joined = len(statements) == 1 and None not in statements
        if joined != unit["current_code_joins"]:
            moved.append(f"S{unit['sample']} ({unit['judged']}: {unit['reason']})")
    assert not moved, f"judged statements no longer joined the same way: {moved}"


def test_judged_pairs_are_joined_as_before(judged, stored):
    moved = []
    for pair in judged["pairs"]:
        a, b = stored.get(_key(pair["a"])), stored.get(_key(pair["b"]))
        if a is None or b is None or (a == b) != pair["current_code_joins"]:
            moved.append(f"P{pair['sample']} ({pair['judged']}: {pair['reason']})")
    assert not moved, f"judged pairs no longer joined the same way: {moved}"


def test_the_figures_follow_from_the_judgments(judged):
    """Precision of joins: the share of judged statements whose reports are all one thing said.
    Recall: true joined pairs (joined quote pairs times that precision) over those plus the true
    pairs left apart (the candidate pairs left apart times the share of them judged the same)."""
    figures, totals = judged["figures"], judged["totals"]
    statements, pairs = judged["statements"], judged["pairs"]
    precision = sum(u["judged"] == "same" for u in statements) / len(statements)
    missed_share = sum(p["judged"] == "same" for p in pairs) / len(pairs)
    joined_true = precision * totals["joined_quote_pairs"]
    recall = joined_true / (joined_true + missed_share * totals["apart_candidate_pairs"])
    assert figures == {"join_precision": round(precision, 3), "apart_judged_same": round(missed_share, 3),
                       "recall": round(recall, 3)}
