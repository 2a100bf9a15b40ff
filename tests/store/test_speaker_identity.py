"""Across articles the database keeps people, not strings: one row per person, never a pronoun."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("backend")


def store(client, text: str, n: int) -> dict:
    r = client.post("/v1/articles", json={"text": text, "url": f"https://news.example.org/{n}"})
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def speakers(client) -> dict[str, int]:
    items = client.get("/v1/speakers?limit=200").get_json()["items"]
    return {s["name"]: s["quote_count"] for s in items}


FULL = "President Barack Obama said the museum would open in the autumn."
SURNAME = "President Obama said the museum was a triumph of the American story."


@pytest.mark.parametrize("order", [(FULL, SURNAME), (SURNAME, FULL)])
def test_a_one_word_name_and_the_full_name_are_one_speaker_in_either_order(client, order):
    for n, text in enumerate(order):
        store(client, text, n)
    assert speakers(client) == {"Barack Obama": 2}


def test_two_people_of_one_surname_stay_apart_and_a_surname_joins_the_one_it_fits(client):
    store(client, FULL, 1)
    store(client, "First lady Michelle Obama said the garden would stay open.", 2)
    store(client, SURNAME, 3)
    assert speakers(client) == {"Barack Obama": 2, "Michelle Obama": 1}


def test_a_surname_the_articles_leave_ambiguous_stays_apart(client):
    store(client, "Barack Obama said the museum would open in the autumn.", 1)
    store(client, "Michelle Obama said the garden would stay open.", 2)
    store(client, "Obama said the plan was sound.", 3)
    assert speakers(client) == {"Barack Obama": 1, "Michelle Obama": 1, "Obama": 1}


@pytest.mark.parametrize("text", ["I said the plan would fail.", "He said the plan would fail.",
                                  "A spokesman said the plan would fail."])
def test_a_mention_that_names_nobody_is_stored_without_a_speaker(client, text):
    body = store(client, text, 1)
    assert body["speakers"] == [] and body["quotes"][0]["speaker"]["id"] is None
    assert speakers(client) == {}


def test_a_speakers_profile_is_what_its_articles_say(client):
    store(client, "Senator Ann Lee said the bill would pass. She said the vote was close.", 1)
    item = client.get("/v1/speakers?q=Ann Lee").get_json()["items"][0]
    assert item["gender"] == "female" and item["affiliation"] == "legislature"
    assert [t["value"] for t in item["titles"]] == ["Senator"]


@pytest.mark.parametrize("order", [("Donald J. Trump", "Donald Trump"), ("Donald Trump", "Donald J. Trump")])
def test_a_middle_initial_does_not_make_another_person(client, order):
    for n, name in enumerate(order):
        store(client, f"{name} said the wall would be built by {2017 + n}.", n)
    assert sum(speakers(client).values()) == 2 and len(speakers(client)) == 1
