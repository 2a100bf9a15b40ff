"""Text preparation keeps the way back to the submitted offsets."""
from __future__ import annotations

from service.extraction.quotemarks import find_quoted_spans
from service.extraction.rules import load_rules
from service.extraction.textprep import prepare

JUNK = load_rules().junk


def test_crlf_and_control_characters_map_back():
    text = 'Line one.\r\n\r\n"Quote here," he said.\x00'
    prep = prepare(text, JUNK)
    i = prep.text.index("Quote")
    start, end = prep.to_original(i, i + len("Quote here"))
    assert text[start:end] == "Quote here"


def test_junk_line_removed_and_sentence_rejoined():
    text = "He said the talks\n\nhttps://example.com/x\n\nwill resume.\n\nSEE ALSO: Other News"
    prep = prepare(text, JUNK)
    assert "example.com" not in prep.text and "SEE ALSO" not in prep.text
    assert "talks will resume." in prep.text
    i = prep.text.index("will")
    assert text[prep.orig_start(i):prep.orig_start(i) + 4] == "will"


def test_hard_wrapped_lines_become_spaces_with_same_offsets():
    text = "The ministry said the pact\nwas a threat.\n\nNext paragraph."
    prep = prepare(text, JUNK)
    assert "pact was a threat" in prep.text and len(prep.text) == len(text)


def test_quote_pairing_recovers_from_unbalanced_marks():
    text = 'He said "never.\n\nThen "Fine," she said, \u201cnested \u2018inner\u2019 words\u201d done.'
    contents = [text[s.content_start:s.content_end] for s in find_quoted_spans(text)]
    assert contents[0] == "never." and "Fine," in contents and "nested \u2018inner\u2019 words" in contents


def test_guillemets_pair():
    text = "\u00abNous resterons\u00bb, a dit le ministre."
    spans = find_quoted_spans(text)
    assert text[spans[0].content_start:spans[0].content_end] == "Nous resterons"


def test_straight_mark_glued_to_the_word_before_it_never_opens_a_quote():
    for text, quoted in [
        ('He took us through his systems" including the heart. The only "medical record" was a letter.',
         ["medical record"]),
        ('The letter says he is 6\'3" tall and weighs 236 pounds, and "in excellent health" overall.',
         ["in excellent health"]),
        ('<tweet author=" that the rate is 51 percent" date="2016">', []),
    ]:
        assert [text[s.content_start:s.content_end] for s in find_quoted_spans(text)] == quoted


def test_closing_mark_before_an_ellipsis_opens_a_paragraph_quote():
    text = 'He spoke.\n\n\u201d \u2026 what I learned is that words matter,\u201d he said.'
    assert [text[s.content_start:s.content_end] for s in find_quoted_spans(text)] == [
        " \u2026 what I learned is that words matter,"]


def test_markup_attributes_are_not_quotes():
    text = ('Trump wrote:\n\n<tweet pic="" author="realDonaldTrump" timestamp="1448038800">I never said '
            'that. A reporter did, and "it was his idea" all along.</tweet>')
    assert [text[s.content_start:s.content_end] for s in find_quoted_spans(text)] == ["it was his idea"]
