"""Direct quotations: each frame the rules know, on sentences written for the test."""
from __future__ import annotations

import pytest

from .helpers import find, only_quote, texts, who


@pytest.mark.parametrize("text, content, speaker, lemma, rule", [
    ('"We will rebuild the bridge," the mayor said.', "We will rebuild the bridge", "mayor", "say",
     "direct.quote_then_cue"),
    ('"We will rebuild the bridge," said Mayor Ann Lopez.', "We will rebuild the bridge", "Ann Lopez", "say",
     "direct.quote_then_cue"),
    ('Mayor Ann Lopez said: "We will rebuild the bridge."', "We will rebuild the bridge", "Ann Lopez", "say",
     "direct.cue_then_quote"),
    ('Mayor Ann Lopez said, "We will rebuild the bridge."', "We will rebuild the bridge", "Ann Lopez", "say",
     "direct.cue_then_quote"),
    ('"Is this the end?" asked Senator Tom Reyes.', "Is this the end?", "Tom Reyes", "ask", "direct.quote_then_cue"),
    ('\u201cThe plan is dead,\u201d according to a senior aide.', "The plan is dead", "aide", "according",
     "direct.according_to"),
    ("''We will rebuild the bridge,'' the mayor said.", "We will rebuild the bridge", "mayor", "say",
     "direct.quote_then_cue"),
])
def test_direct_frames(extract, text, content, speaker, lemma, rule):
    q = find(extract(text), content)
    assert q["type"] == "direct"
    assert speaker.lower() in who(q).lower()
    assert q["cue"]["lemma"] == lemma
    assert q["rule"] == rule
    assert text[q["start"]:q["end"]] == q["text"]


def test_split_quote_is_one_quote_with_two_fragments(extract):
    text = '"We will rebuild the bridge," the mayor said, "and we will do it this year."'
    result = extract(text)
    q = only_quote(result)
    assert q["text"] == "We will rebuild the bridge and we will do it this year."
    assert [text[f["start"]:f["end"]] for f in q["fragments"]] == [
        "We will rebuild the bridge", "and we will do it this year."]


def test_quote_continued_in_the_next_sentence_joins_it(extract):
    text = '"We will rebuild the bridge," the mayor said. "It will take a year."'
    q = find(extract(text), "rebuild")
    assert "It will take a year." in q["text"] and len(q["fragments"]) == 2


def test_following_quote_paragraph_continues_the_speaker(extract):
    text = ('"We will rebuild the bridge," Mayor Ann Lopez said on Monday.\n\n'
            '"It will take a year, and the state will pay for most of it."')
    q = find(extract(text), "the state will pay")
    assert q["speaker"]["name"] == "Ann Lopez" and q["rule"] == "direct.continuation"


def test_quote_running_over_paragraphs(extract):
    text = ('Mayor Ann Lopez said: "We will rebuild the bridge this year.\n\n'
            '"The state will pay for most of it."')
    q = find(extract(text), "rebuild")
    assert "The state will pay" in q["text"]
    assert '"' not in q["text"]


def test_colon_line_introduces_a_quote_paragraph(extract):
    text = 'And from Chairwoman Jessica Rosen:\n\n"This vote protects consumers and it protects competition."'
    q = find(extract(text), "protects consumers")
    assert q["speaker"]["name"] == "Jessica Rosen" and q["rule"] == "direct.colon_intro"


def test_dash_signature(extract):
    text = '"Competition works when rules are clear and enforced." \u2014 Commissioner Geoffrey Marks'
    q = find(extract(text), "Competition works")
    assert q["speaker"]["name"] == "Geoffrey Marks" and q["rule"] == "direct.dash"


def test_interview_transcript_line(extract):
    text = "HOST: What happens next?\n\nPENCE: Well, look, we are going to win this election in November."
    q = find(extract(text), "we are going to win")
    assert q["speaker"]["mention"] == "PENCE" and q["rule"] == "direct.transcript"


def test_unbalanced_marks_do_not_lose_the_other_quotes(extract):
    text = ('The senator said "this is not over.\n\n'
            '"We will appeal the ruling," her lawyer said.')
    assert "We will appeal the ruling" in texts(extract(text))


def test_signature_with_a_horizontal_bar_and_an_untagged_name(extract):
    text = '\u201cHe does not speak for us and never will.\u201d \u2015 Luisa Oblidem'
    q = find(extract(text), "does not speak for us")
    assert q["rule"] == "direct.dash" and "Oblidem" in q["speaker"]["name"]


def test_according_to_before_a_quote(extract):
    q = find(extract('According to Limbaugh, "the left is saying it out loud now."'), "left is saying")
    assert q["type"] == "direct" and q["speaker"]["name"] == "Limbaugh"


def test_quote_continued_after_a_long_reporting_clause_joins_it(extract):
    text = ('"The deal was a gift to the company," said Paula Mendez, a law professor at Ridge University '
            'who has argued several cases against mine owners. "It was bound to fail."')
    result = extract(text)
    q = only_quote(result)
    assert "It was bound to fail." in q["text"] and len(q["fragments"]) == 2
    assert q["speaker"]["name"] == "Paula Mendez"


def test_signature_dash_glued_to_the_closing_mark(extract):
    text = '\u201cHe does not understand how we live and what we need.\u201d\u2015\u00a0Dana Morales\n\nNext.'
    q = find(extract(text), "does not understand")
    assert q["rule"] == "direct.dash" and q["speaker"]["name"] == "Dana Morales"


def test_second_quotation_after_a_participle_is_not_split_into_the_first(extract):
    text = ('"She has to talk about the real issues," Sanders said, suggesting a few questions, '
            'including, "Why do you want to cut taxes for the rich?"')
    result = extract(text)
    first = find(result, "real issues")
    assert "cut taxes" not in first["text"]
    second = find(result, "cut taxes")
    assert second["speaker"]["name"] == "Sanders" and second["cue"]["lemma"] == "suggest"


def test_quotation_after_two_cues_belongs_to_the_nearer_one(extract):
    result = extract('Trump attacked Clinton over the war in Libya, saying, "She is trigger-happy and unstable."')
    quotes = [q for q in result["quotes"] if "trigger-happy" in q["text"]]
    assert len(quotes) == 1 and quotes[0]["cue"]["lemma"] == "say" and quotes[0]["type"] == "direct"


def test_title_before_a_cue_that_reports_a_clause_is_not_its_quote(extract):
    text = ('On Sunday\u2019s broadcast of \u201cFox News Sunday,\u201d Governor Mike Pence said the tweet '
            'was only meant to mock the other campaign.')
    result = extract(text)
    assert "Fox News Sunday" not in texts(result)
    assert find(result, "the tweet was only meant")["speaker"]["name"] == "Mike Pence"
