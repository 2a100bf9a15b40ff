"""The named organisations of an article: one entity per body, whatever short form names it.

``International Monetary Fund`` and ``IMF`` are one body (an acronym the article introduces,
one whose letters spell the name, or a well-known short form in ``rules/organisations.tsv``);
``the Clinton campaign`` and ``Netanyahu's office`` are bodies of a person; ``the foreign
ministry`` is named by its portfolio even in lower case. ``OrganisationRegistry`` is the half of
``ArticleEntities`` that keeps them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .lexicons import fold
from .names import name_words, split_name
from .role_patterns import apposition_after, prenominal
from .scan import LOWER

if TYPE_CHECKING:
    from .entities import PersonEntity

CAMPAIGN_WORDS = {"campaign", "administration"}
PLACE_WORDS = {"city", "state", "county", "country", "town", "province"}
ACRONYM_STOP = {"of", "the", "and", "for", "on", "in", "at", "&", "to"}


@dataclass(eq=False)
class OrganisationEntity:
    """A named organisation (or a government named by its place) of the article."""

    name: str
    key: str
    kind: str  # organization | location
    positions: list[int] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    acronyms: set[str] = field(default_factory=set)
    owner: PersonEntity | None = None  # "Netanyahu's office", "the Clinton campaign": whose body it is

    def mentioned_before(self, i: int) -> int | None:
        before = [p for p in self.positions if p <= i]
        return max(before) if before else None



class OrganisationRegistry:
    """Organisation bookkeeping for ``ArticleEntities`` (which provides ``doc``, ``lex``, the people
    and ``in_headline``)."""

    def _add_organisations(self, ents: list[Span]) -> None:
        person_words = {w for p in self.persons for w in p.words}
        surnames = {p.words[-1] for p in self.persons if len(p.words) > 1 and len(p.words[0]) > 2}
        for ent in ents:
            name, key = organisation_name(ent)
            words = name.split()
            while ent.label_ == "ORG" and len(words) > 1 and name_words(words[-1]) \
                    and name_words(words[-1])[0] in surnames:
                words = words[:-1]  # "Washington Post Trump": the NER ran the paper into the next name
            if len(words) < len(name.split()):
                name, key = " ".join(words), fold(" ".join(words))
            if words and words[-1].lower() in self.lex.party_words and words[-1].endswith("s"):
                continue  # "Oversight Committee Republicans" are a group, not a body
            if not key or ent.start in self.person_at or set(name_words(name)) <= person_words:
                continue  # "Zinoviev" tagged as a place is the person of that name
            if ent.start > 1 and ent.doc[ent.start - 1].lower_ == "of" \
                    and ent.doc[ent.start - 2].lower_ in self.lex.title_heads:
                continue  # "Secretary of State": part of a title, not a body that speaks
            if ent.label_ == "ORG" and self._titled_like_a_person(ent):
                self.add_person_name(list(ent))  # "Jean-Marc Ayrault, the foreign minister of France"
                continue
            if self.in_headline(ent[0]) and not any(o.key == key for o in self.organisations):
                continue
            name, key = self._with_country(ent, name, key)
            kind = "location" if ent.label_ == "GPE" else "organization"
            org = self.organisation_named(name)
            if org is None:
                org = OrganisationEntity(name, key, kind)
                self.organisations.append(org)
            elif len(name) > len(org.name) and not name.isupper():
                org.name, org.key = name, key
            org.positions.append(ent.start)
            org.mentions.append((ent.start, ent.end))
            for i in range(ent.start, ent.end):
                self.organisation_at[i] = org
            acronym = _introduced_acronym(ent)
            if acronym:
                org.acronyms.add(acronym)

    def _with_country(self, ent: Span, name: str, key: str) -> tuple[str, str]:
        """``South Korea's Foreign Ministry``, ``the Russian Embassy``: a body every country has is
        named with the country the article gives it, so two countries' ministries stay two."""
        words = name.lower().split()
        generic = words and all(w in self.lex.portfolio_words or w in self.lex.organisation_words for w in words)
        doc, i = ent.doc, ent.start
        if not generic or i == 0:
            return name, key
        if doc[i - 1].tag_ == "POS" and i > 1 and doc[i - 2].ent_type_ == "GPE":
            j = i - 2
            while j > 0 and doc[j].ent_iob_ == "I":  # back to the first word of the country's name
                j -= 1
            country = doc[j:i - 1].text
        elif doc[i - 1].ent_type_ == "NORP" and doc[i - 1].lower_ in self.lex.nationalities:
            country = doc[i - 1].text
        else:
            return name, key
        full = f"{country}'s {name}" if doc[i - 1].tag_ == "POS" else f"{country} {name}"
        return full, fold(full)

    def _titled_like_a_person(self, ent: Span) -> bool:
        """An organisation entity the article gives a person's title, right before or after it."""
        if self.lex.known_organisation(organisation_name(ent)[0]) or any(
                t.lemma_.lower() in self.lex.organisation_words for t in ent):
            return False
        parts = split_name(ent, self.lex)
        if not parts.tokens:
            return False
        if parts.honorific:
            return True  # "Lord Cameron", "Mr. Biberaj": only a person takes an honorific
        role = apposition_after(parts, self.lex) or prenominal(parts, self.lex)
        return bool(role.title) and role.title.split()[-1].lower() in self.lex.title_heads

    def organisation_named(self, name: str) -> OrganisationEntity | None:
        """The organisation of the article this name stands for, by its name, an acronym of it,
        or a well-known short form."""
        key = fold(name)
        known = self.lex.known_organisation(name)
        for org in self.organisations:
            if org.key == key or name in org.acronyms or acronym_of(org.name) == name:
                return org
            if known is not None and self.lex.known_organisation(org.name) is known:
                return org
        return None


    def _add_campaigns(self) -> None:
        """``the Clinton campaign``, ``Trump's presidential campaign``: a candidate's campaign is a
        body of its own, which ``the campaign`` later stands for."""
        for k in self.scan.indices(self.scan.where(LOWER, CAMPAIGN_WORDS)):
            tok = self.doc[k]
            i = tok.i - 1
            while i >= 0 and (self.doc[i].tag_ in ("JJ", "POS") or self.doc[i].lower_ == "presidential"):
                i -= 1
            person = self.person_at.get(i)
            if person is None and i >= 0 and self.doc[i].pos_ == "PROPN":
                person = self.person_named(self.doc[i].text, i)
            # a one-word name is a candidate's only where it names the campaign ("the Clinton
            # campaign"); a possessive of an unknown one-word name is anybody's
            compound = i == tok.i - 1 and self.doc[i].dep_ == "compound"
            if person is not None and (len(person.words) > 1 or compound):
                self.campaign_of(person, tok.lower_, tok.i)

    def campaign_of(self, person: PersonEntity, word: str, position: int) -> OrganisationEntity:
        """The campaign (or administration) of a person, as a body: ``Clinton campaign``."""
        name = f"{person.name.split()[-1]} {word}"
        org = next((o for o in self.organisations if o.key == fold(name)), None)
        if org is None:
            org = OrganisationEntity(name, fold(name), "organization", owner=person)
            self.organisations.append(org)
        if position not in org.positions:
            org.positions.append(position)
        return org

    def office_of(self, person: PersonEntity, head: Token) -> OrganisationEntity:
        """``Netanyahu's office``: a named person's office, team or campaign, as a body."""
        name = f"{person.name}'s {head.lower_}"
        org = next((o for o in self.organisations if o.key == fold(name)), None)
        if org is None:
            org = OrganisationEntity(name, fold(name), "organization", owner=person)
            self.organisations.append(org)
        org.positions.append(head.i)
        return org

    def add_organisation_name(self, tokens: list[Token], title_case: bool = False) -> OrganisationEntity | None:
        """An organisation speaker the NER missed (``The New York Times`` taken for a work of art);
        ``title_case``: a body named in lower case (``the foreign ministry`` -> ``Foreign Ministry``)."""
        name, key = organisation_name(self.doc[tokens[0].i:tokens[-1].i + 1])
        if title_case:
            name = " ".join(w if w[:1].isupper() or "'" in w or "\u2019" in w else w.capitalize()
                            for w in name.split())
        org = self.organisation_named(name)
        if org is None and self.in_headline(tokens[0]):
            return None
        if org is None:
            org = OrganisationEntity(name, key, "organization")
            self.organisations.append(org)
        org.positions.append(tokens[0].i)
        org.mentions.append((tokens[0].i, tokens[-1].i + 1))
        for t in tokens:
            self.organisation_at[t.i] = org
        return org

    def named_body(self, text: str, position: int) -> str | None:
        """An organisation as a role names it, under the name the article gives it in full:
        ``IMF`` -> ``International Monetary Fund`` when the article names both; ``the city`` ->
        the city the article is about; a lowercase word it cannot tie to a name is dropped."""
        if not text[:1].isupper():
            head = text.split()[-1].lower()
            if head in PLACE_WORDS:
                places = [(o.mentioned_before(position), o) for o in self.organisations if o.kind == "location"]
            else:
                places = [(o.mentioned_before(position), o) for o in self.organisations if head in o.key.split()]
            places = [(p, o) for p, o in places if p is not None]
            return max(places, key=lambda c: c[0])[1].name if places else None
        org = self.organisation_named(text)
        return org.name if org is not None else text


def organisation_name(ent: Span) -> tuple[str, str]:
    """An organisation entity as a name: no leading ``the``, no possessive."""
    tokens = [t for t in ent if not t.is_space]
    while tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct and tokens[-1].text != "."):
        tokens = tokens[:-1]
    if not tokens:
        return "", ""
    text = ent.doc[tokens[0].i:tokens[-1].i + 1].text
    if text.endswith(("'s", "\u2019s")):
        text = text[:-2]
    return text, fold(text)


def acronym_of(name: str) -> str:
    """``Korea Energy Agency`` -> ``KEA``; a one-word name has no acronym."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in ACRONYM_STOP]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _introduced_acronym(ent: Span) -> str | None:
    """``the Korea Energy Agency (KEA)``: the acronym written in brackets right after the name."""
    doc = ent.doc
    if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
        candidate = doc[ent.end + 1].text
        if candidate.isupper() and 2 <= len(candidate) <= 8:
            return candidate
    return None
