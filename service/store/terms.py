"""The content terms of a quote: what two reports of one statement have in common however they word it.

A term is a named thing (``@north_korea``, ``@s12`` for stored speaker 12), a number (``#24``),
negation (``~not``) or a content word's lemma (``weapon``), with the equivalents of
``service.store.equivalents`` applied, so ``Moscow did not rule out ... sending weapons`` and
``Russia does not rule out ... supplying arms`` share ``@russia ~not rule weapon send``.
Function words count for nothing. An article adds its own equivalences: the names it gives its
speakers (``Kim`` is the stored Kim Hong-kyun) and the forms a rule allows only where the article
names the thing another way (``the North`` in an article that names North Korea).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .equivalents import Equivalent, Lemmas

NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "cannot"})
NEGATION = "~not"
# a dotted acronym (U.S., D.P.R.K.), a number with its decimals, or a word
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:\.\d+)?|[A-Za-z0-9]+")
_CONTRACTIONS = [(re.compile(r"\b(ca|wo)n['\u2019]t\b", re.IGNORECASE), lambda m: "can not" if m[1].lower() == "ca"
                  else "will not"), (re.compile(r"n['\u2019]t\b", re.IGNORECASE), lambda m: " not")]
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
MAX_ACRONYM = 5
MAX_PHRASE = 8


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words but the negations (imported on first use: reading the
    database needs no spaCy)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) - NEGATIONS


@dataclass(frozen=True)
class Token:
    word: str  # lowercased, accents stripped; an acronym as dotted letters (u.s.)
    capitalised: bool


def tokens(text: str) -> list[Token]:
    """The words of ``text``, in order, with ``n't`` as ``not`` and ``%`` as ``percent``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _THOUSANDS.sub("", text).replace("%", " percent ")
    found = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        if "." in raw and raw[0].isalpha():
            found.append(Token(raw.lower(), True))
        elif raw.isalpha() and raw.isupper() and 2 <= len(raw) <= MAX_ACRONYM:
            found.append(Token("".join(ch + "." for ch in raw.lower()), True))
        else:
            found.append(Token(raw.lower(), raw[0].isupper()))
    return found


@dataclass(frozen=True)
class Phrase:
    """A form that names a thing: its words, which of them must be capitalised, and its term."""

    words: tuple[str, ...]
    capitals: tuple[bool, ...]
    term: str


def phrase(form: str, term: str) -> Phrase:
    toks = tokens(form)
    return Phrase(tuple(t.word for t in toks), tuple(t.capitalised for t in toks), term)


def entity_term(name: str) -> str:
    return "@" + "_".join(t.word.replace(".", "") for t in tokens(name))


class PhraseTable:
    """Forms by their first word, longest first, for greedy left-to-right matching."""

    def __init__(self, phrases: Iterable[Phrase]):
        self.by_first: dict[str, list[Phrase]] = {}
        for p in phrases:
            if p.words:
                self.by_first.setdefault(p.words[0], []).append(p)
        for group in self.by_first.values():
            group.sort(key=lambda p: -len(p.words))

    def match(self, toks: list[Token], at: int, whole_names: bool = False) -> Phrase | None:
        """The longest form starting at ``at``; with ``whole_names``, not one a capitalised word
        runs on from (``the North`` is no form in ``the North Korean leader``)."""
        for p in self.by_first.get(toks[at].word, ()):
            end = at + len(p.words)
            if end <= len(toks) and all(toks[k].word == w and (toks[k].capitalised or not cap)
                                        for k, w, cap in zip(range(at, end), p.words, p.capitals, strict=True)):
                if whole_names and end < len(toks) and toks[end].capitalised and p.capitals[-1]:
                    continue
                return p
        return None


class TermRules:
    """The global equivalents, ready to read any quote; articles add theirs with ``for_article``."""

    def __init__(self, equivalents: list[Equivalent], nationalities: Mapping[str, str], lemmas: Lemmas):
        self.lemmas = lemmas
        self.synonyms: dict[str, str] = {}
        names: list[Phrase] = []
        self.article_forms: list[tuple[Phrase, str]] = []  # (form, the name it needs the article to give)
        for e in equivalents:
            if e.kind == "word":
                for alias in e.aliases:
                    self.synonyms[alias.lower()] = e.name.lower()
                continue
            term = entity_term(e.name)
            names += [phrase(form, term) for form in (e.name, *e.aliases)]
            self.article_forms += [(phrase(form, term), term) for form in e.article_forms]
        for adjective, country in nationalities.items():
            term = entity_term(country)
            names += [phrase(country, term), Phrase(tuple(t.word for t in tokens(adjective)),
                                                      tuple(False for _ in tokens(adjective)), term)]
        self.names = PhraseTable(names)

    def for_article(self, text: str, speaker_names: Mapping[str, int]) -> ArticleTerms:
        """The equivalences of one article: its speakers' names and forms, and the article forms
        (``the North``) whose thing it names another way."""
        toks = tokens(text)
        named = {p.term for k in range(len(toks)) if (p := self.names.match(toks, k)) is not None}
        forms = {}
        for form, term in self.article_forms:
            if term in named:
                # a form two things of the article could take (Korea, with both Koreas named) names neither
                forms[form.words] = None if form.words in forms else form
        speakers = [phrase(name, f"@s{speaker_id}") for name, speaker_id in speaker_names.items()]
        own = PhraseTable([*speakers, *(f for f in forms.values() if f is not None)])
        return ArticleTerms(self, own)


class ArticleTerms:
    """Reads the quotes of one article into terms."""

    def __init__(self, rules: TermRules, own: PhraseTable):
        self.rules = rules
        self.own = own

    def terms(self, text: str) -> frozenset[str]:
        """The content terms of ``text`` (see the module docstring)."""
        toks = tokens(text)
        stop = stop_words()
        found: set[str] = set()
        k = 0
        while k < len(toks):
            p = _longer(self.rules.names.match(toks, k), self.own.match(toks, k, whole_names=True))
            if p is not None:
                found.add(p.term)
                k += len(p.words)
                continue
            word = toks[k].word
            k += 1
            if word in NEGATIONS:
                found.add(NEGATION)
            elif word[0].isdigit():
                found.add("#" + word)
            elif word not in stop and len(word) > 1:
                lemma = self.rules.lemmas(word.replace(".", "")) if "." in word else self.rules.lemmas(word)
                if lemma not in stop:
                    found.add(self.rules.synonyms.get(lemma, lemma))
        return frozenset(found)


def _longer(first: Phrase | None, second: Phrase | None) -> Phrase | None:
    """Of two forms at one place, the one with more words; the first on a tie."""
    if first is None or second is not None and len(second.words) > len(first.words):
        return second
    return first


def speaker_names(mentions: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Mention text -> stored speaker id, for the mentions that are names (capitalised), not
    pronouns or descriptions; a form two speakers share (``Kim``) names neither."""
    names: dict[str, Any] = {}
    clashes: set[str] = set()
    for text, speaker_id in mentions:
        form = " ".join(text.split())
        if not form or not form[0].isupper() or form.lower() in stop_words():
            continue
        if names.get(form, speaker_id) != speaker_id:
            clashes.add(form)
        names[form] = speaker_id
    return {form: i for form, i in names.items() if form not in clashes}
