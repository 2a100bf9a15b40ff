"""The evidence that two quotes report one statement: terms, joins, continuations and wordings.

Short sentences written for the tests, in the styles the service meets: wire copy, British
papers, Asian and Middle-East press.
"""
from __future__ import annotations

import pytest

from service.config import load_settings
from service.store.evidence import Placement, continues, join_reason, quoted_evidence
from service.store.statements import load_statement_rules
from service.store.terms import speaker_names
from service.store.wording import quoted_differently, quoted_words, wording_pairs


@pytest.fixture(scope="module")
def rules():
    settings = load_settings()
    return load_statement_rules(settings.rules_dir, 7, model=settings.model)


def terms(rules, text: str, article: str = "", names: dict | None = None) -> frozenset[str]:
    return rules.terms.for_article(article, names or {}).terms(text)


def evidence(rules, text: str, quoted: list[str] | None = None, article: str = ""):
    return quoted_evidence(terms(rules, text, article), quoted or [])


def test_capitals_and_demonyms_name_their_country(rules):
    assert "@north_korea" in terms(rules, "arms for Pyongyang")
    assert "@north_korea" in terms(rules, "North Korean troops")
    assert "@russia" in terms(rules, "Moscow will respond") and "@russia" in terms(rules, "the Kremlin said no")
    assert "@united_states" in terms(rules, "the U.S. will not accept it")
    assert "@un_security_council" in terms(rules, "a UN Security Council resolution")


def test_the_north_is_north_korea_only_where_the_article_names_it(rules):
    article = "Seoul protested after North Korea fired a missile. Pyongyang denied it."
    assert "@north_korea" in terms(rules, "cooperation with the North", article)
    assert "@north_korea" not in terms(rules, "a road to the North of England", "Leeds council met on Monday.")
    # a capitalised word running on makes it another name
    assert "@south_korea" not in terms(rules, "the North Korean leader", article)


def test_words_lemmas_numbers_and_negation(rules):
    found = terms(rules, "Russia does not rule out supplying it with weapons, 3,000 of them")
    assert {"~not", "rule", "send", "weapon", "#3000", "@russia"} <= found
    assert "does" not in found and "it" not in found and "with" not in found


def test_article_speakers_are_one_term_whatever_the_article_calls_them(rules):
    names = speaker_names([("Minister Siti Rahman", 7), ("Rahman", 7), ("he", 7), ("Kim", 8), ("Kim", 9)])
    assert names == {"Minister Siti Rahman": 7, "Rahman": 7}  # a pronoun names nobody; Kim names two
    found = rules.terms.for_article("", names).terms("Rahman's plan will cut fuel subsidies")
    assert "@s7" in found


@pytest.mark.parametrize(("a", "b"), [
    # wire paraphrase of a minister's remarks, and a later outlet's version with the capital for the country
    ("Moscow did not rule out military and technical cooperation with the North, or even sending weapons",
     "Russia does not rule out military and technical cooperation with Pyongyang, or supplying it with weapons"),
    # British copy: a shorter report of the same warning
    ("the NHS would run out of beds within a fortnight unless ministers acted",
     "the NHS would run out of hospital beds within a fortnight"),
    # Gulf press: the same pledge, figures agreeing
    ("Riyadh would cut crude output by 500,000 barrels a day from July",
     "Saudi Arabia will cut output by 500,000 barrels a day"),
])
def test_reports_of_one_statement_join(rules, a, b):
    article = "North Korea and Russia signed a pact."
    assert join_reason(evidence(rules, a, article=article), evidence(rules, b, article=article))


@pytest.mark.parametrize(("a", "b"), [
    # two answers in one debate, on the same topic
    ("we will build a wall on the southern border", "Mexico will pay for every dollar of the border security"),
    # two claims of one minister about the budget
    ("the budget will cut income tax for nurses and teachers", "the budget deficit will fall below three percent"),
    # the same sentence with other figures is another statement
    ("inflation will fall to 3 percent next year", "inflation will fall to 5 percent next year"),
    # one says it happened, the other that it did not
    ("she received emails marked classified", "she never sent or received emails marked classified"),
    # a catchphrase does not make a speech the same statement
    ("Crooked Hillary", "Crooked Hillary wants to raise your taxes and open the borders to everyone"),
])
def test_different_things_said_stay_apart(rules, a, b):
    assert join_reason(evidence(rules, a), evidence(rules, b)) is None


def test_words_both_put_in_quotation_marks_lower_the_bar(rules):
    a = evidence(rules, "this would be a big mistake", ["big mistake"])
    b = evidence(rules, "would be a big mistake", ["big mistake"])
    assert join_reason(a, b) == "quoted words"


def test_the_same_quotation_joins_whatever_else_differs(rules):
    short = "Revenues are up a little bit, and so are rounds"
    longer = short + ". Things are moving, but they are by no means meteoric rises."
    assert join_reason(evidence(rules, short, [short]), evidence(rules, longer, [longer])) == "same quotation"


def test_a_participle_continuing_a_quote_reports_the_same_utterance():
    text = 'Lee urged Tokyo to "act responsibly," telling the envoy that the plan endangers Seoul.'
    first_end = text.index("responsibly") + len("responsibly")
    cue = text.index("telling")
    first = Placement("text", text.index("Tokyo"), first_end, text.index("urged"), "urged")
    second = Placement("text", text.index("the plan"), len(text) - 1, cue, "telling the envoy")
    assert continues(first, second, text)
    said = Placement("text", second.start, second.end, cue, "told")
    assert not continues(first, said, text)
    far = 'Lee urged Tokyo to "act responsibly." Later, speaking to reporters, he said the plan endangers Seoul.'
    later = Placement("text", far.index("the plan"), len(far) - 1, far.index("speaking"), "speaking")
    assert not continues(first, later, far)


def test_quoted_words_of_each_kind_of_report():
    assert quoted_words("direct", "We will win", "We will win") == ["We will win"]
    assert quoted_words("mixed", "this would be a big mistake", 'this would be a "big mistake.') == ["big mistake"]
    assert quoted_words("mixed", "it was a total disaster", "it was a ''total disaster") == ["total disaster"]
    assert quoted_words("indirect", "the bridge would reopen", "the bridge would reopen") == []


@pytest.mark.parametrize(("a", "b", "differs"), [
    ("big mistake", "grave mistake", True),
    ("a big mistake", "the big mistake", False),  # function words only
    ("negative impact", "will inevitably have a negative impact on Korea-Russia relations", False),  # excerpt
    ("If you don't want Ted Cruz or Donald Trump as the nominee", "If you don't want Trump or Cruz to be the nominee",
     True),
    ("act responsibly", "negative impact", False),  # two passages
    ("good gains", "a lot of very good and progressive", False),
])
def test_wording_differences(a, b, differs):
    assert quoted_differently(a, b) is differs


def test_an_ellipsis_leaves_words_out_without_changing_them():
    assert wording_pairs(["He was the founder of the group \u2026 He was the most valuable player."],
                         ["He was the founder of the group. He was the most valuable player. I give it."]) == []


def test_one_article_says_one_thing_twice_only_in_its_headline(rules):
    direct = "We will cut fuel subsidies for the big refineries by half this year"
    paraphrase = "the government would cut fuel subsidies for big refineries by half"
    other_direct = "Fuel subsidies for big refineries cost the treasury far too much this year"

    def reported(text, kind, article=1, field="text"):
        return quoted_evidence(terms(rules, text), [text] if kind == "direct" else [],
                               frozenset({(article, kind, field, 0, len(text))}))

    # two quotations, or a paraphrase and a quotation, of one speaker in one article: two things said
    assert join_reason(reported(direct, "direct"), reported(other_direct, "direct")) is None
    assert join_reason(reported(direct, "direct"), reported(paraphrase, "indirect")) is None
    # the same words in two outlets' articles join
    assert join_reason(reported(direct, "direct", 1), reported(paraphrase, "indirect", 2))
    # a headline restates its article's quote
    assert join_reason(reported(paraphrase, "indirect", 1, "title"), reported(paraphrase, "indirect", 1))


def test_days_later_only_the_same_quotation_joins(rules):
    a = "Moscow did not rule out military and technical cooperation with the North, or even sending weapons"
    b = "Russia does not rule out military and technical cooperation with Pyongyang, or supplying it with weapons"
    article = "North Korea and Russia signed a pact."
    assert join_reason(evidence(rules, a, article=article), evidence(rules, b, article=article), 1)
    assert join_reason(evidence(rules, a, article=article), evidence(rules, b, article=article), 4) is None
    quotation = "Without these adjustments, golf would be in desperate trouble"
    assert join_reason(evidence(rules, quotation, [quotation]), evidence(rules, quotation, [quotation]), 4)
