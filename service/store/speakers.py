"""Who a stored speaker is: one row per person or body across every article.

A name already stored is that speaker. A one-word name (``Obama``, from an article that never
gives the first name) joins the one stored person with that surname, or, when several share it
(``Barack Obama``, ``Michelle Obama``), the one whose titles and gender the article does not
contradict; a full name arriving after the one-word form takes that row over (``Obama`` becomes
``Barack Obama``) when nothing contradicts it. Two people the articles tell apart stay apart.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..extraction import Speaker as ExtractedSpeaker
from ..extraction.lexicons import title_head
from ..extraction.names import same_person
from .keys import speaker_key
from .models import Quote, Speaker, SpeakerLabel

CANDIDATES = 20  # how many same-surname people a one-word name is compared with


def resolve_speaker(session: Session, s: ExtractedSpeaker, now: datetime) -> int:
    """The stored speaker this article's speaker is, inserted if new."""
    key = speaker_key(s.name) or s.name.casefold()
    lookup = select(Speaker.id).where(Speaker.name_key == key, Speaker.kind == s.kind)
    found = session.scalars(lookup).first()
    if found is not None:
        return found
    if s.kind == "person":
        words = key.split()
        joined = _one_word_match(session, s, words[0]) if len(words) == 1 else (
            _same_full_name(session, s, words) or _take_over(session, s, key, words))
        if joined is not None:
            return joined
    return insert_or_get(session, Speaker(name=s.name, kind=s.kind, name_key=key, created_at=now), lookup)


def _one_word_match(session: Session, s: ExtractedSpeaker, word: str) -> int | None:
    """The stored full-name person a one-word name stands for, when the articles leave one."""
    rows = session.execute(select(Speaker.id, Speaker.gender).where(
        Speaker.kind == "person", or_(Speaker.name_key.like(f"% {word}"), Speaker.name_key.like(f"{word} %")))
        .order_by(Speaker.id).limit(CANDIDATES)).all()
    compatible = [i for i, gender in rows if _agrees(session, s, i, gender)]
    return compatible[0] if len(compatible) == 1 else None


def _same_full_name(session: Session, s: ExtractedSpeaker, words: list[str]) -> int | None:
    """``Donald J. Trump`` stored, ``Donald Trump`` arriving (or the other way round): one person,
    when exactly one stored full name has the same first and last name and nothing tells them apart."""
    first, last = words[0], words[-1]
    rows = session.execute(select(Speaker.id, Speaker.name_key, Speaker.gender).where(
        Speaker.kind == "person", Speaker.name_key.like(f"{first} % {last}") | (Speaker.name_key == f"{first} {last}"))
        .limit(CANDIDATES)).all()
    fits = [i for i, stored, gender in rows if same_person(stored.split(), words) and _agrees(session, s, i, gender)]
    return fits[0] if len(fits) == 1 else None


def _take_over(session: Session, s: ExtractedSpeaker, key: str, words: list[str]) -> int | None:
    """A stored one-word person (``Obama``) that this full name (``Barack Obama``) names, renamed."""
    for word in dict.fromkeys((words[-1], words[0])):
        rows = session.execute(select(Speaker.id, Speaker.gender).where(
            Speaker.kind == "person", Speaker.name_key == word)).all()
        if len(rows) != 1 or not _agrees(session, s, rows[0][0], rows[0][1]):
            continue
        single = rows[0][0]
        # another full name the one-word person could as well be ("Michelle Obama" for a "President" Obama
        # could not) leaves it ambiguous
        others = session.execute(select(Speaker.id, Speaker.gender).where(
            Speaker.kind == "person", Speaker.name_key != key,
            or_(Speaker.name_key.like(f"% {word}"), Speaker.name_key.like(f"{word} %"))).limit(CANDIDATES)).all()
        if any(_same_profile(session, single, i, gender) for i, gender in others):
            continue
        try:
            with session.begin_nested():
                session.execute(update(Speaker).where(Speaker.id == single).values(name=s.name, name_key=key)
                                .execution_options(synchronize_session=False))
        except IntegrityError:
            return None  # another worker stored the full name meanwhile: it is the one to join
        return single
    return None


def _agrees(session: Session, s: ExtractedSpeaker, speaker_id: int, gender: str | None) -> bool:
    """Nothing the articles say tells the two apart: no other gender, and a shared title head
    where both have titles (``President`` Obama is not ``first lady`` Obama)."""
    if s.gender and gender and s.gender != gender:
        return False
    stored = {title_head(v) for v in session.scalars(select(SpeakerLabel.value).where(
        SpeakerLabel.speaker_id == speaker_id, SpeakerLabel.label == "title"))}
    mine = {title_head(t) for t in s.titles}
    return not (stored and mine) or bool(stored & mine)


def _same_profile(session: Session, a: int, b: int, b_gender: str | None) -> bool:
    """Whether two stored people could be one: no other gender, a shared title head if both have titles."""
    a_gender = session.scalars(select(Speaker.gender).where(Speaker.id == a)).first()
    if a_gender and b_gender and a_gender != b_gender:
        return False
    titles = [{title_head(v) for v in session.scalars(select(SpeakerLabel.value).where(
        SpeakerLabel.speaker_id == i, SpeakerLabel.label == "title"))} for i in (a, b)]
    return not (titles[0] and titles[1]) or bool(titles[0] & titles[1])


def insert_or_get(session: Session, row: Speaker | Quote, lookup) -> int:
    """Insert ``row`` in a savepoint; if its unique key was committed meanwhile, that row's id."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
        return row.id
    except IntegrityError:
        found = session.scalars(lookup).first()
        if found is None:
            raise
        return found
