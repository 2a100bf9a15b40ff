"""Attribution rules: tie each quotation and each reported clause to its cue and speaker.

Three passes over one parsed document:
1. cue first: every reporting verb outside quotation marks takes its content from the
   DependencyMatcher patterns in ``rules/attribution.jsonl`` and claims the quotation
   its reporting clause frames (``"Q," X said`` / ``X said: "Q"``);
2. source prepositions (``according to X``) either attribute a clause or, next to a cue
   that already has one, name the document it came from (the ``via``);
3. quotation first: what no cue claimed is given to a signature dash, a colon line, the
   previous speaker of a quotation run, or dropped as a scare quote or a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .cues import INVERTED_OPENERS, CueFinder, CueMatch, via_phrase
from .frames import QuoteIndex, TokenQuote, quote_ends_sentence, text_of
from .quotemarks import DOUBLE_MARKS, QuotedSpan
from .rules import CUE_TIERS, RuleSet
from .speakers import entity_at, kind_of, mention_span, person_behind, subject_of

SENTENCE_END = {".", "!", "?"}
CONTENT_JOINERS = {"and", "but", "or", "then", "yet"}
DASHES = {"\u2014", "\u2013", "\u2015", "--", "-"}
_DASHES_LONGEST_FIRST = sorted(DASHES, key=len, reverse=True)
TIER_FACTOR = {"speech": 1.0, "ambiguous": 0.8, "belief": 0.7}
# a quotation shorter than this with no cue is a scare quote, a name or a title
MIN_UNATTRIBUTED_WORDS = 8
TRANSCRIPT_LINE = re.compile(r"^[\"\u201c]?([A-Z][A-Z.'\- ]{1,30}[A-Z]):\s+(\S.{10,}?)[\"\u201d]?$")
TRANSCRIPT_STOP = {"UPDATE", "NOTE", "EDITOR'S NOTE", "CORRECTION", "WATCH", "VIDEO", "PHOTO", "Q", "A"}


@dataclass
class Found:
    """One attribution in prepared-text character offsets (mapped back by the extractor)."""

    start: int
    end: int
    rule: str
    cue: Span | None = None
    cue_lemma: str | None = None
    stance: str = "neutral"
    tier: str = "speech"
    speaker: Token | None = None
    via: Span | None = None
    direct: bool = False
    inherited_from: Found | None = None
    quotes: list[TokenQuote] = field(default_factory=list)
    # stretches inside [start, end) that are not content: the reporting clause of a split quote
    gaps: list[tuple[int, int]] = field(default_factory=list)

    def fragments(self) -> list[tuple[int, int]]:
        """The content as one or more stretches (a split quotation has several)."""
        parts, pos = [], self.start
        for gap_start, gap_end in self.gaps:
            parts.append((pos, gap_start))
            pos = gap_end
        parts.append((pos, self.end))
        return [(s, e) for s, e in parts if e > s]

    def extend(self, text: str, q: TokenQuote) -> None:
        """Add the next piece of a quotation split by its reporting clause or a sentence break."""
        self.gaps.append((_end_before_hand_over(text, self.start, self.end), q.chars.content_start))
        self.end = _end_before_hand_over(text, q.chars.content_start, q.chars.content_end)
        self.quotes.append(q)


def _end_before_hand_over(text: str, start: int, end: int) -> int:
    """The end of quoted content without the comma (and space) that hands it to its reporting clause."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return end


class Attributor:
    """Runs the attribution rules over a parsed document."""

    def __init__(self, vocab: Vocab, rules: RuleSet):
        self.rules = rules
        self.cues = CueFinder(vocab, rules)
        self.dep_matcher = DependencyMatcher(vocab)
        self.dep_rules = [r for r in rules.attribution.values() if r.pattern]
        self.rule_rank = {r.id: k for k, r in enumerate(self.dep_rules)}  # earlier in the file wins
        # the tiers each rule's cue node asks for, checked on the match (see _compile)
        self.cue_tiers: dict[str, set[str]] = {}
        cue_lemmas = set(rules.cue_verbs) | {p.lemma for p in rules.phrases if p.kind == "phrasal_cue"}
        for r in self.dep_rules:
            pattern, self.cue_tiers[r.id] = _compile(r.pattern, r.roles, cue_lemmas)
            self.dep_matcher.add(r.id, [pattern])

    def __call__(self, doc: Doc, quoted: list[QuotedSpan]) -> list[Found]:
        qi = QuoteIndex(doc, quoted)
        phrases = self.cues.phrase_matches(doc)
        cues = [c for c in self.cues.verb_cues(doc, phrases) if not qi.inside(c.token)]
        found = self._cue_first(doc, qi, cues)
        found += self._source_prepositions(doc, qi, phrases, found)
        transcript = self._transcript_lines(doc)
        found += self._quote_first(doc, qi, found + transcript)
        found += transcript
        for f in found:
            if f.rule == "indirect.parenthetical" or f.gaps:
                continue
            if f.cue is not None and f.start <= f.cue.start_char < f.end and not f.direct:
                # "As for the plan, he said, it could help": the content is what follows the frame
                f.start = f.cue.end_char
                _trim(doc, f)
            if f.speaker is not None and f.start <= f.speaker.idx < f.end:
                f.speaker = None  # a speaker inside its own content is a misparse, not a speaker
        found = [f for f in found if f.end - f.start >= 2]
        for f in found:
            if not f.direct:  # every quotation inside reported speech, whichever rule found it
                f.quotes = [q for q in qi.quotes
                            if q.chars.content_start < f.end and f.start < q.chars.content_end]
        return sorted(found, key=lambda f: (f.start, f.end))

    # pass 1 ---------------------------------------------------------------------------
    def _dependency_contents(self, doc: Doc, cues: list[CueMatch]) -> dict[int, tuple[str, Span]]:
        """The best content clause per cue token, by rule order in the rule file."""
        tier_of = {c.token.i: c.tier for c in cues}
        best: dict[int, tuple[int, str, Span]] = {}
        for match_id, token_ids in self.dep_matcher(doc):
            rule_id = doc.vocab.strings[match_id]
            rule = self.rules.rule(rule_id)
            names = [node["RIGHT_ID"] for node in rule.pattern]
            role_tok = {rule.roles[n]: doc[t] for n, t in zip(names, token_ids, strict=True) if n in rule.roles}
            cue, content = role_tok["cue"], role_tok["content"]
            if tier_of.get(cue.i) not in self.cue_tiers[rule_id]:
                continue  # not a cue here (inside a quotation), or not of the tier the rule wants
            span = _content_span(cue, content, role_tok.get("object"), rule_id)
            if span is None:
                continue
            rank = self.rule_rank[rule_id]
            if cue.i not in best or rank < best[cue.i][0] or (
                    rank == best[cue.i][0] and best[cue.i][2].start < cue.i < span.start):
                # two clauses for one cue: the one after it is its complement; the one before is
                # usually an adverbial clause the parser took for one ("While he X, Ham noted Y")
                best[cue.i] = (rank, rule_id, span)
        return {i: (rule_id, span) for i, (_, rule_id, span) in best.items()}

    def _cue_first(self, doc: Doc, qi: QuoteIndex, cues: list[CueMatch]) -> list[Found]:
        contents = self._dependency_contents(doc, cues)
        found: list[Found] = []
        claimed: set[int] = set()
        vias = self.cues.via_matches(doc, cues)
        cue_tokens = {c.token.i for c in cues}
        for cue in cues:
            frame = qi.frame(cue.token)
            before, after = _adjacent_quotes(doc, qi, frame, cue.token)
            rule_id, clause = contents.get(cue.token.i, (None, None))
            base = dict(cue=cue.span, cue_lemma=cue.lemma, stance=cue.stance, tier=cue.tier,
                        via=via_phrase(cue.token, vias), speaker=_speaker_outside_quotes(qi, cue.token))
            if cue.tier != "speech" and (before or after) and clause is None:
                continue
            if before is not None and (clause is not None and clause.start > cue.token.i
                                       and not any(qi.inside(t) for t in clause[:2])
                                       or any(before.last < i < cue.token.i for i in cue_tokens)):
                # 'On "Fox News Sunday," Pence said his running mate ...': the cue reports the
                # clause after it, and the quotation before it (a title or a name) is not the
                # content of a later cue either
                before = None
            if after is not None and any(cue.token.i < i < after.first for i in cue_tokens):
                after = None  # 'attacked Clinton, saying, "Q"': the quotation is the nearer cue's
            if before is not None and before.index not in claimed:
                claimed.add(before.index)
                first = self._quoted(doc, before, clause, "direct.quote_then_cue", base)
                found.append(first)
                if after is not None and after.index not in claimed and _frame_ends_with(frame, {",", "but", "and"}) \
                        and not (_another_verb_after(frame, cue.token) and _opens_a_sentence(doc, after)):
                    claimed.add(after.index)
                    _trim(doc, first)
                    first.extend(text_of(doc), after)
                    first.rule = "direct.split" if first.direct else first.rule
            elif after is not None and after.index not in claimed and cue.tier == "speech" \
                    and base["speaker"] is not None:
                claimed.add(after.index)
                found.append(self._quoted(doc, after, clause, "direct.cue_then_quote", base))
            elif clause is None and cue.tier == "speech" \
                    and (quoted := _quoted_object(doc, qi, cue.token, claimed, cue_tokens)):
                found.append(_reported(qi, quoted, "mixed.quoted_object", base, claimed))
            elif clause is not None:
                if cue.tier == "ambiguous" and not _has_that(clause):
                    continue
                if rule_id == "indirect.parenthetical":
                    f = Found(clause.start_char, clause.end_char, rule_id, **base)
                    f.gaps = [_reporting_clause_gap(cue.token)]
                    found.append(f)
                    continue
                found.append(_reported(qi, clause, rule_id, base, claimed))
        _run_to_sentence_end(doc, qi, found, cue_tokens)
        _cut_relative_clauses(found, cues)
        return [f for f in found if _trim(doc, f)]

    def _quoted(self, doc: Doc, q: TokenQuote, clause: Span | None, rule_id: str, base: dict) -> Found:
        start, end = q.chars.content_start, q.chars.content_end
        first_word = next((t for t in clause if not (t.is_space or t.is_punct)), None) if clause else None
        cue_token = base["cue"].root if base.get("cue") is not None else None
        if first_word is not None and first_word.i < q.first and clause.start_char < start <= clause.end_char + 2 \
                and first_word.i >= doc[q.first].sent.start \
                and not (cue_token is not None and first_word.i < cue_token.i < q.first) \
                and not text_of(doc)[first_word.idx:q.chars.open].rstrip().endswith(","):
            return Found(first_word.idx, end, "indirect.ccomp", quotes=[q], **base)
        return Found(start, end, rule_id, direct=True, quotes=[q], **base)

    # pass 2 ---------------------------------------------------------------------------
    def _source_prepositions(self, doc: Doc, qi: QuoteIndex, phrases: list, found: list[Found]) -> list[Found]:
        by_cue = {f.cue.root.i: f for f in found if f.cue is not None}
        claimed = {q.index for f in found for q in f.quotes}
        new: list[Found] = []
        for rule, span in phrases:
            if rule.kind != "source_prep" or qi.inside(span.root):
                continue
            source = _prep_object(span)
            if source is None or (rule.lemma == "per" and kind_of(source, self.rules) == "unknown"):
                continue
            head = span[0].head if span[0].head is not span[0] else None
            if head is not None and head.i in by_cue:
                target = by_cue[head.i]
                if target.via is None:
                    target.via = mention_span(source)
                continue
            base = dict(cue=span, cue_lemma=rule.lemma, speaker=source)
            frame = qi.frame(span[0])
            before = qi.quote_before(frame)
            if before is not None and before.index not in claimed and span.start - frame.start <= 2:
                claimed.add(before.index)
                new.append(Found(before.chars.content_start, before.chars.content_end,
                                 "direct.according_to", direct=True, quotes=[before], **base))
                continue
            after = qi.quote_after(frame)
            if after is not None and after.index not in claimed and _frame_ends_with(frame, {",", ":"}) \
                    and span.start - frame.start <= 2:
                claimed.add(after.index)  # According to Limbaugh, "..."
                new.append(Found(after.chars.content_start, after.chars.content_end,
                                 "direct.according_to", direct=True, quotes=[after], **base))
                continue
            clause = _clause_without(span, source)
            if clause is not None:
                f = Found(clause[0], clause[1], "indirect.according_to", **base)
                new.append(f)
        return [f for f in new if _trim(doc, f)]

    # pass 3 ---------------------------------------------------------------------------
    def _quote_first(self, doc: Doc, qi: QuoteIndex, found: list[Found]) -> list[Found]:
        claimed = {q.index for f in found for q in f.quotes}
        covered = [(f.start, f.end) for f in found]
        lines = [(f.start, f.end) for f in found if f.rule == "direct.transcript"]
        new: list[Found] = []
        for q in qi.quotes:
            if any(s <= q.chars.content_end and q.chars.open <= e for s, e in lines):
                continue  # a transcript line already gives this to its speaker
            if q.index in claimed or any(s <= q.chars.content_start and q.chars.content_end <= e for s, e in covered):
                continue
            if self._continues_in_paragraph(doc, q, found + new) or _continues_reported_clause(doc, q, found):
                continue
            f = self._dash(doc, qi, q) or self._colon_intro(doc, qi, q) \
                or self._continuation(doc, q, found + new) or self._unattributed(doc, q)
            if f is not None:
                new.append(f)
        return new

    def _continues_in_paragraph(self, doc: Doc, q: TokenQuote, found: list[Found]) -> bool:
        """``"Q1," she said. "Q2."``: the second quotation is more of the same attribution."""
        earlier = [f for f in found if f.end <= q.chars.open and f.quotes]
        if not earlier or not _starts_sentence(doc, q):
            return False
        prev = max(earlier, key=lambda f: f.end)
        gap = text_of(doc)[prev.end:q.chars.open]
        if "\n" in gap or len(gap.split()) > 40 or any(m in gap[1:] for m in "\u201c\u00ab"):
            return False
        between = doc.char_span(prev.end, q.chars.open, alignment_mode="expand") or []
        if not any(t.text in SENTENCE_END for t in between):
            return False
        prev.extend(text_of(doc), q)
        return True

    def _dash(self, doc: Doc, qi: QuoteIndex, q: TokenQuote) -> Found | None:
        # read characters, not tokens: the tokenizer glues a dash to the closing mark (``"―``)
        text = text_of(doc)
        pos = q.chars.close
        while pos < len(text) and text[pos] in " \t\u00a0":
            pos += 1
        dash = next((d for d in _DASHES_LONGEST_FIRST if text.startswith(d, pos)), None)
        if dash is None:
            return None
        dash_span = doc.char_span(pos, pos + len(dash), alignment_mode="expand")
        if dash_span is None or len(dash_span) == 0:
            return None
        nxt = dash_span.end - 1
        while nxt + 1 < len(doc) and doc[nxt + 1].is_space and "\n" not in doc[nxt + 1].text:
            nxt += 1  # "― \u00a0Christina Lastra": a space token between the dash and the name
        if nxt + 1 >= len(doc):
            return None
        name = next((doc[i] for i in range(nxt + 1, min(nxt + 8, len(doc))) if entity_at(doc[i]) is not None
                     and entity_at(doc[i]).label_ in ("PERSON", "ORG")), None)
        if name is not None:
            head = entity_at(name).root
        elif nxt + 1 < len(doc) and doc[nxt + 1].pos_ == "PROPN" and doc[nxt + 1].is_title:
            head = doc[nxt + 1]  # a signature NER did not tag: "― Christina Luis"
            while head.head.i != head.i and head.dep_ == "compound":
                head = head.head
        else:
            return None
        return Found(q.chars.content_start, q.chars.content_end, "direct.dash", cue=dash_span,
                     cue_lemma="\u2014", speaker=head, direct=True, quotes=[q])

    def _colon_intro(self, doc: Doc, qi: QuoteIndex, q: TokenQuote) -> Found | None:
        prev = q.first - 1
        while prev >= 0 and doc[prev].is_space:
            prev -= 1
        if prev < 0 or doc[prev].text != ":" or "\n" not in doc[prev + 1:q.first].text:
            return None
        line_start = prev
        while line_start > 0 and not (doc[line_start - 1].is_space and "\n" in doc[line_start - 1].text):
            line_start -= 1
        line = doc[line_start:prev]
        cue = next((t for t in reversed(line) if self.cues.verb_cue(t) is not None), None)
        speaker = subject_of(cue) if cue is not None else None
        if speaker is None:
            speaker = next((entity_at(t).root for t in reversed(line) if entity_at(t) is not None
                            and entity_at(t).label_ in ("PERSON", "ORG", "GPE")), None)
        if speaker is None:
            return None
        cue_span = doc[cue.i:cue.i + 1] if cue is not None else doc[prev:prev + 1]
        return Found(q.chars.content_start, q.chars.content_end, "direct.colon_intro", cue=cue_span,
                     cue_lemma=cue.lemma_.lower() if cue is not None else ":", speaker=speaker,
                     direct=True, quotes=[q])

    def _continuation(self, doc: Doc, q: TokenQuote, found: list[Found]) -> Found | None:
        """A quoted sentence with no cue of its own, right after an attribution: the same speaker."""
        if not _sentence_like(doc, q) or not _starts_sentence(doc, q):
            return None
        earlier = [f for f in found if f.end <= q.chars.open and (f.speaker is not None or f.inherited_from)]
        if not earlier:
            return None
        prev = max(earlier, key=lambda f: f.end)
        gap = text_of(doc)[prev.end:q.chars.open]
        if len(re.findall(r"\n\s*", gap)) > 1 or len(gap.split()) > 30:
            return None
        source = prev.inherited_from or prev
        return Found(q.chars.content_start, q.chars.content_end, "direct.continuation", cue=source.cue,
                     cue_lemma=source.cue_lemma, stance=source.stance, speaker=source.speaker,
                     via=source.via, direct=True, inherited_from=source, quotes=[q])

    def _unattributed(self, doc: Doc, q: TokenQuote) -> Found | None:
        content = text_of(doc)[q.chars.content_start:q.chars.content_end]
        if len(content.split()) < MIN_UNATTRIBUTED_WORDS or not _sentence_like(doc, q):
            return None
        return Found(q.chars.content_start, q.chars.content_end, "direct.unattributed", direct=True, quotes=[q])

    def _transcript_lines(self, doc: Doc) -> list[Found]:
        new = []
        pos = 0
        for line in text_of(doc).split("\n"):
            m = TRANSCRIPT_LINE.match(line.strip())
            lead = len(line) - len(line.lstrip())
            if m and m.group(1).strip() not in TRANSCRIPT_STOP:
                s, e = pos + lead + m.start(2), pos + lead + m.end(2)
                name = doc.char_span(pos + lead + m.start(1), pos + lead + m.end(1), alignment_mode="expand")
                if name is not None:
                    # typed by its marks, as every quote is: a bare transcript line is verbatim
                    # but not inside quotation marks, so not "direct" in the API's sense
                    marked = line.strip()[:1] in DOUBLE_MARKS
                    new.append(Found(s, e, "direct.transcript", cue=doc.char_span(pos + lead + m.end(1),
                                     pos + lead + m.end(1) + 1, alignment_mode="expand"), cue_lemma=":",
                                     speaker=name.root, direct=marked))
            pos += len(line) + 1
        return new


NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def _speaker_outside_quotes(qi: QuoteIndex, cue: Token) -> Token | None:
    """The cue's subject. When the parser found none outside the quotation (``"...," said
    Leslie Wimes``, ``Said Ellis: "..."``), the noun phrase written beside the cue."""
    subject = subject_of(cue)
    if subject is not None and not qi.inside(subject):
        return person_behind(subject)
    doc = cue.doc
    if cue.tag_ == "VBG":
        # "..., Sanders said, suggesting questions": a participle speaks with the verb before it;
        # the noun after it is its object, never an inverted subject
        for tok in reversed(doc[cue.sent.start:cue.i]):
            if tok.pos_ == "VERB" and not qi.inside(tok):
                head = subject_of(tok)
                return person_behind(head) if head is not None and not qi.inside(head) else None
        return None
    left = cue.i - 1
    while left >= 0 and not qi.inside(doc[left]):
        if doc[left].pos_ in ("ADV", "AUX", "PART"):
            left -= 1
        elif doc[left].text == ")":  # "Rep. Elijah Cummings (D-Md.) said"
            while left >= 0 and doc[left].text != "(" and not qi.inside(doc[left]):
                left -= 1
            left -= 1
        else:
            break
    if left >= 0 and not qi.inside(doc[left]) and _could_speak(doc[left]) and subject is not None:
        return _phrase_head(qi, doc[left])
    for i in range(cue.i + 1, min(cue.i + 5, len(doc))):
        tok = doc[i]
        if qi.inside(tok) or tok.pos_ not in ("DET", "ADJ", "PROPN", "NOUN", "PRON", "NUM"):
            break
        if _could_speak(tok):
            return _phrase_head(qi, tok)
    if left >= 0 and not qi.inside(doc[left]) and _could_speak(doc[left]):
        return _phrase_head(qi, doc[left])
    return None


def _could_speak(tok: Token) -> bool:
    return tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.ent_type_ not in NOT_SPEAKERS


def _phrase_head(qi: QuoteIndex, tok: Token) -> Token:
    head = tok
    while head.head.i != head.i and head.dep_ in ("compound", "amod", "det", "poss") and not qi.inside(head.head):
        head = head.head
    return head


def _compile(pattern: list[dict], roles: dict[str, str], cue_lemmas: set[str]) -> tuple[list[dict], set[str]]:
    """Rules name their cue node's tiers with ``{"_": {"quote_cue": ...}}``, readable in the rule
    file; the matcher gets a lemma set instead (a Python extension lookup per token costs more
    than the parse), and the tier is checked on each match."""
    cue_node = next(n for n, role in roles.items() if role == "cue")
    compiled, tiers = [], set(CUE_TIERS)
    for node in pattern:
        node = {**node, "RIGHT_ATTRS": dict(node["RIGHT_ATTRS"])}
        attrs = node["RIGHT_ATTRS"]
        wanted = attrs.pop("_", {}).get("quote_cue")
        if node["RIGHT_ID"] == cue_node:
            if wanted is not None:
                tiers = set(wanted["IN"]) if isinstance(wanted, dict) else {wanted}
            lemmas = cue_lemmas - set((attrs.pop("LEMMA", {}) or {}).get("NOT_IN", []))
            attrs["LEMMA"] = {"IN": sorted(lemmas | INVERTED_OPENERS)}
        compiled.append(node)
    return compiled, tiers


def _adjacent_quotes(doc: Doc, qi: QuoteIndex, frame: Span, cue: Token) -> tuple[TokenQuote | None, TokenQuote | None]:
    """The quotation this reporting clause closes (before it) and opens (after it), if any."""
    before = qi.quote_before(frame)
    if before is not None:
        lead = doc[frame.start:cue.i]
        starts_new = quote_ends_sentence(doc, before) and not (len(frame) and frame[0].is_lower)
        if any(t.text in SENTENCE_END for t in lead) or len(lead) > 25 or starts_new \
                or not _closes_with_reporting_punctuation(doc, before, frame) or _inside_noun_phrase(doc, before):
            before = None
    after = qi.quote_after(frame)
    if after is not None:
        tail = doc[cue.i + 1:frame.end]
        last = _last_word(tail)
        ends_ok = last is None or last.text in {":", ",", "\u2014", "but", "and"}
        if any(t.text in SENTENCE_END for t in tail) or len(tail) > 15 or not ends_ok:
            after = None
    return before, after


def _inside_noun_phrase(doc: Doc, q: TokenQuote) -> bool:
    """``on CNN's "State of the Union," while ...``, ``star of "Scandal," thanked``: a quotation
    right after a preposition or a possessive is a title or a name (after a determiner it may
    still be quoted words: ``is a "lawful source of income," as the memo put it``)."""
    prev = q.first - 1
    while prev >= 0 and doc[prev].is_space:
        prev -= 1
    return prev >= 0 and (doc[prev].pos_ == "ADP" or doc[prev].tag_ in ("POS", "PRP$"))


def _sentence_like(doc: Doc, q: TokenQuote) -> bool:
    """A quoted sentence, not a name, title or scare-quoted phrase."""
    inner = doc[q.first + 1:q.last]
    words = [t for t in inner if not (t.is_punct or t.is_space)]
    return not q.chars.single and len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in inner)


def _starts_sentence(doc: Doc, q: TokenQuote) -> bool:
    """The quotation opens its sentence (after a full stop, a colon or a paragraph break)."""
    i = q.first - 1
    while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    if i < 0 or doc[i].is_space:
        return True
    prev = doc[i]
    if prev.text in DOUBLE_MARKS and i > 0:
        prev = doc[i - 1]
    return prev.text in SENTENCE_END | {":", "...", "\u2026"} or prev.text.endswith(".")


def _closes_with_reporting_punctuation(doc: Doc, q: TokenQuote, frame: Span) -> bool:
    """``"Q," she said`` / ``"Q?" she asked`` / ``"Q", she said``: a quotation handed to its
    reporting clause ends in punctuation; ``the "Buffett rule" after Warren Buffett`` does not."""
    # a nested quotation may close first: ``"He said, 'We won,'" she recalled``
    inner_last = text_of(doc)[q.chars.content_start:q.chars.content_end].rstrip().rstrip("'\u2019")[-1:]
    first = next((t for t in frame if not t.is_space), None)
    return inner_last in {",", "?", "!", ".", "\u2014", "-", "\u2026", ":", ";"} or (
        first is not None and first.text in {",", "\u2014", "--", "\u2013"})


def _reporting_clause_gap(cue: Token) -> tuple[int, int]:
    """``The test, North Korea said, was its biggest``: the stretch ``, North Korea said,``."""
    doc = cue.doc
    left = min(t.i for t in cue.subtree)
    right = max(t.i for t in cue.subtree)
    while left > 0 and doc[left - 1].is_punct:
        left -= 1
    while right + 1 < len(doc) and doc[right + 1].text == ",":
        right += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _continues_reported_clause(doc: Doc, q: TokenQuote, found: list[Found]) -> bool:
    """``claiming that fraud is "a big problem" but "nobody talks about it."``: a quotation joined
    to reported speech by a bare conjunction is more of the same content."""
    text = text_of(doc)
    for f in found:
        if f.direct or not f.quotes or not f.start < q.chars.open or f.end > q.chars.open:
            continue
        gap = text[f.end:q.chars.open]
        if any(ch in gap for ch in "\n.!?"):
            continue
        if f.cue is not None and f.end <= f.cue.start_char and f.cue.end_char <= q.chars.open:
            # 'Mills "got a deal," Jordan said, and still "got to sit in"': the reporting clause
            # sits between the two parts, which the joining word after it ties together
            after_cue = text[f.cue.end_char:q.chars.open]
            words = [w.lower() for w in re.findall(r"[A-Za-z]+", after_cue)]
            if len(after_cue) <= 16 and words and words[0] in CONTENT_JOINERS and len(words) <= 2:
                f.gaps.append((f.end, q.chars.content_start))
                f.end = q.chars.content_end
                f.quotes.append(q)
                return True
            continue
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", gap)]
        if len(gap) <= 12 and words and set(words) <= CONTENT_JOINERS:
            f.end = q.chars.content_end
            f.quotes.append(q)
            return True
    return False


def _another_verb_after(frame: Span, cue: Token) -> bool:
    """``"Q1," Sanders said, suggesting questions, including, "Q2"``: a second quotation that
    opens a sentence of its own belongs to the later verb, so the first is not split around
    the reporting clause (``"Q1," Tester said, referring to X, "q2"`` still is)."""
    return any(t.pos_ == "VERB" for t in frame if t.i > cue.i)


def _opens_a_sentence(doc: Doc, q: TokenQuote) -> bool:
    first = next((t for t in doc[q.first + 1:q.last] if not (t.is_space or t.is_punct)), None)
    return first is not None and first.text[:1].isupper()


def _frame_ends_with(frame: Span, marks: set[str]) -> bool:
    last = _last_word(frame)
    return last is not None and last.text in marks


def _last_word(span: Span) -> Token | None:
    """The last token of a reporting clause, looking past an adverb after its conjunction
    (``Jordan said, and still "..."``)."""
    words = [t for t in span if not t.is_space]
    if len(words) >= 2 and words[-1].pos_ == "ADV" and words[-2].lower_ in ("and", "but"):
        return words[-2]
    return words[-1] if words else None


def _content_span(cue: Token, content: Token, obj: Token | None, rule_id: str) -> Span | None:
    """The clause a rule matched, as one span; None when it would contain its own cue."""
    doc = cue.doc
    tokens = list(content.subtree)
    if obj is not None:
        tokens += list(obj.subtree)
    if rule_id == "indirect.parenthetical":
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children) or any(
                c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children):
            return None
        inner = set(t.i for t in cue.subtree)
        tokens = [t for t in content.subtree if t.i not in inner]
        if not tokens or cue.i < min(t.i for t in tokens) or content.i > cue.i and content.dep_ != "ROOT":
            return None
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    if start <= cue.i < end and rule_id != "indirect.parenthetical":
        start = cue.i + 1  # ``which Putin said would be``: the content is what follows the cue
        if start >= end:
            return None
    return doc[start:end]


OBJECT_DEPS = {"dobj", "oprd", "xcomp", "ccomp", "prep", "attr", "acomp", "advcl", "dative", "npadvmod"}


def _quoted_object(doc: Doc, qi: QuoteIndex, cue: Token, claimed: set[int],
                   cue_tokens: set[int]) -> Span | None:
    """``called the ruling a "huge win"``: the cue's right-hand complements up to the one holding
    a quotation that no other rule claimed. A nearer cue before the quotation (``attacked
    Clinton for X, saying, "..."``) ends the content there and leaves the quotation to it."""
    rights = [c for c in cue.rights if c.dep_ in OBJECT_DEPS]
    for child in rights:
        sub = list(child.subtree)
        hits = [qi.quote_at(t.i) for t in sub if qi.quote_at(t.i) is not None]
        free = [q for q in hits if q.index not in claimed]
        if free:
            start = min(t.i for t in rights[0].subtree)
            end = max(t.i for t in sub) + 1
            nearer = [c for c in cue_tokens if cue.i < c < free[0].first]
            if nearer:
                end = min(nearer)
                while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                    end -= 1
            if end <= start or doc[start].sent.start != doc[end - 1].sent.start:
                return None
            return doc[start:end]
    return None


def _has_that(clause: Span) -> bool:
    return any(t.dep_ == "mark" and t.lower_ == "that" for t in clause[:3])


def _reported(qi: QuoteIndex, content: Span, rule_id: str, base: dict, claimed: set[int]) -> Found:
    """Reported speech over ``content``; the quotations opening inside it are its own (claimed),
    and the content runs to their closing marks."""
    f = Found(content.start_char, content.end_char, rule_id, **base)
    f.quotes = _quotes_within(qi, content)
    f.end = max([f.end] + [q.chars.content_end for q in f.quotes])
    claimed.update(q.index for q in f.quotes)
    return f


def _quotes_within(qi: QuoteIndex, span: Span) -> list[TokenQuote]:
    """Quotations that open inside ``span`` (their closing mark often hangs on the main verb)."""
    return [q for q in qi.quotes if span.start <= q.first + 1 < span.end]


def _run_to_sentence_end(doc: Doc, qi: QuoteIndex, found: list[Found], cue_tokens: set[int]) -> None:
    """``X said CLAUSE``: what follows the cue runs to the end of its sentence. The parser often
    leaves the tail of a long clause outside it (``... are to blame for focusing on "he said
    this"``), so a tail with no cue of its own and no clause break joins the content."""
    for f in found:
        if f.direct or f.gaps or f.rule != "indirect.ccomp" or f.cue is None or f.cue.end_char > f.start:
            continue
        last = doc.char_span(f.start, f.end, alignment_mode="expand")
        if last is None or len(last) == 0:
            continue
        sent = last[-1].sent
        tail = doc[last.end:sent.end]
        words = [t for t in tail if not (t.is_punct or t.is_space)]
        if not words or any(t.i in cue_tokens or t.text in (";", ":", "\u2014", "--") for t in tail):
            continue
        end = max(t.i for t in words) + 1
        q = qi.quote_at(end - 1)
        f.end = q.chars.close if q is not None else doc[end - 1].idx + len(doc[end - 1].text)
        f.quotes = _quotes_within(qi, doc[last.start:end])


def _cut_relative_clauses(found: list[Found], cues: list[CueMatch]) -> None:
    """``..., which Putin said would be a mistake`` is Putin's, not part of the outer content;
    ``anybody who complains about X`` describes a noun (its subject is the relative pronoun)
    and stays."""
    relative = [c.token for c in cues if c.token.dep_ == "relcl" and not any(
        ch.dep_ in ("nsubj", "nsubjpass") and ch.lower_ in ("who", "that", "which") for ch in c.token.children)]
    for f in found:
        for cue in relative:
            if f.cue is not None and cue.i != f.cue.root.i and f.start < cue.idx < f.end:
                left = min(t.idx for t in cue.subtree)
                if left > f.start:
                    f.end = min(f.end, left)


def _prep_object(span: Span) -> Token | None:
    last = span[-1]
    obj = next((c for c in last.children if c.dep_ == "pobj"), None)
    if obj is None and span.end < len(span.doc):
        nxt = span.doc[span.end]
        obj = nxt if nxt.pos_ in ("PROPN", "NOUN", "PRON") else None
    return obj


def _clause_without(cue: Span, source: Token) -> tuple[int, int] | None:
    """The sentence an ``according to`` phrase modifies, without the phrase itself."""
    sent = cue.sent
    source_tokens = list(source.subtree)
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    comma = next((t.i for t in source_tokens if t.i > source.i and t.text == ","), None)
    if comma is not None and words and source_tokens[-1].i >= words[-1].i:
        # the parser hung the whole clause on the source ("According to X, the move reeks of ...",
        # "reeks" an apposition of X): the source ends at its comma
        source_tokens = [t for t in source_tokens if t.i < comma]
    phrase = set(t.i for t in cue) | set(t.i for t in source_tokens)
    outside = [t for t in sent if t.i not in phrase and not t.is_space]
    before = [t for t in outside if t.i < cue.start]
    after = [t for t in outside if t.i >= cue.end]
    part = before if len([t for t in before if not t.is_punct]) >= 3 else after
    part = [t for t in part if not t.is_punct or part[0].i < t.i < part[-1].i] if part else part
    if len([t for t in part if not t.is_punct]) < 3:
        return None
    return part[0].idx, part[-1].idx + len(part[-1].text)


_EDGE = set(DOUBLE_MARKS) | {",", ".", ";", ":", "\u2014", "\u2013", "-", " ", "\n", "(", ")", "'", "\u2018", "\u2019"}


def _trim(doc: Doc, f: Found) -> bool:
    """Trim punctuation, marks and a leading ``that`` from the content; False if nothing is left."""
    text = text_of(doc)
    s, e = f.start, f.end
    if not f.direct:
        while s < e and text[s] in _EDGE:
            s += 1
        if text[s:s + 4].lower() == "that" and s + 5 < e and not text[s + 4].isalnum():
            s += 4
            while s < e and text[s] in _EDGE:
                s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
    else:
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
            e -= 1
    f.start, f.end = s, e
    return e - s >= 2
