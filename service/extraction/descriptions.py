"""Definite descriptions of named people: ``the Republican nominee``, ``the Vermont senator``.

News copy names a person once and then varies: ``Donald Trump isn't saying much. The Republican
presidential nominee has repeatedly wondered ...``. A description stands for the person the
article introduced with that title, party or place; failing that, for the person the
previous sentences are about, when nobody else was named in between and nothing the article
says of that person contradicts it. Each description it resolves adds its title, party and
place to that person's profile.
"""
from __future__ import annotations

from spacy.tokens import Token

from .entities import ArticleEntities, PersonEntity
from .lexicons import Lexicon
from .roles import Role, phrase_role
from .speakers import mention_span

SUBJECTS = ("nsubj", "nsubjpass")
# how many sentences back the person a description continues may have been named
ADJACENT_SENTENCES = 2


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
    return _continued_subject(entities, head, role) if head.dep_ in SUBJECTS else None


def attach_descriptions(entities: ArticleEntities) -> None:
    """Resolve every subject description of the article and add what it says to its person."""
    for tok in entities.doc:
        if tok.dep_ in SUBJECTS and tok.i not in entities.person_at and is_description(tok, entities.lex) \
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


def _title_words(person: PersonEntity) -> set[str]:
    return {w.lower().strip(".") for r in person.roles if r.title for w in r.title.split()}


def _continued_subject(entities: ArticleEntities, head: Token, role: Role) -> PersonEntity | None:
    """``Donald Trump isn't saying much ... The Republican presidential nominee has ...``."""
    doc = entities.doc
    sentence_starts = [s.start for s in doc.sents]
    here = _sentence_index(sentence_starts, head.i)
    latest: tuple[int, PersonEntity] | None = None
    for person in entities.persons:
        for pos in person.positions:
            if pos < head.i and (latest is None or pos > latest[0]):
                latest = (pos, person)
    if latest is None:
        return None
    pos, person = latest
    if here - _sentence_index(sentence_starts, pos) > ADJACENT_SENTENCES or not _is_subject(doc[pos]):
        return None
    titles = _title_words(person)
    lemma = head.lemma_.lower()
    if titles and not ({lemma} | set(entities.lex.descriptor_classes.get(lemma, ()))) & titles:
        return None  # "Trump, the developer ... The judge said": another person
    parties = {r.party for r in person.roles if r.party}
    if role.party and parties and role.party not in parties:
        return None
    return person


def _sentence_index(starts: list[int], i: int) -> int:
    k = 0
    while k + 1 < len(starts) and starts[k + 1] <= i:
        k += 1
    return k


def _is_subject(token: Token) -> bool:
    return token.dep_ in SUBJECTS or token.head.dep_ in SUBJECTS
