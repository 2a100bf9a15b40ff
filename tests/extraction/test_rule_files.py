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
    assert rules.nationalities["russian"] == "Russia"
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
    ("titles.txt", "president", "duplicate entry"),
])
def test_broken_rule_names_file_line_and_id(rules_copy, file, line, message):
    _append(rules_copy / file, line)
    with pytest.raises(RuleError) as err:
        load_rules(rules_copy)
    assert file in str(err.value) and message in str(err.value)
