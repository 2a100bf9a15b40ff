"""/v1/stats as a CSV table: one row per group, a speaker or a statement spread over columns."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from ...store.stats import MEASURES

# a cell a spreadsheet would run as a formula (OWASP "CSV injection") is kept as text
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS_OF = {
    "speaker": ("speaker_id", "speaker", "speaker_kind", "speaker_gender", "speaker_affiliation",
                "speaker_titles", "speaker_organizations"),
    "quote": ("quote_id", "quote", "quote_speaker_id", "quote_speaker"),
}


def columns(group_by: tuple[str, ...]) -> list[str]:
    return [c for name in group_by for c in COLUMNS_OF.get(name, (name,))] + list(MEASURES)


def cells(name: str, value: Any) -> list[Any]:
    """The columns of one dimension's value."""
    if name == "speaker":
        s = value or {}
        return [s.get("id"), s.get("name"), s.get("kind"), s.get("gender"), s.get("affiliation"),
                "; ".join(s.get("titles", [])), "; ".join(s.get("organizations", []))]
    if name == "quote":
        speaker = value["speaker"] or {}
        return [value["id"], value["text"], speaker.get("id"), speaker.get("name")]
    return [value]


def safe(cell: Any) -> Any:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_lines(group_by: tuple[str, ...], groups: list[dict[str, Any]]) -> Iterator[str]:
    """The header, then one line per group."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = ([c for name in group_by for c in cells(name, g[name])] + [g[m] for m in MEASURES] for g in groups)
    for row in [columns(group_by), *rows]:
        writer.writerow([safe(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
