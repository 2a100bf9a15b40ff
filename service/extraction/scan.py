"""The few tokens of a document a rule looks at, found in spaCy's arrays rather than by walking
every token in Python (a news article has thousands; a rule wants a few dozen)."""
from __future__ import annotations

import bisect
from collections.abc import Iterable

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, LOWER, POS
from spacy.tokens import Doc

COLUMNS = (LOWER, DEP, POS, ENT_TYPE)


class TokenScan:
    """Column arrays of one document, to select token indices by attribute values."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.columns = dict(zip(COLUMNS, doc.to_array(list(COLUMNS)).T, strict=True)) if len(doc) else {}

    def where(self, attr: int, values: Iterable[str]) -> np.ndarray:
        """A mask of the tokens whose ``attr`` (``LOWER``, ``DEP``, ``POS``, ``ENT_TYPE``) is one of ``values``."""
        if not self.columns:
            return np.zeros(0, dtype=bool)
        hashes = [self.doc.vocab.strings.add(v) for v in values]
        return np.isin(self.columns[attr], np.array(hashes, dtype=np.uint64))

    @staticmethod
    def indices(mask: np.ndarray) -> list[int]:
        return np.flatnonzero(mask).tolist()


__all__ = ["Spans", "TokenScan", "DEP", "ENT_TYPE", "LOWER", "POS"]


class Spans:
    """Character spans (possibly overlapping) merged into disjoint ones, to ask in log time
    whether a character falls inside any of them."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, char: int) -> bool:
        k = bisect.bisect_right(self.starts, char) - 1
        return k >= 0 and char < self.ends[k]
