"""Where an article writes a person's role, each place a pattern with an id.

- ``role.prenominal``: before the name (``Russian President Vladimir Putin``, ``Fox News' Megyn Kelly``);
- ``role.party_code``: ``Sen. Claire McCaskill (D-Mo.)``, ``Lindsey Graham, R-S.C.``;
- ``role.apposition``: after the name (``Mia Lund, an analyst for Nordic Capital,``);
- ``role.apposition_before``: before it (``a spokeswoman for the city, Rosa Diaz``);
- ``role.preposition``: ``Ana Ruiz of the Urban Institute``, ``Ben Cole at Harbor Bank``;
- ``role.relative``: ``Lee Min-jun, who heads the Korea Energy Agency``;
- ``role.predicate``: in a sentence of its own (``Holm is Norway's health minister``,
  ``Holm was appointed governor in 2019``, ``He serves as chief of staff``).
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from .lexicons import Lexicon
from .names import NameParts, is_title_token
from .roles import PHRASE_STOPS, Role, capitalised, organisation_after, party_at, phrase_role, span_text

ORG_PREPOSITIONS = {"of", "at", "for", "with", "from"}
COPULAS = {"be", "become", "remain"}
APPOINTING = {"appoint", "name", "elect", "reelect", "re-elect", "hire", "promote", "nominate", "choose",
              "select", "install", "tap", "make", "swear", "confirm"}
SERVING = {"serve", "work", "act"}
# "(D-Mo.)", "(R)", ", R-S.C.,", "(I-Vt.)"
PARTY_CODE = re.compile(r"\s*[(,]\s*(?P<code>[A-Z][a-z]{0,2})\.?\s*(?:[-\u2013,]\s*(?P<place>[A-Z][\w.]*"
                        r"(?:\s[A-Z][\w.]*)?))?\s*[),]")
WINDOW = 10


def prenominal(parts: NameParts, lex: Lexicon) -> Role:
    """The title phrase written right before the name (and any title NER kept inside it)."""
    doc = parts.tokens[0].doc
    first = parts.title_tokens[0].i if parts.title_tokens else parts.start
    if parts.honorific and first > 0 and doc[first - 1].text == parts.honorific:
        first -= 1
    phrase = _window_before(doc, first, lex) + list(parts.title_tokens)
    if not phrase:
        return Role()
    role = phrase_role(phrase, lex, "role.prenominal", before_name=True)
    plural = _plural_title(phrase, lex)
    if plural is not None:  # "Senators Grassley and Leahy": each is a senator
        *modifiers, _ = (role.title or plural).split()
        role = replace(role, title=" ".join(modifiers + [plural]), organization=role.organization
                       if role.title else None, rule="role.prenominal", position=phrase[0].i)
    return role


def _window_before(doc: Doc, first: int, lex: Lexicon) -> list[Token]:
    """The words right before token ``first`` that can belong to a title phrase."""
    i = first - 1
    window: list[Token] = []
    while i >= 0 and len(window) < WINDOW:
        if doc[i].ent_type_ == "PERSON" and window and not capitalised(window[0]) \
                and window[0].lemma_.lower() in lex.organisation_words:
            while i >= 0 and doc[i].ent_type_ == "PERSON":  # "Clinton campaign spokesman"
                window.insert(0, doc[i])
                i -= 1
            break
        if not _in_prenominal(doc, i, lex):
            break
        window.insert(0, doc[i])
        if doc[i].is_sent_start:
            break
        i -= 1
    return window


def _plural_title(phrase: list[Token], lex: Lexicon) -> str | None:
    """The singular of a plural title ending the phrase: ``Sens.`` -> ``Sen.``, ``Senators`` ->
    ``Senator``; None when the phrase does not end in one."""
    words = [t for t in phrase if not t.is_punct or t.text == "."]
    if not words:
        return None
    last = span_text(words[-2:]) if words[-1].text == "." and len(words) > 1 else words[-1].text
    if words[-1].text != "." and words[-1].tag_ not in ("NNS", "NNPS"):
        return None
    return _singular(last, lex)


def _in_prenominal(doc: Doc, i: int, lex: Lexicon) -> bool:
    tok = doc[i]
    if tok.lower_ == "the" and i > 0 and doc[i - 1].lower_ == "of" and i + 1 < len(doc) and capitalised(doc[i + 1]):
        return True  # "Speaker of the House"
    if tok.ent_type_ == "PERSON" and _person_entity_ends_in_title(doc, i, lex):
        return True  # "Charlotte Mayor" tagged as a person: a title phrase all the same
    if tok.is_space or tok.lower_ in PHRASE_STOPS or tok.ent_type_ == "PERSON":
        return False  # another person's name ("Trump's running mate") is no part of this one's title
    if tok.tag_ in ("POS", "HYPH") or tok.text in ("&", "-"):
        return True
    if tok.text == "." and i > 0 and doc[i - 1].is_alpha and doc[i - 1].whitespace_ == "":
        return True  # "Sens ." as the tokenizer splits a plural abbreviation
    if tok.is_punct or tok.like_num and not capitalised(tok):
        return False
    if tok.lower_ in ("of", "for", "and"):  # "Secretary of State", "Health and Human Services"
        after = doc[i + 2] if i + 2 < len(doc) and doc[i + 1].lower_ == "the" else doc[i + 1] if i + 1 < len(doc) \
            else None
        return i > 0 and capitalised(doc[i - 1]) and doc[i - 1].ent_type_ != "PERSON" \
            and after is not None and capitalised(after)
    if tok.pos_ in ("ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX", "PART", "ADV", "INTJ"):
        return False
    if tok.pos_ == "VERB" and (tok.tag_ not in ("VBN", "VBG") or tok.lower_ not in lex.title_words):
        return False  # "consider naming Sen. Mike Lee"; but "acting", "retired"
    return True


def shared_title(parts: NameParts, lex: Lexicon) -> Role:
    """``Sens. Jon Tester and Jeff Merkley``, ``Senators Grassley and Leahy``: a plural title
    before the first of coordinated names belongs to each of them."""
    root = parts.tokens[0].doc[parts.end - 1]
    first = root
    while first.dep_ in ("conj", "appos") and first.head is not first and first.head.ent_type_ == "PERSON":
        first = first.head  # a list of names is often parsed as appositions
    if first is root:
        return Role()
    doc = root.doc
    start = first.i
    while start > 0 and doc[start - 1].ent_type_ == "PERSON":
        start -= 1
    window = _window_before(doc, start, lex)
    singular = _plural_title(window, lex) if window else None
    return Role(title=singular, rule="role.shared_title", position=window[-1].i) if singular else Role()


def _singular(plural: str, lex: Lexicon) -> str | None:
    """``Sens.`` -> ``Sen.``, ``Senators`` -> ``Senator``, when the singular is a title."""
    for candidate in (plural[:-2] + "." if plural.endswith("s.") else None, plural[:-1] if plural.endswith("s")
                      else None):
        if candidate and (candidate.lower() in lex.titles or candidate.lower() in lex.title_heads):
            return candidate
    return None


def introduced_as_relative(parts: NameParts, lex: Lexicon) -> bool:
    """``his wife, Heidi Cruz``, ``his father Rafael Cruz``: someone named as another's relative."""
    doc = parts.tokens[0].doc
    i = (parts.title_tokens[0].i if parts.title_tokens else parts.start) - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    root = doc[parts.end - 1]
    return i >= 0 and doc[i].lemma_.lower() in lex.kinship or \
        root.dep_ == "appos" and root.head.lemma_.lower() in lex.kinship


def _person_entity_ends_in_title(doc: Doc, i: int, lex: Lexicon) -> bool:
    j = i
    while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
        j += 1
    return is_title_token(doc[j], lex) and j + 1 < len(doc) and doc[j + 1].ent_iob_ == "B" \
        and doc[j + 1].ent_type_ == "PERSON"


def party_code(parts: NameParts, lex: Lexicon) -> Role:
    """``(D-Mo.)`` after a name: the party and the state or district."""
    doc = parts.tokens[0].doc
    if parts.end >= len(doc):
        return Role()
    after = doc[parts.end - 1].whitespace_ + doc[parts.end:parts.end + 12].text
    m = PARTY_CODE.match(after)
    if not m or m.group("code").lower() not in lex.party_codes:
        return Role()
    if not m.group("place") and not after.lstrip().startswith("("):
        return Role()  # ", R," alone is too weak a sign
    party = lex.party_codes[m.group("code").lower()]
    return Role(party=party, place=m.group("place"), rule="role.party_code", position=parts.end)


def apposition_after(parts: NameParts, lex: Lexicon) -> Role:
    """``Name, (54,) a/the TITLE [of ORG],`` or ``Name, who heads ORG``."""
    doc = parts.tokens[0].doc
    i = parts.end
    if i >= len(doc) or doc[i].text != ",":
        return Role()
    i += 1
    if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].text == ",":
        i += 2  # an age
    if i < len(doc) and doc[i].lower_ in ("who", "whose"):
        return Role()  # relative clauses are read from the parse (role.relative)
    return _noun_phrase_role(doc, i, lex, "role.apposition")


def apposition_before(parts: NameParts, lex: Lexicon) -> Role:
    """``a spokeswoman for the city, Rosa Diaz,``: a title phrase set before the name by a comma."""
    doc = parts.tokens[0].doc
    first = parts.title_tokens[0].i if parts.title_tokens else parts.start
    if parts.honorific and first > 0 and doc[first - 1].text == parts.honorific:
        first -= 1
    window = _window_before(doc, first, lex)
    if window and phrase_role(window, lex, "", before_name=True).title:
        first = window[0].i  # "Japan's top spokesman, Chief Cabinet Secretary Yoshimasa Hayashi"
    comma = first - 1
    if comma < 1 or doc[comma].text != ",":
        return Role()
    i = comma - 1
    while i > 0 and comma - i < WINDOW and not doc[i].is_sent_start and doc[i - 1].text not in (",", ";", ":", "(") \
            and not (doc[i - 1].pos_ in ("VERB", "AUX") and doc[i - 1].tag_ not in ("VBN", "VBG")) \
            and not (doc[i - 1].pos_ == "SCONJ" or doc[i - 1].lower_ in ("that", "which", "who")):
        i -= 1
    if doc[i].pos_ == "ADP" or doc[i].lower_ in ("and", "but", "or"):
        i += 1
        if i < comma and doc[i].pos_ == "ADP":
            return Role()  # "In a statement, Diaz said"
    role = _noun_phrase_role(doc, i, lex, "role.apposition_before", stop=comma)
    if role.title and role.title.split()[-1].lower() not in lex.title_heads:
        return Role()  # only a listed title is trusted this far from the name
    return role


def preposition_after(parts: NameParts, lex: Lexicon) -> Role:
    """``Ana Ruiz of the Urban Institute``, ``Dan McLaughlin at the National Review``."""
    doc = parts.tokens[0].doc
    i = parts.end
    if i + 1 >= len(doc) or doc[i].lower_ not in ORG_PREPOSITIONS - {"for"} \
            or not parts.start <= doc[i].head.i < parts.end:
        return Role()  # "signed by Putin with North Korean leader Kim": the verb's, not the name's
    role = organisation_after(doc, i + 1, lex)
    return Role(organization=role.organization, party=role.party, country=role.country, place=role.place,
                rule="role.preposition", position=i)


def predicate_roles(root: Token, lex: Lexicon) -> list[Role]:
    """Roles said of the person by a verb: ``Holm is Norway's health minister``, ``was appointed
    governor``, ``serves as chief of staff``, ``, who heads the agency``."""
    verbs = []
    if root.dep_ in ("nsubj", "nsubjpass"):
        verbs.append((root.head, "role.predicate"))
    for child in root.children:
        if child.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that")
                                         for c in child.children):
            verbs.append((child, "role.relative"))
    roles = []
    for verb, rule in verbs:
        lemma = verb.lemma_.lower()
        for obj, title in _role_objects(verb, lemma, lex):
            if title is not None:
                owner = organisation_after(obj.doc, obj.i, lex)
                roles.append(Role(title=title, rule=rule, position=verb.i).merged(owner))
            else:
                roles.append(head_role(obj, lex, rule))
    return [r for r in roles if r]


def _role_objects(verb: Token, lemma: str, lex: Lexicon) -> list[tuple[Token, str | None]]:
    found: list[tuple[Token, str | None]] = []
    for child in verb.children:
        if lemma in COPULAS and child.dep_ == "attr" and child.pos_ in ("NOUN", "PROPN"):
            found.append((child, None))
        elif lemma in APPOINTING and child.dep_ in ("oprd", "attr", "xcomp") and child.pos_ in ("NOUN", "PROPN"):
            found.append((child, None))
        elif (lemma in SERVING or lemma in APPOINTING) and child.dep_ == "prep" and child.lower_ == "as":
            found.extend((c, None) for c in child.children if c.dep_ == "pobj")
        elif lemma in lex.role_verbs and child.dep_ == "dobj" and _names_a_body(child, lex):
            found.append((child.doc[child.left_edge.i], lex.role_verbs[lemma]))
    return found


def _names_a_body(token: Token, lex: Lexicon) -> bool:
    return capitalised(token) or token.lemma_.lower() in lex.organisation_words


def head_role(head: Token, lex: Lexicon, rule: str) -> Role:
    """The role a noun phrase gives, from its head token: its left modifiers and its ``of X``
    (``a spokeswoman for the Chamber of Commerce``, ``Norway's health minister``)."""
    doc = head.doc
    start = head.i
    while start > head.left_edge.i and doc[start - 1].dep_ not in ("det", "cc", "prep") \
            and (doc[start - 1].dep_ != "punct" or doc[start - 1].tag_ == "HYPH"):  # "Coca-Cola spokesman"
        start -= 1
    end = head.i + 1
    for width in (4, 3, 2):  # "chief of staff", "secretary of state": the title runs on after its head
        if " ".join(t.lower_ for t in doc[head.i:head.i + width]) in lex.titles:
            end = head.i + width
            break
    role = phrase_role(list(doc[start:end]), lex, rule)
    if head.lower_ in lex.party_words and capitalised(head):
        return Role(party=lex.party_words[head.lower_], rule=rule, position=head.i)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ORG_PREPOSITIONS | {"in"} and prep.i >= end:
            role = role.merged(organisation_after(head.doc, prep.i + 1, lex))
            break
    return role if role.title or role.party else Role()


def _noun_phrase_role(doc: Doc, i: int, lex: Lexicon, rule: str, stop: int | None = None) -> Role:
    """A title noun phrase starting at ``i``, read up to its first preposition or clause boundary."""
    stop = len(doc) if stop is None else stop
    end = i
    while end < stop and end - i < 2 * WINDOW and not _ends_phrase(doc[end]):
        end += 1
    words = list(doc[i:end])
    if len(words) > 3 and words[0].lower_ in ("one", "another", "each") and words[1].lower_ == "of":
        # "one of the family's attorneys, Justin Bamberg": one attorney of several
        words = words[2:]
        plural = next((k for k, t in enumerate(words) if t.tag_ == "NNS"), None)
        if plural is None:
            return Role()
        words = words[:plural] + [words[plural]]
        role = phrase_role(words[:-1], lex, rule) if len(words) > 1 else Role()
        return Role(title=words[-1].lemma_, organization=role.organization, country=role.country,
                    rule=rule, position=i) if words[-1].lemma_.lower() in lex.titles else Role()
    split = next((k for k, t in enumerate(words) if t.lower_ in ORG_PREPOSITIONS | {"in", "to", "on"} and k > 0),
                 None)
    head_words = words[:split] if split is not None else words
    party = next((party_at(head_words, k, lex) for k in range(len(head_words))
                  if party_at(head_words, k, lex) is not None), None)
    role = phrase_role(head_words, lex, rule)
    if not role.title and party and head_words and head_words[-1].lower_ in lex.party_words:
        role = Role(party=party[0], rule=rule, position=i)  # "a Republican from Iowa"
    if split is not None and (role.title or role.party):
        role = role.merged(_first_body(words[split:], lex))
    return role if role.title or role.party else Role()


def _first_body(words: list[Token], lex: Lexicon) -> Role:
    """The first body a chain of prepositional phrases names: ``director of debate at the
    University of Michigan``. ``ambassador to Seoul`` names a posting, not an employer."""
    for tok in words:
        if tok.lower_ == "to":
            return Role()
        if tok.lower_ not in ORG_PREPOSITIONS | {"in"}:
            continue
        owner = organisation_after(tok.doc, tok.i + 1, lex)
        if tok.lower_ == "in" and owner.organization and not capitalised(tok.doc[tok.i + 1]):
            owner = Role()
        if owner:
            return owner
    return Role()


def _ends_phrase(tok: Token) -> bool:
    if tok.text in (",", ".", ";", ":", "(", ")", "\u2014", "\u2013", "--", "!", "?") or tok.is_space:
        return True
    if tok.pos_ in ("ADP", "SCONJ") and tok.lower_ not in ORG_PREPOSITIONS | {"in", "to", "on"}:
        return True  # "a Clinton campaign aide during her 2008 run": the role ends before "during"
    if tok.lower_ == "and" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "ADV":
        return True  # "... and now director of": a second role, not more of the first
    return tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or tok.lower_ in ("who", "which", "that", "whose")
