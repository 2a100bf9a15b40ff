"""Load and validate the rule files in ``rules/``.

Everything the extractor knows about English attribution (cue verbs, cue phrases,
dependency patterns, titles, organisation words, page junk) is data. This module is the one
place that reads it; a bad file stops start-up with the file, line and rule id at fault.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.matcher import DependencyMatcher, Matcher
from spacy.vocab import Vocab

from ..paths import RULES_DIR as DEFAULT_RULES_DIR
from .lexicons import Lexicon, load_lexicon
from .rulefiles import RuleError, fail, lines, tsv_rows

__all__ = ["DEFAULT_RULES_DIR", "RuleError", "RuleSet", "load_rules"]

CUE_TIERS = ("speech", "belief", "ambiguous")
STANCES = ("neutral", "distancing", "endorsing", "emotive")
PHRASE_KINDS = ("source_prep", "via", "phrasal_cue", "cue_noun")
ATTRIBUTION_KINDS = ("direct", "mixed", "indirect")
ROLES = ("cue", "content", "speaker", "object")


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    tier: str
    stance: str


@dataclass(frozen=True)
class PhraseRule:
    id: str
    kind: str
    lemma: str
    pattern: list[dict[str, Any]]
    description: str
    example: str


@dataclass(frozen=True)
class JunkRule:
    id: str
    regex: re.Pattern[str]
    description: str
    example: str


@dataclass(frozen=True)
class AttributionRule:
    """How a quote was found. Rules with a ``pattern`` run in the DependencyMatcher;
    the others name a procedure of the extractor and carry its confidence."""

    id: str
    kind: str
    confidence: float
    description: str
    example: str
    pattern: list[dict[str, Any]] | None = None
    roles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleSet:
    cue_verbs: dict[str, CueVerb]
    phrases: list[PhraseRule]
    attribution: dict[str, AttributionRule]
    junk: list[JunkRule]
    lexicon: Lexicon

    def rule(self, rule_id: str) -> AttributionRule:
        """The attribution rule with this id (a missing id is a programming error)."""
        return self.attribution[rule_id]


def load_cue_verbs(path: Path) -> dict[str, CueVerb]:
    verbs = {}
    for number, (lemma, tier, stance) in tsv_rows(path):
        if tier not in CUE_TIERS:
            raise fail(path, number, lemma, f"tier {tier!r} not one of {CUE_TIERS}")
        if stance not in STANCES:
            raise fail(path, number, lemma, f"stance {stance!r} not one of {STANCES}")
        verbs[lemma.lower()] = CueVerb(lemma.lower(), tier, stance)
    return verbs


def _jsonl(path: Path, allowed: set[str], required: set[str], ids: set[str]) -> Iterator[tuple[int, dict]]:
    for number, line in lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise fail(path, number, None, f"not JSON: {exc}") from None
        rule_id = record.get("id") if isinstance(record, dict) else None
        if not isinstance(record, dict):
            raise fail(path, number, None, "a rule must be a JSON object")
        unknown = set(record) - allowed
        if unknown:
            raise fail(path, number, rule_id, f"unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")
        missing = required - set(record)
        if missing:
            raise fail(path, number, rule_id, f"missing keys {sorted(missing)}")
        if rule_id in ids:
            raise fail(path, number, rule_id, "duplicate id")
        ids.add(rule_id)
        yield number, record


def load_phrases(path: Path, vocab: Vocab, ids: set[str]) -> list[PhraseRule]:
    keys = {"id", "kind", "lemma", "pattern", "description", "example"}
    matcher = Matcher(vocab, validate=True)
    rules = []
    for number, r in _jsonl(path, keys, keys, ids):
        if r["kind"] not in PHRASE_KINDS:
            raise fail(path, number, r["id"], f"kind {r['kind']!r} not one of {PHRASE_KINDS}")
        try:
            matcher.add(r["id"], [r["pattern"]])
        except (ValueError, KeyError, TypeError) as exc:
            raise fail(path, number, r["id"], f"bad Matcher pattern: {exc}") from None
        rules.append(PhraseRule(**r))
    return rules


def load_attribution(path: Path, vocab: Vocab, ids: set[str]) -> dict[str, AttributionRule]:
    required = {"id", "kind", "confidence", "description", "example"}
    rules = {}
    for number, r in _jsonl(path, required | {"pattern", "roles"}, required, ids):
        if r["kind"] not in ATTRIBUTION_KINDS:
            raise fail(path, number, r["id"], f"kind {r['kind']!r} not one of {ATTRIBUTION_KINDS}")
        if not 0 <= r["confidence"] <= 1:
            raise fail(path, number, r["id"], "confidence must be in [0, 1]")
        if "pattern" in r:
            _check_dependency_pattern(path, number, r, vocab)
        rules[r["id"]] = AttributionRule(**r)
    return rules


def _check_dependency_pattern(path: Path, number: int, r: dict, vocab: Vocab) -> None:
    try:
        DependencyMatcher(vocab, validate=True).add(r["id"], [r["pattern"]])
    except (ValueError, KeyError, TypeError) as exc:
        raise fail(path, number, r["id"], f"bad DependencyMatcher pattern: {exc}") from None
    names = {node["RIGHT_ID"] for node in r["pattern"]}
    roles = r.get("roles") or {}
    if "cue" not in roles.values() or "content" not in roles.values():
        raise fail(path, number, r["id"], "roles must name a 'cue' and a 'content' node")
    for node, role in roles.items():
        if node not in names or role not in ROLES:
            raise fail(path, number, r["id"], f"role {node!r}: {role!r} names no node or no role in {ROLES}")


def load_junk(path: Path, ids: set[str]) -> list[JunkRule]:
    keys = {"id", "regex", "description", "example"}
    rules = []
    for number, r in _jsonl(path, keys, keys, ids):
        try:
            regex = re.compile(r["regex"], re.IGNORECASE)
        except re.error as exc:
            raise fail(path, number, r["id"], f"bad regex: {exc}") from None
        if not regex.fullmatch(r["example"].strip()):
            raise fail(path, number, r["id"], "the example does not match the regex")
        rules.append(JunkRule(r["id"], regex, r["description"], r["example"]))
    return rules


def load_rules(rules_dir: Path | str = DEFAULT_RULES_DIR, vocab: Vocab | None = None) -> RuleSet:
    """Read and validate every rule file; raise RuleError naming the first problem."""
    d = Path(rules_dir)
    vocab = vocab or Vocab()
    ids: set[str] = set()
    return RuleSet(
        cue_verbs=load_cue_verbs(d / "cue_verbs.tsv"),
        phrases=load_phrases(d / "cue_phrases.jsonl", vocab, ids),
        attribution=load_attribution(d / "attribution.jsonl", vocab, ids),
        junk=load_junk(d / "junk_lines.jsonl", ids),
        lexicon=load_lexicon(d),
    )
