"""The spaCy pipeline: the statistical model plus the attribution component."""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attribution import Attributor
from .quotemarks import find_quoted_spans
from .rules import DEFAULT_RULES_DIR, load_rules

# the rules read the parse, tags, lemmas and entities; nothing else of the model is needed
CACHE_KEYS = ("quotes_text", "quotes_entity_index")
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

for _name in ("attributions", "quote_reader"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("quotes"):  # the API's quotes as objects, for spaCy users: see doc_quotes.py
    Doc.set_extension("quotes", getter=lambda doc: doc._.quote_reader.quotes(doc) if doc._.quote_reader else ())


@Language.component("paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence; the parser would otherwise run headlines,
    datelines and ``... on X.`` into the next paragraph."""
    splits = [t for t in doc[:-1] if len(t.text) == 2 and t.text[1] == "." and t.text[0].isalpha()
              and doc[t.i + 1].is_space and "\n" in doc[t.i + 1].text]
    if splits:
        with doc.retokenize() as retokenizer:
            for t in splits:
                retokenizer.split(t, [t.text[0], "."], heads=[(t, 0), (t, 0)])
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if prev.is_space and "\n" in prev.text and not t.is_space:
            t.is_sent_start = True
    return doc


class QuoteAttribution:
    """Pairs quotation marks and runs the attribution rules; results go to ``doc._.attributions``."""

    def __init__(self, nlp: Language, rules_dir: str):
        from .doc_quotes import DocReader  # it builds on the extractor, which imports this module

        self.rules = load_rules(rules_dir, nlp.vocab)
        self.attributor = Attributor(nlp.vocab, self.rules)
        self.reader = DocReader(nlp, self.rules)

    def __call__(self, doc: Doc) -> Doc:
        doc._.attributions = self.attributor(doc, find_quoted_spans(doc.text))
        doc._.quote_reader = self.reader
        for key in CACHE_KEYS:  # per-call caches must not travel with the Doc
            doc.user_data.pop(key, None)
        return doc


@Language.factory("quote_attribution", default_config={"rules_dir": str(DEFAULT_RULES_DIR)},
                  requires=["token.dep", "token.lemma", "token.tag", "doc.ents"],
                  assigns=["doc._.attributions", "doc._.quotes"])
def make_quote_attribution(nlp: Language, name: str, rules_dir: str) -> QuoteAttribution:
    """The rules treat a paragraph break as a sentence end, so a spaCy user's pipeline gets
    ``paragraph_breaks`` first too, as the extractor's has: the same quotes as the API."""
    if "paragraph_breaks" not in nlp.component_names:
        nlp.add_pipe("paragraph_breaks", first=True)
    return QuoteAttribution(nlp, rules_dir)


def build_pipeline(model: str, rules_dir: Path | str = DEFAULT_RULES_DIR) -> Language:
    """Load ``model`` with only the components the rules use, and add the attribution component."""
    nlp = spacy.load(model)
    for name in list(nlp.pipe_names):
        if name not in USED_COMPONENTS:
            nlp.remove_pipe(name)
    nlp.add_pipe("paragraph_breaks", first=True)
    nlp.add_pipe("quote_attribution", config={"rules_dir": str(rules_dir)})
    return nlp
