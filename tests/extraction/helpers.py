"""Small lookups over an extraction result, for readable assertions."""
from __future__ import annotations


def find(result: dict, fragment: str) -> dict:
    """The quote whose text contains ``fragment`` (fails the test if none does)."""
    hits = [q for q in result["quotes"] if fragment.lower() in q["text"].lower()]
    assert hits, f"no quote contains {fragment!r}: {[q['text'] for q in result['quotes']]}"
    return hits[0]


def texts(result: dict) -> list[str]:
    return [q["text"] for q in result["quotes"]]


def only_quote(result: dict) -> dict:
    """The single quote of a result (fails the test if there is not exactly one)."""
    assert len(result["quotes"]) == 1, [q["text"] for q in result["quotes"]]
    return result["quotes"][0]


def who(quote: dict) -> str:
    """The speaker as the quote names it: the article's name for them, or, for a speaker the
    article never names ("the mayor", "a senior aide"), the mention as written."""
    speaker = quote["speaker"] or {}
    return speaker.get("name") or speaker.get("mention") or ""
