"""Definite descriptions of named people: ``the Republican nominee``, ``the Vermont senator``.

News copy names a person once and then varies: ``Donald Trump isn't saying much. The Republican
presidential nominee has repeatedly wondered ...``. A description stands for the person the
article introduced with that title, party or place; failing that, a description that is the
subject of its sentence stands for the person the article is most about so far, among those the
last sentences made the subject of what they say or do, unless what the article says of them
contradicts it. Each description
it resolves adds its title, party and place to that person's profile.
"""
from __future__ import annotations

from spacy.tokens import Token

from .entities import ArticleEntities, PersonEntity
from .lexicons import Lexicon
from .roles import Role, phrase_role
from .scan import DEP, POS
from .speakers import mention_span

SUBJECTS = ("nsubj", "nsubjpass")
RECENT_SENTENCES = 3


def is_description(head: Token, lex: Lexicon) -> bool:
    """A singular definite noun phrase headed by a title or a person noun (``the senator``)."""
    lemma = head.lemma_.lower()
    return (head.pos_ == "NOUN" and head.tag_ == "NN"
            and (lemma in lex.title_heads or lemma in lex.person_descriptors or head.lower_ in lex.title_heads)
            and lemma not in lex.not_titles
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children))


def resolve_description(entities: ArticleEntities, head: Token, role: Role) -> PersonEntity | None:
    """The named person a description at ``head`` stands for, or None."""
    lex = entities.lex
    if entities.in_headline(head):
        return None  # "Former White House Doctor Says ...": a headline introduces, it does not refer
    best, best_score = None, 1
    for person in entities.persons:
        last = person.mentioned_before(head.i - 1)
        if last is None:
            continue
        score = description_score(head, role, person, lex)
        if score > best_score or score == best_score and best is not None \
                and last > (best.mentioned_before(head.i - 1) or -1):
            best, best_score = person, score
    if best is not None:
        return best
    # elegant variation names what sets the person apart ("the Vermont senator", "the Kremlin
    # leader"); a bare "the senator" with no such title in the article is someone else
    distinct = role.party or role.place or role.country or role.organization
    return _salient_person(entities, head, role) if head.dep_ in SUBJECTS and distinct else None


def attach_descriptions(entities: ArticleEntities) -> None:
    """Resolve every subject description of the article and add what it says to its person."""
    scan = entities.scan
    for i in scan.indices(scan.where(DEP, SUBJECTS) & scan.where(POS, ["NOUN"])):
        tok = entities.doc[i]
        if tok.i not in entities.person_at and is_description(tok, entities.lex) \
                and not any(c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in tok.children):
            role = phrase_role(list(mention_span(tok)), entities.lex, "role.description")
            person = resolve_description(entities, tok, role)
            if person is not None and role:
                entities.add_role(person, role)


def description_score(head: Token, role: Role, person: PersonEntity, lex: Lexicon) -> int:
    """How well a description fits a person: a shared title head counts 2, a shared party,
    country or place 1 each (2 for ``the Ohio Democrat``); a different party rules them out."""
    parties = {r.party for r in person.roles if r.party}
    if role.party and parties and role.party not in parties:
        return 0
    lemma = head.lemma_.lower()
    wanted = {lemma} | set(lex.descriptor_classes.get(lemma, ()))
    score = 2 if wanted & _title_words(person) else 0
    if role.party and role.party in parties:
        score += 2 if head.lower_ in lex.party_words else 1
    places = {x for r in person.roles for x in (r.place, r.country, r.organization) if x}
    score += sum(1 for x in (role.place, role.country) if x and x in places)
    return score


def _recent_start(head: Token) -> int:
    """The first token of the window of sentences before ``head`` a description looks back on."""
    sentence = head.sent
    for _ in range(RECENT_SENTENCES):
        if sentence.start == 0:
            break
        sentence = head.doc[sentence.start - 1].sent
    return sentence.start


def _title_words(person: PersonEntity) -> set[str]:
    return {w.lower().strip(".") for r in person.roles if r.title for w in r.title.split()}


def _salient_person(entities: ArticleEntities, head: Token, role: Role) -> PersonEntity | None:
    """``Donald Trump isn't saying much ... The Republican presidential nominee has ...``: of the
    people the last sentences made a subject, the one mentioned most so far, unless what the
    article says of them contradicts the description."""
    lemma = head.lemma_.lower()
    wanted = {lemma} | set(entities.lex.descriptor_classes.get(lemma, ()))
    recent = _recent_start(head)
    best: tuple[tuple[int, int], PersonEntity] | None = None
    for person in entities.persons:
        before = [p for p in person.positions if p < head.i]
        doc = entities.doc
        if not any(p >= recent and doc[p].head.dep_ == "nsubj" or doc[p].dep_ == "nsubj" for p in before):
            continue  # only someone the last few sentences make the subject of what they say or do
        titles = _title_words(person)
        if titles and not wanted & titles:
            continue  # "Trump, the developer ... The judge said": someone else
        parties = {r.party for r in person.roles if r.party}
        if role.party and parties and role.party not in parties:
            continue
        key = (len(before), max(before))
        if best is None or key > best[0]:
            best = (key, person)
    return best[1] if best is not None else None
