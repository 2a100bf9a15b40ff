"""Scare quotes, names, titles and page junk are not quotes."""
from __future__ import annotations

import pytest

from .helpers import texts


@pytest.mark.parametrize("text", [
    'Putin and Kim signed a "comprehensive strategic partnership" agreement on Wednesday.',
    'She starred in "The Long Night" before moving to politics.',
    'The so-called "Buffett rule" after Warren Buffett would raise taxes.',
    "The 'giveaway' angered donors on both sides.",
])
def test_scare_quotes_and_names_are_not_quotes(extract, text):
    assert texts(extract(text)) == []


def test_related_article_headline_is_not_a_quote(extract):
    text = ("The ministry protested on Friday.\n\n"
            "SEE ALSO: Putin Calls For 'New Security Architecture' For Asia\n\n"
            "Related article: Leader Says \"We Will Respond\" To Sanctions\n\n"
            "With reporting by AP and Reuters")
    assert texts(extract(text)) == []


def test_junk_line_inside_a_sentence_is_cut_and_the_sentence_rejoined(extract):
    text = ("The Kremlin leader also said this week that Moscow did not rule out military and technical\n\n"
            "https://www.example.com/author/afp-2\n\n\n"
            "cooperation with the North.")
    result = extract(text)
    q = next(q for q in result["quotes"] if "did not rule out" in q["text"])
    assert "cooperation with the North" in q["text"] and "http" not in q["text"]
    assert q["end"] == len(text) - 1


def test_nickname_in_the_speaker_phrase_is_not_a_quote(extract):
    text = '"I sleep here most nights," said a homeless man who goes by the name "Shorty."'
    result = extract(text)
    assert texts(result) == ["I sleep here most nights"]
    assert "homeless man" in result["quotes"][0]["speaker"]["mention"]


def test_quote_around_a_junk_line_has_a_fragment_on_each_side(extract):
    text = ("The minister said that the talks\n\nhttps://www.example.com/author/x\n\n\n"
            "would resume next week.")
    q = next(q for q in extract(text)["quotes"] if "talks" in q["text"])
    assert [text[f["start"]:f["end"]] for f in q["fragments"]] == ["the talks", "would resume next week"]


@pytest.mark.parametrize("text, title", [
    ('Sunday, on CNN\u2019s \u201cState of the Union,\u201d while commenting on the racial divide, '
     'the governor said the talks would continue.', "State of the Union"),
    ('Washington, star of television\u2019s \u201cScandal,\u201d thanked Obama for the new rules.', "Scandal"),
])
def test_title_after_a_preposition_or_possessive_is_not_a_quote(extract, title, text):
    assert title not in texts(extract(text))
