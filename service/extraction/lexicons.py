"""The word lists about people and organisations: titles, honorifics, parties, organisations.

Loaded once from ``rules/`` and validated like every other rule file. These lists, not code,
decide what counts as a title, which body a title or organisation speaks for (its
affiliation), which words name a party, and which short forms name a well-known organisation.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .rulefiles import fail, load_word_list, tsv_rows


def fold(text: str) -> str:
    """Lowercase, accents stripped, curly apostrophes made straight: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()

AFFILIATIONS = ("government", "legislature", "party or campaign", "business", "academia or think tank",
                "civil society", "media", "law enforcement or military", "court", "international body",
                "citizen")
GENDERS = {"m": "male", "f": "female", "-": None}
PARTY_KINDS = ("word", "code")


@dataclass(frozen=True)
class TitleInfo:
    affiliation: str | None
    gender: str | None


@dataclass(frozen=True)
class KnownOrganisation:
    """A well-known organisation: its full name, the short forms copy uses, its affiliation."""

    name: str
    aliases: tuple[str, ...]
    affiliation: str | None


@dataclass(frozen=True)
class Lexicon:
    titles: dict[str, TitleInfo]
    title_heads: frozenset[str]
    # single words that may stand inside a title, capitalised or not: modifiers, portfolios, heads
    title_words: frozenset[str]
    title_modifiers: frozenset[str]
    portfolios: frozenset[str]
    portfolio_words: frozenset[str]  # the single words of the portfolios ("homeland", "security")
    honorifics: dict[str, str | None]
    not_titles: frozenset[str]  # relations and kinship: never a title
    kinship: frozenset[str]
    title_suffixes: tuple[str, ...]
    role_verbs: dict[str, str]
    party_words: dict[str, str]
    party_codes: dict[str, str | None]
    organisations: dict[str, KnownOrganisation]
    organisation_words: dict[str, str | None]
    group_nouns: frozenset[str]
    person_descriptors: frozenset[str]
    nationalities: dict[str, str]
    countries: dict[str, str]  # folded country name -> the name as listed
    descriptor_classes: dict[str, frozenset[str]]
    organisation_descriptors: dict[str, frozenset[str]]

    def known_organisation(self, name: str) -> KnownOrganisation | None:
        """The well-known organisation named ``name``: its full name in any case, or a short form
        exactly as listed (``WHO`` is the World Health Organization, ``who`` is not)."""
        folded = name.casefold()
        return (self.organisations.get(name) or self.organisations.get(folded)
                or self.organisations.get(folded.removeprefix("the ")) or self.organisations.get("the " + folded))


def _affiliation(path: Path, number: int, key: str, value: str) -> str | None:
    if value == "-":
        return None
    if value not in AFFILIATIONS:
        raise fail(path, number, key, f"affiliation {value!r} not one of {AFFILIATIONS} or '-'")
    return value


def _gender(path: Path, number: int, key: str, value: str) -> str | None:
    if value not in GENDERS:
        raise fail(path, number, key, f"gender {value!r} not one of {sorted(GENDERS)}")
    return GENDERS[value]


def load_titles(path: Path) -> dict[str, TitleInfo]:
    return {t.lower(): TitleInfo(_affiliation(path, n, t, a), _gender(path, n, t, g))
            for n, (t, a, g) in tsv_rows(path, ("title", "affiliation", "gender"))}


def load_honorifics(path: Path) -> dict[str, str | None]:
    return {h.lower(): _gender(path, n, h, g) for n, (h, g) in tsv_rows(path, ("honorific", "gender"))}


def load_parties(path: Path) -> tuple[dict[str, str], dict[str, str | None]]:
    words: dict[str, str] = {}
    codes: dict[str, str | None] = {}
    for n, (form, kind, party) in tsv_rows(path, ("form", "kind", "party")):
        if kind not in PARTY_KINDS:
            raise fail(path, n, form, f"kind {kind!r} not one of {PARTY_KINDS}")
        if kind == "word":
            if party == "-":
                raise fail(path, n, form, "a party word must name a party")
            words[form.lower()] = party
        else:
            codes[form.lower()] = None if party == "-" else party
    return words, codes


def load_organisations(path: Path) -> dict[str, KnownOrganisation]:
    """Index by full name (casefolded), by each short form exactly as written, and by short forms of
    four letters or more in any case too (British copy writes ``Nato``, ``Opec``; ``WHO`` stays exact)."""
    index: dict[str, KnownOrganisation] = {}
    for n, (name, aliases, affiliation) in tsv_rows(path, ("name", "aliases", "affiliation")):
        org = KnownOrganisation(name, tuple(a.strip() for a in aliases.split("|") if a.strip()),
                                _affiliation(path, n, name, affiliation))
        keys = [name.casefold(), *org.aliases, *(a.casefold() for a in org.aliases if len(a) >= 4)]
        for key in dict.fromkeys(keys):
            if key in index and index[key] is not org:
                raise fail(path, n, name, f"{key!r} already names {index[key].name!r}")
            index[key] = org
    return index


def title_head(title: str) -> str:
    """The word a title turns on: ``secretary`` in ``press secretary`` and in ``secretary of state``,
    ``editor`` in ``editor in chief``."""
    words = title.lower().split()
    for k, w in enumerate(words):
        if k and w in ("of", "in", "for", "to", "at"):
            return words[k - 1]
    return words[-1]


def _word_classes(path: Path, columns: tuple[str, str]) -> dict[str, frozenset[str]]:
    """A table of a word and the comma-separated words it stands for (the word itself included)."""
    return {k.lower(): frozenset({k.lower()} | {w.strip().lower() for w in v.split(",") if w.strip()})
            for _, (k, v) in tsv_rows(path, columns)}


def load_lexicon(rules_dir: Path) -> Lexicon:
    """Read and validate the people and organisation lists of ``rules_dir``."""
    d = Path(rules_dir)
    titles = load_titles(d / "titles.tsv")
    words, codes = load_parties(d / "parties.tsv")
    heads = frozenset(title_head(t) for t in titles)
    kinship = load_word_list(d / "kinship.txt")
    nationalities = {a.lower(): c for _, (a, c) in tsv_rows(d / "nationalities.tsv", ("adjective", "country"))}
    modifiers = load_word_list(d / "title_modifiers.txt")
    portfolios = load_word_list(d / "portfolios.txt")
    single = {t for t in titles if " " not in t}
    portfolio_words = frozenset(w for p in portfolios for w in p.split()) - {"and", "of", "the"}
    title_words = heads | modifiers | single | portfolio_words
    return Lexicon(
        titles=titles,
        title_heads=heads,
        title_words=frozenset(title_words),
        title_modifiers=modifiers,
        portfolios=portfolios,
        portfolio_words=portfolio_words,
        honorifics=load_honorifics(d / "honorifics.tsv"),
        not_titles=load_word_list(d / "not_titles.txt") | kinship,
        kinship=kinship,
        title_suffixes=tuple(sorted(load_word_list(d / "title_suffixes.txt"))),
        role_verbs={v.lower(): t for _, (v, t) in tsv_rows(d / "role_verbs.tsv", ("lemma", "title"))},
        party_words=words,
        party_codes=codes,
        organisations=load_organisations(d / "organisations.tsv"),
        organisation_words={w.lower(): _affiliation(d / "organisation_words.tsv", n, w, a)
                            for n, (w, a) in tsv_rows(d / "organisation_words.tsv", ("word", "affiliation"))},
        group_nouns=load_word_list(d / "group_nouns.txt"),
        person_descriptors=load_word_list(d / "person_descriptors.txt"),
        nationalities=nationalities,
        countries={fold(c): c for c in nationalities.values()},
        descriptor_classes=_word_classes(d / "descriptor_classes.tsv", ("descriptor", "title_words")),
        organisation_descriptors=_word_classes(d / "organisation_descriptors.tsv", ("descriptor", "name_words")),
    )
