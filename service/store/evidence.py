"""When two quotes of one speaker report one statement: the rule-based evidence, as pure functions.

Precision comes first. Two quotes join when they share enough content terms
(``service.store.terms``) that most of the shorter one is in the longer one: an outlet that
reports part of a statement, or paraphrases it, keeps its things, numbers and content words;
names alone (a topic) are not enough. Words both reports put in quotation marks lower the bar
(``would be a "big mistake"``), and a run of them is the same quotation outright. Two quotes of
one article join on content only as its headline and its body: two quotations or paraphrases of
one speaker in one article are, as far as words can tell, two things said. Numbers that disagree
(``3 percent`` against ``5 percent``), or a negation only one of them has, forbid the join;
reports more than two days apart join only as the same quotation; a quote of a few terms joins
only one about as short (a catchphrase inside a speech is not the speech). Two answers on one
topic share the topic's words but not most of their content, so they stay apart. Inside one
article, a reporting participle that continues a quote (``urged Russia to "act responsibly,"
telling Zinoviev that ...``) reports the same utterance.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .terms import NEGATION, NEGATIONS, stop_words, tokens

MIN_SHARED = 3  # content terms two quotes must share, without words quoted by both
MIN_SHARED_WORDS = 2  # ... of which words or numbers, not only names: a topic is not a statement
MIN_CONTAINMENT = 0.6  # the share of the shorter quote's terms the longer one holds
MIN_CONTAINMENT_QUOTED = 0.5  # ... when both quote the same two content words in a row
VERBATIM_RUN = 6  # words in a row both put in quotation marks: the same quotation, whatever else differs
VERBATIM_CONTENT = 3  # ... of which content words
# reports further apart than this (within the window) join only as the same quotation: a claim
# paraphrased again days later is as likely said again on another occasion
PARAPHRASE_DAYS = 2
# a quote of so few terms is contained in many a long one: it must be about as short as the other
FEW_TERMS = 3
MIN_JACCARD_FEW = 0.5
# what may stand between a quote and a participle cue that continues it: marks, commas, dashes
_CONTINUATION_GAP = re.compile(r"[\s,;:\u2014\u2013\-\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]*")
CONTINUATION_GAP_CHARS = 6


@dataclass(frozen=True)
class QuoteEvidence:
    """What one stored quote offers to the comparison."""

    terms: frozenset[str]
    quoted_pairs: frozenset[tuple[str, ...]]  # consecutive content words inside quotation marks
    quoted_runs: frozenset[tuple[str, ...]] = frozenset()  # every VERBATIM_RUN words in a row quoted
    # (article id, type, field, start, end) of each of its reports
    reports: frozenset[tuple[int, str, str, int, int]] = frozenset()


def quoted_evidence(terms: frozenset[str], quoted: list[str],
                    reports: frozenset[tuple[int, str, str, int, int]] = frozenset()) -> QuoteEvidence:
    """The evidence of a quote with these terms whose reports quote these words."""
    pairs: set[tuple[str, ...]] = set()
    runs: set[tuple[str, ...]] = set()
    stop = stop_words()
    for piece in quoted:
        words = [t.word for t in tokens(piece)]
        pairs |= {(a, b) for a, b in zip(words, words[1:], strict=False)
                  if a not in stop and b not in stop and a not in NEGATIONS and b not in NEGATIONS}
        spans = (tuple(words[k:k + VERBATIM_RUN]) for k in range(len(words) - VERBATIM_RUN + 1))
        runs |= {run for run in spans if sum(w not in stop for w in run) >= VERBATIM_CONTENT}
    return QuoteEvidence(terms, frozenset(pairs), frozenset(runs), reports)


def numbers_disagree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both give numbers and none of them is the same."""
    na = {t for t in a if t.startswith("#")}
    nb = {t for t in b if t.startswith("#")}
    return bool(na and nb and not na & nb)


def restated(a: QuoteEvidence, b: QuoteEvidence) -> bool:
    """Whether one article gives the two quotes as one statement twice: in its headline and its
    body. Two quotations, two paraphrases, or a paraphrase and a quotation of one speaker in one
    article are, as far as words can tell, two things said (measured: most such pairs that share
    words are two points of one speech)."""
    return any(article == other and a_field != b_field
               for article, _, a_field, _, _ in a.reports for other, _, b_field, _, _ in b.reports)


def share_an_article(a: QuoteEvidence, b: QuoteEvidence) -> bool:
    return bool({r[0] for r in a.reports} & {r[0] for r in b.reports})


def join_reason(a: QuoteEvidence, b: QuoteEvidence, days_apart: float = 0.0) -> str | None:
    """Why two quotes of one speaker, first reported ``days_apart``, report one statement, or None
    when the evidence is short."""
    if a.quoted_runs & b.quoted_runs:
        return "same quotation"
    if days_apart > PARAPHRASE_DAYS:
        return None
    if share_an_article(a, b) and not restated(a, b):
        return None
    if not a.terms or not b.terms or numbers_disagree(a.terms, b.terms):
        return None
    if (NEGATION in a.terms) != (NEGATION in b.terms):
        return None  # "she sent no classified email" and "she received classified email" are two claims
    both = a.terms & b.terms
    shared = len(both)
    smaller = min(len(a.terms), len(b.terms))
    if sum(not t.startswith("@") for t in both) < MIN_SHARED_WORDS:
        return None
    if smaller <= FEW_TERMS and shared / len(a.terms | b.terms) < MIN_JACCARD_FEW:
        return None
    if a.quoted_pairs & b.quoted_pairs and shared / smaller >= MIN_CONTAINMENT_QUOTED:
        return "quoted words"
    if shared >= MIN_SHARED and shared / smaller >= MIN_CONTAINMENT:
        return "content"
    if a.terms == b.terms:
        return "same content"
    return None


@dataclass(frozen=True)
class Placement:
    """Where one report of a quote stands in its article."""

    field: str
    start: int
    end: int
    cue_start: int | None
    cue_text: str | None


def continues(first: Placement, second: Placement, text: str) -> bool:
    """``second`` is reported by a participle right after ``first`` (``..., telling X that``):
    one reporting clause, one utterance. ``text`` is the field both offsets index."""
    if first.field != second.field or second.cue_start is None or not second.cue_text:
        return False
    if not first.end <= second.cue_start <= first.end + CONTINUATION_GAP_CHARS:
        return False
    if not _CONTINUATION_GAP.fullmatch(text[first.end:second.cue_start]):
        return False
    head = second.cue_text.split()[0].lower()
    return head.endswith("ing") and len(head) > 4
