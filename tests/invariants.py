"""Checks every extraction result must pass, whatever the text: shared by the API and property tests."""
from __future__ import annotations

from service.extraction.quotemarks import DOUBLE_MARKS
from service.extraction.textprep import junk_ranges

_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f"}


def _span_ok(text: str, start: int, end: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def cleaned_slice(text: str, start: int, end: int, junk) -> str:
    """``text[start:end]`` as the extractor reads it: page junk cut, controls blanked, whitespace normalised."""
    pieces, pos = [], start
    for s, e, rejoin in junk_ranges(text, junk):
        if e <= start or s >= end:
            continue
        pieces.append(text[pos:max(s, pos)])
        pieces.append(" " if rejoin else "")
        pos = max(pos, min(e, end))
    pieces.append(text[pos:end])
    out = "".join(pieces).replace("''", '"').replace("``", '"')
    out = "".join(" " if ch in _CONTROL else ch for ch in out)
    return " ".join(out.split())


def without_marks(s: str) -> str:
    return " ".join(s.translate(str.maketrans("", "", DOUBLE_MARKS)).split())


def check_result(result: dict, text: str, title: str | None = None, junk=()) -> None:
    """Offsets in range and pointing at what they claim; direct quotes equal the cleaned slice."""
    fields = {"text": text, "title": title}
    for q in result["quotes"]:
        source = fields[q["field"]]
        assert source is not None, q
        assert _span_ok(source, q["start"], q["end"]), q
        assert 0.0 <= q["confidence"] <= 1.0
        assert q["type"] in ("direct", "indirect", "mixed")
        if q["cue"] is not None:
            c = q["cue"]
            assert _span_ok(source, c["start"], c["end"]) and source[c["start"]:c["end"]] == c["text"], c
        if q["speaker"] is not None:
            sp = q["speaker"]
            assert _span_ok(source, sp["start"], sp["end"]) and source[sp["start"]:sp["end"]] == sp["mention"], sp
        if q["type"] == "direct":
            # the quote's text is the content as written, minus page junk and quotation marks
            assert without_marks(q["text"]) == without_marks(cleaned_slice(source, q["start"], q["end"], junk)), q
    ids = {q["id"] for q in result["quotes"]}
    for s in result["speakers"]:
        assert set(s["quote_ids"]) <= ids
    for s in result["speakers"]:
        for m in s["mentions"]:
            assert any(src is not None and _span_ok(src, m["start"], m["end"]) and src[m["start"]:m["end"]] == m["text"]
                       for src in fields.values()), m
