"""Every rule file loads and validates; a broken rule is refused with file, line and id."""
from __future__ import annotations

import shutil

import pytest

from service.extraction.rules import DEFAULT_RULES_DIR, RuleError, load_rules


def test_shipped_rules_load():
    rules = load_rules()
    assert len(rules.cue_verbs) > 300
    assert {"say", "tell", "warn", "urge", "claim"} <= set(rules.cue_verbs)
    assert rules.cue_verbs["claim"].stance == "distancing"
    assert rules.cue_verbs["believe"].tier == "belief"
    assert any(p.id == "source_prep.according_to" for p in rules.phrases)
    lex = rules.lexicon
    assert lex.nationalities["russian"] == "Russia"
    assert lex.titles["prime minister"].affiliation == "government"
    assert lex.titles["spokeswoman"].gender == "female"
    assert lex.honorifics["mrs."] == "female" and "mr." not in lex.titles
    assert lex.party_words["gop"] == "Republican Party" and lex.party_codes["d"] == "Democratic Party"
    assert lex.known_organisation("IMF").name == "International Monetary Fund"
    assert lex.known_organisation("who") is None and lex.known_organisation("WHO") is not None
    assert lex.organisation_words["ministry"] == "government"
    assert "direct.quote_then_cue" in rules.attribution


@pytest.fixture()
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


def _append(path, line):
    with open(path, "a", encoding="utf-8") as f:
        f.write(line + "\n")


@pytest.mark.parametrize("file, line, message", [
    ("cue_phrases.jsonl", '{"id": "source_prep.according_to", "kind": "via", "lemma": "x", "pattern": [], '
     '"description": "", "example": ""}', "duplicate id"),
    ("cue_phrases.jsonl", '{"id": "x.y", "kind": "via", "lemma": "x", "pattern": [{"LOWER": "a"}], '
     '"description": "", "example": "", "colour": 1}', "unknown keys"),
    ("cue_phrases.jsonl", '{"id": "x.z", "kind": "via", "lemma": "x", "pattern": [{"NOT_AN_ATTR": "a"}], '
     '"description": "", "example": ""}', "bad Matcher pattern"),
    ("attribution.jsonl", '{"id": "r.q", "kind": "direct", "confidence": 2, "description": "", "example": ""}',
     "confidence"),
    ("junk_lines.jsonl", '{"id": "junk.bad", "regex": "(", "description": "", "example": "("}', "bad regex"),
    ("cue_verbs.tsv", "say\tspeech\tneutral", "duplicate entry"),
    ("cue_verbs.tsv", "yodel\tsinging\tneutral", "tier"),
    ("titles.tsv", "president\tgovernment\t-", "duplicate entry"),
    ("titles.tsv", "sommelier\tkitchen\t-", "affiliation"),
    ("titles.tsv", "abbess\tcivil society\tfemale", "gender"),
    ("titles.tsv", "tax man\tgovernment", "expected 3 columns"),
    ("honorifics.tsv", "mr.\tm", "duplicate entry"),
    ("parties.tsv", "whig\tnickname\tWhig Party", "kind"),
    ("parties.tsv", "x\tcode\tX Party\textra", "expected 3 columns"),
    ("organisations.tsv", "Interpol\tIMF\tinternational body", "already names"),
    ("organisation_words.tsv", "guild\tguilds", "affiliation"),
    ("not_titles.txt", "ally", "duplicate entry"),
    ("kinship.txt", "wife", "duplicate entry"),
    ("role_verbs.tsv", "head\tchief", "duplicate entry"),
])
def test_broken_rule_names_file_line_and_id(rules_copy, file, line, message):
    _append(rules_copy / file, line)
    with pytest.raises(RuleError) as err:
        load_rules(rules_copy)
    assert file in str(err.value) and message in str(err.value)
