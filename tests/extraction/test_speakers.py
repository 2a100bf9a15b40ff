"""Speaker mentions, kinds, titles, organisations and resolution within an article."""
from __future__ import annotations

import pytest

from .helpers import find


def speaker(result, name):
    return next(s for s in result["speakers"] if s["name"] == name)


def test_surname_resolves_to_full_name(extract):
    text = ("Russian President Vladimir Putin visited Pyongyang.\n\n"
            "Putin said the visit was a success.")
    q = find(extract(text), "visit was a success")
    assert q["speaker"]["mention"] == "Putin" and q["speaker"]["name"] == "Vladimir Putin"


def test_korean_family_name_resolves_to_most_recent_kim(extract):
    text = ("Kim Jong Un hosted the summit on Wednesday.\n\n"
            "First Vice Foreign Minister Kim Hong-kyun met the envoy on Friday.\n\n"
            "Kim said the pact endangers the region.")
    q = find(extract(text), "pact endangers the region")
    assert q["speaker"]["name"] == "Kim Hong-kyun"


def test_pronoun_resolves_to_previous_speaker(extract):
    text = ("Senator Maria Alvarez said the bill would pass.\n\n"
            "She told reporters that the vote would be close.")
    q = find(extract(text), "the vote would be close")
    assert q["speaker"]["mention"] == "She" and q["speaker"]["name"] == "Maria Alvarez"
    assert q["speaker"]["resolved_by"] == "pronoun"


def test_descriptor_resolves_to_titled_person(extract):
    text = ("Russia's Ambassador Georgy Zinoviev was summoned on Friday.\n\n"
            "The Russian diplomat said the talks were useful.")
    q = find(extract(text), "talks were useful")
    assert q["speaker"]["name"] == "Georgy Zinoviev"


def test_organisation_description_resolves_to_named_ministry(extract):
    text = ("South Korea's Foreign Ministry summoned the envoy.\n\n"
            "The ministry said the pact was a threat.")
    q = find(extract(text), "pact was a threat")
    assert "Foreign Ministry" in q["speaker"]["name"] and q["speaker"]["kind"] == "organization"


@pytest.mark.parametrize("text, mention", [
    ('Hugh Hill, a doctor at the clinic, said: "We are full."', "Hugh Hill"),
    ("Sir Vince Cable, who replaced Tim Farron as leader in July, said the party would grow.", "Sir Vince Cable"),
])
def test_subject_found_past_appositions_and_asides(extract, text, mention):
    q = extract(text)["quotes"][0]
    assert q["speaker"]["mention"] == mention


@pytest.mark.parametrize("text, kind", [
    ("Officials said the road was closed.", "group"),
    ("The ministry said the road was closed.", "organization"),
    ("Mayor Ann Lopez said the road was closed.", "person"),
    ("He said the road was closed.", "person"),
])
def test_speaker_kinds(extract, text, kind):
    assert extract(text)["quotes"][0]["speaker"]["kind"] == kind


def test_titles_and_organisations(extract):
    text = ("Russian President Vladimir Putin said the deal was fair.\n\n"
            "U.S. Secretary of State Antony Blinken said the deal was dangerous.\n\n"
            "South Korea's Foreign Minister Cho Tae-yul said the deal was a threat.\n\n"
            "Georgy Zinoviev, Russia's ambassador to Seoul, said the deal was defensive.")
    result = extract(text)
    putin = speaker(result, "Vladimir Putin")
    assert putin["titles"] == ["President"] and putin["organizations"] == ["Russia"]
    assert speaker(result, "Antony Blinken")["titles"] == ["Secretary of State"]
    assert speaker(result, "Cho Tae-yul")["organizations"] == ["South Korea"]
    zinoviev = speaker(result, "Georgy Zinoviev")
    assert "ambassador" in zinoviev["titles"][0].lower() and zinoviev["organizations"] == ["Russia"]


def test_each_speaker_listed_once_with_all_mentions(extract):
    text = ("Mayor Ann Lopez said the bridge would reopen.\n\n"
            "Lopez added that the state would pay.\n\n"
            "She said the work starts in May.")
    result = extract(text)
    lopez = [s for s in result["speakers"] if s["name"] == "Ann Lopez"]
    assert len(lopez) == 1 and len(lopez[0]["quote_ids"]) == 3
    assert {m["text"] for m in lopez[0]["mentions"]} >= {"Ann Lopez", "Lopez", "She"}


def test_first_person_speaker_outside_quotes_is_kept(extract):
    q = extract("I said the plan would fail.")["quotes"][0]
    assert q["speaker"]["mention"] == "I"


def test_relative_pronoun_is_the_mention_and_resolves_to_its_antecedent(extract):
    q = find(extract("Mayor Ann Lopez, who said the bridge would reopen, left early."), "bridge would reopen")
    assert q["speaker"]["mention"] == "who" and q["speaker"]["name"] == "Ann Lopez"
    assert q["speaker"]["resolved_by"] == "relative"


def test_dateline_is_not_a_speaker(extract):
    q = extract("WASHINGTON \u2014 President Barack Obama said the museum tells an American story.")["quotes"][0]
    assert q["speaker"]["name"] == "Barack Obama"


def test_quoted_nickname_does_not_cut_the_reporting_clause(extract):
    text = '"This is a big year for all of us!" Del. Marcia "Cia" Price shouted to the crowd.'
    q = find(extract(text), "big year")
    assert "Price" in q["speaker"]["name"] and q["cue"]["lemma"] == "shout"


def test_inverted_speaker_after_the_cue(extract):
    q = find(extract('Said Ellis: "I do not get the sense that she is serious about it."'), "serious")
    assert q["speaker"]["name"] == "Ellis"


def test_participle_modifying_a_noun_speaks_for_it(extract):
    text = 'The ad shows footage of Hillary Clinton asking, "Why am I not fifty points ahead?"'
    q = find(extract(text), "fifty points ahead")
    assert q["speaker"]["name"] == "Hillary Clinton"
