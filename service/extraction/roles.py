"""What a title phrase says: its title, organisation, party, country and place.

One grammar serves every place a role is written (``IMF chief economist Gita Gopinath``,
``Mia Lund, an analyst for Nordic Capital``, ``Holm is Norway's health minister``): a noun
phrase ends in a title head (``economist``, ``Minister``, ``secretary of state``); the words
before it that can belong to a title (``chief``, ``deputy press``, ``political science``) are
the title; what stands before those (``IMF``, ``City Hall``, ``South Korea's``, ``GOP``) says
whom the person speaks for; a prepositional phrase after the head (``at Yale``, ``of the
Urban Institute``) names the organisation.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .lexicons import Lexicon
from .names import fold

NAMED_ENTITIES = {"ORG", "FAC", "GPE", "NORP", "LOC", "PERSON"}
ORGANISATION_ENTITIES = {"ORG", "FAC"}
PLACE_ENTITIES = {"GPE", "LOC"}
JOINERS = {"and", "&"}
NOT_OWNERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
# modifiers that date a title rather than name a body: "Former Pennsylvania Gov." ("City Hall" is a body)
TIME_MODIFIERS = {"former", "ex", "ex-", "then", "then-", "acting", "interim", "outgoing", "incoming", "late",
                  "retired", "current", "sitting", "longtime", "future"}
# a title phrase never runs over these
PHRASE_STOPS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my"}


@dataclass(frozen=True)
class Role:
    """One role the article gives a person, where it is written and by which pattern."""

    title: str | None = None
    organization: str | None = None
    party: str | None = None
    country: str | None = None
    place: str | None = None
    rule: str = ""
    position: int = 0

    def __bool__(self) -> bool:
        return any((self.title, self.organization, self.party, self.country, self.place))

    def merged(self, other: Role) -> Role:
        """This role with the blanks filled from ``other`` (a title phrase and its ``of X``)."""
        return replace(self, **{f: getattr(other, f) for f in ("title", "organization", "party", "country", "place")
                                if getattr(self, f) is None and getattr(other, f) is not None})


def span_text(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


def capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def party_at(tokens: list[Token], k: int, lex: Lexicon) -> tuple[str, int] | None:
    """The party named by the word (or two words) at ``k``, and how many words name it."""
    for width in (3, 2, 1):
        words = tokens[k:k + width]
        if len(words) < width or not capitalised(words[0]):
            continue
        if words[0].ent_iob_ == "I" or (words[-1].i + 1 < len(words[-1].doc)
                                         and words[-1].doc[words[-1].i + 1].ent_iob_ == "I"):
            continue  # inside a longer name: the "Republican National Committee" is a body of its own
        party = lex.party_words.get(" ".join(t.lower_ for t in words))
        if party:
            return party, width
    return None


def country_of(text: str, lex: Lexicon) -> str | None:
    """The country a nationality word or a country's name stands for (``Russian``, ``U.S.``)."""
    key = fold(text).replace(".", "").strip()
    if key in lex.nationalities:
        return lex.nationalities[key]
    return lex.countries.get(fold(text))


def is_head(token: Token, lex: Lexicon, last: bool, before_name: bool = False) -> bool:
    """A word that can end a title: a listed title head, or, right before a name or at the end of
    an apposition, any lowercase common noun that is not kinship or a relation."""
    low, lemma = token.lower_, token.lemma_.lower()
    if low in lex.not_titles and not capitalised(token):
        return False
    if low in lex.title_heads or lemma in lex.title_heads:
        return True
    # an unlisted noun is a title only when it names what someone does ("gastroenterologist",
    # "filmmaker"), and before a name only where it modifies it (not "no chance Hillary Clinton")
    return (last and token.tag_ in ("NN", "NNS") and token.is_alpha and not capitalised(token)
            and lemma.endswith(lex.title_suffixes) and lemma not in lex.not_titles
            and lemma not in lex.organisation_words and lemma not in lex.group_nouns
            and (token.dep_ == "compound" or not before_name))


def titleish(token: Token, lex: Lexicon) -> bool:
    """A word that can stand inside a title before its head: ``deputy``, ``press``, ``political``."""
    if token.lower_ in lex.title_words:
        return True
    if capitalised(token):
        return False
    return token.pos_ in ("NOUN", "ADJ", "VERB", "NUM", "PROPN") or token.tag_ == "HYPH"


def title_end(tokens: list[Token], lex: Lexicon, before_name: bool = False) -> tuple[int, int] | None:
    """Where the title head stands: (first word of the head title, end), e.g. ``Secretary of State``."""
    n = len(tokens)
    for width in (4, 3, 2):
        if n >= width and " ".join(t.lower_ for t in tokens[n - width:]) in lex.titles:
            return n - width, n
    if n and is_head(tokens[-1], lex, last=True, before_name=before_name):
        return n - 1, n
    return None


def phrase_role(tokens: list[Token], lex: Lexicon, rule: str, before_name: bool = False) -> Role:
    """Read a noun phrase that ends in a title; ``before_name``: it stands right before a name."""
    tokens = [t for t in tokens if not t.is_space]
    while tokens and (tokens[0].lower_ in PHRASE_STOPS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return Role(rule=rule)
    position = tokens[0].i
    end = title_end(tokens, lex, before_name)
    if end is None:
        return replace(_owner_without_title(tokens, lex), rule=rule, position=position)
    start = end[0]
    if start > 0 and end[1] - start > 1 and not _extends_title(tokens, start, lex) \
            and tokens[start].lemma_.lower() in lex.organisation_words and not titleish(tokens[start - 1], lex):
        start += 1  # "Clinton campaign spokesman": the listed "campaign spokesman" gives its campaign to Clinton
    while start > 0 and _extends_title(tokens, start - 1, lex):
        start -= 1
    while start < end[0] and tokens[start].lower_ in JOINERS | {"-"}:
        start += 1
    title = span_text(tokens[start:end[1]])
    owner = _owner_role(tokens[:start], lex) if start else Role()
    role = Role(title=title, rule=rule, position=position).merged(owner)
    if role.organization is None:
        named = _organisation_inside_title(tokens[start:end[0]], lex)
        if named:
            role = replace(role, organization=named)
    return role


def _extends_title(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    tok = tokens[k]
    if tok.tag_ == "POS" or party_at(tokens, k, lex) is not None:
        return False
    portfolio = tok.lower_ in lex.portfolio_words
    if capitalised(tok) and not portfolio and (tok.ent_type_ in NAMED_ENTITIES or country_of(tok.text, lex)):
        return False  # a portfolio stays in the title though the NER takes it for a body ("Finance Minister")
    if tok.lower_ in JOINERS:  # "founder and chief executive", "Health and Human Services"
        return k > 0 and titleish(tokens[k - 1], lex) and titleish(tokens[k + 1], lex)
    if tok.lemma_.lower() in lex.organisation_words and k > 0 and capitalised(tokens[k - 1]) \
            and not titleish(tokens[k - 1], lex):
        return False  # "Clinton campaign spokesman": the campaign is the organisation
    return titleish(tok, lex)


def _owner_without_title(tokens: list[Token], lex: Lexicon) -> Role:
    """A phrase with no title: ``Fox News' Megyn Kelly`` (an owner), ``Democrat Jane Doe`` (a
    party); ``Democratic rival Hillary Clinton`` gives the party and nothing of the relation."""
    owner = _owner_role(tokens, lex)
    possessive = tokens[-1].tag_ == "POS"
    named = all(capitalised(t) or t.is_punct or t.tag_ == "POS" for t in tokens)
    if owner.organization and not (possessive or named):
        owner = replace(owner, organization=None)
    return owner


def _owner_role(tokens: list[Token], lex: Lexicon) -> Role:
    """Whom the words before a title name: an organisation, a party, a country or a place."""
    # "Former Pennsylvania Gov.", "Interim DNC Chairwoman": the modifier belongs to the title
    tokens = [t for t in tokens if t.lower_ not in PHRASE_STOPS and t.lower_ not in TIME_MODIFIERS
              and t.ent_type_ not in NOT_OWNERS]
    party = country = place = None
    rest: list[Token] = []
    k = 0
    while k < len(tokens):
        found = party_at(tokens, k, lex)
        if found:
            party = found[0]
            k += found[1]
            continue
        rest.append(tokens[k])
        k += 1
    while rest and (rest[-1].tag_ == "POS" or rest[-1].is_punct):
        rest = rest[:-1]
    while rest and (rest[0].is_punct or rest[0].lower_ in JOINERS):
        rest = rest[1:]
    organization = None
    if rest:
        text = span_text(rest)
        if text.endswith(("'s", "\u2019s")):
            text = text[:-2]
        whole_place = all(t.ent_type_ in PLACE_ENTITIES | {"NORP"} or t.is_punct for t in rest)
        if whole_place and not lex.known_organisation(text):
            country = country_of(text, lex)
            place = None if country else text
        elif _names_a_body(rest, text, lex):
            organization = text
            country = next((country_of(t.text, lex) for t in rest[:1] if country_of(t.text, lex)), None)
    return Role(organization=organization, party=party, country=country, place=place)


def _names_a_body(tokens: list[Token], text: str, lex: Lexicon) -> bool:
    """Whether the words before a title name a body: an entity, a known or acronym name, a word of
    ``organisation_words`` (``City Hall``, ``IMF``, ``Treasury``); not a stray capital (``Recall Sen. X``)."""
    return (any(t.ent_type_ in ORGANISATION_ENTITIES | PLACE_ENTITIES | {"NORP", "PERSON"} for t in tokens)
            or lex.known_organisation(text) is not None
            or any(t.lemma_.lower() in lex.organisation_words or t.lower_ in lex.organisation_words for t in tokens)
            or any(t.text.isupper() and len(t.text) > 1 for t in tokens))


def _organisation_inside_title(tokens: list[Token], lex: Lexicon) -> str | None:
    """``Treasury spokesman``, ``Homeland Security Secretary``: a body named inside the title."""
    words = [t for t in tokens if capitalised(t)]
    if not words:
        return None
    text = span_text(words)
    if lex.known_organisation(text) or text.lower() in lex.organisation_words:
        return text
    return None


def organisation_after(doc: Doc, i: int, lex: Lexicon) -> Role:
    """The body a preposition introduces: ``of the Urban Institute``, ``at Yale``, ``for the city``.

    A named organisation (an entity or a run of capitalised words, ``Center for Strategic and
    International Studies`` whole) is the organisation; a country or a place is kept as such; a
    lowercase noun phrase counts only when its head is an organisation word (``the city``)."""
    while i < len(doc) and doc[i].lower_ in PHRASE_STOPS:
        i += 1
    if i >= len(doc):
        return Role()
    tok = doc[i]
    if capitalised(tok) and not tok.is_punct:
        end = i
        while end < len(doc) and (capitalised(doc[end]) and not doc[end].is_punct
                                  or doc[end].text in ("-", "&", ".") and end + 1 < len(doc)
                                  and capitalised(doc[end + 1])
                                  or doc[end].lower_ in ("of", "for", "and", "on", "&") and end + 1 < len(doc)
                                  and capitalised(doc[end + 1]) and doc[end + 1].ent_type_ != "PERSON"):
            end += 1
        words = list(doc[i:end])
        if not words or any(t.ent_type_ == "PERSON" for t in words):
            return Role()
        if end < len(doc) and (doc[end].pos_ == "NOUN" or doc[end].ent_type_ == "PERSON"):
            return Role()  # "with North Korean leader Kim": the words modify another noun
        text = span_text(words)
        if text.endswith(("'s", "\u2019s")):
            text = text[:-2]
        if all(t.ent_type_ in PLACE_ENTITIES or t.is_punct for t in words):
            country = country_of(text, lex)
            return Role(country=country, place=None if country else text)
        party = lex.party_words.get(text.lower())
        return Role(party=party) if party else Role(organization=text)
    end = i
    while end < len(doc) and not doc[end].is_punct and doc[end].pos_ in ("ADJ", "NOUN", "PROPN"):
        end += 1
    if end > i and doc[end - 1].lemma_.lower() in lex.organisation_words and doc[end - 1].tag_ == "NN":
        return Role(organization=doc[i:end].text)
    return Role()
