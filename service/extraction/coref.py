"""Within-article speaker resolution: pronouns, surnames and descriptions to one canonical name.

Deliberately simple, recency-based rules that news style supports: a pronoun subject
refers to the most recent compatible speaker or named subject; a bare surname or family name
to the most recent full name that has it (``Kim`` after ``Kim Hong-kyun`` is Kim Hong-kyun,
whatever ``Kim Jong Un`` said earlier); ``the ambassador`` to a person introduced with that
title; ``the ministry`` to the ministry named before.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .rules import RuleSet
from .speakers import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    THING_PRONOUNS,
    Role,
    antecedent,
    appositive_person,
    descriptor_words,
    entity_at,
    kind_of,
    mention_span,
    role_before,
    role_in_apposition,
)

FIRST_PERSON = {"i", "me", "we", "us"}
LEADING_WORDS = {"the", "a", "an"}


@dataclass
class Person:
    """A named person of the article and what the article says they are."""

    name: str
    positions: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def add_role(self, role: Role) -> None:
        if role.title and role.title not in self.titles:
            self.titles.append(role.title)
        if role.organization and role.organization not in self.organizations:
            self.organizations.append(role.organization)


@dataclass(frozen=True)
class Resolution:
    """A speaker mention resolved to the article's canonical entity."""

    mention: Span
    name: str
    kind: str
    title: str | None
    organization: str | None
    resolved_by: str


def clean_name(span: Span) -> str:
    """Entity text without a leading article, a trailing possessive or titles inside it."""
    tokens = [t for t in span if t.tag_ != "POS" and not t.is_space]
    while tokens and tokens[0].lower_ in LEADING_WORDS:
        tokens = tokens[1:]
    if not tokens:
        return span.text
    text = span.doc[tokens[0].i:tokens[-1].i + 1].text
    return text[:-2] if text.endswith(("'s", "\u2019s")) else text


class ArticleEntities:
    """The named people and organisations of one article, for resolving speakers."""

    def __init__(self, doc: Doc, rules: RuleSet):
        self.doc = doc
        self.rules = rules
        self.persons: dict[str, Person] = {}
        self.person_at: dict[int, Person] = {}
        ents = doc.ents
        self.org_ents = [e for e in ents if e.label_ in ("ORG", "GPE", "NORP", "FAC")]
        # multi-word person names, for expanding a lone surname: (start, lowercased words, name)
        self._full_names = [(e.start, clean_name(e).lower().split(), clean_name(e))
                            for e in ents if e.label_ == "PERSON" and len(clean_name(e).split()) > 1]
        for ent in (e for e in ents if e.label_ == "PERSON"):
            name = self.full_name(ent)
            person = self.persons.setdefault(name.lower(), Person(name))
            person.positions.append(ent.start)
            person.mentions.append(ent)
            person.add_role(role_before(ent, rules))
            person.add_role(role_in_apposition(ent, rules))
            for i in range(ent.start, ent.end):
                self.person_at[i] = person

    def full_name(self, ent: Span) -> str:
        """The longest name in the article that this name shortens, most recent first."""
        name = clean_name(ent)
        words = name.split()
        if len(words) != 1:
            return name
        word = words[0].lower()
        candidates = [(start, full) for start, other, full in self._full_names
                      if start != ent.start and word in (other[0], other[-1])]
        before = [c for c in candidates if c[0] < ent.start]
        chosen = max(before) if before else (candidates[0] if candidates else None)
        return chosen[1] if chosen is not None else name

    def resolve(self, head: Token, history: list[tuple[int, Resolution]]) -> Resolution:
        """Resolve the speaker whose head token is ``head``; ``history`` holds earlier speakers."""
        noun = antecedent(head)
        if noun is not None:
            # the mention as written is the relative pronoun; who it is comes from its antecedent
            r = self.resolve(noun, history)
            return Resolution(head.doc[head.i:head.i + 1], r.name, r.kind, r.title, r.organization, "relative")
        person_ent = appositive_person(head) if entity_at(head) is None else None
        ent = person_ent or entity_at(head)
        mention = mention_span(head)
        surname_of = self._person_by_surname(head) if ent is None or ent.label_ != "PERSON" else None
        if surname_of is not None:
            # NER often misses or mislabels a bare surname ("Lopez added"); a known name decides
            role = Role(surname_of.titles[0] if surname_of.titles else None,
                        surname_of.organizations[0] if surname_of.organizations else None)
            return Resolution(mention, surname_of.name, "person", role.title, role.organization, "surname")
        if ent is not None and ent.label_ == "PERSON":
            person = self.person_at.get(ent.start) or Person(clean_name(ent))
            role = role_before(ent, self.rules)
            if not role.title:
                role = Role(person.titles[0] if person.titles else None,
                            person.organizations[0] if person.organizations else None)
            how = "name" if person.name == clean_name(ent) else "surname"
            return Resolution(mention, person.name, "person", role.title, role.organization, how)
        low = head.lower_
        if low in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
            return self._pronoun(head, mention, history)
        kind = kind_of(head, self.rules)
        if ent is not None:
            return Resolution(mention, clean_name(ent), kind, None, None, "name")
        if kind == "person":
            return self._description(head, mention, history)
        if kind == "organization":
            return self._organization(head, mention, history)
        return Resolution(mention, clean_name(mention), kind, None, None, "mention")

    def _person_by_surname(self, head: Token) -> Person | None:
        """The most recent person whose first or last name is this lone proper noun."""
        if head.pos_ != "PROPN" or not head.text[:1].isupper() or any(
                c.dep_ == "compound" for c in head.children):
            return None
        word = head.text.lower()
        best: tuple[int, Person] | None = None
        for person in self.persons.values():
            words = person.name.lower().split()
            if len(words) > 1 and word in (words[0], words[-1]):
                before = [p for p in person.positions if p < head.i]
                pos = max(before) if before else -1
                if best is None or pos > best[0]:
                    best = (pos, person)
        return best[1] if best else None

    def _pronoun(self, head: Token, mention: Span, history: list[tuple[int, Resolution]]) -> Resolution:
        low = head.lower_
        if low in FIRST_PERSON:
            kind = "person" if low in ("i", "me") else "group"
            return Resolution(mention, mention.text, kind, None, None, "mention")
        wanted = {"person"} if low in PERSON_PRONOUNS else (
            {"group", "organization", "location"} if low in GROUP_PRONOUNS else {"organization", "location"})
        candidates = [(pos, r) for pos, r in history if pos < head.i and r.kind in wanted]
        if "person" in wanted:
            candidates += [(pos, self._as_resolution(p, mention)) for p in self.persons.values()
                           for pos in p.positions if pos < head.i and self._is_subject(pos)]
        else:
            candidates += [(e.start, Resolution(mention, clean_name(e), "organization", None, None, "pronoun"))
                           for e in self.org_ents if e.start < head.i and e.root.dep_ in ("nsubj", "nsubjpass")]
        if not candidates:
            return Resolution(mention, mention.text, "person" if "person" in wanted else "unknown",
                              None, None, "unresolved")
        _, best = max(candidates, key=lambda c: c[0])
        return Resolution(mention, best.name, best.kind, best.title, best.organization, "pronoun")

    def _is_subject(self, pos: int) -> bool:
        tok = self.doc[pos]
        ent = entity_at(tok)
        root = ent.root if ent is not None else tok
        return root.dep_ in ("nsubj", "nsubjpass") or root.head.dep_ in ("nsubj", "nsubjpass")

    def _as_resolution(self, person: Person, mention: Span) -> Resolution:
        return Resolution(mention, person.name, "person", person.titles[0] if person.titles else None,
                          person.organizations[0] if person.organizations else None, "pronoun")

    def _description(self, head: Token, mention: Span, history: list[tuple[int, Resolution]]) -> Resolution:
        words = set()
        for w in descriptor_words(mention, self.rules):
            words |= {w} | self.rules.descriptor_classes.get(w, frozenset())
        countries = {self.rules.nationalities[t.lower_] for t in mention if t.lower_ in self.rules.nationalities}
        best, best_score = None, 0
        for person in self.persons.values():
            if not person.positions or min(person.positions) > head.i:
                continue
            title_words = {w.lower() for t in person.titles for w in t.split()}
            score = 2 * len(words & title_words) + len(countries & set(person.organizations))
            if score > best_score or score == best_score and best is not None and score and \
                    max(p for p in person.positions if p < head.i) > max(p for p in best.positions if p < head.i):
                best, best_score = person, score
        if best is None or (head.lower_ in ("man", "woman") and best_score < 2):
            return Resolution(mention, clean_name(mention), "person", None, None, "mention")
        return Resolution(mention, best.name, "person", best.titles[0] if best.titles else None,
                          best.organizations[0] if best.organizations else None, "description")

    def _organization(self, head: Token, mention: Span, history: list[tuple[int, Resolution]]) -> Resolution:
        lemma = head.lemma_.lower()
        named = [(e.start, clean_name(e)) for e in self.org_ents if e.start < head.i and lemma in e.text.lower()]
        named += [(pos, r.name) for pos, r in history if pos < head.i and r.kind == "organization"
                  and lemma in r.name.lower() and len(r.name.split()) > 1]
        own = clean_name(mention)
        if named:
            _, name = max(named)
            if len(name) >= len(own):
                return Resolution(mention, name, "organization", None, None, "description")
        return Resolution(mention, own, "organization", None, None, "mention")
