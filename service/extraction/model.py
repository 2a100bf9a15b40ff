"""The extractor's results: small frozen records with code-point offsets into the submitted text."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Cue:
    text: str
    lemma: str
    start: int
    end: int
    stance: str = "neutral"


@dataclass(frozen=True)
class SpeakerRef:
    """The speaker as written at one quote, and who it resolves to in the article."""

    id: str | None
    mention: str
    start: int
    end: int
    name: str | None  # None: the mention names nobody the article names (a pronoun, "a spokesman")
    kind: str
    title: str | None
    organization: str | None
    resolved_by: str
    gender: str | None = None
    affiliation: str | None = None
    members: tuple[str, ...] = ()  # "Obama and Clinton said": the speaker ids of each named member


@dataclass(frozen=True)
class Fragment:
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """One attribution. ``start``/``end`` span all of its content; a quotation split by its
    reporting clause (``"Q1," she said, "Q2."``) has several ``fragments`` and its ``text``
    joins them."""

    id: str
    text: str
    type: str
    start: int
    end: int
    cue: Cue | None
    speaker: SpeakerRef | None
    via: str | None
    confidence: float
    rule: str
    field: str = "text"
    fragments: tuple[Fragment, ...] = ()


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    kind: str
    titles: tuple[str, ...]
    organizations: tuple[str, ...]
    mentions: tuple[Mention, ...]
    quote_ids: tuple[str, ...]
    gender: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Extraction:
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict in the shape of the public API."""
        return {"quotes": [asdict(q, dict_factory=_json_dict) for q in self.quotes],
                "speakers": [asdict(s, dict_factory=_json_dict) for s in self.speakers],
                "meta": dict(self.meta)}


def _json_dict(items: list[tuple[str, Any]]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in items}
