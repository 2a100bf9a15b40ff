"""What runs in each Spark Python worker: extract one partition's articles (and store them).

The extractor is loaded once per worker process and kept for every later task on it (Spark
reuses its Python workers). Articles go through ``nlp.pipe`` in chunks; a chunk that fails or
runs past its time is redone article by article, so only the bad article fails, with its reason
in its own row. With a database, each article is stored through the same ingest code as
``POST /v1/articles``: one transaction per article, found again by its content hash or url, so a
retried task or a rerun of the job stores nothing twice.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..extensions.deadline import DeadlineExceeded, deadline
from ..extraction import Extraction, Extractor
from ..extraction.parallel import chunked

_extractors: dict[tuple[str, str], Extractor] = {}
_databases: dict[str, Any] = {}


@dataclass(frozen=True)
class WorkerOptions:
    """Everything a worker needs, shipped with the task (small and picklable)."""

    model: str
    rules_dir: str
    batch_size: int = 16
    timeout: float = 60.0
    database_url: str | None = None


@dataclass(frozen=True)
class Failed:
    status: str  # "failed" or "timeout"
    error: str


def extractor_for(options: WorkerOptions) -> Extractor:
    """This worker's extractor, loaded on its first task."""
    key = (options.model, options.rules_dir)
    if key not in _extractors:
        _extractors[key] = Extractor(options.model, options.rules_dir)
    return _extractors[key]


def database_for(url: str) -> Any:
    from ..store.db import Database

    if url not in _databases:
        _databases[url] = Database(url)
    return _databases[url]


def extract_partition(options: WorkerOptions, rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """One result row per input row, in order (the ``mapPartitions`` function)."""
    extractor = extractor_for(options)
    db = database_for(options.database_url) if options.database_url else None
    for chunk in chunked((row.asDict() for row in rows), options.batch_size):
        started = time.perf_counter()
        outcomes = extract_chunk(extractor, chunk, options)
        per_article_ms = (time.perf_counter() - started) * 1000 / len(chunk)
        for record, outcome in zip(chunk, outcomes, strict=True):
            yield result_row(record, outcome, db, extractor, per_article_ms)


def usable(record: dict[str, Any]) -> str | None:
    """Why a record cannot be extracted, or None."""
    if record.get("_corrupt_record") is not None:
        return "not a JSON object with the expected fields"
    if record.get("id") is None:
        return "a record needs an id"
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return "a record needs a non-empty text"
    return None


def extract_chunk(extractor: Extractor, chunk: list[dict[str, Any]],
                  options: WorkerOptions) -> list[Extraction | Failed]:
    """Outcomes of a chunk: untitled articles through one ``nlp.pipe``, titled ones (their headline
    is extracted too) one by one; on any failure or overrun, each article again on its own."""
    outcomes: list[Extraction | Failed | None] = [None] * len(chunk)
    batch = []
    for k, record in enumerate(chunk):
        reason = usable(record)
        if reason:
            outcomes[k] = Failed("failed", reason)
        elif not record.get("title"):
            batch.append(k)
    if batch:
        try:
            with deadline(options.timeout * len(batch)):
                texts = [chunk[k]["text"] for k in batch]
                for k, extraction in zip(batch, extractor.extract_many(texts, batch_size=len(texts)), strict=True):
                    outcomes[k] = extraction
        except Exception:  # noqa: BLE001 - redone one by one below, so only the bad article fails
            for k in batch:
                outcomes[k] = None
    return [outcome if outcome is not None else extract_one(extractor, record, options.timeout)
            for outcome, record in zip(outcomes, chunk, strict=True)]


def extract_one(extractor: Extractor, record: dict[str, Any], seconds: float) -> Extraction | Failed:
    try:
        with deadline(seconds):
            return extractor.extract(record["text"], record.get("title") or None)
    except DeadlineExceeded as exc:
        return Failed("timeout", str(exc))
    except Exception as exc:  # noqa: BLE001 - reported in the article's own row
        return Failed("failed", f"{type(exc).__name__}: {exc}")


def result_row(record: dict[str, Any], outcome: Extraction | Failed, db: Any, extractor: Extractor,
               elapsed_ms: float) -> dict[str, Any]:
    row = {"id": record.get("id"), "published_at": record.get("published_at"), "elapsed_ms": round(elapsed_ms, 1),
           "words": len((record.get("text") or "").split()), "quotes": 0, "speakers": 0, "quote_rows": [],
           "status": "ok", "error": None, "stored": None, "database_id": None}
    if isinstance(outcome, Failed):
        return {**row, "status": outcome.status, "error": outcome.error}
    body = outcome.to_dict()
    row.update(quotes=len(outcome.quotes), speakers=len(outcome.speakers), quote_rows=body["quotes"])
    if db is not None:
        try:
            stored = store(db, record, outcome)
        except Exception as exc:  # noqa: BLE001 - the article's row says it was not stored, and why
            return {**row, "status": "failed", "error": f"not stored: {type(exc).__name__}: {exc}"}
        row.update(stored="created" if stored.created else "existing", database_id=stored.article_id)
    return row


def store(db: Any, record: dict[str, Any], extraction: Extraction) -> Any:
    """Store the article as ``POST /v1/articles`` does (validated by the same schema)."""
    from ..api.articles.schemas import ArticleRequestSchema
    from ..store.ingest import NewArticle, ingest

    fields = {k: record.get(k) for k in ("text", "title", "url", "outlet", "published_at")}
    article = NewArticle(**ArticleRequestSchema().load({k: v for k, v in fields.items() if v is not None}))
    return ingest(db, article, lambda _: extraction)
