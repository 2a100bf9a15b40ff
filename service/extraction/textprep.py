"""Text preparation: clean an article for parsing without losing the way back to its offsets.

The parser sees a cleaned copy of the text (page junk cut out, sentences split by a junk
line rejoined, Windows line endings and NYT-style ``''`` marks normalised). Every piece of
the cleaned copy remembers where it came from, so spans found in it map back exactly to
code-point offsets in the submitted text.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .rules import JunkRule

# a line ending like this is a finished sentence: no rejoining across a junk line after it
_SENTENCE_END = re.compile(r"[.!?:;\"\u201d\u2019)\]]\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CRLF = re.compile(r"\r\n?")
_TWO_QUOTES = re.compile(r"''|``")
# a single line break inside a paragraph is a hard wrap, not a break between paragraphs
_SOFT_WRAP = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# "WASHINGTON —" or "SEOUL (Reuters) -" opening a paragraph: a dateline, not part of the sentence
_DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]+){0,3}[ \t]*(?:\([A-Za-z .]+\))?"
                       r"[ \t]*(?:\u2014|\u2013|--|-)[ \t]*(?=[A-Z\"\u201c])")


@dataclass(frozen=True)
class Piece:
    """A run of the cleaned text: a copy of the original, or a replacement for a stretch of it."""

    clean_start: int
    orig_start: int
    orig_end: int
    copied: bool  # same length as the original stretch, so offsets map one to one


class PreparedText:
    """The cleaned text plus the offset table that maps it back to the original."""

    def __init__(self, original: str, text: str, pieces: Sequence[Piece]):
        self.original = original
        self.text = text
        self._pieces = list(pieces)
        self._starts = [p.clean_start for p in self._pieces]

    def _piece(self, i: int) -> Piece:
        return self._pieces[max(0, bisect.bisect_right(self._starts, i) - 1)]

    def orig_start(self, i: int) -> int:
        """Original offset of the character at cleaned offset ``i`` (a span start)."""
        if i >= len(self.text):
            return len(self.original)
        p = self._piece(i)
        return p.orig_start + (i - p.clean_start) if p.copied else p.orig_start

    def orig_end(self, i: int) -> int:
        """Original offset for an exclusive span end at cleaned offset ``i``."""
        if i <= 0:
            return 0
        p = self._piece(i - 1)
        return p.orig_start + (i - p.clean_start) if p.copied else p.orig_end

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span to the original text."""
        return self.orig_start(start), self.orig_end(end)

    def original_fragments(self, start: int, end: int) -> list[tuple[int, int]]:
        """Map a cleaned span to the stretches of the original it came from: a junk line cut out
        of the middle of a sentence splits it in two."""
        fragments: list[tuple[int, int]] = []
        k = max(0, bisect.bisect_right(self._starts, start) - 1)
        while k < len(self._pieces) and self._pieces[k].clean_start < end:
            p = self._pieces[k]
            piece_end = self._pieces[k + 1].clean_start if k + 1 < len(self._pieces) else len(self.text)
            s, e = max(start, p.clean_start), min(end, piece_end)
            if e > s and not (not p.copied and self.text[s:e].isspace()):
                os_, oe = (p.orig_start + s - p.clean_start, p.orig_start + e - p.clean_start) if p.copied \
                    else (p.orig_start, p.orig_end)
                if fragments and not self.original[fragments[-1][1]:os_].strip():
                    fragments[-1] = (fragments[-1][0], oe)
                else:
                    fragments.append((os_, oe))
            k += 1
        return [(s, e) for s, e in fragments if self.original[s:e].strip()] or [self.to_original(start, end)]


class _Builder:
    def __init__(self, original: str):
        self.original = original
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0

    def copy(self, start: int, end: int) -> None:
        if end > start:
            self._add(self.original[start:end], start, end, True)

    def replace(self, start: int, end: int, text: str) -> None:
        if text:
            self._add(text, start, end, len(text) == end - start)

    def _add(self, text: str, start: int, end: int, copied: bool) -> None:
        self.pieces.append(Piece(self.length, start, end, copied))
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> PreparedText:
        return PreparedText(self.original, "".join(self.parts), self.pieces)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_junk(line: str, junk: Sequence[JunkRule]) -> bool:
    stripped = line.strip()
    return bool(stripped) and any(rule.regex.fullmatch(stripped) for rule in junk)


def junk_ranges(text: str, junk: Sequence[JunkRule]) -> list[tuple[int, int, bool]]:
    """Stretches to cut: (start, end, rejoin). ``rejoin`` marks a junk line inside a sentence."""
    lines = _line_spans(text)
    is_junk = [_is_junk(text[s:e], junk) for s, e in lines]
    # the nearest line with content before and after each line, junk lines skipped
    content = [not j and bool(text[s:e].strip()) for (s, e), j in zip(lines, is_junk, strict=True)]
    before, last = [None] * len(lines), None
    for k in range(len(lines)):
        before[k] = last
        last = k if content[k] else last
    after, nxt = [None] * len(lines), None
    for k in range(len(lines) - 1, -1, -1):
        after[k] = nxt
        nxt = k if content[k] else nxt
    cuts: list[tuple[int, int, bool]] = []
    for k, (s, e) in enumerate(lines):
        if not is_junk[k]:
            continue
        prev = lines[before[k]] if before[k] is not None else None
        following = lines[after[k]] if after[k] is not None else None
        if prev is not None and following is not None and not _SENTENCE_END.search(text[prev[0]:prev[1]]) \
                and text[following[0]:following[1]].lstrip()[:1].islower():
            prev_end = prev[0] + len(text[prev[0]:prev[1]].rstrip())
            next_start = following[1] - len(text[following[0]:following[1]].lstrip())
            cuts.append((prev_end, next_start, True))
        else:
            cuts.append((s, e, False))
    return _merge(cuts)


def _merge(cuts: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    merged: list[tuple[int, int, bool]] = []
    for s, e, rejoin in sorted(cuts):
        if merged and s <= merged[-1][1]:
            ps, pe, pr = merged[-1]
            merged[-1] = (ps, max(pe, e), pr or rejoin)
        else:
            merged.append((s, e, rejoin))
    return merged


def prepare(text: str, junk: Sequence[JunkRule]) -> PreparedText:
    """Clean ``text`` for parsing and keep the offset table back to it."""
    edits: list[tuple[int, int, str]] = []
    for s, e, rejoin in junk_ranges(text, junk):
        edits.append((s, e, " " if rejoin else ""))
    for m in _DATELINE.finditer(text):
        edits.append((m.start(), m.end(), ""))
    for m in _CRLF.finditer(text):
        edits.append((m.start(), m.end(), "\n"))
    for m in _CONTROL.finditer(text):
        edits.append((m.start(), m.end(), " "))
    for m in _TWO_QUOTES.finditer(text):
        edits.append((m.start(), m.end(), '"'))
    if _BLANK_LINE.search(text):
        for m in _SOFT_WRAP.finditer(text):
            edits.append((m.start(), m.end(), " " * (m.end() - m.start())))
    builder = _Builder(text)
    pos = 0
    # where edits overlap the longest wins: a junk cut swallows the line breaks inside it
    for s, e, repl in sorted(edits, key=lambda edit: (edit[0], -edit[1])):
        if s < pos:  # an edit inside a stretch already cut
            continue
        builder.copy(pos, s)
        builder.replace(s, e, repl)
        pos = e
    builder.copy(pos, len(text))
    return builder.build()
