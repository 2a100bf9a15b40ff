"""The named people and organisations of one article, each once, with what the article says of them.

A person is every mention of one name: ``Donald J. Trump``, ``Donald Trump``, ``Mr. Trump`` and
``Trump`` are one person; ``Bill Clinton`` and ``Hillary Clinton`` are two, and a bare ``Clinton``
joins the one the article mentioned last (or, before either is named, the first named after).
An organisation is every mention of one body: ``International Monetary Fund`` and ``IMF`` (an
acronym the article introduces, one whose letters spell the name, or a well-known one in
``rules/organisations.tsv``). Headlines run in title case (``Obama Says``, ``Derelict Obama``):
there a name counts only by the words it shares with a name of the body text.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicons import Lexicon, title_head
from .names import NameParts, fold, name_key, name_words, same_person, split_name
from .role_patterns import (
    apposition_after,
    apposition_before,
    introduced_as_relative,
    party_code,
    predicate_roles,
    prenominal,
    preposition_after,
    shared_title,
)
from .roles import Role

PERSON_LABELS = {"PERSON"}
ORGANISATION_LABELS = {"ORG", "FAC", "GPE"}
HONORIFIC_VOTE, TITLE_VOTE = 3, 2  # how much "Mrs." and "spokeswoman" say, next to one pronoun
CAMPAIGN_WORDS = {"campaign", "administration"}
PLACE_WORDS = {"city", "state", "county", "country", "town", "province"}
# function words title case may leave in lower case
TITLE_CASE_LOWER = {"with", "from", "into", "over", "than", "that", "this", "about", "after", "before", "onto",
                    "upon", "amid", "near", "under", "while", "when", "what", "your", "their"}
ACRONYM_STOP = {"of", "the", "and", "for", "on", "in", "at", "&", "to"}


@dataclass(eq=False)
class PersonEntity:
    """A named person of the article and everything it says about them."""

    name: str
    words: list[str]
    positions: list[int] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans of the name as written
    roles: list[Role] = field(default_factory=list)
    gender_votes: Counter = field(default_factory=Counter)
    kind: str = "person"
    relative: bool = False  # introduced as someone's relative ("his wife, Heidi Cruz")

    def mentioned_before(self, i: int) -> int | None:
        before = [p for p in self.positions if p < i]
        return max(before) if before else None

    @property
    def gender(self) -> str | None:
        """The gender the article gives: a clear majority of its honorifics, pronouns and gendered titles."""
        male, female = self.gender_votes["male"], self.gender_votes["female"]
        if male > female:
            return "male"
        if female > male:
            return "female"
        return None


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


Entity = PersonEntity | OrganisationEntity


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines set in title case: headlines, section heads, link texts.

    In title case every word but the short function words is capitalised (``Obama Says Museum
    Tells an American Story``); a sentence full of names still has lowercase verbs and nouns
    (``Russian President Vladimir Putin visited Pyongyang``)."""
    ranges = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[^\W\d_][\w'\u2019-]*", line)
        lowercase = [w for w in words if not w[0].isupper() and len(w) > 3 and w.lower() not in TITLE_CASE_LOWER]
        # "And from Chairwoman Jessica Rosen:" introduces what follows; it is no headline
        if len(words) >= 4 and not lowercase and not line.rstrip().endswith(("\u201d", '"', ":")):
            ranges.append((pos, pos + len(line)))
        pos += len(line) + 1
    return ranges


class ArticleEntities:
    """People and organisations of one parsed article, built once and shared by every quote."""

    def __init__(self, doc: Doc, lex: Lexicon, headline: Callable[[int], bool] | None = None):
        """``headline(char)``: is this character of the parsed text in a title-case line of the
        text as submitted (a wrapped headline may have been joined to the next line for parsing)."""
        self.doc = doc
        self.lex = lex
        self.persons: list[PersonEntity] = []
        self.organisations: list[OrganisationEntity] = []
        self.person_at: dict[int, PersonEntity] = {}
        self.organisation_at: dict[int, OrganisationEntity] = {}
        if headline is None:
            ranges = headline_lines(doc.text)
            headline = lambda char: any(s <= char < e for s, e in ranges)  # noqa: E731
        self._is_headline = headline
        ents = list(doc.ents)
        self._add_people([e for e in ents if e.label_ in PERSON_LABELS])
        self._add_organisations([e for e in ents if e.label_ in ORGANISATION_LABELS])
        self._add_campaigns()

    # people ----------------------------------------------------------------------------
    def in_headline(self, token: Token) -> bool:
        return self._is_headline(token.idx)

    def _add_people(self, ents: list[Span]) -> None:
        singles: list[NameParts] = []
        body_words = {w for e in ents if not self.in_headline(e[0]) for w in name_words(e.text)}
        for ent in ents:
            parts = split_name(ent, self.lex)
            if not parts.tokens:
                continue
            if self.in_headline(ent[0]):
                parts = _only_known_words(parts, body_words)
                if parts is None:
                    continue
            words = name_words(parts.text)
            if len(words) == 1:
                singles.append(parts)
                continue
            person = next((p for p in self.persons if same_person(p.words, words)), None)
            if person is None:
                person = PersonEntity(parts.text, words)
                self.persons.append(person)
            self._attach(person, parts)
        self._pronoun_genders(set(self.persons))  # before bare surnames choose between same-named people
        named_in_full = set(self.persons)
        # relatives first ("his father, Rafael"), so a bare shared surname knows whom to leave out
        singles.sort(key=lambda parts: not introduced_as_relative(parts, self.lex))
        for parts in singles:
            title = prenominal(parts, self.lex).title
            person = self.person_named(parts.text, parts.start, _honorific_gender(parts, self.lex), title)
            if person is None:
                person = PersonEntity(parts.text, name_words(parts.text))
                self.persons.append(person)
            self._attach(person, parts)
        self._pronoun_genders(set(self.persons) - named_in_full)

    def _pronoun_genders(self, voters: set[PersonEntity]) -> None:
        """``Ana Ruiz said ... She added``: a subject he or she after a single person named since
        the last such pronoun says how the article refers to that person (counted for ``voters``)."""
        since: list[PersonEntity] = []
        for tok in self.doc:
            person = self.person_at.get(tok.i)
            if person is not None:
                if person not in since:
                    since.append(person)
            elif tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in ("he", "she"):
                if len(since) == 1 and since[0] in voters:
                    since[0].gender_votes["male" if tok.lower_ == "he" else "female"] += 1
                since = []

    def add_person_name(self, tokens: list[Token]) -> PersonEntity | None:
        """A speaker's name the statistical NER missed (``Ana Ruiz said``), added on first use."""
        span = self.doc[tokens[0].i:tokens[-1].i + 1]
        parts = split_name(span, self.lex)
        if not parts.tokens or self.in_headline(tokens[0]):
            return None
        words = name_words(parts.text)
        person = self.person_named(parts.text, parts.start) if len(words) == 1 else \
            next((p for p in self.persons if same_person(p.words, words)), None)
        if person is None:
            person = PersonEntity(parts.text, words)
            self.persons.append(person)
        self._attach(person, parts)
        return person

    def _attach(self, person: PersonEntity, parts: NameParts) -> None:
        partial = self.person_at.get(parts.start)
        if partial is not None and partial is not person and len(partial.words) == 1 \
                and partial.words[0] in person.words and len(partial.positions) == 1:
            self._forget(partial)  # the NER cut 'Marcia "Cia" Price' to "Marcia"
        if parts.start in self.person_at:
            return
        person.positions.append(parts.start)
        person.mentions.append((parts.start, parts.end))
        for i in range(parts.start, parts.end):
            self.person_at[i] = person
        gender = _honorific_gender(parts, self.lex)
        if gender:
            person.gender_votes[gender] += HONORIFIC_VOTE
        person.relative = person.relative or introduced_as_relative(parts, self.lex)
        root = self.doc[parts.end - 1]
        for role in (prenominal(parts, self.lex), shared_title(parts, self.lex), party_code(parts, self.lex),
                     apposition_after(parts, self.lex),
                     apposition_before(parts, self.lex), preposition_after(parts, self.lex),
                     *predicate_roles(root, self.lex)):
            if role:
                self.add_role(person, role)

    def _forget(self, person: PersonEntity) -> None:
        self.persons.remove(person)
        for start, end in person.mentions:
            for i in range(start, end):
                self.person_at.pop(i, None)

    def add_role(self, person: PersonEntity, role: Role) -> None:
        person.roles.append(role)
        if role.title:
            info = self.lex.titles.get(role.title.lower()) or self.lex.titles.get(role.title.split()[-1].lower())
            if info is not None and info.gender:
                person.gender_votes[info.gender] += TITLE_VOTE

    def person_named(self, word: str, at: int, gender: str | None = None,
                     title: str | None = None) -> PersonEntity | None:
        """The person a one-word name stands for: a surname, else a first name (or a family name
        written first) of a person named in full; the one mentioned last before ``at`` wins, but
        not over one the article did not introduce as somebody's relative (``his wife, Heidi Cruz``
        leaves a bare ``Cruz`` to Ted Cruz). A gender or a title the mention gives rules out anyone
        the article says otherwise of (``President Obama`` is not ``first lady Michelle Obama``)."""
        key = name_key(word)
        for by_surname in (True, False):
            candidates = [p for p in self.persons if len(p.words) > 1
                          and (p.words[-1] == key if by_surname else p.words[0] == key)
                          and (gender is None or p.gender in (None, gender)) and _titles_fit(p, title)]
            if by_surname and any(not p.relative for p in candidates):
                candidates = [p for p in candidates if not p.relative]  # "his wife, Heidi Cruz"
            if candidates:
                before = [(p.mentioned_before(at), k, p) for k, p in enumerate(candidates)
                          if p.mentioned_before(at) is not None]
                if before:
                    return max(before, key=lambda c: (c[0], -c[1]))[2]
                return min(candidates, key=lambda p: min(p.positions))
        return next((p for p in self.persons if p.words == [key]), None)

    # organisations ---------------------------------------------------------------------
    def _add_organisations(self, ents: list[Span]) -> None:
        person_words = {w for p in self.persons for w in p.words}
        for ent in ents:
            name, key = organisation_name(ent)
            words = name.split()
            while len(words) > 1 and name_words(words[-1]) and name_words(words[-1])[0] in person_words:
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

    def _titled_like_a_person(self, ent: Span) -> bool:
        """An organisation entity the article gives a person's title, right before or after it."""
        if self.lex.known_organisation(organisation_name(ent)[0]) or any(
                t.lemma_.lower() in self.lex.organisation_words for t in ent):
            return False
        parts = NameParts(tuple(t for t in ent if not t.is_space))
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
        for tok in self.doc:
            if tok.lower_ not in CAMPAIGN_WORDS:
                continue
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


def _titles_fit(person: PersonEntity, title: str | None) -> bool:
    """Whether a title written at a mention can be one of the person's (or either is unknown)."""
    heads = {title_head(r.title) for r in person.roles if r.title}
    return title is None or not heads or title_head(title) in heads


def _honorific_gender(parts: NameParts, lex: Lexicon) -> str | None:
    return lex.honorifics.get(parts.honorific.lower()) if parts.honorific else None


def _only_known_words(parts: NameParts, body_words: set[str]) -> NameParts | None:
    """A headline name cut to the words a body-text name has (``Obama Says`` -> ``Obama``)."""
    kept = [t for t in parts.tokens if name_words(t.text) and name_words(t.text)[0] in body_words]
    if not kept:
        return None
    first, last = kept[0].i, kept[-1].i
    return NameParts(tuple(t for t in parts.tokens if first <= t.i <= last), parts.honorific, parts.title_tokens)
