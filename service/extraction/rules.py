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

CUE_TIERS = ("speech", "belief", "ambiguous")
STANCES = ("neutral", "distancing", "endorsing", "emotive")
PHRASE_KINDS = ("source_prep", "via", "phrasal_cue", "cue_noun")
ATTRIBUTION_KINDS = ("direct", "mixed", "indirect")
ROLES = ("cue", "content", "speaker", "object")


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, line and rule id."""


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
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    portfolios: frozenset[str]
    organisation_words: frozenset[str]
    group_nouns: frozenset[str]
    person_descriptors: frozenset[str]
    nationalities: dict[str, str]
    descriptor_classes: dict[str, frozenset[str]]

    def rule(self, rule_id: str) -> AttributionRule:
        """The attribution rule with this id (a missing id is a programming error)."""
        return self.attribution[rule_id]


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, line.rstrip("\n")


def _fail(path: Path, line: int, rule_id: str | None, why: str) -> RuleError:
    where = f"{path.name}:{line}" + (f" [{rule_id}]" if rule_id else "")
    return RuleError(f"{where}: {why}")


def load_word_list(path: Path) -> frozenset[str]:
    """A text file of lowercase entries, one per line; duplicates are errors."""
    seen: set[str] = set()
    for number, line in _lines(path):
        entry = line.strip().lower()
        if entry in seen:
            raise _fail(path, number, None, f"duplicate entry {entry!r}")
        seen.add(entry)
    return frozenset(seen)


def _tsv(path: Path) -> Iterator[tuple[int, list[str]]]:
    rows = _lines(path)
    _, header = next(rows)
    columns = header.split("\t")
    seen: set[str] = set()
    for number, line in rows:
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != len(columns):
            raise _fail(path, number, None, f"expected {len(columns)} columns {columns}, got {len(cells)}")
        if cells[0].lower() in seen:
            raise _fail(path, number, None, f"duplicate entry {cells[0]!r}")
        seen.add(cells[0].lower())
        yield number, cells


def load_cue_verbs(path: Path) -> dict[str, CueVerb]:
    verbs = {}
    for number, (lemma, tier, stance) in _tsv(path):
        if tier not in CUE_TIERS:
            raise _fail(path, number, lemma, f"tier {tier!r} not one of {CUE_TIERS}")
        if stance not in STANCES:
            raise _fail(path, number, lemma, f"stance {stance!r} not one of {STANCES}")
        verbs[lemma.lower()] = CueVerb(lemma.lower(), tier, stance)
    return verbs


def _jsonl(path: Path, allowed: set[str], required: set[str], ids: set[str]) -> Iterator[tuple[int, dict]]:
    for number, line in _lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(path, number, None, f"not JSON: {exc}") from None
        rule_id = record.get("id") if isinstance(record, dict) else None
        if not isinstance(record, dict):
            raise _fail(path, number, None, "a rule must be a JSON object")
        unknown = set(record) - allowed
        if unknown:
            raise _fail(path, number, rule_id, f"unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")
        missing = required - set(record)
        if missing:
            raise _fail(path, number, rule_id, f"missing keys {sorted(missing)}")
        if rule_id in ids:
            raise _fail(path, number, rule_id, "duplicate id")
        ids.add(rule_id)
        yield number, record


def load_phrases(path: Path, vocab: Vocab, ids: set[str]) -> list[PhraseRule]:
    keys = {"id", "kind", "lemma", "pattern", "description", "example"}
    matcher = Matcher(vocab, validate=True)
    rules = []
    for number, r in _jsonl(path, keys, keys, ids):
        if r["kind"] not in PHRASE_KINDS:
            raise _fail(path, number, r["id"], f"kind {r['kind']!r} not one of {PHRASE_KINDS}")
        try:
            matcher.add(r["id"], [r["pattern"]])
        except (ValueError, KeyError, TypeError) as exc:
            raise _fail(path, number, r["id"], f"bad Matcher pattern: {exc}") from None
        rules.append(PhraseRule(**r))
    return rules


def load_attribution(path: Path, vocab: Vocab, ids: set[str]) -> dict[str, AttributionRule]:
    required = {"id", "kind", "confidence", "description", "example"}
    rules = {}
    for number, r in _jsonl(path, required | {"pattern", "roles"}, required, ids):
        if r["kind"] not in ATTRIBUTION_KINDS:
            raise _fail(path, number, r["id"], f"kind {r['kind']!r} not one of {ATTRIBUTION_KINDS}")
        if not 0 <= r["confidence"] <= 1:
            raise _fail(path, number, r["id"], "confidence must be in [0, 1]")
        if "pattern" in r:
            _check_dependency_pattern(path, number, r, vocab)
        rules[r["id"]] = AttributionRule(**r)
    return rules


def _check_dependency_pattern(path: Path, number: int, r: dict, vocab: Vocab) -> None:
    try:
        DependencyMatcher(vocab, validate=True).add(r["id"], [r["pattern"]])
    except (ValueError, KeyError, TypeError) as exc:
        raise _fail(path, number, r["id"], f"bad DependencyMatcher pattern: {exc}") from None
    names = {node["RIGHT_ID"] for node in r["pattern"]}
    roles = r.get("roles") or {}
    if "cue" not in roles.values() or "content" not in roles.values():
        raise _fail(path, number, r["id"], "roles must name a 'cue' and a 'content' node")
    for node, role in roles.items():
        if node not in names or role not in ROLES:
            raise _fail(path, number, r["id"], f"role {node!r}: {role!r} names no node or no role in {ROLES}")


def load_junk(path: Path, ids: set[str]) -> list[JunkRule]:
    keys = {"id", "regex", "description", "example"}
    rules = []
    for number, r in _jsonl(path, keys, keys, ids):
        try:
            regex = re.compile(r["regex"], re.IGNORECASE)
        except re.error as exc:
            raise _fail(path, number, r["id"], f"bad regex: {exc}") from None
        if not regex.fullmatch(r["example"].strip()):
            raise _fail(path, number, r["id"], "the example does not match the regex")
        rules.append(JunkRule(r["id"], regex, r["description"], r["example"]))
    return rules


def load_nationalities(path: Path) -> dict[str, str]:
    return {adjective.lower(): country for _, (adjective, country) in _tsv(path)}


def load_descriptor_classes(path: Path) -> dict[str, frozenset[str]]:
    return {d.lower(): frozenset(w.strip().lower() for w in words.split(",") if w.strip())
            for _, (d, words) in _tsv(path)}


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
        titles=load_word_list(d / "titles.txt"),
        title_modifiers=load_word_list(d / "title_modifiers.txt"),
        portfolios=load_word_list(d / "portfolios.txt"),
        organisation_words=load_word_list(d / "organisation_words.txt"),
        group_nouns=load_word_list(d / "group_nouns.txt"),
        person_descriptors=load_word_list(d / "person_descriptors.txt"),
        nationalities=load_nationalities(d / "nationalities.tsv"),
        descriptor_classes=load_descriptor_classes(d / "descriptor_classes.tsv"),
    )
