"""The merge keys, without a database."""
from __future__ import annotations

import pytest

from service.store.keys import content_hash, normalise, outlet_from_url, quote_match_key, quote_match_text, speaker_key


@pytest.mark.parametrize(("text", "expected"), [
    ("Vladimir  Putin", "vladimir putin"),
    ("VLADIMIR PUTIN.", "vladimir putin"),
    ("Kim Hong-kyun", "kim hong kyun"),
    ("François Hollande", "francois hollande"),
    ("O\u2019Brien", "obrien"),
    ("\u201cBig mistake.\u201d", "big mistake"),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_the_two_kims_are_different_speakers():
    assert speaker_key("Kim Jong Un") != speaker_key("Kim Hong-kyun")
    assert speaker_key("Vladimir Putin") == speaker_key("vladimir putin")


def test_mixed_quotes_match_on_their_quoted_fragment():
    afp = quote_match_text("this would be a big mistake", "mixed", 'this would be a \u201cbig mistake.')
    rferl = quote_match_text("would be a big mistake", "mixed", 'would be a "big mistake')
    assert afp == rferl == "big mistake"


def test_short_fragments_and_other_types_match_on_the_whole_text():
    assert quote_match_text("they are terrorists", "mixed", 'they are "terrorists') == "they are terrorists"
    assert quote_match_text("We will win!", "direct", "We will win!") == "we will win"
    assert quote_match_key(1, "we will win") != quote_match_key(2, "we will win")
    assert quote_match_key(None, "we will win") == quote_match_key(None, "we will win")


def test_content_hash_ignores_reflowing_and_outlet_comes_from_the_host():
    assert content_hash("a b\n c") == content_hash("a  b c ")
    assert outlet_from_url("https://www.RFERL.org/a/1.html") == "rferl.org"
    assert outlet_from_url(None) is None
