"""One speaker per person or body of the article, whatever the article calls them."""
from __future__ import annotations

import pytest

from .helpers import find


def names(result: dict) -> list[str]:
    return [s["name"] for s in result["speakers"]]


def test_full_name_surname_and_honorific_are_one_speaker(extract):
    text = ("Donald J. Trump said the wall would be built.\n\n"
            "Donald Trump added that Mexico would pay.\n\n"
            "Mr. Trump said the plan was final. Trump said the border would be secure.")
    result = extract(text)
    assert names(result) == ["Donald J. Trump"]
    assert len(result["speakers"][0]["quote_ids"]) == 4


def test_two_people_who_share_a_surname_stay_apart_with_their_own_titles(extract):
    text = ("Former President Bill Clinton said the law needed work.\n\n"
            "Senator Hillary Clinton said the law was working.\n\n"
            "Mrs. Clinton said she would defend it.")
    result = extract(text)
    bill = next(s for s in result["speakers"] if s["name"] == "Bill Clinton")
    hillary = next(s for s in result["speakers"] if s["name"] == "Hillary Clinton")
    assert bill["titles"] == ["Former President"] and hillary["titles"] == ["Senator"]
    assert find(result, "would defend it")["speaker"]["name"] == "Hillary Clinton"


@pytest.mark.parametrize("text", [
    "The International Monetary Fund (IMF) cut its forecast. The IMF said growth would slow.",
    "The International Monetary Fund cut its forecast. The IMF said growth would slow.",
])
def test_an_acronym_and_the_full_name_are_one_organisation(extract, text):
    result = extract(text)
    assert names(result) == ["International Monetary Fund"]


def test_the_ministry_is_the_ministry_named_before(extract):
    text = ("South Korea's Foreign Ministry summoned the envoy on Friday.\n\n"
            "The ministry said the pact was a threat.")
    q = find(extract(text), "pact was a threat")
    assert q["speaker"]["kind"] == "organization" and q["speaker"]["name"] == "South Korea's Foreign Ministry"


@pytest.mark.parametrize("text, who", [
    ("Sen. Bernie Sanders of Vermont spoke for an hour. The Vermont senator said the bill was cruel.",
     "Bernie Sanders"),
    ("Republican nominee Donald Trump toured the plant. The Republican nominee said jobs would return.",
     "Donald Trump"),
    ("Premier Li Qiang opened the fair. The premier said exports would grow.", "Li Qiang"),
    ("Donald Trump isn't saying much about the debate. The Republican presidential nominee said the moderators "
     "were unfair.", "Donald Trump"),
])
def test_a_description_is_the_person_the_article_introduced(extract, text, who):
    result = extract(text)
    q = result["quotes"][-1]
    assert q["speaker"]["name"] == who and q["speaker"]["resolved_by"] == "description"
    assert names(result) == [who]


def test_a_description_with_nobody_to_describe_names_nobody(extract):
    q = extract("A Coca-Cola spokesman said the plant would close.")["quotes"][0]
    assert q["speaker"]["name"] is None and q["speaker"]["id"] is None
    assert q["speaker"]["title"] == "spokesman" and q["speaker"]["organization"] == "Coca-Cola"


@pytest.mark.parametrize("text", [
    "I said the plan would fail.",
    "He said the plan would fail.",
    "They said the plan would fail.",
])
def test_an_unresolved_pronoun_is_no_speaker(extract, text):
    result = extract(text)
    assert result["speakers"] == [] and result["quotes"][0]["speaker"]["name"] is None


def test_conjoined_speakers_are_each_a_speaker(extract):
    result = extract("President Barack Obama and Hillary Clinton said on Monday that the deal was fair.")
    assert set(names(result)) == {"Barack Obama", "Hillary Clinton"}
    speaker = result["quotes"][0]["speaker"]
    assert speaker["kind"] == "group" and len(speaker["members"]) == 2


def test_members_a_plural_lists_are_speakers(extract):
    text = "Prominent Republicans, including Mitt Romney, have said the nominee should release his returns."
    assert names(extract(text)) == ["Mitt Romney"]


def test_a_headline_fragment_is_not_a_name(extract):
    text = ("Obama Says Museum Tells An American Story\n\n"
            "President Barack Obama said the museum told an American story.\n\n"
            "Obama said it was a place of reflection.")
    result = extract(text)
    assert names(result) == ["Barack Obama"]


def test_a_name_the_ner_cut_keeps_its_nickname(extract):
    q = find(extract('"This is a big year!" Del. Marcia "Cia" Price shouted to the crowd.'), "big year")
    assert q["speaker"]["name"] == 'Marcia "Cia" Price' and q["speaker"]["title"] == "Del."


def test_a_speaker_the_ner_missed_is_still_a_person(extract):
    result = extract("Ana Ruiz of the Urban Institute said rents would rise.")
    speaker = result["speakers"][0]
    assert speaker["name"] == "Ana Ruiz" and speaker["kind"] == "person"


@pytest.mark.parametrize("text, name, kind", [
    ("The foreign ministry said in a statement that the envoy had been summoned.", "Foreign Ministry",
     "organization"),
    ("Ankara rejected the report, saying it was baseless.", "Ankara", "location"),
    ("The Clinton campaign said the ad was false.", "Clinton campaign", "organization"),
])
def test_organisations_and_governments_speak(extract, text, name, kind):
    speaker = extract(text)["quotes"][0]["speaker"]
    assert speaker["name"] == name and speaker["kind"] == kind


def test_the_campaign_is_the_campaign_the_article_named(extract):
    text = ("Hillary Clinton's campaign released a new ad on Monday.\n\n"
            "The campaign said the ad would run in Ohio.")
    q = find(extract(text), "run in Ohio")
    assert q["speaker"]["name"] == "Clinton campaign"


@pytest.mark.parametrize("text, name, title", [
    ("Charlotte Mayor Jennifer Roberts said the video should be released.", "Jennifer Roberts", "Mayor"),
    ("Howard Dean, a former party chairman, said the remark was fair.", "Howard Dean", "former party chairman"),
    ("Larry King, the talk show host, said the interview went well.", "Larry King", "talk show host"),
])
def test_a_title_word_is_a_name_only_where_it_ends_one(extract, text, name, title):
    speaker = extract(text)["speakers"][0]
    assert speaker["name"] == name and speaker["titles"][0] == title


def test_a_surname_with_its_particle_is_the_full_name(extract):
    text = ("Chandler Van Voorhis, a founder of C2I, plants trees in Virginia.\n\n"
            "Trees can store carbon for decades, Mr. Van Voorhis said.")
    result = extract(text)
    assert names(result) == ["Chandler Van Voorhis"] and result["speakers"][0]["titles"] == ["founder"]


def test_a_persons_office_speaks_as_a_body_of_theirs(extract):
    result = extract("Israeli Prime Minister Benjamin Netanyahu's office said the talks had stalled.")
    speaker = result["quotes"][0]["speaker"]
    assert speaker["name"] == "Benjamin Netanyahu's office" and speaker["kind"] == "organization"
    assert speaker["affiliation"] == "government"


def test_a_persons_aide_has_no_organisation_in_that_person(extract):
    result = extract("Mohammed bin Salman's adviser, Faisal al-Ibrahim, said growth would slow.")
    speaker = next(s for s in result["speakers"] if s["name"] == "Faisal al-Ibrahim")
    assert speaker["titles"] == ["adviser"] and speaker["organizations"] == []


def test_an_epithet_before_a_full_name_is_no_part_of_it(extract):
    text = ("Hillary Clinton spoke in Ohio on Monday.\n\n"
            "Crooked Hillary Clinton said the deal was bad, Trump wrote on Twitter.")
    assert "Crooked Hillary Clinton" not in names(extract(text))


@pytest.mark.parametrize("text, name", [
    ("PolitiFact said the claim was false.", "PolitiFact"),
    ("Twitter said the account had been suspended.", "Twitter"),
    ("The Hill reported that the vote was delayed, according to aides.", "The Hill"),
])
def test_a_known_organisation_is_an_organisation_whatever_the_ner_says(extract, text, name):
    speakers = extract(text)["speakers"]
    assert speakers and all(s["kind"] == "organization" for s in speakers)
