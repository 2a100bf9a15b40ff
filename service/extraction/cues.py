"""Cue words: reporting verbs from the lexicon and cue phrases from the Matcher."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .rules import CueVerb, PhraseRule, RuleSet

VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}
INVERTED_OPENERS = {"said", "says"}
VIA_REACH = 14  # tokens either side of a cue where its channel phrase may stand


@dataclass(frozen=True)
class CueMatch:
    """A cue in the document: its head token, the words shown as the cue, and its lexicon entry."""

    token: Token
    span: Span
    lemma: str
    tier: str
    stance: str
    rule_id: str | None = None


class CueFinder:
    """Finds reporting verbs, phrasal cues, ``according to`` and channel (``via``) phrases."""

    def __init__(self, vocab: Vocab, rules: RuleSet):
        self.rules = rules
        self.matcher = Matcher(vocab)
        # channel phrases only matter beside a cue, so they are matched in windows around cues:
        # their open-ended modifier slots are the costliest patterns to run over a whole article
        self.via_matcher = Matcher(vocab)
        self.phrases: dict[str, PhraseRule] = {}
        for rule in rules.phrases:
            (self.via_matcher if rule.kind == "via" else self.matcher).add(rule.id, [rule.pattern])
            self.phrases[rule.id] = rule

    def phrase_matches(self, doc: Doc) -> list[tuple[PhraseRule, Span]]:
        """Every cue-phrase match but the channels, longest first where two overlap."""
        return self._longest_first(doc, [(m, s, e) for m, s, e in self.matcher(doc)])

    def via_matches(self, doc: Doc, cues: list[CueMatch]) -> list[tuple[PhraseRule, Span]]:
        """Channel phrases (``in a statement``) within reach of a cue."""
        windows: list[list[int]] = []
        for cue in sorted(cues, key=lambda c: c.token.i):
            start, end = max(0, cue.token.i - VIA_REACH), min(len(doc), cue.token.i + VIA_REACH + 1)
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        matches = [(m, ws + s, ws + e) for ws, we in windows for m, s, e in self.via_matcher(doc[ws:we])]
        return self._longest_first(doc, matches)

    def _longest_first(self, doc: Doc, matches: list[tuple[int, int, int]]) -> list[tuple[PhraseRule, Span]]:
        found = [(self.phrases[doc.vocab.strings[m]], doc[s:e]) for m, s, e in matches]
        found.sort(key=lambda m: (m[1].start, -len(m[1])))
        kept, last_end = [], -1
        for rule, span in found:
            if span.start >= last_end or rule.kind == "source_prep":
                kept.append((rule, span))
                last_end = max(last_end, span.end)
        return kept

    def verb_cue(self, token: Token) -> CueVerb | None:
        """The lexicon entry when ``token`` is a reporting verb used as a verb."""
        if token.tag_ not in VERB_TAGS:
            # "Said Ellis: ..." opening a sentence is tagged as part of a name
            if token.is_sent_start and token.lower_ in INVERTED_OPENERS:
                return self.rules.cue_verbs.get("say")
            return None
        return self.rules.cue_verbs.get(token.lemma_.lower())

    def verb_cues(self, doc: Doc, phrasal: list[tuple[PhraseRule, Span]]) -> list[CueMatch]:
        """Reporting verbs and phrasal cues (``pointed out``, ``called on``) in document order."""
        cues: dict[int, CueMatch] = {}
        for token in doc:
            entry = self.verb_cue(token)
            if entry is not None:
                cues[token.i] = CueMatch(token, doc[token.i:token.i + 1], entry.lemma, entry.tier, entry.stance)
        for rule, span in phrasal:
            if rule.kind != "phrasal_cue":
                continue
            head = next((t for t in span if t.tag_ in VERB_TAGS), span.root)
            entry = self.rules.cue_verbs.get(rule.lemma)
            cues[head.i] = CueMatch(head, span, rule.lemma, "speech",
                                    entry.stance if entry else "neutral", rule.id)
        return [cues[i] for i in sorted(cues)]


def via_phrase(cue: Token, vias: list[tuple[PhraseRule, Span]]) -> Span | None:
    """The channel of a cue (``in a statement``, ``in a post on X``) attached to its clause."""
    clause = {cue.i} | {c.i for c in cue.children}
    for k, (_, span) in enumerate(vias):
        if any(t.i in clause or t.head.i == cue.i for t in span) and abs(span.start - cue.i) <= 12:
            # ``in a post`` + ``on X``: adjacent channel phrases name one channel
            end = span.end
            for _, nxt in vias[k + 1:]:
                if nxt.start == end:
                    end = nxt.end
            return span.doc[span.start:end]
    return None
