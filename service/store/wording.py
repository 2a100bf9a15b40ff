"""The words each report puts in quotation marks, and where two reports quote one passage differently.

A direct quote quotes all of its text; reported speech quotes the stretches inside marks in its
span (``would be a "big mistake"``); an indirect report quotes nothing. Two reports quote one
passage differently when their quoted words share content but one swaps, adds or drops a
content word inside the shared stretch (``big mistake`` against ``grave mistake``). Quoting
more or less of the passage (``negative impact`` inside ``have a negative impact on relations``)
is excerpting, not a different wording; so is leaving words out with an ellipsis; nor are
function words (``a``/``the``) or punctuation different wordings.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..extraction.quotemarks import DOUBLE_MARKS
from .terms import stop_words, tokens

_MARK_SPLIT = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")


def quoted_words(quote_type: str, text: str, raw_span: str) -> list[str]:
    """What a report puts in quotation marks: ``text`` for a direct quote, the marked stretches
    of ``raw_span`` (the quote's span in its article) for reported speech."""
    if quote_type == "direct":
        return [text] if text.strip() else []
    if quote_type != "mixed":
        return []
    # two apostrophes are a double mark in some copy (''We will win,'' he said.)
    pieces = [" ".join(p.split()) for p in _MARK_SPLIT.split(raw_span.replace("''", '"'))[1::2]]
    return [p.strip(" ,.;:") for p in pieces if p.strip(" ,.;:")]


_ELLIPSIS = re.compile(r"\u2026|\.\s?\.\s?\.|\[\.\.\.\]")


def _words(text: str) -> list[str]:
    return [t.word for t in tokens(text)]


def passages(quoted: list[str]) -> list[str]:
    """Quoted stretches cut at ellipses: an outlet that leaves words out quotes two passages."""
    return [p.strip() for piece in quoted for p in _ELLIPSIS.split(piece) if p.strip()]


def quoted_differently(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` quote one passage in different words (see the module docstring)."""
    wa, wb = _words(a), _words(b)
    stop = stop_words()
    if not wa or not wb or wa == wb:
        return False
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    common = sum(w not in stop for m in blocks for w in wa[m.a:m.a + m.size])
    if not common:
        return False  # no content word in common: two passages, not two wordings of one
    if 2 * sum(m.size for m in blocks) < min(len(wa), len(wb)):
        return False
    if common == 1 and abs(len(wa) - len(wb)) > 1:
        return False  # one shared word ties two stretches only as long as each other (big/grave mistake)
    ops = matcher.get_opcodes()
    # words only one side has at either end are a longer or shorter excerpt
    while ops and ops[0][0] in ("insert", "delete"):
        ops.pop(0)
    while ops and ops[-1][0] in ("insert", "delete"):
        ops.pop()
    return any(tag != "equal" and any(w not in stop for w in wa[i1:i2] + wb[j1:j2])
               for tag, i1, i2, j1, j2 in ops)


def wording_pairs(first: list[str], second: list[str]) -> list[tuple[str, str]]:
    """The pairs of quoted stretches of two reports that quote one passage differently."""
    return [(a, b) for a in passages(first) for b in passages(second) if quoted_differently(a, b)]
