"""Texts that look enough like news to reach every part of the extractor, and some that don't."""
from __future__ import annotations

from hypothesis import strategies as st

WORDS = ["the", "minister", "said", "told", "reporters", "we", "will", "not", "back", "down", "Kim", "Putin",
         "Hong-kyun", "according", "to", "she", "he", "added", "that", "it", "was", "a", "mistake", "on",
         "Tuesday", "officials", "The", "ministry", "spokesperson", "claimed", "warned", "said:", "U.S.",
         "\U0001F389", "\u05e9\u05dc\u05d5\u05dd", "Zo\u0308e", "caf\u00e9"]
MARKS = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "''", "``"]
PUNCT = [",", ".", ":", ";", " \u2014 ", "?", "!", " (", ") "]
BREAKS = ["\n", "\n\n", "\r\n", "\r\n\r\n", " \n", "\t"]
JUNK = ["Advertisement", "ADVERTISEMENT", "Read more", "Share this article", "Photo: AFP",
        "Sign up for our newsletter", "Subscribe", "Getty Images"]
ODD = ["\x00", "\x07", "\x1b", "\x7f", "\u200b", "\u200f", "\u202e", "\ufeff", "\u0301", "\U0001D4D0", "\ud7ff"]

token = st.one_of(
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.sampled_from(MARKS),
    st.sampled_from(PUNCT),
    st.sampled_from(BREAKS),
    st.sampled_from(JUNK).map(lambda j: f"\n{j}\n"),
    st.sampled_from(ODD),
)
newsy_text = st.lists(token, min_size=1, max_size=120).map("".join)
# anything at all, surrogates excluded (they cannot be sent as UTF-8 and JSON decoding rejects them)
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300)
texts = st.one_of(newsy_text, any_text)
