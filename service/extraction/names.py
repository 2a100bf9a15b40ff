"""Person names as news copy writes them: the name apart from honorifics and titles, and when two
written names are the same person.

``Rep. Jane Doe II`` is the name ``Jane Doe II`` with the title ``Rep.``; ``Mr. Trump`` is
``Trump`` with the honorific ``Mr.``; ``Donald J. Trump`` and ``Donald Trump`` are one person,
``Bill Clinton`` and ``Hillary Clinton`` are two. No first name ever says who someone is or
what gender they are: only the article does.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .lexicons import Lexicon, fold

NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# the first word of a surname that has more than one ("van Voorhis", "de Blasio", "al-Assad" is one word)
SURNAME_PARTICLES = {"van", "von", "de", "da", "del", "della", "di", "du", "le", "la", "al", "el", "bin", "ibn",
                     "abu", "ben", "st", "ter", "den", "der", "dos", "das"}
LEADING_WORDS = {"the", "a", "an"}


@dataclass(frozen=True)
class NameParts:
    """A person entity split into its name, the honorific and the titles written inside it."""

    tokens: tuple[Token, ...]
    honorific: str | None = None
    title_tokens: tuple[Token, ...] = ()

    @property
    def text(self) -> str:
        if not self.tokens:
            return ""
        doc = self.tokens[0].doc
        return doc[self.tokens[0].i:self.tokens[-1].i + 1].text

    @property
    def start(self) -> int:
        return self.tokens[0].i

    @property
    def end(self) -> int:
        return self.tokens[-1].i + 1


def is_title_token(token: Token, lex: Lexicon) -> bool:
    """A word that begins a title written inside a name: ``Rep.``, ``Chair``, ``Vice``, ``Umpire``."""
    low = token.lower_
    return (low in lex.titles or low in lex.title_heads or low in lex.title_modifiers
            or token.lemma_.lower() in lex.title_heads) and low not in lex.not_titles


def split_name(span: Span, lex: Lexicon) -> NameParts:
    """The name inside a PERSON entity, with any honorific and leading titles taken out."""
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].lower_ in LEADING_WORDS:
        tokens = tokens[1:]
    doc = span.doc
    if tokens and is_title_token(tokens[-1], lex) and span.end < len(doc) and doc[span.end].ent_iob_ == "B" \
            and doc[span.end].ent_type_ == "PERSON":
        return NameParts(())  # "Charlotte Mayor" before "Jennifer Roberts": a title phrase, not a name
    while tokens and (tokens[-1].tag_ == "POS" or (tokens[-1].is_punct and tokens[-1].text not in (".",))):
        tokens = tokens[:-1]
    honorific = None
    titles: list[Token] = []
    while tokens and (tokens[0].tag_.startswith("VB") or tokens[0].pos_ in ("PRON", "DET")) and len(tokens) > 1:
        tokens = tokens[1:]  # "Injecting Clinton's troubles", "Everything Trump says": no part of a name
    if tokens and tokens[0].i > 0 and _honorific(tokens[0].doc[tokens[0].i - 1], lex):
        before = tokens[0].doc[tokens[0].i - 1]
        if f"{before.lower_} {tokens[0].lower_}" in lex.titles:  # "Miss Universe Alicia Machado"
            return NameParts(tuple(tokens[1:]), None, (before, tokens[0])) if len(tokens) > 1 else NameParts(())
        honorific = before.text  # "Mr." left outside the entity
    while len(tokens) > 1:
        low = tokens[0].lower_
        if _honorific(tokens[0], lex):  # "Mr. Trump", also after a title: "Foreign Secretary Lord Cameron"
            honorific = tokens[0].text
        elif low in ("said", "says") and not titles:
            pass  # "Said Dwayne": the cue before an inverted subject, taken into the name
        elif (is_title_token(tokens[0], lex) or tokens[0].lower_ in lex.portfolio_words) \
                and tokens[0].text[:1].isupper():
            titles.append(tokens[0])
        else:
            break
        tokens = tokens[1:]
    if tokens and tokens[-1].text.endswith(("'s", "\u2019s")):
        tokens = tokens[:-1] or tokens
    return NameParts(tuple(tokens), honorific, tuple(titles))


def _honorific(token: Token, lex: Lexicon) -> bool:
    """``Mr.``, ``Lady``: capitalised, as an honorific always is (``first lady`` is a title)."""
    return token.lower_ in lex.honorifics and token.text[:1].isupper()


def name_words(name: str) -> list[str]:
    """The words of a name for comparison: folded, punctuation and name suffixes dropped."""
    words = []
    for raw in fold(name).split():
        word = raw.strip(".,'\"()\u201c\u201d")
        if word.endswith("'s"):
            word = word[:-2]
        if word and word not in NAME_SUFFIXES:
            words.append(word)
    return words


def name_key(name: str) -> str:
    return " ".join(name_words(name))


def compatible_given(a: str, b: str) -> bool:
    """First names that can be the same person's: equal, or one an initial of the other."""
    if a == b:
        return True
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def same_person(a: list[str], b: list[str]) -> bool:
    """Two full names (two words or more) of one person: same surname, compatible first names,
    middle names and initials free (``Donald J. Trump`` = ``Donald Trump``); a surname with its
    particle (``Mr. Van Voorhis``, ``de Blasio``) is the full name it ends."""
    if len(a) < 2 or len(b) < 2:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) < len(long_) and short[0] in SURNAME_PARTICLES and long_[-len(short):] == short:
        return True
    if a[0] == b[0] and (len(a[-1]) == 1 and b[-1].startswith(a[-1]) or len(b[-1]) == 1 and a[-1].startswith(b[-1])):
        return True  # "Alicia M" in a tweet is Alicia Machado
    return a[-1] == b[-1] and compatible_given(a[0], b[0])
