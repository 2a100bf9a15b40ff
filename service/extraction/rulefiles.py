"""Reading the plain rule files of ``rules/``: comment-aware lines, word lists and TSV tables.

Every loader reports a problem as a ``RuleError`` naming the file, the line and, where there is
one, the rule id, so a bad edit stops start-up with a message that says where to look.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, line and rule id."""


def lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines of ``path`` without blanks and ``#`` comments."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, line.rstrip("\n")


def fail(path: Path, line: int, rule_id: str | None, why: str) -> RuleError:
    where = f"{path.name}:{line}" + (f" [{rule_id}]" if rule_id else "")
    return RuleError(f"{where}: {why}")


def load_word_list(path: Path) -> frozenset[str]:
    """A text file of lowercase entries, one per line; duplicates are errors."""
    seen: set[str] = set()
    for number, line in lines(path):
        entry = line.strip().lower()
        if entry in seen:
            raise fail(path, number, None, f"duplicate entry {entry!r}")
        seen.add(entry)
    return frozenset(seen)


def tsv_rows(path: Path, columns: tuple[str, ...] | None = None) -> Iterator[tuple[int, list[str]]]:
    """Rows of a TSV table whose first line is its header; the first column is a unique key.

    With ``columns`` given, the header must name exactly those columns, so a table edited into
    another shape is refused rather than read wrong."""
    rows = lines(path)
    try:
        _, header = next(rows)
    except StopIteration:
        raise fail(path, 1, None, "empty table: the first line must be the header") from None
    names = [c.strip() for c in header.split("\t")]
    if columns is not None and tuple(names) != columns:
        raise fail(path, 1, None, f"header must be {list(columns)}, got {names}")
    seen: set[str] = set()
    for number, line in rows:
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != len(names):
            raise fail(path, number, None, f"expected {len(names)} columns {names}, got {len(cells)}")
        if cells[0].lower() in seen:
            raise fail(path, number, None, f"duplicate entry {cells[0]!r}")
        seen.add(cells[0].lower())
        yield number, cells
