"""Speaker profiles: titles, organisations, parties, gender and affiliation, one pattern at a time.

Sentences are written for these tests, in the styles of US, British, wire and Asian and Middle
East copy; each names the pattern (rules/README.md, role.*) it exercises.
"""
from __future__ import annotations

import pytest

from .helpers import find


def profile(result: dict, name: str) -> dict:
    hits = [s for s in result["speakers"] if s["name"] == name]
    assert hits, f"no speaker {name!r}: {[s['name'] for s in result['speakers']]}"
    return hits[0]


# role.prenominal / role.preposition / role.apposition / role.apposition_before / role.relative
@pytest.mark.parametrize("text, name, title, organization", [
    ("Ana Ruiz of the Urban Institute said rents would rise.", "Ana Ruiz", None, "Urban Institute"),
    ("Ben Cole at Harbor Bank said rates would rise.", "Ben Cole", None, "Harbor Bank"),
    ("Mia Lund, an analyst for Nordic Capital, said rates would rise.", "Mia Lund", "analyst", "Nordic Capital"),
    ("Tom Reyes, president of the Teachers Union, said the strike would go on.", "Tom Reyes", "president",
     "Teachers Union"),
    ("Lee Min-jun, who heads the Korea Energy Agency, said prices would fall.", "Lee Min-jun", "head",
     "Korea Energy Agency"),
    ("A spokeswoman for the city, Rosa Diaz, said the road was closed. Diaz said Austin would pay.", "Rosa Diaz",
     "spokeswoman", None),
    ("Jo-Renee Formicola, a political science professor at Seton Hall University, said voters were tired.",
     "Jo-Renee Formicola", "political science professor", "Seton Hall University"),
    ("City Hall deputy press secretary Jo Park said the budget was balanced.", "Jo Park", "deputy press secretary",
     "City Hall"),
    ("IMF chief economist Gita Gopinath said growth would slow.", "Gita Gopinath", "chief economist", "IMF"),
    ("Treasury spokesman Nigel Hart said the figures were wrong.", "Nigel Hart", "Treasury spokesman", "Treasury"),
    ("Aaron Kall, the director of debate at the University of Michigan, said the format was fair.", "Aaron Kall",
     "director", "University of Michigan"),
    ("Fahad al-Harbi, a researcher with the Gulf Research Center, said the talks had stalled.", "Fahad al-Harbi",
     "researcher", "Gulf Research Center"),
])
def test_title_and_organisation_around_the_name(extract, text, name, title, organization):
    p = profile(extract(text), name)
    assert p["titles"][:1] == ([title] if title else [])
    if organization:
        assert p["organizations"][0] == organization
    else:
        assert not p["organizations"] or p["organizations"][0] != "city"


@pytest.mark.parametrize("text, name, title", [
    ("Prime Minister Keir Hartley said the vote would be held in May.", "Keir Hartley", "Prime Minister"),
    ("Fire Chief Dana Oduya said the blaze was under control.", "Dana Oduya", "Fire Chief"),
    ("Chair Alvarez said the vote was close.", "Alvarez", "Chair"),
    ("Rep. Jane Doe II said the bill was dead.", "Jane Doe II", "Rep."),
    ("Umpire Ian Moss said the ball was out.", "Ian Moss", "Umpire"),
    ("First Vice Foreign Minister Kim Hong-kyun said the pact was a threat.", "Kim Hong-kyun",
     "First Vice Foreign Minister"),
])
def test_multi_word_titles_stay_whole_and_out_of_the_name(extract, text, name, title):
    assert profile(extract(text), name)["titles"][0] == title


@pytest.mark.parametrize("text, name", [
    ("Mr. Trump said the deal was good.", "Trump"),
    ("Mrs. Thatcher said the miners had lost.", "Thatcher"),
    ("Ms. Wong said the vote was fair.", "Wong"),
])
def test_courtesy_titles_are_honorifics_not_titles(extract, text, name):
    p = profile(extract(text), name)
    assert p["titles"] == [] and p["organizations"] == []


@pytest.mark.parametrize("text, name, party", [
    ("Sen. Claire Baker (D-Ohio) said the bill would fail.", "Claire Baker", "Democratic Party"),
    ("Lindsey Moore, R-Texas, said the bill would fail.", "Lindsey Moore", "Republican Party"),
    ("GOP senator Rand Allen said the bill would fail.", "Rand Allen", "Republican Party"),
    ("Democratic nominee Ann Kerr said the plan would work.", "Ann Kerr", "Democratic Party"),
    ("Labour MP Jess Walker said the cuts were cruel.", "Jess Walker", "Labour Party"),
    ("Tom Glenn, a Republican from Iowa, said farmers were angry.", "Tom Glenn", "Republican Party"),
])
def test_party_affiliation_is_an_organisation(extract, text, name, party):
    assert party in profile(extract(text), name)["organizations"]


def test_a_plural_title_goes_to_each_named_member(extract):
    text = "Sens. Jon Tester (D-Mont.), Jeff Merkley (D-Ore.) and David Vitter (R-La.) said the bill was bad."
    result = extract(text)
    for name, party in (("Jon Tester", "Democratic Party"), ("Jeff Merkley", "Democratic Party"),
                        ("David Vitter", "Republican Party")):
        p = profile(result, name)
        assert p["titles"] == ["Sen."] and p["organizations"] == [party]
    q = find(result, "bill was bad")
    assert len(q["speaker"]["members"]) == 3 and q["speaker"]["kind"] == "group"


@pytest.mark.parametrize("text, name, title", [
    ("Lena Holm is Norway's health minister. Holm said the beds were full.", "Lena Holm", "health minister"),
    ("Wang Yi was appointed foreign minister in 2013. Wang said the talks were useful.", "Wang Yi",
     "foreign minister"),
    ("Karim Nasser serves as chief of staff. Nasser said the cabinet would meet.", "Karim Nasser", "chief of staff"),
])
def test_a_title_given_in_another_sentence_counts(extract, text, name, title):
    assert profile(extract(text), name)["titles"][0] == title


@pytest.mark.parametrize("text, title", [
    ("The conservative blogger Erick Stone said the ruling was a disgrace.", "conservative blogger"),
    ("Clinical psychologist Maria Ortega said children were anxious.", "Clinical psychologist"),
    ("Homemaker Julie Tran said prices were too high.", "Homemaker"),
    ("Film director Park Chan-ho said the festival was brave.", "Film director"),
])
def test_occupations_given_as_labels_are_titles(extract, text, title):
    speaker = extract(text)["speakers"][0]
    assert speaker["titles"] == [title]


@pytest.mark.parametrize("text, name, not_a_title", [
    ("His wife, Joan Ferris, said the family was grateful.", "Joan Ferris", "wife"),
    ("Trump ally Roger Sloane said the race was over.", "Roger Sloane", "ally"),
    ("There is no chance Ann Baker will withdraw, Ann Baker said.", "Ann Baker", "chance"),
])
def test_kinship_relations_and_stray_nouns_are_not_titles(extract, text, name, not_a_title):
    assert not_a_title not in " ".join(profile(extract(text), name)["titles"]).lower()


@pytest.mark.parametrize("text, name, gender", [
    ("Ann Lee said the bridge would reopen. She said the state would pay.", "Ann Lee", "female"),
    ("Mr. Obi said the talks had failed.", "Obi", "male"),
    ("Spokeswoman Dana Kerr said the talks had failed.", "Dana Kerr", "female"),
    ("Kim Min-seo said the talks had failed.", "Kim Min-seo", None),
])
def test_gender_is_what_the_article_says_never_a_guess(extract, text, name, gender):
    assert profile(extract(text), name)["gender"] == gender


@pytest.mark.parametrize("text, name, affiliation", [
    ("Senator Mary Keane said the bill would pass.", "Mary Keane", "legislature"),
    ("Mia Lund, an analyst for Nordic Capital Bank, said rates would rise.", "Mia Lund", "business"),
    ("Judge Frank Nervo said the records would stay sealed.", "Frank Nervo", "court"),
    ("Professor Amal Haddad of Cairo University said the reform was overdue.", "Amal Haddad",
     "academia or think tank"),
    ("Police Chief Anil Rao said two men were arrested.", "Anil Rao", "law enforcement or military"),
    ("Undecided voter Carla Diaz said neither candidate spoke to her.", "Carla Diaz", "citizen"),
    ("Correspondent Yuki Tanaka said the mood was grim.", "Yuki Tanaka", "media"),
    ("Trump campaign manager Kellyanne Conway said the rally was huge.", "Kellyanne Conway", "party or campaign"),
    ("Gita Gopinath, chief economist at the International Monetary Fund, said growth would slow.",
     "Gita Gopinath", "international body"),
])
def test_affiliation_from_title_and_organisation(extract, text, name, affiliation):
    assert profile(extract(text), name)["affiliation"] == affiliation


def test_organisation_speakers_have_an_affiliation(extract):
    result = extract("The Ministry of Finance said the deficit would narrow.")
    assert result["speakers"][0]["affiliation"] == "government"
    assert result["speakers"][0]["kind"] == "organization"


@pytest.mark.parametrize("text, name, title, affiliation", [
    ("Finance Minister Nirmala Sitharaman said the deficit target would be met.", "Nirmala Sitharaman",
     "Finance Minister", "government"),
    ("BJP president J.P. Nadda said the party was grateful.", "J.P. Nadda", "president", "party or campaign"),
    ("The Tory chairman, Richard Holden, told the BBC that Labour had no plan.", "Richard Holden", "chairman",
     "party or campaign"),
])
def test_wire_and_british_styles(extract, text, name, title, affiliation):
    p = profile(extract(text), name)
    assert p["titles"][0] == title and p["affiliation"] == affiliation


def test_a_campaign_title_before_a_candidates_name_names_the_campaign(extract):
    result = extract("Clinton campaign spokesman Brian Fallon said she would be back on Thursday.")
    p = profile(result, "Brian Fallon")
    assert p["titles"] == ["spokesman"] and p["organizations"] == ["Clinton campaign"]


def test_what_a_quotation_says_of_someone_is_no_title(extract):
    text = 'Ann Kerr, a Democrat, spoke in Ohio. "Donald Trump is a con artist," Kerr said. Trump said she was wrong.'
    trump = profile(extract(text), "Donald Trump")
    assert "con artist" not in trump["titles"]


def test_a_title_word_alone_is_a_name_only_when_the_article_names_someone_so(extract):
    result = extract('"The talks were useful," the Ambassador said. Howard Dean said the talks failed. '
                     '"They failed," Dean said.')
    assert [s["name"] for s in result["speakers"]] == ["Howard Dean"]
    assert len(result["speakers"][0]["quote_ids"]) == 2


@pytest.mark.parametrize("text, name, title, organization", [
    ("Foreign Secretary Lord Cameron said the ceasefire must hold. Lord Cameron told MPs that aid would rise.",
     "Cameron", "Foreign Secretary", None),
    ("Japan's top government spokesman, Chief Cabinet Secretary Yoshimasa Hayashi, said Tokyo would protest.",
     "Yoshimasa Hayashi", "top government spokesman", "Japan"),
    ("Sheikh Mohammed bin Rashid Al Maktoum, the ruler of Dubai, said the expo would open in October.",
     "Mohammed bin Rashid Al Maktoum", "Sheikh", "Dubai"),
    ("Dr. Tedros Adhanom Ghebreyesus, director-general of the World Health Organization, said the risk was high.",
     "Tedros Adhanom Ghebreyesus", "director-general", "World Health Organization"),
])
def test_peers_rulers_and_officials_of_other_countries(extract, text, name, title, organization):
    p = profile(extract(text), name)
    assert p["titles"][0] == title and p["affiliation"] in ("government", "international body")
    assert p["organizations"][:1] == ([organization] if organization else [])


def test_the_written_articles_of_other_presses(extract):
    """Straits Times, AP and The National styles (tests/written_articles.py)."""
    from tests.written_articles import WRITTEN_ARTICLES
    wire, asia, gulf = (extract(a["text"]) for a in WRITTEN_ARTICLES[1:4])
    assert [q["speaker"]["name"] for q in wire["quotes"][:2]] == ["Carla Mendes", "Carla Mendes"]
    spokeswoman = wire["quotes"][2]["speaker"]
    assert spokeswoman["name"] is None and spokeswoman["gender"] == "female"
    assert spokeswoman["organization"] == "Chamber of Commerce" and spokeswoman["affiliation"] == "business"
    assert profile(asia, "Lawrence Tan")["gender"] == "male" and profile(asia, "Priya Nair")["gender"] == "female"
    assert profile(gulf, "Opec")["affiliation"] == "international body"
