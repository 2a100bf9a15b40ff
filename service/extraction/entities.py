"""The named people and organisations of one article, each once, with what the article says of them.

A person is every mention of one name: ``Donald J. Trump``, ``Donald Trump``, ``Mr. Trump`` and
``Trump`` are one person; ``Bill Clinton`` and ``Hillary Clinton`` are two, and a bare ``Clinton``
joins the one the article mentioned last (or, before either is named, the first named after).
Organisations are kept the same way (``organisations.py``). Headlines run in title case (``Obama
Says``, ``Derelict Obama``): there a name counts only by the words it shares with a name of the
body text.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from .headlines import headline_lines
from .lexicons import Lexicon, title_head
from .names import NameParts, is_title_token, name_key, name_words, same_person, split_name
from .organisations import CAMPAIGN_WORDS, PLACE_WORDS, OrganisationEntity, OrganisationRegistry
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
from .scan import ENT_TYPE, LOWER, POS, Spans, TokenScan

__all__ = ["ArticleEntities", "CAMPAIGN_WORDS", "PLACE_WORDS", "Entity", "OrganisationEntity", "PersonEntity",
           "headline_lines"]

PERSON_LABELS = {"PERSON"}
ORGANISATION_LABELS = {"ORG", "FAC", "GPE"}
# what a predicate says of someone inside reported speech is the speaker's view, not a role
OPINION_RULES = {"role.predicate", "role.relative"}
HONORIFIC_VOTE, TITLE_VOTE = 3, 2  # how much "Mrs." and "spokeswoman" say, next to one pronoun


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


Entity = PersonEntity | OrganisationEntity


class ArticleEntities(OrganisationRegistry):
    """People and organisations of one parsed article, built once and shared by every quote."""

    def __init__(self, doc: Doc, lex: Lexicon, headline: Callable[[int], bool] | None = None,
                 reported: list[tuple[int, int]] = ()):
        """``headline(char)``: is this character of the parsed text in a title-case line of the
        text as submitted (a wrapped headline may have been joined to the next line for parsing).
        ``reported``: character spans of direct quotations, where what is said of someone is an
        opinion (``"Trump is a con artist," she said``), not the role the article gives them."""
        self.doc = doc
        self.lex = lex
        self.scan = TokenScan(doc)
        self._reported = Spans(reported)
        self.persons: list[PersonEntity] = []
        self.organisations: list[OrganisationEntity] = []
        self.person_at: dict[int, PersonEntity] = {}
        self.organisation_at: dict[int, OrganisationEntity] = {}
        if headline is None:
            ranges = headline_lines(doc.text)
            headline = lambda char: any(s <= char < e for s, e in ranges)  # noqa: E731
        self._is_headline = headline
        ents = list(doc.ents)
        bodies = self._add_people([e for e in ents if e.label_ in PERSON_LABELS])
        self._add_organisations(sorted([e for e in ents if e.label_ in ORGANISATION_LABELS] + bodies,
                                       key=lambda e: e.start))
        self._add_campaigns()

    # people ----------------------------------------------------------------------------
    def in_headline(self, token: Token) -> bool:
        return self._is_headline(token.idx)

    def _add_people(self, ents: list[Span]) -> list[Span]:
        """Register the people; return the entities that name a known organisation instead
        (``PolitiFact``, ``Twitter`` tagged as people)."""
        singles: list[NameParts] = []
        bodies: list[Span] = []
        body_words = {w for e in ents if not self.in_headline(e[0]) for w in name_words(e.text)}
        for ent in ents:
            parts = split_name(ent, self.lex)
            if not parts.tokens:
                continue
            if not parts.honorific and not parts.title_tokens and self.lex.known_organisation(parts.text):
                bodies.append(ent)
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
        self._merge_epithets()
        self._pronoun_genders(set(self.persons))  # before bare surnames choose between same-named people
        named_in_full = set(self.persons)
        # relatives first ("his father, Rafael"), so a bare shared surname knows whom to leave out
        singles.sort(key=lambda parts: not introduced_as_relative(parts, self.lex))
        for parts in singles:
            title = prenominal(parts, self.lex).title
            person = self.person_named(parts.text, parts.start, _honorific_gender(parts, self.lex), title)
            if person is None and (is_title_token(parts.tokens[0], self.lex)
                                   or parts.tokens[0].lower_ in self.lex.group_nouns):
                continue  # "Ambassador", "Aides" alone: a title or a group the NER took for a name
            if person is None:
                person = PersonEntity(parts.text, name_words(parts.text))
                self.persons.append(person)
            self._attach(person, parts)
        self._pronoun_genders(set(self.persons) - named_in_full)
        return bodies

    def _merge_epithets(self) -> None:
        """``Crooked Hillary Clinton``, ``Sleepy Joe Biden``: a word before a full name the article
        also gives on its own is an epithet, not part of another person's name."""
        for person in list(self.persons):
            if len(person.words) < 3:
                continue
            full = next((p for p in self.persons if p is not person and p.words == person.words[1:]), None)
            if full is None:
                continue
            self.persons.remove(person)
            for start, end in person.mentions:
                for i in range(start, end):
                    self.person_at[i] = full
            full.positions.extend(person.positions)
            full.mentions.extend(person.mentions)
            full.roles.extend(person.roles)
            full.gender_votes.update(person.gender_votes)

    def _pronoun_genders(self, voters: set[PersonEntity]) -> None:
        """``Ana Ruiz said ... She added``: a subject he or she after a single person named since
        the last such pronoun says how the article refers to that person (counted for ``voters``)."""
        scan = self.scan
        events = (scan.where(ENT_TYPE, ["PERSON"]) | (scan.where(POS, ["PROPN"]) & scan.where(ENT_TYPE, [""]))
                  | scan.where(LOWER, self.lex.honorifics) | scan.where(LOWER, ["he", "she"]))
        since: list[PersonEntity | None] = []
        for i in sorted(set(scan.indices(events)) | set(self.person_at)):
            tok = self.doc[i]
            person = self.person_at.get(tok.i)
            if person is not None:
                if person not in since:
                    since.append(person)
            elif _maybe_someone(tok, self.lex):
                since.append(None)  # a name not (yet) known: "Ms Priya Nair ... she" is hers, not another's
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
        if person is None and len(parts.tokens) == 1 and (is_title_token(parts.tokens[0], self.lex)
                                                          or parts.tokens[0].lower_ in self.lex.group_nouns):
            return None  # "the Ambassador said": a title, not a name
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
        if role.rule in OPINION_RULES and self._is_reported(self.doc[min(role.position, len(self.doc) - 1)].idx):
            return
        owner = self._person_by_name(role.organization) if role.organization else None
        if owner is not None:  # "Sanders volunteer", "Obama's campaign strategist": a person is no body
            campaign = "campaign" in (role.title or "").lower().split() or any(
                r.title and self.lex.titles.get(title_head(r.title)) and
                self.lex.titles[title_head(r.title)].affiliation == "party or campaign" for r in owner.roles)
            role = replace(role, organization=f"{owner.name.split()[-1]} campaign" if campaign else None)
        person.roles.append(role)
        if role.title:
            info = self.lex.titles.get(role.title.lower()) or self.lex.titles.get(role.title.split()[-1].lower())
            if info is not None and info.gender:
                person.gender_votes[info.gender] += TITLE_VOTE

    def _is_reported(self, char: int) -> bool:
        return char in self._reported

    def _person_by_name(self, text: str) -> PersonEntity | None:
        words = name_words(text)
        return next((p for p in self.persons if words and len(p.words) >= len(words)
                     and p.words[-len(words):] == words), None)

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
def _maybe_someone(token: Token, lex: Lexicon) -> bool:
    """A token that may name a person the registry does not hold: a name the NER tagged but that
    is not attached yet, an honorific, or a capitalised word no entity covers inside a sentence."""
    if token.ent_type_ == "PERSON":
        return True
    if token.lower_ in lex.honorifics and token.text[:1].isupper():
        return True
    return token.pos_ == "PROPN" and not token.ent_type_ and token.text[:1].isupper() and not token.is_sent_start


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
