"""Indirect and mixed reported speech, and nested attributions."""
from __future__ import annotations

import pytest

from .helpers import find, only_quote, who


@pytest.mark.parametrize("text, content, speaker, lemma", [
    ("The White House said the agreement is unsurprising.", "the agreement is unsurprising", "White House", "say"),
    ("The mayor said that the bridge would reopen in May.", "the bridge would reopen in May", "mayor", "say"),
    ("The bridge would reopen in May, the mayor said.", "The bridge would reopen in May", "mayor", "say"),
    ("The governor told reporters that the budget was balanced.", "the budget was balanced", "governor", "tell"),
    ("The senator urged colleagues to reject the bill.", "reject the bill", "senator", "urge"),
    ("According to the ministry, the talks have stalled.", "the talks have stalled", "ministry", "according"),
    ("The talks have stalled, according to two diplomats.", "The talks have stalled", "diplomats", "according"),
    ("The company has said it will appeal the decision.", "it will appeal the decision", "company", "say"),
])
def test_indirect_frames(extract, text, content, speaker, lemma):
    q = find(extract(text), content)
    assert q["type"] == "indirect"
    assert speaker.lower() in who(q).lower()
    assert q["cue"]["lemma"] == lemma


def test_mixed_quote(extract):
    q = find(extract('Putin warned that this would be a "big mistake."'), "big mistake")
    assert q["type"] == "mixed" and q["cue"]["lemma"] == "warn" and q["speaker"]["name"] == "Putin"


def test_quote_beginning_mid_clause_is_mixed(extract):
    text = 'Seoul "strongly urged Russia to stop military cooperation," the ministry said.'
    q = find(extract(text), "strongly urged Russia")
    assert q["type"] == "mixed" and "ministry" in who(q)


def test_quoted_object(extract):
    q = find(extract('The governor called the ruling a "huge win for voters."'), "huge win")
    assert q["type"] == "mixed" and q["rule"] == "mixed.quoted_object"


def test_participle_takes_the_main_subject(extract):
    text = "The ministry condemned the test, adding that it violated the resolutions."
    q = find(extract(text), "it violated the resolutions")
    assert q["cue"]["lemma"] == "add" and "ministry" in who(q)


def test_nested_attribution_gives_two_speakers(extract):
    text = "He told the envoy that the move would hurt relations, the ministry said."
    result = extract(text)
    outer = find(result, "He told the envoy")
    inner = next(q for q in result["quotes"] if q["text"].startswith("the move would hurt"))
    assert "ministry" in who(outer) and inner["speaker"]["mention"] == "He"


def test_parenthetical_attribution(extract):
    q = find(extract("The latest test, North Korea said, was its biggest yet."), "biggest yet")
    assert q["speaker"]["name"] == "North Korea" and q["rule"] == "indirect.parenthetical"


def test_belief_verbs_are_reported_speech_with_lower_confidence(extract):
    said = find(extract("The mayor said the bridge is safe."), "bridge is safe")
    believes = find(extract("The mayor believes the bridge is safe."), "bridge is safe")
    assert believes["confidence"] < said["confidence"]


def test_cue_stance(extract):
    assert find(extract("The firm claimed the report was false."), "report was false")["cue"]["stance"] == "distancing"
    assert find(extract("The firm said the report was false."), "report was false")["cue"]["stance"] == "neutral"


def test_via_channel(extract):
    q = find(extract("The embassy said in a statement that the talks had failed."), "talks had failed")
    assert q["via"] == "in a statement"


def test_reporting_clause_inside_the_content_is_left_out(extract):
    text = "And perhaps, he said, the museum could help a black child."
    q = find(extract(text), "museum could help")
    assert q["text"] == "And perhaps the museum could help a black child" and q["speaker"]["mention"] == "he"
    assert [text[f["start"]:f["end"]] for f in q["fragments"]] == ["And perhaps", "the museum could help a black child"]


def test_adverbial_lead_in_before_a_quote_stays_outside_it(extract):
    text = 'As for complexity, "closing loopholes always involves some complexity," said Mr. Kamin.'
    q = find(extract(text), "closing loopholes")
    assert q["type"] == "direct" and q["text"].startswith("closing loopholes")


def test_single_marks_make_a_mixed_quote_only_in_british_style_text(extract):
    british = find(extract("The minister said the plan was 'reckless and dangerous' for the country."), "reckless")
    assert british["type"] == "mixed"
    american = extract('"We are ready," the mayor said.\n\n'
                       "The minister said the plan was 'reckless' for the country.")
    assert find(american, "reckless")["type"] == "indirect"


def test_reported_speech_without_quoted_words_is_indirect(extract):
    text = 'Seoul said it would consider sending weapons, which Putin said would be a "big mistake."'
    assert find(extract(text), "consider sending weapons")["type"] == "indirect"
    assert find(extract(text), "big mistake")["type"] == "mixed"


def test_clause_content_wholly_inside_quotation_marks_is_direct(extract):
    q = find(extract('Asked about it, she laughed and replied, "I do not believe in the devil."'), "devil")
    assert q["type"] == "direct"


def test_inner_cue_of_the_same_speaker_is_part_of_the_outer_quote(extract):
    result = extract('The mayor said she expects the council "to keep funding the shelters."')
    q = only_quote(result)
    assert q["cue"]["lemma"] == "say" and q["text"].startswith("she expects")


def test_according_to_whose_clause_the_parser_hangs_on_the_source(extract):
    text = ('The university hosted the debate. According to conservative talk radio host Rush Limbaugh, '
            'the move reeks of \u201cfear\u201d and desperation.')
    q = find(extract(text), "the move reeks")
    assert q["type"] == "mixed" and q["speaker"]["name"] == "Rush Limbaugh"
    assert "Limbaugh" not in q["text"]


def test_quotation_joined_to_reported_speech_by_a_conjunction_is_the_same_quote(extract):
    text = ('He is claiming that voting fraud is \u201ca big, big problem in this country\u201d '
            'but \u201cnobody has the guts to talk about it.\u201d')
    result = extract(text)
    q = only_quote(result)
    assert q["type"] == "mixed" and "but nobody has the guts to talk about it" in q["text"]


def test_belief_inside_reported_speech_is_part_of_it(extract):
    result = extract('The newspaper said the campaign believes the new tax plan will fail in Congress.')
    assert [q["cue"]["lemma"] for q in result["quotes"]] == ["say"]
    assert result["quotes"][0]["text"].startswith("the campaign believes")


def test_reported_clause_runs_to_the_end_of_its_sentence(extract):
    text = ('The Indiana governor said Democrats and the media are to blame for focusing on '
            '\u201che said this, he tweeted that.\u201d')
    result = extract(text)
    q = only_quote(result)
    assert q["type"] == "mixed" and q["text"].endswith("he said this, he tweeted that")


def test_relative_clause_describing_the_subject_stays_in_the_content(extract):
    q = find(extract('Clinton mocked the complaint, saying anybody who complains about a microphone '
                     '\u201cis not having a good night.\u201d'), "anybody who complains")
    assert "is not having a good night" in q["text"] and q["cue"]["lemma"] == "say"


def test_clause_after_the_cue_beats_an_adverbial_clause_before_it(extract):
    text = ('While he acknowledged funding was a major reason he felt demoralized serving under Obama, '
            'Ham also noted several \u201cintangibles\u201d left him further disillusioned.')
    q = find(extract(text), "intangibles")
    assert q["cue"]["lemma"] == "note" and q["speaker"]["name"] == "Ham"
    assert not q["text"].startswith("While")


def test_clause_inside_an_attributed_quotation_is_not_a_second_quote(extract):
    text = ('"In my first meeting with him, he said, \'Our approach has not worked; we want to work with '
            'you,\'" Mitchell recalled.')
    result = extract(text)
    assert only_quote(result)["speaker"]["name"] == "Mitchell"


def test_quotation_resumed_after_the_reporting_clause_and_a_conjunction(extract):
    text = ('Why did they get immunity?\n\nMills "got an immunity agreement," Jordan said, and still '
            '"got to sit in on the interview when she was being questioned by agents."')
    result = extract(text)
    q = only_quote(result)
    assert len(q["fragments"]) == 2 and q["speaker"]["name"] == "Jordan"
    assert q["text"].endswith("when she was being questioned by agents")


@pytest.mark.parametrize("text, lemma, words", [
    ('At the rally, Bush referred to Rubio as \u201ca bright, charismatic leader\u201d who could unite the party.',
     "refer", "charismatic leader"),
    ('At a rally, Trump likened the refugees to a \u201cvicious snake\u201d in a song he read aloud.',
     "liken", "vicious snake"),
])
def test_characterising_verbs_with_a_quoted_complement(extract, text, lemma, words):
    q = find(extract(text), words)
    assert q["type"] == "mixed" and q["cue"]["lemma"] == lemma
