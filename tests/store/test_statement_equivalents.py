"""rules/statement_equivalents.jsonl: the shipped file loads; each kind of mistake is refused naming its line and id."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from service.config import load_settings
from service.extraction.rulefiles import RuleError
from service.store.equivalents import EQUIVALENTS_FILE, load_equivalents

GOOD = {"id": "place.x", "kind": "place", "name": "Xland", "aliases": ["Xville"], "description": "d", "example": "e"}


def test_shipped_equivalents_load():
    found = load_equivalents(load_settings().rules_dir)
    assert {"place.north_korea", "place.russia", "word.weapon"} <= {e.id for e in found}
    north = next(e for e in found if e.id == "place.north_korea")
    assert "Pyongyang" in north.aliases and north.article_forms == ("the North",)


@pytest.mark.parametrize(("records", "message"), [
    ([{**GOOD, "colour": "red"}], "unknown keys ['colour']"),
    ([{k: v for k, v in GOOD.items() if k != "aliases"}], "missing keys ['aliases']"),
    ([GOOD, {**GOOD, "name": "Yland", "aliases": []}], "duplicate id"),
    ([{**GOOD, "kind": "planet"}], "kind 'planet' not one of"),
    ([{**GOOD, "id": "word.x"}], "starts with 'place.'"),
    ([GOOD, {**GOOD, "id": "place.y", "name": "Yland", "aliases": ["xville"]}], "already stands for place.x"),
    ([{**GOOD, "aliases": "Xville"}], "aliases must be a list"),
    ([{**GOOD, "aliases": [""]}], "non-empty strings"),
])
def test_broken_rule_names_line_and_id(tmp_path, records, message):
    rules = tmp_path / "rules"
    shutil.copytree(load_settings().rules_dir, rules)
    (rules / EQUIVALENTS_FILE).write_text("# comment\n" + "\n".join(json.dumps(r) for r in records) + "\n",
                                          encoding="utf-8")
    with pytest.raises(RuleError, match=re.escape(message)) as error:
        load_equivalents(rules)
    assert f"{EQUIVALENTS_FILE}:{len(records) + 1}" in str(error.value)


def test_not_json_is_refused(tmp_path):
    path = tmp_path / EQUIVALENTS_FILE
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(RuleError, match=f"{EQUIVALENTS_FILE}:1: not JSON"):
        load_equivalents(tmp_path)
