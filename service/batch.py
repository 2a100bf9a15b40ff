"""Batch extraction of large corpora: JSONL (or a folder of .txt files) in, JSONL out.

Streams both ways (memory does not grow with the corpus), resumes by skipping ids already in
the output, and reports one failure per article instead of stopping.
"""
from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from tqdm import tqdm

from .extraction import Extractor
from .extraction.parallel import ExtractionPool, Failure


@dataclass(frozen=True)
class Article:
    """One input record: ``text`` is None when the record itself is unusable (``error`` says why)."""

    id: str
    text: str | None
    error: str | None = None


@dataclass
class Summary:
    """What a run did; ``line()`` is what the command prints at the end."""

    articles: int = 0
    skipped: int = 0
    failed: int = 0
    quotes: int = 0
    words: int = 0
    elapsed: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def words_per_s(self) -> float:
        return self.words / self.elapsed if self.elapsed > 0 else 0.0

    def line(self) -> str:
        return (f"articles={self.articles} skipped={self.skipped} failed={self.failed} quotes={self.quotes} "
                f"words={self.words} elapsed={self.elapsed:.1f}s words/s={self.words_per_s:.0f}")


def read_jsonl(path: Path) -> Iterator[Article]:
    """Records ``{"id", "text", ...}``, one a line; other fields are ignored."""
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Article(f"{path.name}:{n}", None, f"line {n} is not JSON: {exc.msg}")
                continue
            yield _article(record, f"{path.name}:{n}")


def _article(record: Any, where: str) -> Article:
    if not isinstance(record, dict) or not isinstance(record.get("id"), (str, int)):
        return Article(where, None, "a record needs an id (string)")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Article(str(record["id"]), None, "a record needs a non-empty text")
    return Article(str(record["id"]), text)


def read_directory(path: Path) -> Iterator[Article]:
    """Every ``*.txt`` file of a folder, by name; the id is the file name without ``.txt``."""
    for file in sorted(path.glob("*.txt")):
        text = file.read_text(encoding="utf-8")
        yield Article(file.stem, text) if text.strip() else Article(file.stem, None, "empty file")


def read_source(path: Path) -> Iterator[Article]:
    return read_directory(path) if path.is_dir() else read_jsonl(path)


def count_source(path: Path) -> int:
    """How many records a source holds, read without keeping them (for the progress bar)."""
    if path.is_dir():
        return sum(1 for _ in path.glob("*.txt"))
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


def done_ids(out: Path) -> set[str]:
    """Ids already written to ``out``. A truncated last line (an interrupted run) is cut off so
    that appending continues on a clean line."""
    if not out.exists():
        return set()
    ids: set[str] = set()
    good_end = 0
    with out.open("rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                ids.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                break
            good_end += len(line)
    if good_end < out.stat().st_size:
        os.truncate(out, good_end)
    return ids


def _write(out: TextIO, body: dict[str, Any]) -> None:
    out.write(json.dumps(body, ensure_ascii=False) + "\n")


def run_batch(source: Path, out_path: Path, extractor: Extractor, workers: int = 1, batch_size: int = 16,
              progress: bool = True) -> Summary:
    """Extract every article of ``source`` not yet in ``out_path`` and append the results to it."""
    started = time.perf_counter()
    summary = Summary()
    done = done_ids(out_path)
    pending: deque[tuple[str, int]] = deque()

    def texts(bar: tqdm, out: TextIO) -> Iterator[str]:
        for article in read_source(source):
            if article.id in done:
                summary.skipped += 1
                bar.update()
                continue
            done.add(article.id)  # a repeated id in the input is extracted once
            if article.text is None:
                _fail(summary, out, article.id, article.error or "unusable record")
                bar.update()
                continue
            pending.append((article.id, len(article.text.split())))
            yield article.text

    with ExtractionPool(extractor, workers) as pool, out_path.open("a", encoding="utf-8") as out, \
            tqdm(total=count_source(source), unit="art", disable=not progress, dynamic_ncols=True) as bar:
        for outcome in pool.outcomes(texts(bar, out), batch_size):
            article_id, words = pending.popleft()
            if isinstance(outcome, Failure):
                _fail(summary, out, article_id, outcome.error)
            else:
                _write(out, {"id": article_id, **outcome.to_dict()})
                summary.articles += 1
                summary.quotes += len(outcome.quotes)
                summary.words += words
            bar.update()
            summary.elapsed = time.perf_counter() - started
            bar.set_postfix_str(f"{summary.words_per_s:.0f} words/s", refresh=False)
    summary.elapsed = time.perf_counter() - started
    return summary


def _fail(summary: Summary, out: TextIO, article_id: str, error: str) -> None:
    summary.failed += 1
    summary.failures.append(f"{article_id}: {error}")
    _write(out, {"id": article_id, "error": error})
