"""Pair quotation marks into quoted stretches, recovering from unbalanced marks.

Works on characters, before any parsing: curly and straight double quotes, guillemets, and
single quotes where they cannot be apostrophes. Newspaper convention is followed for quotes
running over several paragraphs: a paragraph that ends inside a quote and a next paragraph
that opens with a mark continue the same quote. An opening mark that is never closed ends
at its paragraph's end instead of swallowing the rest of the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "\u201c\u00ab\u201e"
CLOSERS = "\u201d\u00bb"
DOUBLE_MARKS = OPENERS + CLOSERS + '"'
_MARK = re.compile(r'["\u201c\u201d\u00ab\u00bb\u201e]')
# markup left in scraped text (``<tweet pic="" author="x">``): its attribute values are not quotes
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?>")
_SINGLE = re.compile(r"(?<![\w\u2019'])[\u2018'](?=\w)|(?<=[\w.,!?])[\u2019'](?![\w])")


@dataclass(frozen=True)
class QuotedSpan:
    """Offsets into the prepared text: marks at ``open`` and ``close - 1``, content between."""

    open: int
    close: int
    continuation_marks: tuple[int, ...] = ()
    single: bool = False

    @property
    def content_start(self) -> int:
        return self.open + 1

    @property
    def content_end(self) -> int:
        return self.close - 1


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, whitespace trimmed."""
    spans, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def _neighbours(text: str, i: int) -> tuple[str, str]:
    """The characters either side of position ``i``, a space past either end."""
    return (text[i - 1] if i else " "), (text[i + 1] if i + 1 < len(text) else " ")


def _used_as_opener(text: str, i: int) -> bool:
    """A closing mark typed where an opening one belongs (``”We won.”``, ``” … what I learned``),
    common in scraped text."""
    before, after = _neighbours(text, i)
    return before.isspace() and (after.isalnum() or text[i + 1:i + 5].lstrip().startswith(("\u2026", "...")))


def _only_closes(text: str, i: int) -> bool:
    """A straight mark glued to the word before it and followed by a space (``systems" including``,
    ``6'3" tall``, ``author=" that``) closes a quote or measures inches; it never opens one."""
    before, after = _neighbours(text, i)
    return not before.isspace() and before not in "([{\u2014\u2013-/" and (after.isspace() or after in ".,;:!?)")


def pair_double_quotes(text: str) -> list[QuotedSpan]:
    """All double-quoted stretches of ``text``, in order."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    continued: list[int] = []
    last_end = 0

    def close_unfinished() -> None:
        if open_at is not None and last_end > open_at + 1:
            spans.append(QuotedSpan(open_at, last_end + 1, tuple(continued)))

    in_tag = {i for m in _TAG.finditer(text) for i in range(m.start(), m.end())}
    for p_start, p_end in _paragraphs(text):
        skip = None
        if open_at is not None:
            if text[p_start] in OPENERS + '"':
                continued.append(p_start)
                skip = p_start
            else:  # an unclosed quote that does not continue: it ends with its paragraph
                close_unfinished()
                open_at, continued = None, []
        for m in _MARK.finditer(text, p_start, p_end):
            i, ch = m.start(), m.group()
            if i == skip or i in in_tag:
                continue
            if open_at is None:
                if ch in OPENERS or (ch == '"' and not _only_closes(text, i)) or _used_as_opener(text, i):
                    open_at = i
            elif ch in OPENERS:
                open_at, continued = i, []  # the previous mark was never closed: drop it
            else:
                if i > open_at + 1:
                    spans.append(QuotedSpan(open_at, i + 1, tuple(continued)))
                open_at, continued = None, []
        last_end = p_end
    close_unfinished()
    return spans


def pair_single_quotes(text: str, inside: list[QuotedSpan]) -> list[QuotedSpan]:
    """Single-quoted stretches outside double quotes (headlines, British style)."""
    def covered(i: int) -> bool:
        return any(s.open <= i < s.close for s in inside)
    spans, open_at = [], None
    for m in _SINGLE.finditer(text):
        i = m.start()
        if covered(i):
            continue
        is_open = m.group() in "\u2018'" and (i + 1 < len(text) and text[i + 1].isalnum()) and (
            i == 0 or not text[i - 1].isalnum())
        if open_at is None:
            if is_open:
                open_at = i
        elif "\n" in text[open_at:i]:
            open_at = i if is_open else None
        elif not is_open:
            spans.append(QuotedSpan(open_at, i + 1, single=True))
            open_at = None
    return spans


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Double-quoted stretches plus single-quoted ones outside them, sorted by position."""
    doubles = pair_double_quotes(text)
    return sorted(doubles + pair_single_quotes(text, doubles), key=lambda s: s.open)
