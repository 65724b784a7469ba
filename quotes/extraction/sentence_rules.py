"""Rules read once per sentence: a quotation first, a dash signature, a colon label."""

from __future__ import annotations

from quotes.extraction.candidate import OPENING_MARKS, Candidate, char_span, is_mark, overlaps_found
from quotes.extraction.content_bounds import continuation, skip_adverbial, trim, word_count
from quotes.extraction.lexicon import (
    ABBREVIATIONS,
    AUXILIARIES,
    DETERMINERS,
    PERSONAL_PRONOUNS,
    cue_strength,
)
from quotes.extraction.mentions import Mention
from quotes.extraction.text import ALL_QUOTES, QuoteRegion, Sentence, Token


def quote_first(sentence: Sentence, regions: list[QuoteRegion], found: list[Candidate]) -> Candidate | None:
    """``"...," Rep. Jim Jordan (R-Ohio), a panel member, said.`` -- source between quote and cue."""
    tokens = sentence.tokens
    region = next((r for r in regions if r.quotation and r.closed and r.start == sentence.start), None)
    if region is None or overlaps_found(found, region.start, region.end):
        return None
    k = next((i for i, t in enumerate(tokens) if t.start >= region.end), None)
    if k is None or not tokens[k].is_word:
        return None
    for i in range(k + 1, min(len(tokens), k + 45)):
        tok = tokens[i]
        if tok.text in ALL_QUOTES or tok.text in ";!?":
            return None
        if tok.text == "." and not (
            i > 0 and (tokens[i - 1].lower in ABBREVIATIONS or len(tokens[i - 1].text) == 1)
        ):
            return None
        strength = cue_strength(tok.lower)
        if strength < 0.3 or tok.is_capitalized:
            continue
        last = k
        while (
            last + 1 < i and tokens[last + 1].text not in ",(" and tokens[last + 1].lower not in AUXILIARIES
        ):
            last += 1
        src = Mention(
            k,
            last,
            tokens[k].start,
            tokens[last].end,
            sentence.text[tokens[k].start : tokens[last].end],
            _mention_kind(tokens, k, last),
        )
        lo = 0
        hi = k
        while hi > lo and tokens[hi - 1].text == ",":
            hi -= 1
        spans = [char_span(tokens, lo, hi)] + continuation(tokens, skip_adverbial(tokens, i + 1))
        return Candidate(spans, src, tok, tok.end, strength, "quote-first", sentence)
    return None


def _mention_kind(tokens: list[Token], first: int, last: int) -> str:
    """``"...," she said at ...``: a lone pronoun is resolved as one, not kept as a description."""
    if first == last and tokens[first].lower in PERSONAL_PRONOUNS:
        return "pronoun"
    return "name" if tokens[first].is_capitalized else "description"


_DASHES = "―—–-"


def dash_signature(
    sentence: Sentence, regions: list[QuoteRegion], found: list[Candidate]
) -> Candidate | None:
    """``"..." -- Jane Doe`` at the end of a paragraph: a signed quotation."""
    tokens = sentence.tokens
    for r in regions:
        if (
            not r.quotation
            or r.start < sentence.start
            or r.end > sentence.end
            or overlaps_found(found, r.start, r.end)
        ):
            continue
        k = next((i for i, t in enumerate(tokens) if t.start >= r.end), None)
        if k is None or tokens[k].text not in _DASHES or k + 1 >= len(tokens):
            continue
        names = tokens[k + 1 :]
        words = [t for t in names if t.is_word]
        if not words or len(words) > 8 or not words[0].is_capitalized:
            continue
        last = k + 1
        while last + 1 < len(tokens) and tokens[last + 1].text not in ".,;":
            last += 1
        src = Mention(
            k + 1,
            last,
            tokens[k + 1].start,
            tokens[last].end,
            sentence.text[tokens[k + 1].start : tokens[last].end],
            "name",
        )
        return Candidate([(r.start, r.end)], src, tokens[k], tokens[k].end, 0.8, "dash", sentence)
    return None


_LABELS = frozenset(
    "read more photo photos note update updated source sources editor's editor’s related watch "
    "video correction credit image caption see also contact email tags subscribe advertisement "
    "q a question answer".split()
)


def colon_label(sentence: Sentence, regions: list[QuoteRegion], found: list[Candidate]) -> Candidate | None:
    """``PENCE: ...`` (transcripts) and ``Pashinyan: "..."`` (headlines)."""
    tokens = sentence.tokens
    if found or len(tokens) < 5:
        return None
    k0 = 1 if tokens[0].text in ALL_QUOTES else 0
    colon = next((i for i, t in enumerate(tokens[: k0 + 7]) if t.text == ":"), None)
    if colon is None:
        return _cited_label(sentence)
    if colon == k0:
        return None
    label = tokens[k0:colon]
    words = [t for t in label if t.is_word]
    if not words or not all(t.is_capitalized for t in words):
        return _cited_label(sentence)
    if " ".join(t.lower for t in words) in _LABELS or words[0].lower in _LABELS:
        return None
    lo, hi = trim(tokens, colon + 1, len(tokens))
    if word_count(tokens, lo, hi) < 3:
        return None
    return _labelled(sentence, k0, colon, (lo, hi), "name")


_LABEL_OPENERS = frozenset("- \u2013 \u2014 from".split())


def _cited_label(sentence: Sentence) -> Candidate | None:
    """``HEADLINE - Jeffrey M. Jones: "..."`` and ``More from the report: "..."``."""
    tokens = sentence.tokens
    n = len(tokens)
    colon = next(
        (
            i
            for i, t in enumerate(tokens)
            if t.text == ":" and i + 1 < n and is_mark(tokens[i + 1], OPENING_MARKS)
        ),
        None,
    )
    if colon is None or colon < 2:
        return None
    opener = next(
        (k for k in range(colon - 1, max(-1, colon - 8), -1) if tokens[k].lower in _LABEL_OPENERS), None
    )
    if opener is None or opener + 1 >= colon:
        return None
    words = [t for t in tokens[opener + 1 : colon] if t.is_word]
    named = all(t.is_capitalized for t in words)
    described = tokens[opener].lower == "from" and len(words) <= 3 and words and words[0].lower in DETERMINERS
    if not words or not (named or described):
        return None
    lo, hi = trim(tokens, colon + 1, n)
    if word_count(tokens, lo, hi) < 3:
        return None
    return _labelled(sentence, opener + 1, colon, (lo, hi), "name" if named else "description")


def _labelled(sentence: Sentence, first: int, colon: int, content: tuple[int, int], kind: str) -> Candidate:
    """The candidate of ``LABEL: CONTENT``: tokens[first:colon] speak."""
    tokens = sentence.tokens
    start, end = tokens[first].start, tokens[colon - 1].end
    src = Mention(first, colon - 1, start, end, sentence.text[start:end], kind)
    return Candidate(
        [char_span(tokens, *content)], src, tokens[colon], tokens[colon].end, 0.6, "colon", sentence
    )
