"""Properties of extraction over any text: valid offsets, faithful direct quotes, determinism, no errors."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.invariants import check_result

from .strategies import newsy_text, texts


def _without_timing(result: dict) -> dict:
    return {**result, "meta": {k: v for k, v in result["meta"].items() if k != "elapsed_ms"}}


@given(text=texts)
def test_offsets_valid_and_direct_quotes_match_the_text(extractor, text):
    result = extractor.extract(text).to_dict()  # never raises
    check_result(result, text, junk=extractor.rules.junk)


@given(text=newsy_text, title=st.one_of(st.none(), newsy_text))
def test_title_offsets_index_the_title(extractor, text, title):
    result = extractor.extract(text, title).to_dict()
    check_result(result, text, title, junk=extractor.rules.junk)


@given(text=newsy_text)
def test_extraction_is_deterministic(extractor, text):
    first = _without_timing(extractor.extract(text).to_dict())
    again = _without_timing(extractor.extract(text).to_dict())
    assert first == again


@given(texts=st.lists(newsy_text, min_size=1, max_size=4))
def test_batch_extraction_matches_one_at_a_time(extractor, texts):
    batch = [_without_timing(r.to_dict()) for r in extractor.extract_many(texts)]
    single = [_without_timing(extractor.extract(t).to_dict()) for t in texts]
    assert batch == single


def test_junk_line_inside_a_wrapped_quote_is_removed(extractor):
    text = 'claimed "the \nAdvertisement\nthe "\n\n'
    result = extractor.extract(text).to_dict()
    check_result(result, text, junk=extractor.rules.junk)
    assert "Advertisement" not in result["quotes"][0]["text"]
