"""``doc._.quotes`` for spaCy users: the API's quotes, as objects, from any pipeline that runs
``quote_attribution``.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("quote_attribution")
    nlp(text)._.quotes          # (Quote(...), ...), as Extractor().extract(text).quotes

The API parses a cleaned copy of the article (page junk, datelines and ``''`` marks out, hard
wraps joined: ``textprep``). A Doc of text that needs no cleaning is read as it is; otherwise the
cleaned copy goes through the same pipeline once more, so the quotes, and their offsets into
``doc.text``, are the API's either way.
"""
from __future__ import annotations

import time

from spacy.language import Language
from spacy.tokens import Doc

from .extractor import Extractor
from .model import Quote
from .rules import RuleSet
from .textprep import prepare

CACHE_KEY = "quotes_read"


class DocReader(Extractor):
    """The extractor's assembly (coreference, offsets, confidence) over a pipeline someone else built."""

    def __init__(self, nlp: Language, rules: RuleSet):  # noqa: D107 - no pipeline of its own to load
        self.nlp = nlp
        self.rules = rules
        meta = nlp.meta
        self.model_name = f"{meta.get('lang', 'en')}_{meta.get('name', 'pipeline')}-{meta.get('version', '?')}"

    def quotes(self, doc: Doc) -> tuple[Quote, ...]:
        """The quotes of ``doc``, offsets into ``doc.text``; computed once per Doc."""
        cached = doc.user_data.get(CACHE_KEY)
        if cached is None:
            prep = prepare(doc.text, self.rules.junk)
            parsed = doc if prep.text == doc.text else self.nlp(prep.text)
            cached = self._assemble([("text", prep, parsed)], time.perf_counter()).quotes
            doc.user_data[CACHE_KEY] = cached
        return cached

