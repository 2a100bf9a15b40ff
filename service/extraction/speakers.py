"""Who speaks: the subject of a cue, the mention as written and its kind."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .rules import RuleSet

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# children that belong to the speaker's noun phrase; appositions and relative clauses are asides
MENTION_DEPS = {"compound", "amod", "det", "poss", "case", "nmod", "nummod", "prep", "pobj", "flat",
                "quantmod", "conj", "cc", "punct", "predet", "npadvmod", "advmod"}
# a participle or coordinated verb without a subject of its own speaks with its head's subject
INHERITING_DEPS = {"conj", "advcl", "xcomp", "acl", "pcomp", "dep"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
GROUP_PRONOUNS = {"they", "them", "we", "us"}
THING_PRONOUNS = {"it"}
ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "location", "NORP": "group",
                "LOC": "location", "FAC": "organization"}


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The head token of the speaker of ``verb``: its subject, the agent of a passive, or the
    subject its head verb lends it (``..., adding that``; ``condemned X and said``)."""
    if depth > 4:
        return None
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ != "relcl":
                continue  # "that" misparsed as a subject of a main clause
            if child.dep_ == "nsubjpass":
                agent = _agent(verb)
                return agent or child
            return child
    agent = _agent(verb)
    if agent is not None:
        return agent
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return verb.head  # "footage of Hillary Clinton asking, ..."
    if verb.dep_ in INHERITING_DEPS and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head, depth + 1)  # "responded by telling them that ..."
    return None


def antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: ``Smith, who said ...`` gives Smith."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    return None


def person_behind(head: Token) -> Token:
    """``footage of Hillary Clinton``, ``a video of the senator``: the person a medium shows."""
    if entity_at(head) is not None or head.pos_ not in ("NOUN",):
        return head
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "by"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            ent = entity_at(obj) if obj is not None else None
            if ent is not None and ent.label_ == "PERSON":
                return ent.root
    return head


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _mention_tokens(head: Token) -> list[Token]:
    keep, stack = [head], [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in MENTION_DEPS and not (child.dep_ == "advmod" and tok is head):
                keep.append(child)
                stack.append(child)
    return keep


def mention_span(head: Token) -> Span:
    """The speaker's noun phrase without appositions, relative clauses and edge punctuation."""
    tokens = _mention_tokens(head)
    # a stray mark must not stretch the span, nor a sentence-initial "Said" tagged as a name
    words = [t for t in tokens if not t.is_punct and not (t.is_sent_start and t.lower_ in ("said", "says"))] or tokens
    start = min(t.i for t in words)
    end = max(t.i for t in words) + 1
    doc = head.doc
    # a noun phrase does not run across a comma unless it is coordinated: stop at the first one
    for i in range(head.i + 1, end):
        if doc[i].text in {",", "(", "\u2014", "--"} and not any(t.dep_ == "conj" and t.i > i for t in tokens):
            end = i
            break
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].text in {",", ")", "\u2014"} and doc[i].dep_ == "punct":
            start = i + 1
            break
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def entity_at(token: Token) -> Span | None:
    """The named entity covering ``token``, if any."""
    if not token.ent_type_:
        return None
    index = token.doc.user_data.get("quotes_entity_index")
    if index is None:  # doc.ents builds new Span objects on every access: index them once
        index = {}
        for ent in token.doc.ents:
            for i in range(ent.start, ent.end):
                index[i] = ent
        token.doc.user_data["quotes_entity_index"] = index
    return index.get(token.i)


def kind_of(head: Token, rules: RuleSet) -> str:
    """person | organization | location | group | unknown, from NER and the word lists."""
    low = head.lower_
    if low in PERSON_PRONOUNS:
        return "person"
    if low in GROUP_PRONOUNS:
        return "group"
    if low in THING_PRONOUNS:
        return "organization"
    ent = entity_at(head)
    if ent is not None and ent.label_ in ENTITY_KINDS:
        kind = ENTITY_KINDS[ent.label_]
        if kind == "location" and head.lemma_.lower() in rules.lexicon.organisation_words:
            return "organization"
        return kind
    lex = rules.lexicon
    lemma = head.lemma_.lower()
    if lemma in lex.organisation_words or low in lex.organisation_words:
        return "organization"
    if low in lex.group_nouns or (lemma in lex.group_nouns and head.tag_ in ("NNS", "NNPS")):
        return "group"
    if lemma in lex.person_descriptors or lemma in lex.titles or lemma in lex.title_heads:
        return "person" if head.tag_ not in ("NNS", "NNPS") else "group"
    return "unknown"
