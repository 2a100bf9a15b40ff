"""A speaker's profile as a desk editor would sign it: titles, organisations, gender, affiliation.

Everything comes from what the article wrote: the roles found around each mention (and from
descriptions that resolved to the person), the honorifics and pronouns it used, and the
lexicons of ``rules/`` that say which kind of body a title or an organisation speaks for.
Where the article says nothing, the field stays empty; nothing is guessed from a name.
"""
from __future__ import annotations

from dataclasses import dataclass

from .entities import ArticleEntities, Entity, OrganisationEntity
from .lexicons import Lexicon, title_head
from .roles import Role

# a place is the organisation of someone who governs it (the mayor of Charlotte); a
# legislator's state is where they were elected, not whom they speak for
# offices a party has as much as a government or a company: held in a party when the party is all
# the article names
PARTY_OFFICES = {"president", "chairman", "chairwoman", "chair", "leader", "spokesman", "spokeswoman", "spokesperson",
                 "secretary", "treasurer", "director", "head", "official", "aide", "strategist", "secretary-general"}
PLACE_HEADS = {"mayor", "governor", "gov.", "premier", "councillor", "councilor", "council member",
               "county executive", "first minister", "chief minister", "ruler", "emir", "sultan", "sheikh", "king",
               "queen", "crown prince", "prince"}


@dataclass(frozen=True)
class Profile:
    titles: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    gender: str | None = None
    affiliation: str | None = None

    @property
    def title(self) -> str | None:
        return self.titles[0] if self.titles else None

    @property
    def organization(self) -> str | None:
        return self.organizations[0] if self.organizations else None


def profile_of(entity: Entity, entities: ArticleEntities) -> Profile:
    """The profile of a named person or organisation of the article."""
    if isinstance(entity, OrganisationEntity):
        owner = profile_of(entity.owner, entities).affiliation if entity.owner is not None else None
        return Profile(affiliation=organisation_affiliation(entity.name, entities.lex) or owner
                       or ("government" if entity.kind == "location" else None))
    return roles_profile(sorted(entity.roles, key=lambda r: r.position), entities, entity.gender)


def roles_profile(roles: list[Role], entities: ArticleEntities, gender: str | None = None) -> Profile:
    """The profile that a list of roles (in the order the article gives them) adds up to."""
    lex = entities.lex
    titles: list[str] = []
    for role in roles:
        if role.title:
            _add_title(titles, role.title)
    employers = _unique([e for r in roles if r.organization for e in [entities.named_body(r.organization, r.position)]
                         if e] + [b for t in titles for b in [_portfolio_body(t, entities)] if b])
    parties = _unique(r.party for r in roles if r.party)
    countries = _unique(r.country for r in roles if r.country)
    governs = any(t.lower().split()[-1] in PLACE_HEADS or t.lower() in PLACE_HEADS for t in titles)
    places = _unique(r.place for r in roles if r.place) if governs else []
    organizations = _unique(employers + parties + countries + places)
    affiliation = None
    # "BJP president J.P. Nadda", "party chairman": the party is whom the title speaks for
    if any(r.party and not r.organization and r.title and title_affiliation(r.title, lex) in (None, "government")
           and title_head(r.title) in PARTY_OFFICES for r in roles):
        affiliation = "party or campaign"
    for org in employers:
        affiliation = affiliation or organisation_affiliation(org, lex)
    for title in titles:
        affiliation = affiliation or title_affiliation(title, lex)
    if affiliation is None and parties:
        affiliation = "party or campaign"
    if affiliation is None and (countries or places) and titles:
        affiliation = "government"
    return Profile(tuple(titles), tuple(organizations), gender, affiliation)


def _portfolio_body(title: str, entities: ArticleEntities) -> str | None:
    """``First Vice Foreign Minister`` in an article that names the ``Foreign Ministry``: the body
    the title's portfolio names, when the article names it too (never inferred when it does not)."""
    words = [w for w in title.lower().split() if w in entities.lex.portfolio_words]
    if not words:
        return None
    for org in entities.organisations:
        key = org.key.split()
        if all(w in key for w in words) and any(w in entities.lex.organisation_words for w in key):
            return org.name
    return None


def title_affiliation(title: str, lex: Lexicon) -> str | None:
    """``deputy press secretary`` -> what ``press secretary`` or ``secretary`` speaks for."""
    words = title.lower().split()
    for k in range(len(words)):
        info = lex.titles.get(" ".join(words[k:]))
        if info is not None:
            return info.affiliation
    return None


def organisation_affiliation(name: str, lex: Lexicon) -> str | None:
    """What kind of body a name is: a well-known one, else its head word (``... University``,
    ``... Ministry``, ``Harbor Bank``), else a party name."""
    known = lex.known_organisation(name)
    if known is not None:
        return known.affiliation
    words = name.lower().replace("'s", "").split()
    for width in (3, 2, 1):
        for k in range(len(words) - width, -1, -1):
            affiliation = lex.organisation_words.get(" ".join(words[k:k + width]))
            if affiliation:
                return affiliation
    if name.lower() in lex.party_words or name in lex.party_words.values():
        return "party or campaign"
    return None


def _add_title(titles: list[str], title: str) -> None:
    """Keep the fuller of two titles where one holds the other (``Minister`` in ``Foreign Minister``)."""
    words = set(title.lower().split())
    for k, existing in enumerate(titles):
        have = set(existing.lower().split())
        if words <= have:
            return
        if have < words:
            titles[k] = title
            return
    titles.append(title)


def _unique(values) -> list[str]:
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(v.casefold(), v)
    return list(seen.values())

