"""``nlp.add_pipe("quote_attribution")`` on a spaCy user's own pipeline: ``doc._.quotes`` holds
the quotes the API returns for the same text, as objects."""
from __future__ import annotations

import pytest
import spacy

from service.config import load_settings

TEXTS = [
    # wire copy, British marks, two paragraphs
    "'We have turned a corner,' the chancellor told the BBC on Monday.\n\n"
    "Union leaders warned that the cuts would hit nurses hardest, according to a statement.",
    # a dateline and NYT-style two-apostrophe marks: the API parses a cleaned copy of this one
    "SEOUL (Yonhap) -- ''The talks are over,'' a ministry spokesman said.\n\n"
    "He added that the envoy had been summoned.",
    # hard-wrapped paragraphs
    "The minister said the dam\nwould be finished by June.\n\n\"It is on schedule,\" she said.",
    "No one says anything in this sentence.",
]


@pytest.fixture(scope="module")
def user_nlp():
    nlp = spacy.load(load_settings().model)
    nlp.add_pipe("quote_attribution")
    return nlp


def test_the_factory_puts_paragraph_breaks_first(user_nlp):
    assert user_nlp.pipe_names[0] == "paragraph_breaks"
    assert user_nlp.pipe_names[-1] == "quote_attribution"


@pytest.mark.parametrize("text", TEXTS)
def test_doc_quotes_are_the_api_quotes(user_nlp, extractor, text):
    assert user_nlp(text)._.quotes == extractor.extract(text).quotes


def test_offsets_point_into_the_doc_text(user_nlp):
    doc = user_nlp(TEXTS[1])
    quote = doc._.quotes[0]
    assert doc.text[quote.start:quote.end].startswith("The talks are over")
    assert quote.speaker is not None and doc.text[quote.speaker.start:quote.speaker.end] == "a ministry spokesman"


def test_a_pipeline_without_the_component_has_no_quotes(user_nlp):
    blank = spacy.blank("en")
    assert blank("\"Yes,\" she said.")._.quotes == ()
