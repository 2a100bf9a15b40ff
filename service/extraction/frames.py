"""The token view of quoted stretches: which tokens a quote owns, and what lies around it."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .quotemarks import QuotedSpan


@dataclass(frozen=True)
class TokenQuote:
    """A quoted stretch in token terms: marks at ``first`` and ``last`` (inclusive)."""

    index: int
    chars: QuotedSpan
    first: int
    last: int


class QuoteIndex:
    """Quoted stretches of one document, addressable by token."""

    def __init__(self, doc: Doc, spans: list[QuotedSpan]):
        self.doc = doc
        self.quotes: list[TokenQuote] = []
        self.owner = [-1] * len(doc)
        for s in spans:
            first = doc.char_span(s.open, s.open + 1, alignment_mode="expand")
            last = doc.char_span(s.close - 1, s.close, alignment_mode="expand")
            if first is None or last is None or len(first) == 0 or len(last) == 0:
                continue
            tq = TokenQuote(len(self.quotes), s, first.start, last.end - 1)
            if any(self.owner[i] >= 0 for i in range(tq.first, tq.last + 1)):
                continue  # overlaps a quote already placed (a mark shared by two tokens)
            self.quotes.append(tq)
            for i in range(tq.first, tq.last + 1):
                self.owner[i] = tq.index

    def quote_at(self, token_i: int) -> TokenQuote | None:
        k = self.owner[token_i] if 0 <= token_i < len(self.owner) else -1
        return self.quotes[k] if k >= 0 else None

    def inside(self, token: Token) -> bool:
        """True when the token is a quote's mark or content."""
        return self.owner[token.i] >= 0

    def frame(self, token: Token) -> Span:
        """The run of unquoted tokens around ``token``, bounded by quotes and paragraph breaks.
        A quoted name inside a noun phrase (``Del. Marcia "Cia" Price``) does not bound it."""
        start = token.i
        while start > 0 and not _paragraph_break(self.doc[start - 1]):
            if self.owner[start - 1] >= 0:
                q = self.quotes[self.owner[start - 1]]
                if not self._is_inline_name(q):
                    break
                start = q.first
            else:
                start -= 1
        end = token.i + 1
        while end < len(self.doc) and not _paragraph_break(self.doc[end]):
            if self.owner[end] >= 0:
                q = self.quotes[self.owner[end]]
                if not self._is_inline_name(q):
                    break
                end = q.last + 1
            else:
                end += 1
        return self.doc[start:end]

    def _is_inline_name(self, q: TokenQuote) -> bool:
        inner = self.doc[q.first + 1:q.last]
        after = self.doc[q.last + 1] if q.last + 1 < len(self.doc) else None
        return 0 < len(inner) <= 3 and not any(t.is_punct for t in inner) \
            and after is not None and after.is_alpha and after.is_title

    def quote_before(self, span: Span) -> TokenQuote | None:
        return self.quote_at(span.start - 1) if span.start > 0 else None

    def quote_after(self, span: Span) -> TokenQuote | None:
        return self.quote_at(span.end) if span.end < len(self.doc) else None


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins the tokens again on every access)."""
    text = doc.user_data.get("quotes_text")
    if text is None:
        text = doc.user_data["quotes_text"] = doc.text
    return text


def _paragraph_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def quote_ends_sentence(doc: Doc, q: TokenQuote) -> bool:
    """Does the quoted content end with a full stop (so what follows is a new sentence)?"""
    inner = doc[q.first + 1:q.last]
    last = next((t for t in reversed(inner) if not t.is_space), None)
    return last is not None and last.text in {".", "...", "\u2026"}
