"""Bulk loading and export for the command line: article files in, quotes out as JSON lines or CSV."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from marshmallow import ValidationError

from .db import Database
from .queries import QuoteFilters, iter_quotes

ARTICLE_SUFFIXES = (".txt", ".json", ".jsonl")
CSV_COLUMNS = ["quote_id", "statement_id", "speaker_id", "speaker", "speaker_kind", "quote_text", "article_id",
               "outlet", "url", "published_at", "title", "type", "text", "field", "start", "end", "cue", "via",
               "confidence", "rule"]


@dataclass
class Loaded:
    """Where each article came from, for messages: ``file`` or ``file:line``."""

    origin: str
    record: dict[str, Any] | None = None
    error: str | None = None


@dataclass
class Tally:
    created: int = 0
    existing: int = 0
    failed: list[str] = field(default_factory=list)


def expand(paths: Iterable[str]) -> list[Path]:
    """Files as given; folders replaced by the article files inside them, sorted."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in ARTICLE_SUFFIXES)
        else:
            found.append(path)
    return found


def count_articles(files: list[Path]) -> int:
    """How many articles the files hold (a JSON-lines file holds one a non-empty line)."""
    total = 0
    for path in files:
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def read_articles(files: list[Path]) -> Iterator[Loaded]:
    """Article records: a .txt file is a body; .json one object; .jsonl one object a line."""
    for path in files:
        try:
            if path.suffix == ".jsonl":
                with path.open(encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        if line.strip():
                            yield _parsed(f"{path}:{number}", line)
            elif path.suffix == ".json":
                yield _parsed(str(path), path.read_text(encoding="utf-8"))
            else:
                yield Loaded(str(path), {"text": path.read_text(encoding="utf-8")})
        except (OSError, UnicodeDecodeError) as exc:
            yield Loaded(str(path), error=str(exc))


def _parsed(origin: str, raw: str) -> Loaded:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        return Loaded(origin, error=f"malformed JSON: {exc.msg}")
    return Loaded(origin, record) if isinstance(record, dict) else Loaded(origin, error="not a JSON object")


def validation_message(exc: ValidationError) -> str:
    messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
    return "; ".join(f"{name}: {' '.join(map(str, m if isinstance(m, list) else [m]))}" for name, m in messages.items())


def write_jsonl(db: Database, filters: QuoteFilters, out: TextIO) -> int:
    count = 0
    for item in iter_quotes(db, filters):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(db: Database, filters: QuoteFilters, out: TextIO) -> int:
    """One row per report of a quote, so each row has one article's offsets."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for item in iter_quotes(db, filters):
        speaker = item["speaker"] or {}
        for s in item["sources"]:
            writer.writerow({"quote_id": item["id"], "statement_id": item["statement_id"],
                             "speaker_id": speaker.get("id"), "speaker": speaker.get("name"),
                             "speaker_kind": speaker.get("kind"), "quote_text": item["text"],
                             **{k: s[k] for k in CSV_COLUMNS[6:] if k != "cue"},
                             "cue": s["cue"]["text"] if s["cue"] else None})
        count += 1
    return count
