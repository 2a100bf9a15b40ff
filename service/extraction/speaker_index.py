"""Every named speaker of an article once, with its profile, and each quote's view of its speaker.

Quotes are resolved one by one; only when all are resolved is a profile complete (a later
``the Vermont senator`` adds a title, a later ``she`` a gender), so the speaker records are
built at the end. A speaker is an entity the article names: a person or an organisation. A
pronoun or a description that names nobody (``I``, ``a spokesman``) stays a mention of its
quote, with what it says of itself, and is never listed as a speaker of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .coref import MALE_PRONOUNS, Resolution
from .entities import ArticleEntities, Entity, PersonEntity
from .model import Mention, Speaker, SpeakerRef
from .names import name_key
from .profiles import Profile, profile_of, roles_profile
from .textprep import PreparedText


@dataclass
class _Group:
    entity: Entity
    entities: ArticleEntities
    prep: PreparedText
    quote_ids: list[str] = field(default_factory=list)
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)
    profile: Profile = Profile()
    id: str = ""


class SpeakerIndex:
    """Collects the resolved speaker of each quote; ``build`` lists the speakers."""

    def __init__(self) -> None:
        self._entries: list[tuple[str, Resolution, ArticleEntities, PreparedText]] = []
        self._groups: dict[tuple[str, str], _Group] = {}

    def add(self, quote_id: str, resolution: Resolution, entities: ArticleEntities, prep: PreparedText) -> None:
        self._entries.append((quote_id, resolution, entities, prep))

    def build(self) -> tuple[dict[str, SpeakerRef], list[Speaker]]:
        """Each quote id's speaker as seen at the quote, and the article's speakers."""
        for quote_id, r, entities, prep in self._entries:
            for entity in ([r.entity] if r.entity is not None else list(r.members)):
                group = self._group(entity, entities, prep)
                group.quote_ids.append(quote_id)
                if r.entity is not None:
                    self._mention(group, r.mention.start_char, r.mention.end_char)
        for k, group in enumerate(self._groups.values(), 1):
            group.id = f"s{k}"
            group.profile = profile_of(group.entity, group.entities)
            doc = group.entities.doc
            for start, end in group.entity.mentions:
                self._mention(group, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        refs = {quote_id: self._ref(r, entities, prep) for quote_id, r, entities, prep in self._entries}
        speakers = [Speaker(g.id, g.entity.name, g.entity.kind, g.profile.titles, g.profile.organizations,
                            tuple(g.mentions[k] for k in sorted(g.mentions)), tuple(dict.fromkeys(g.quote_ids)),
                            g.profile.gender, g.profile.affiliation)
                    for g in self._groups.values()]
        return refs, speakers

    def _group(self, entity: Entity, entities: ArticleEntities, prep: PreparedText) -> _Group:
        key = (entity.kind, name_key(entity.name))
        if key not in self._groups and isinstance(entity, PersonEntity) and len(entity.words) == 1:
            # a headline's one-word name ("Obama Says") is the person the body names in full
            word = entity.words[0]
            same = [g for (kind, _), g in self._groups.items() if kind == "person"
                    and isinstance(g.entity, PersonEntity) and word in (g.entity.words[0], g.entity.words[-1])]
            if len(same) == 1:
                return same[0]
        if key not in self._groups:
            self._groups[key] = _Group(entity, entities, prep)
        return self._groups[key]

    @staticmethod
    def _mention(group: _Group, start: int, end: int) -> None:
        ms, me = group.prep.to_original(start, end)
        group.mentions[(ms, me)] = Mention(group.prep.original[ms:me], ms, me)

    def _ref(self, r: Resolution, entities: ArticleEntities, prep: PreparedText) -> SpeakerRef:
        ms, me = prep.to_original(r.mention.start_char, r.mention.end_char)
        mention = prep.original[ms:me]
        if r.entity is not None:
            g = self._group(r.entity, entities, prep)
            p = g.profile
            return SpeakerRef(g.id, mention, ms, me, g.entity.name, g.entity.kind, p.title, p.organization,
                              r.resolved_by, p.gender, p.affiliation)
        if r.members:
            ids = tuple(self._group(m, entities, prep).id for m in r.members)
            return SpeakerRef(None, mention, ms, me, r.name, "group", None, None, r.resolved_by, members=ids)
        p = roles_profile([r.role] if r.role else [], entities)
        gender = _pronoun_gender(r.mention.text) or _title_gender(r.role.title, entities)
        return SpeakerRef(None, mention, ms, me, None, r.kind, p.title, p.organization, r.resolved_by,
                          gender, p.affiliation)


def _title_gender(title: str | None, entities: ArticleEntities) -> str | None:
    """``a spokeswoman``: the gender a title word itself marks."""
    if not title:
        return None
    info = entities.lex.titles.get(title.lower()) or entities.lex.titles.get(title.split()[-1].lower())
    return info.gender if info is not None else None


def _pronoun_gender(text: str) -> str | None:
    low = text.lower()
    if low in MALE_PRONOUNS:
        return "male"
    return "female" if low in ("she", "her") else None
