"""What counts as the same word or the same thing when two reports of a statement are compared.

``rules/statement_equivalents.jsonl`` ties names that stand for one place or body (``Pyongyang``
is ``North Korea``; ``the North`` is too, but only in an article that names North Korea) and
words outlets swap for one another (``arms`` and ``weapons``); ``rules/nationalities.tsv`` adds
each country's adjective (``Russian``). Lemmas come from the lookup tables of the spaCy
pipeline's own lemmatizer, read without running the pipeline: a quote's words are compared
many times more often than the pipeline runs, and only the dictionary form is needed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..extraction.rulefiles import fail, lines, tsv_rows

EQUIVALENTS_FILE = "statement_equivalents.jsonl"
KINDS = ("place", "body", "word")
REQUIRED = {"id", "kind", "name", "aliases", "description", "example"}
ALLOWED = REQUIRED | {"article_forms"}
# the parts of speech whose lookup tables are tried, most likely first for news copy
LEMMA_POS = ("noun", "verb", "adj", "adv")


@dataclass(frozen=True)
class Equivalent:
    """One rule: a name and the forms that stand for it."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    article_forms: tuple[str, ...] = ()  # stand for it only where the article names it another way


def load_equivalents(rules_dir: Path) -> list[Equivalent]:
    """Read and validate ``statement_equivalents.jsonl``; a bad line stops start-up naming it."""
    path = Path(rules_dir) / EQUIVALENTS_FILE
    seen_ids: set[str] = set()
    seen_forms: dict[tuple[str, str], str] = {}
    found = []
    for number, line in lines(path):
        record = _record(path, number, line)
        rule_id = record["id"]
        if rule_id in seen_ids:
            raise fail(path, number, rule_id, "duplicate id")
        seen_ids.add(rule_id)
        if record["kind"] not in KINDS:
            raise fail(path, number, rule_id, f"kind {record['kind']!r} not one of {KINDS}")
        if not rule_id.startswith(record["kind"] + "."):
            raise fail(path, number, rule_id, f"an id of kind {record['kind']} starts with '{record['kind']}.'")
        forms = [record["name"], *record["aliases"], *record.get("article_forms", [])]
        for form in forms:
            if not isinstance(form, str) or not form.strip():
                raise fail(path, number, rule_id, "names and aliases are non-empty strings")
            key = (record["kind"] == "word" and "word" or "name", form.casefold())
            if key in seen_forms:
                raise fail(path, number, rule_id, f"{form!r} already stands for {seen_forms[key]}")
            seen_forms[key] = rule_id
        found.append(Equivalent(rule_id, record["kind"], record["name"], tuple(record["aliases"]),
                                tuple(record.get("article_forms", ()))))
    return found


def _record(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise fail(path, number, None, f"not JSON: {exc}") from None
    if not isinstance(record, dict):
        raise fail(path, number, None, "a rule must be a JSON object")
    rule_id = record.get("id")
    unknown = set(record) - ALLOWED
    if unknown:
        raise fail(path, number, rule_id, f"unknown keys {sorted(unknown)}; allowed: {sorted(ALLOWED)}")
    missing = REQUIRED - set(record)
    if missing:
        raise fail(path, number, rule_id, f"missing keys {sorted(missing)}")
    for key in ("aliases", "article_forms"):
        if not isinstance(record.get(key, []), list):
            raise fail(path, number, rule_id, f"{key} must be a list")
    return record


def load_nationalities(rules_dir: Path) -> dict[str, str]:
    """Country adjective (``north korean``) -> country (``North Korea``)."""
    return {a.lower(): c for _, (a, c) in tsv_rows(Path(rules_dir) / "nationalities.tsv", ("adjective", "country"))}


class Lemmas:
    """Dictionary forms from the lemmatizer's exception, index and suffix tables, without a POS
    tag: an exception wins, then the first suffix rule whose result is in its part of speech's
    index (``weapons`` -> ``weapon``, ``supplying`` -> ``supply``), else the word itself."""

    def __init__(self, tables: dict[str, dict[str, Any]]):
        self.exceptions = tables["lemma_exc"]
        self.index = {pos: frozenset(words) for pos, words in tables["lemma_index"].items()}
        self.rules = tables["lemma_rules"]
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._lemma(word)
        return found

    def _lemma(self, word: str) -> str:
        for pos in LEMMA_POS:
            forms = self.exceptions.get(pos, {}).get(word)
            if forms:
                return forms[0]
        for pos in LEMMA_POS:
            for old, new in self.rules.get(pos, ()):
                if word.endswith(old) and len(word) > len(old):
                    candidate = word[:len(word) - len(old)] + new
                    if candidate in self.index.get(pos, ()):
                        return candidate
        return word


def lemma_tables(nlp: Any) -> dict[str, dict[str, Any]]:
    """The lemmatizer's lookup tables of a loaded spaCy pipeline, keyed by part-of-speech name."""
    from spacy.strings import get_string_id

    lookups = nlp.get_pipe("lemmatizer").lookups
    tables: dict[str, dict[str, Any]] = {}
    for name in ("lemma_exc", "lemma_index", "lemma_rules"):
        table = lookups.get_table(name)
        tables[name] = {pos: table[get_string_id(pos)] for pos in LEMMA_POS if get_string_id(pos) in table}
    return tables


@lru_cache(maxsize=2)
def model_lemma_tables(model: str) -> dict[str, dict[str, Any]]:
    """The tables of ``model``'s lemmatizer, loading that component alone (for code without the
    service's pipeline at hand: migrations and scripts)."""
    import spacy

    nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "ner"])
    return lemma_tables(nlp)
