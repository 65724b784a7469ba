"""The engine's entry point: text in, attributed quotes out.

Pipeline per document: paragraphs -> quotation regions -> sentences that
never split a quotation -> attribution rules per sentence (attribution.py)
-> floating quotes (a quoted paragraph with no cue continues the previous
speaker) -> speaker resolution (speakers.py) -> confidence -> overlap
removal. Pure Python, no I/O, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.extraction.attribution import Candidate, announcing_cue, attributions
from quotes.extraction.mentions import Mention
from quotes.extraction.speakers import Resolution, SpeakerResolver
from quotes.extraction.text import (
    ALL_QUOTES,
    QuoteRegion,
    Sentence,
    paragraphs,
    quote_regions,
    sentences,
)
from quotes.extraction.types import ExtractedQuote, KnownSpeaker, QuoteKind

ENGINE_VERSION = "1.0.0"
MIN_CONFIDENCE = 0.3
_EDGE = ALL_QUOTES + " \t\r\n.,;:!?-\u2013\u2014()[]"


def extract_quotes(text: str, known_speakers: Sequence[KnownSpeaker] = ()) -> list[ExtractedQuote]:
    """Find the attributed quotes in ``text``, ordered by position."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    resolver = SpeakerResolver(known_speakers)
    quotes: list[ExtractedQuote] = []
    last: _LastSpeaker | None = None
    announced: Candidate | None = None
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        regions = quote_regions(text, p_start, p_end)
        skip = [(r.start, r.end) for r in regions]
        if announced is not None:
            quote = _announced_quotation(text, announced, regions, p_start, resolver)
            announced = None
            if quote is not None:
                quotes.append(quote)
                resolver.note_speaker(quote.speaker)
                last = _LastSpeaker(quote, number)
                continue
        split = sentences(text, p_start, p_end, regions, number)
        if split and split[-1].tokens and split[-1].tokens[-1].text == ":":
            announced = announcing_cue(split[-1])
        for sentence in split:
            resolver.observe(sentence.tokens, skip)
            candidates = attributions(sentence, regions)
            if not candidates:
                floating = _floating(text, sentence, regions, last, quotes)
                if floating is not None:
                    quotes.append(floating)
                continue
            for cand in candidates:
                quote = _build(text, cand, regions, resolver)
                if quote is None:
                    continue
                quotes.append(quote)
                if cand.mention is not None:
                    resolver.note_speaker(quote.speaker)
                    last = _LastSpeaker(quote, number)
    for quote in quotes:
        # A headline may name "Pashinyan" before the text says "Nikol Pashinyan".
        if quote.speaker:
            quote.speaker = resolver.full_name(quote.speaker)
    return _remove_overlaps(text, quotes)


def _announced_quotation(
    text: str, cand: Candidate, regions: list[QuoteRegion], p_start: int, resolver: SpeakerResolver
) -> ExtractedQuote | None:
    """``He said:`` closing one paragraph and the quotation opening the next."""
    region = next((r for r in regions if r.double and r.start == p_start), None)
    if region is None:
        return None
    cand.spans = [(region.start, region.end)]
    return _build(text, cand, regions, resolver)


class _LastSpeaker:
    __slots__ = ("quote", "paragraph")

    def __init__(self, quote: ExtractedQuote, paragraph: int) -> None:
        self.quote = quote
        self.paragraph = paragraph


def _build(
    text: str, cand: Candidate, regions: list[QuoteRegion], resolver: SpeakerResolver
) -> ExtractedQuote | None:
    spans = sorted(cand.spans)
    if not spans:
        return None
    mention: Mention | None = cand.mention
    resolution = Resolution(None, "")
    if mention is not None:
        resolution = resolver.resolve(mention, cand.sentence.tokens, text)
    kind = _kind(text, spans, regions)
    confidence = _confidence(cand, kind, mention, resolution)
    if confidence < MIN_CONFIDENCE:
        return None
    start, end = spans[0][0], spans[-1][1]
    return ExtractedQuote(
        start=start,
        end=end,
        text=_fragments(text, spans),
        kind=kind,
        spans=spans,
        speaker=resolution.name,
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
        speaker_title=resolution.title,
        cue=text[cand.cue.start : cand.cue_end] if cand.cue else None,
        cue_start=cand.cue.start if cand.cue else None,
        cue_end=cand.cue_end if cand.cue else None,
        confidence=confidence,
        rule=cand.pattern + ("+that" if cand.had_complementizer else ""),
    )


def _fragments(text: str, spans: list[tuple[int, int]]) -> str:
    """The quote as a reader sees it: fragments joined with an ellipsis."""
    return " \u2026 ".join(text[s:e] for s, e in spans)


def _kind(text: str, spans: list[tuple[int, int]], regions: list[QuoteRegion]) -> QuoteKind:
    """direct when the content is all inside quotation marks, mixed when partly."""
    covered = 0
    total = 0
    for s, e in spans:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        total += e - s
        for r in regions:
            lo, hi = max(s, r.start), min(e, r.end)
            if hi > lo:
                covered += hi - lo
    if total == 0 or covered == 0:
        return "indirect"
    if covered >= total:
        return "direct"
    return "mixed"


def _confidence(cand: Candidate, kind: QuoteKind, mention: Mention | None, resolution: Resolution) -> float:
    """Surest first: a strong cue, quotation marks and a named speaker raise it.

    A weak cue (a word that is seldom an attribution), content read after the
    cue without "that" or a colon, an unresolved pronoun and a floating quote
    lower it.
    """
    score = 0.3 + 0.5 * min(cand.strength, 1.0)
    if kind != "indirect":
        score += 0.12
    if cand.pattern == "after" and not cand.had_complementizer:
        score -= 0.1 if cand.strength >= 0.7 else 0.2
    if mention is not None and mention.kind == "name":
        score += 0.05
    if mention is not None and resolution.name is None:
        score -= 0.1
    if cand.pattern == "floating":
        score = 0.45
    return round(max(0.0, min(score, 0.99)), 3)


def _floating(
    text: str,
    sentence: Sentence,
    regions: list[QuoteRegion],
    last: _LastSpeaker | None,
    quotes: list[ExtractedQuote],
) -> ExtractedQuote | None:
    """A sentence that is all quotation, with no cue, continues the last speaker."""
    if last is None or sentence.paragraph - last.paragraph > 1:
        return None
    region = next((r for r in regions if r.start <= sentence.start and r.end >= sentence.end - 1), None)
    if region is None or not region.double:
        return None
    words = sum(1 for t in sentence.tokens if t.is_word)
    if words < 3:
        return None
    start, end = sentence.start, min(sentence.end, region.end)
    prev = last.quote
    if prev.kind == "direct" and sentence.paragraph == last.paragraph and quotes and quotes[-1] is prev:
        # "A," he said. "B." -- one quotation in two fragments.
        prev.spans.append((start, end))
        prev.end = end
        prev.text = _fragments(text, prev.spans)
        return None
    return ExtractedQuote(
        start=start,
        end=end,
        text=text[start:end],
        kind="direct",
        spans=[(start, end)],
        speaker=prev.speaker,
        speaker_start=prev.speaker_start,
        speaker_end=prev.speaker_end,
        speaker_title=prev.speaker_title,
        cue=None,
        confidence=0.45,
        rule="floating",
    )


def _chars(quote: ExtractedQuote) -> set[int]:
    out: set[int] = set()
    for s, e in quote.spans:
        out.update(range(s, e))
    return out


def _remove_overlaps(text: str, quotes: list[ExtractedQuote]) -> list[ExtractedQuote]:
    """Of two quotes that cover mostly the same characters, keep the surer one."""
    kept: list[ExtractedQuote] = []
    # Index kept quotes by 1,000-character bucket so that a long article
    # compares each quote only with its neighbours, not with every other.
    buckets: dict[int, list[tuple[ExtractedQuote, set[int]]]] = {}
    for quote in sorted(quotes, key=lambda q: -q.confidence):
        chars = _chars(quote)
        if not chars:
            continue
        near = range(quote.start // _BUCKET, quote.end // _BUCKET + 1)
        others = [other for b in near for _, other in buckets.get(b, [])]
        if any(len(chars & other) / len(chars | other) >= 0.5 for other in others):
            continue
        kept.append(quote)
        for b in near:
            buckets.setdefault(b, []).append((quote, chars))
    return sorted(kept, key=lambda q: (q.start, q.end))


_BUCKET = 1000
