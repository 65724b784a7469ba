"""Applying the sequence labeller to one sentence's rule candidates.

The rules stay where they are better (direct quotations, colons, headlines,
``according to``); for each anchor the labeller reads, it either settles the
content's boundaries of the rule's candidate for that cue, or, where no rule
fired, offers a candidate of its own (rule ``labeller``: the long tail of
cues and forms the rules do not know). Every candidate records what the
labeller said of it (``Candidate.labelled``), a feature of the scorer.
"""

from __future__ import annotations

from quotes.extraction.candidate import Candidate
from quotes.extraction.labeller import (
    MIN_ANCHOR_STRENGTH,
    Labeller,
    Labelling,
    RuleReading,
    anchors,
    quoted_mask,
    strengths,
    token_features,
)
from quotes.extraction.labeller import (
    _mention_kind as mention_kind,
)
from quotes.extraction.lexicon import cue_strength
from quotes.extraction.mentions import Mention
from quotes.extraction.text import ALL_QUOTES, QuoteRegion, Sentence, Token

# Rules whose content boundaries the labeller settles: content read after or
# around a cue. Quotations, colons and headlines keep the rules' spans.
SETTLED_RULES = frozenset("after participle coordinated according interjected before".split())
# Whether the labeller also reads lexicon cues no rule read (candidates of its
# own, rule "labeller"): on dev +0.006 e2e F1 (37 more right quotes, 29 more
# wrong ones; variant B of docs/extraction.md) for about 30% of its time.
LABEL_UNRULED_CUES = True
# A candidate of the labeller's own needs this many content words.
MIN_CONTENT_WORDS = 2
_EDGE_PUNCT = ",.;:-\u2013\u2014"


def _trim(tokens: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """Drop edge punctuation, keeping quotation marks."""
    while lo < hi and not tokens[lo].is_word and tokens[lo].text in _EDGE_PUNCT:
        lo += 1
    while hi > lo and not tokens[hi - 1].is_word and tokens[hi - 1].text in _EDGE_PUNCT:
        hi -= 1
    return lo, hi


def _char_spans(tokens: list[Token], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for lo, hi in runs:
        lo, hi = _trim(tokens, lo, hi)
        if hi > lo and any(t.is_word for t in tokens[lo:hi]):
            out.append((tokens[lo].start, tokens[hi - 1].end))
    return out


def _words(tokens: list[Token], runs: list[tuple[int, int]]) -> int:
    return sum(1 for lo, hi in runs for t in tokens[lo:hi] if t.is_word)


def _cue_index(tokens: list[Token], cand: Candidate) -> int | None:
    if cand.cue is None:
        return None
    start = cand.cue.start
    return next((k for k, t in enumerate(tokens) if t.start == start), None)


def rule_readings(tokens: list[Token], candidates: list[Candidate]) -> dict[int, RuleReading]:
    """The first rule candidate's reading of each cue token (what the labeller sees of the rules)."""
    out: dict[int, RuleReading] = {}
    for cand in candidates:
        k = _cue_index(tokens, cand)
        if k is None or k in out:
            continue
        source = (cand.mention.first, cand.mention.last) if cand.mention is not None else None
        out[k] = RuleReading(cand.pattern, tuple(cand.spans), source)
    return out


def _all_quoted(regions: list[tuple[int, int]], reading: RuleReading) -> bool:
    """A direct quotation: the rules' spans are right, the labeller need not read it."""
    return bool(reading.content) and all(
        any(rs <= s and e <= re for rs, re in regions) for s, e in reading.content
    )


def anchor_points(
    tokens: list[Token],
    quoted: list[bool],
    strength: list[float],
    readings: dict[int, RuleReading],
    regions: list[QuoteRegion],
) -> list[int]:
    """The tokens the labeller reads: cues of the rules it settles, and lexicon cues no rule read."""
    doubles = [(r.start, r.end) for r in regions if r.quotation]
    ruled = [k for k, r in readings.items() if r.pattern in SETTLED_RULES and not _all_quoted(doubles, r)]
    if not LABEL_UNRULED_CUES:
        return sorted(ruled)
    own = {k for k in anchors(tokens, quoted, strength) if k not in readings}
    return sorted(set(ruled) | own)


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def label_sentence(
    labeller: Labeller, sentence: Sentence, regions: list[QuoteRegion], candidates: list[Candidate]
) -> list[Candidate]:
    """The rules' candidates with the labeller's boundaries, plus the labeller's own."""
    tokens = sentence.tokens
    if not candidates and not LABEL_UNRULED_CUES:
        return candidates  # nothing to read: most sentences of a news text
    strength = strengths(tokens)
    if not candidates and max(strength, default=0.0) < MIN_ANCHOR_STRENGTH:
        return candidates
    quoted = quoted_mask(tokens, regions)
    readings = rule_readings(tokens, candidates)
    points = anchor_points(tokens, quoted, strength, readings, regions)
    if not points:
        return candidates
    base = token_features(tokens, quoted, strength)
    labellings = {k: labeller.read(tokens, base, k, readings.get(k)) for k in points}
    out: list[Candidate] = []
    for cand in candidates:
        k = _cue_index(tokens, cand)
        labelling = labellings.get(k) if k is not None else None
        if labelling is None:
            out.append(cand)
            continue
        spans = _char_spans(tokens, labelling.content)
        if not spans:
            cand.labelled = "none"
        elif sorted(spans) == sorted(cand.spans):
            cand.labelled = "same"
        elif cand.pattern in SETTLED_RULES and _overlaps(spans, cand.spans):
            cand.spans = spans
            cand.labelled = "moved"
        else:
            cand.labelled = "other"
        out.append(cand)
    for k in points:
        if k in readings:
            continue
        own = _own_candidate(sentence, labellings[k])
        if own is not None:
            out.append(own)
    return out


def _own_candidate(sentence: Sentence, labelling: Labelling) -> Candidate | None:
    """A candidate for an anchor no rule read: the labeller's source, cue and content."""
    tokens = sentence.tokens
    if labelling.source is None or _words(tokens, labelling.content) < MIN_CONTENT_WORDS:
        return None
    spans = _char_spans(tokens, labelling.content)
    if not spans:
        return None
    lo, hi = labelling.source
    while lo < hi and tokens[lo].text in ALL_QUOTES + _EDGE_PUNCT:
        lo += 1
    if hi <= lo:
        return None
    start, end = tokens[lo].start, tokens[hi - 1].end
    mention = Mention(lo, hi - 1, start, end, sentence.text[start:end], mention_kind(tokens, lo, hi))
    cue = tokens[labelling.anchor]
    cue_end = tokens[labelling.cue[1] - 1].end if labelling.cue[1] > labelling.anchor else cue.end
    return Candidate(
        spans,
        mention,
        cue,
        cue_end,
        cue_strength(cue.lower),
        "labeller",
        sentence,
        labelled="own",
    )
