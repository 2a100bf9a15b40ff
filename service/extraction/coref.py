"""Who a speaker mention is: the article's person or organisation behind ``he``, ``Kim``, ``the
ministry``, ``the Vermont senator`` or ``Obama and Clinton``.

Recency-based rules that news style supports: a pronoun subject refers to the most recent
compatible speaker or named subject (``he`` never to a person the article calls ``she`` or
``Mrs.``); a bare surname to the person of that name mentioned last; a description (``the
Republican nominee``, ``the Vermont senator``, ``the premier``) to the person the article
introduced with that title, party or place, whose profile it then adds to; ``the ministry``
to the ministry named before. What resolves to nobody the article names stays a mention
without an entity: an unnamed ``spokesman``, a columnist's ``I``.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .descriptions import attach_descriptions, is_description, resolve_description
from .entities import CAMPAIGN_WORDS, PLACE_WORDS, ArticleEntities, Entity, OrganisationEntity, PersonEntity
from .lexicons import Lexicon
from .names import split_name
from .role_patterns import head_role
from .roles import Role, country_of
from .scan import Spans
from .speakers import GROUP_PRONOUNS, PERSON_PRONOUNS, THING_PRONOUNS, antecedent, entity_at, kind_of, mention_span

PRONOUN_VOTE = 1  # an honorific (3) or a gendered title (2) outweighs one pronoun read by recency
QUOTE_MARKS = {'"', "\u201c", "\u201d", "''", "``"}
LISTING = {"including", "like", "among"}
FIRST_PERSON = {"i", "me", "we", "us", "my", "our"}
MALE_PRONOUNS = {"he", "him", "his"}
FEMALE_PRONOUNS = {"she", "her", "hers"}
NAME_BLOCKERS = {"ORG", "GPE", "FAC", "NORP", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                 "QUANTITY", "EVENT", "LAW", "PRODUCT", "LANGUAGE"}


@dataclass(frozen=True)
class Resolution:
    """A speaker mention and what it stands for in the article."""

    mention: Span
    entity: Entity | None
    kind: str
    resolved_by: str
    role: Role = Role()
    members: tuple[Entity, ...] = ()

    @property
    def name(self) -> str | None:
        if self.entity is not None:
            return self.entity.name
        if self.members:
            names = [m.name for m in self.members]
            return ", ".join(names[:-1]) + " and " + names[-1]
        return None


class Resolver:
    """Resolves the speaker mentions of one article, in order, against its entities."""

    def __init__(self, entities: ArticleEntities, reported: list[tuple[int, int]] = ()):
        self.entities = entities
        self.lex: Lexicon = entities.lex
        self.history: list[tuple[int, Resolution]] = []
        # character spans of what the article reports: a name inside them is talked about, and a
        # later "he said" does not stand for it
        self.reported = Spans(reported)
        attach_descriptions(entities)

    def resolve(self, head: Token, rules) -> Resolution:
        """Resolve the speaker whose head token is ``head`` and remember it for later pronouns."""
        r = self._resolve(head, rules)
        self.history.append((head.i, r))
        return r

    def _resolve(self, head: Token, rules) -> Resolution:
        noun = antecedent(head)
        if noun is not None:
            noun = _subject_of_copula(noun)
            listed = [noun] + [t for t in noun.subtree if t.dep_ == "conj" and t.i < head.i]
            # "Will Smith, Patti LaBelle and Stevie Wonder, who joked": the name right before "who"
            r = self._resolve(max(listed, key=lambda t: t.i), rules) if len(listed) > 1 else self._resolve(noun, rules)
            return Resolution(head.doc[head.i:head.i + 1], r.entity, r.kind, "relative", r.role, r.members)
        mention = mention_span(head)
        members = self._conjuncts(head, rules)
        if len(members) > 1:
            return Resolution(mention, None, "group", "conjunction", members=tuple(members))
        if members and head.tag_ in ("NNS", "NNPS"):  # "Republicans, including Mitt Romney,"
            return Resolution(mention, members[0], members[0].kind, "conjunction")
        named = self._named(head)
        if named is not None:
            entity, how = named
            return Resolution(mention, entity, entity.kind, how)
        low = head.lower_
        if low in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
            return self._pronoun(head, mention)
        kind = kind_of(head, rules)
        role = head_role(head, self.lex, "role.description")
        if not role.title:
            role = Role()  # what a mention without a title says of itself is not a role
        if kind == "person":
            return self._description(head, mention, role)
        if kind == "organization":
            org = self._organisation_by_description(head) or self._body_by_portfolio(head, mention)
            if org is not None:
                return Resolution(mention, org, org.kind, "description")
        return Resolution(mention, None, kind, "unresolved" if kind != "group" else "mention", role)

    def _named(self, head: Token) -> tuple[Entity, str] | None:
        """The named entity at the head: a person, a surname, an organisation or a place."""
        e = self.entities
        person = e.person_at.get(head.i)
        if person is None and head.pos_ == "NOUN":
            # "Russia's ambassador, Georgy Zinoviev, said": the apposition names the speaker
            appos = next((c for c in head.children if c.dep_ == "appos" and c.i in e.person_at), None)
            person = e.person_at.get(appos.i) if appos is not None else None
        if person is None:
            ent = entity_at(head)
            if ent is not None and ent.label_ == "PERSON":
                person = next((e.person_at[i] for i in range(ent.start, ent.end) if i in e.person_at), None)
        if person is None and head.i not in e.organisation_at and head.is_alpha and head.text[:1].isupper() \
                and head.pos_ in ("NOUN", "PROPN") and not any(c.dep_ == "compound" for c in head.children) \
                and any(len(p.words) > 1 for p in [e.person_named(head.text, head.i)] if p is not None):
            person = e.add_person_name([head])  # "Mendes told reporters", tagged as a plural noun
            if person is not None:
                return person, "surname"
        if person is None and head.i not in e.organisation_at and head.text[:1].isupper() \
                and (head.pos_ == "PROPN" or _bare_name(head)):
            tokens = _name_tokens(head)
            bare = split_name(head.doc[tokens[0].i:head.i + 1], self.lex).tokens or (head,)
            if len(bare) == 1 and e.person_named(head.text, head.i) is not None:
                # a surname the NER missed or took for a body ("Fowler said", "Lord Cameron"): the
                # person's, with what is written around it here
                person = e.add_person_name(tokens)
                if person is not None:
                    return person, "surname"
            text = head.doc[tokens[0].i:head.i + 1].text
            if _bare_name(head) and head.lemma_.lower() not in self.lex.organisation_words \
                    and not self.lex.known_organisation(text):
                person = e.add_person_name(tokens)
        if person is not None:
            written = [w for w in head.doc[head.left_edge.i:head.i + 1].text.split() if w[:1].isupper()]
            how = "name" if len(written) > 1 or len(person.words) == 1 else "surname"
            return person, how
        org = e.organisation_at.get(head.i)
        if org is None:
            ent = entity_at(head)
            if ent is not None and ent.label_ in ("ORG", "GPE", "FAC"):
                org = next((e.organisation_at[i] for i in range(ent.start, ent.end) if i in e.organisation_at), None)
        if org is None and head.pos_ == "PROPN" and head.text[:1].isupper():
            tokens = _name_tokens(head)  # "The New York Times" the NER took for a work of art
            text = head.doc[tokens[0].i:tokens[-1].i + 1].text
            if self.lex.known_organisation(text) or any(t.lower_ in self.lex.organisation_words for t in tokens[1:]):
                org = e.add_organisation_name(tokens)
        return (org, "name") if org is not None else None

    def _conjuncts(self, head: Token, rules) -> list[Entity]:
        """``Obama and Clinton said``: each named member of a coordinated subject; ``Republicans,
        including Mitt Romney and Paul Ryan,``: each named member a plural lists."""
        including = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in LISTING), None)
        if including is not None and head.tag_ in ("NNS", "NNPS"):
            first = next((c for c in including.children if c.dep_ == "pobj"), None)
            return self._conjuncts_from(first) if first is not None else []
        if not any(_joins(c) for c in head.children):
            return []
        return self._conjuncts_from(head)

    def _conjuncts_from(self, head: Token) -> list[Entity]:
        conj = [c for c in head.children if _joins(c)]
        heads = [head]
        while conj:
            heads.append(conj[0])
            conj = [c for c in conj[0].children if _joins(c)]
        members: list[Entity] = []
        for h in heads:
            named = self._named(h)
            if named is None:
                return []  # "Obama and his aides": not a list of named speakers
            if named[0] not in members:
                members.append(named[0])
        return members

    def _pronoun(self, head: Token, mention: Span) -> Resolution:
        low = head.lower_
        if low in FIRST_PERSON:
            return Resolution(mention, None, "person" if low in ("i", "me") else "group", "unresolved")
        if low in PERSON_PRONOUNS:
            gender = "male" if low in MALE_PRONOUNS else "female" if low in FEMALE_PRONOUNS else None
            person = self._recent_person(head.i, gender)
            if person is None:
                return Resolution(mention, None, "person", "unresolved")
            if gender and self._only_person_near(head, person):
                person.gender_votes[gender] += PRONOUN_VOTE
            return Resolution(mention, person, "person", "pronoun")
        wanted = {"organization", "location"} if low in THING_PRONOUNS else {"organization", "location", "group"}
        for pos, r in reversed(self.history):
            if pos < head.i and r.kind in wanted and (r.entity is not None or r.members):
                return Resolution(mention, r.entity, r.kind, "pronoun", members=r.members)
        orgs = [(o.mentioned_before(head.i), o) for o in self.entities.organisations]
        orgs = [(p, o) for p, o in orgs if p is not None and _is_subject(head.doc[p])]
        if orgs:
            org = max(orgs, key=lambda c: c[0])[1]
            return Resolution(mention, org, org.kind, "pronoun")
        return Resolution(mention, None, "group" if low in GROUP_PRONOUNS else "unknown", "unresolved")

    def _recent_person(self, at: int, gender: str | None) -> PersonEntity | None:
        """The person a ``he``/``she`` at ``at`` stands for: the latest speaker or named subject."""
        candidates: list[tuple[int, PersonEntity]] = []
        for pos, r in self.history:
            if pos < at and isinstance(r.entity, PersonEntity):
                candidates.append((pos, r.entity))
        doc = self.entities.doc
        for person in self.entities.persons:
            for pos in person.positions:
                if pos < at and _is_subject(doc[pos]) and not self._inside_reported(doc[pos].idx):
                    candidates.append((pos, person))
        wrong = {"male": "female", "female": "male"}.get(gender or "")
        candidates = [c for c in candidates if c[1].gender != wrong or wrong is None]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def _only_person_near(self, head: Token, person: PersonEntity) -> bool:
        """Whether ``person`` is the only one named in this sentence and the one before: only then
        does a ``she`` say how the article refers to them (recency alone may pick the wrong one)."""
        sentence = head.sent
        start = head.doc[sentence.start - 1].sent.start if sentence.start > 0 else 0
        named = {id(p) for i, p in self.entities.person_at.items() if start <= i < head.i}
        return named <= {id(person)}

    def _inside_reported(self, char: int) -> bool:
        return char in self.reported

    def _description(self, head: Token, mention: Span, role: Role) -> Resolution:
        """``the Vermont senator`` -> the person the article introduced as a senator from Vermont."""
        # "Obama's former campaign strategist" is someone else, whom the article names elsewhere
        related = any(c.dep_ == "poss" for c in head.children)
        # only a definite description refers back; "a former party chairman" is somebody new
        person = resolve_description(self.entities, head, role) \
            if not related and is_description(head, self.lex) else None
        if person is None:
            return Resolution(mention, None, "person", "unresolved", role)
        if role:
            self.entities.add_role(person, role)
        return Resolution(mention, person, "person", "description", role)

    def _body_by_portfolio(self, head: Token, mention: Span) -> OrganisationEntity | None:
        """``the foreign ministry``, ``the Russian defence ministry``: a body the description names
        by its portfolio or its country, though in lower case, as wire copy often does."""
        if head.lemma_.lower() not in self.lex.organisation_words or head.tag_ not in ("NN", "NNP") \
                or not _portfolio_words(mention, head, self.lex) or any(t.ent_type_ == "PERSON" for t in mention) \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None  # "one research firm" is some firm, not a body the article names
        tokens = [t for t in mention if t.lower_ not in ("the", "a", "an")]
        return self.entities.add_organisation_name(tokens, title_case=True)

    def _organisation_by_description(self, head: Token) -> OrganisationEntity | None:
        """``the ministry``, ``the agency``, ``the union``: the latest organisation named with a word
        the description accepts (``rules/organisation_descriptors.tsv``); ``the DNC authority``,
        ``the city of Phoenix``: the organisation the description itself names; ``her campaign``:
        the campaign of the person ``her`` stands for."""
        e = self.entities
        for child in head.children:
            if child.dep_ in ("compound", "poss") and child.i in e.organisation_at:
                return e.organisation_at[child.i]
            if child.dep_ == "poss" and child.i in e.person_at and head.lemma_.lower() in self.lex.organisation_words:
                # "Benjamin Netanyahu's office said": the office of a named person speaks as a body
                person = e.person_at[child.i]
                return e.campaign_of(person, head.lower_, head.i) if head.lower_ in CAMPAIGN_WORDS \
                    else e.office_of(person, head)
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj" and c.i in e.organisation_at), None)
                if obj is not None:
                    return e.organisation_at[obj.i]
            if child.dep_ == "poss" and child.lower_ in PERSON_PRONOUNS | {"his", "her"} \
                    and head.lower_ in CAMPAIGN_WORDS:
                person = self._recent_person(head.i, "male" if child.lower_ == "his" else "female")
                if person is not None and len(person.words) > 1:
                    return e.campaign_of(person, head.lower_, head.i)
        if head.tag_ in ("NNS", "NNPS"):
            return None  # "some environmental groups" are not the one group named before
        lemma = head.lemma_.lower()
        words = self.lex.organisation_descriptors.get(lemma, frozenset({lemma}))
        if lemma in PLACE_WORDS:
            candidates = [(o.mentioned_before(head.i), o) for o in e.organisations
                          if o.kind == "location" and not country_of(o.name, self.lex)]
        else:
            candidates = [(o.mentioned_before(head.i), o) for o in e.organisations if words & set(o.key.split())]
        candidates = [(p, o) for p, o in candidates if p is not None and p <= head.i]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _joins(token: Token) -> bool:
    """A coordinated name: a conjunct, or a name the parser took for an apposition in a list
    (``Jon Tester (D-Mont.), Jeff Merkley (D-Ore.) and David Vitter``)."""
    return token.dep_ == "conj" or token.dep_ == "appos" and token.ent_type_ == "PERSON" \
        and token.head.ent_type_ == "PERSON"


def _portfolio_words(mention: Span, head: Token, lex: Lexicon) -> list[Token]:
    return [t for t in mention if t.i < head.i and t.lower_ in lex.portfolios | lex.nationalities.keys()]


def _subject_of_copula(noun: Token) -> Token:
    """``Kaine is a former civil rights lawyer who ...``: the lawyer is Kaine; ``Marc Morial, the
    chief executive of the league, who ...``: the chief executive is Marc Morial."""
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return noun.head
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    return noun


def _bare_name(head: Token) -> bool:
    """A capitalised proper noun the NER left unlabelled (or mislabelled as a work or product), or
    the last word of a name the NER cut (``Marcia "Cia" Price``)."""
    if not (head.text[:1].isupper() and head.is_alpha and head.ent_type_ not in NAME_BLOCKERS):
        return False
    return head.pos_ == "PROPN" or any(t.ent_type_ == "PERSON" for t in _name_tokens(head)[:-1])


def _name_tokens(head: Token) -> list[Token]:
    """The name ending at ``head``: capitalised words and a quoted nickname (``Dwayne "The Rock"
    Carter``) that the parse attaches to it."""
    doc = head.doc
    i = head.i
    while i > 0:
        tok = doc[i - 1]
        attached = tok.head.i >= i - 1 and tok.head.i <= head.i
        if attached and (tok.text[:1].isupper() and tok.is_alpha or tok.text in QUOTE_MARKS and _nickname(doc, i - 1)):
            i -= 1
            continue
        break
    return list(doc[i:head.i + 1])


def _nickname(doc, k: int) -> bool:
    """Whether the quotation mark at ``k`` encloses one or two capitalised words inside a name."""
    words = [t for t in doc[max(0, k - 4):k + 4] if t.text in QUOTE_MARKS]
    return len(words) >= 2


def _is_subject(token: Token) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass") or token.head.dep_ in ("nsubj", "nsubjpass")
