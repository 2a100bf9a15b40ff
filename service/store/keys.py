"""The keys that merge records: a speaker's name key, a quote's match key, an article's content hash.

Pure functions, so the merge rules can be tested without a database.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from ..extraction.quotemarks import DOUBLE_MARKS

# apostrophes join (O'Brien -> obrien); every other non-word character separates words
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc]")
_NON_WORD = re.compile(r"[\W_]+")
_MARK_SPLIT = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")
# a quoted fragment shorter than this is too common ("terrorists") to identify a statement
MIN_FRAGMENT_WORDS = 2


def normalise(text: str) -> str:
    """Casefolded, accents and punctuation stripped, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", _APOSTROPHES.sub("", bare)).split())


def speaker_key(name: str) -> str:
    """The merge key of a speaker name (with the kind, it is unique)."""
    return normalise(name)


def quoted_fragments(raw: str) -> str:
    """The words inside quotation marks in ``raw`` (a quote's span in the article), joined.

    A span starts outside marks for reported speech (``would be a "big mistake``), so the pieces
    at odd positions after splitting on marks are the quoted ones.
    """
    pieces = _MARK_SPLIT.split(raw)
    return " ".join(pieces[1::2])


def quote_match_text(text: str, quote_type: str, raw_span: str) -> str:
    """The normalised words that identify a statement across outlets.

    Outlets frame the same words differently ("this would be a "big mistake"" against "would be a
    "big mistake""), so a mixed quote is matched on its quoted fragment when that has at least
    MIN_FRAGMENT_WORDS words; direct and indirect quotes on their whole text.
    """
    if quote_type == "mixed":
        fragment = normalise(quoted_fragments(raw_span))
        if len(fragment.split()) >= MIN_FRAGMENT_WORDS:
            return fragment
    return normalise(text)


def quote_match_key(speaker_id: int | None, match_text: str) -> str:
    """sha256 of the speaker and the match text: the unique key of a ``quotes`` row."""
    return hashlib.sha256(f"{speaker_id if speaker_id is not None else '-'}\x1f{match_text}".encode()).hexdigest()


def content_hash(text: str) -> str:
    """sha256 of the article body with whitespace collapsed (re-flowed copies are the same article)."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def outlet_from_url(url: str | None) -> str | None:
    """The host of an article URL without ``www.``: the outlet when the client names none."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None
