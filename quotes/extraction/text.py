"""Tokens, paragraphs, quotation regions and sentences, all with offsets.

Everything here works on Python string indices into the original text, so
that every span the engine reports points back into the article exactly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from quotes.extraction.lexicon import ABBREVIATIONS, REPORTING_FORMS

# Opening and closing double quotation marks. Straight marks toggle.
DOUBLE_OPEN = "\u201c\u201e\u00ab\u201f"
DOUBLE_CLOSE = "\u201d\u00bb"
SINGLE_OPEN = "\u2018\u2039"
SINGLE_CLOSE = "\u2019\u203a"
ALL_QUOTES = "\"'" + DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S. / a.m.
    r"|\w+(?:[\u2019'\-]\w+)*(?:[\u2019']s)?"  # words, don't, Trump's, Russian-led
    r"|''|``"  # doubled apostrophes used as quote marks in wire archives
    r"|[^\w\s]",
    re.UNICODE,
)


@dataclass(slots=True)
class Token:
    """One token; never changed once read (not frozen: a frozen dataclass is five times slower to make)."""

    start: int
    end: int
    text: str
    lower: str
    is_word: bool = False
    is_capitalized: bool = False

    @classmethod
    def read(cls, start: int, end: int, text: str, lower: str) -> Token:
        return cls(start, end, text, lower, text[0].isalnum(), text[0].isupper())


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """A quoted span: ``start`` is at the opening mark, ``end`` after the closing one.

    ``quotation`` is True for a quotation (double marks, or single marks in a text that quotes
    with them, see ``quotes_with_single_marks``) and False for single marks in a text that
    quotes with double ones: a quotation within a quotation, a title or a scare quote.
    """

    start: int
    end: int
    closed: bool
    quotation: bool


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    tokens: list[Token]
    paragraph: int
    text: str  # the whole document (a reference, not a copy)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    tokens = []
    for m in _TOKEN_RE.finditer(text, start, stop):
        word = m.group()
        first = word[0]
        lower = _normal_form(text, m.start(), word) if first == "\u201c" else word.lower()
        tokens.append(Token(m.start(), m.end(), word, lower, first.isalnum(), first.isupper()))
    return tokens


def _normal_form(text: str, at: int, token: str) -> str:
    """Lower case; a \u201c that closes a \u201e quotation reads as a closing mark."""
    if token == "\u201c" and at > 0 and not text[at - 1].isspace():
        return "\u201d"
    return token.lower()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, trimmed of surrounding white space."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


_DOUBLE_MARK_RE = re.compile("''|[\"" + DOUBLE_OPEN + DOUBLE_CLOSE + "]")


def quote_regions(text: str, start: int, end: int, single_quotations: bool = False) -> list[QuoteRegion]:
    """Pair the quotation marks of one paragraph.

    Double marks are paired first; an opening mark met while a quotation is
    already open restarts it, so one stray mark never swallows the rest of
    the paragraph. A quotation still open at the paragraph's end is kept as
    unclosed: news style re-opens a quote at each paragraph it runs over.
    Single marks count only outside double quotations and only where they
    cannot be apostrophes. With ``single_quotations`` (a text that quotes with
    single marks) they are the quotations, a single quotation opening the
    paragraph may run to its end, and double marks inside one are a quotation
    within it.
    """
    regions: list[QuoteRegion] = []
    open_at = -1
    skip_to = start
    for m in _DOUBLE_MARK_RE.finditer(text, start, end):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if ch == "'":
            # Doubled apostrophes: an opener after space, a closer otherwise.
            if open_at < 0 and not _is_word_char(prev):
                open_at = i
            elif open_at >= 0:
                regions.append(QuoteRegion(open_at, i + 2, True, True))
                open_at = -1
            skip_to = i + 2
            continue
        if ch == '"':
            if open_at < 0:
                open_at = i
            elif _is_word_char(nxt) and not _is_word_char(prev) and prev not in ",.;:!?":
                open_at = i  # looks like a new opener: the earlier one was stray
            else:
                regions.append(QuoteRegion(open_at, i + 1, True, True))
                open_at = -1
        elif ch == "\u201c" and open_at >= 0 and text[open_at] == "\u201e":
            regions.append(QuoteRegion(open_at, i + 1, True, True))  # German „…“
            open_at = -1
        elif ch in DOUBLE_OPEN:
            open_at = i
        elif ch in DOUBLE_CLOSE:
            if open_at >= 0:
                regions.append(QuoteRegion(open_at, i + 1, True, True))
                open_at = -1
            elif _is_word_char(nxt) and not _is_word_char(prev):
                open_at = i  # a closing mark typed as an opener
    if open_at >= 0 and end - open_at > 1:
        regions.append(QuoteRegion(open_at, end, False, True))
    singles = _single_regions(text, start, end, regions, single_quotations)
    if not single_quotations or not singles:
        return regions + singles
    # Quotations never overlap: a double one inside a single one is a quotation within it,
    # and so is a single one left inside a double one (a text that mixes the two).
    inner = [r for r in regions if any(q.start < r.start and r.end <= q.end for q in singles)]
    outer = [r for r in regions if r not in inner]
    nested = [q for q in singles if any(r.start < q.start and q.end <= r.end for r in outer)]
    demoted = [QuoteRegion(r.start, r.end, r.closed, False) for r in inner + nested]
    return outer + [q for q in singles if q not in nested] + demoted


# A first paragraph up to this long is read as the headline.
HEADLINE_CHARS = 200


def paragraph_regions(text: str, spans: list[tuple[int, int]]) -> Iterator[list[QuoteRegion]]:
    """Each paragraph's quotation regions (``spans`` from ``paragraphs``), in order.

    Single marks are quotations in a text that quotes with them and in the headline
    (``Truss: ‘I will not back down’``), whatever the text does.
    """
    plain = [quote_regions(text, start, end) for start, end in spans]
    single_quotations = _single_marks_outnumber(text, plain)
    for number, ((start, end), regions) in enumerate(zip(spans, plain)):
        headline = number == 0 and end - start <= HEADLINE_CHARS
        # The regions as read for the text's style, read again only where single marks count.
        yield quote_regions(text, start, end, True) if single_quotations or headline else regions


# A single quotation of at least this many words, in a text with fewer double quotations
# than single ones, says the text quotes with single marks.
_SINGLE_QUOTATION_WORDS = 3


def quotes_with_single_marks(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the text quotes with single marks (‘We will,’ she said), as many British,
    Irish and Australian outlets do, rather than with double ones.

    True when its single-mark spans of a few words outnumber its double quotations. In a text
    that quotes with double marks, single ones are titles, scare quotes or nested quotations,
    and fewer: of the 924 PolNeAR articles one has more (a news digest with no double
    quotation and one single-quoted title), and what the engine finds in it is unchanged.
    """
    return _single_marks_outnumber(text, [quote_regions(text, start, end) for start, end in spans])


def _single_marks_outnumber(text: str, paragraphs_regions: list[list[QuoteRegion]]) -> bool:
    """``quotes_with_single_marks`` from each paragraph's regions as read for double marks."""
    doubles = singles = 0
    for regions in paragraphs_regions:
        for r in regions:
            if r.quotation:
                doubles += 1
            elif len(text[r.start : r.end].split()) >= _SINGLE_QUOTATION_WORDS:
                singles += 1
    return singles > doubles


class RegionIndex:
    """A paragraph's quotation regions, found by position in logarithmic time.

    ``within(start, end)`` lists the regions overlapping [start, end) in the
    order ``quote_regions`` returned them, so that a rule reading one
    sentence never scans the whole paragraph's quotations.
    """

    def __init__(self, regions: list[QuoteRegion]) -> None:
        self.regions = regions
        order = sorted(range(len(regions)), key=lambda n: regions[n].start)
        self._order = order
        self._starts = [regions[n].start for n in order]
        self._reach: list[int] = []  # the furthest end of any region up to here, in start order
        for n in order:
            self._reach.append(max(regions[n].end, self._reach[-1] if self._reach else 0))

    def within(self, start: int, end: int) -> list[QuoteRegion]:
        k = bisect_left(self._starts, end) - 1
        hits = []
        while k >= 0 and self._reach[k] > start:
            n = self._order[k]
            if self.regions[n].end > start:
                hits.append(n)
            k -= 1
        return [self.regions[n] for n in sorted(hits)]


_SINGLE_MARK_RE = re.compile("[\u2018\u2019'\u2039\u203a]")


def _single_regions(
    text: str, start: int, end: int, doubles: list[QuoteRegion], quotations: bool = False
) -> list[QuoteRegion]:
    """Single-mark spans outside double quotations, as quotations when ``quotations``.

    A closing mark after an ``s`` and before a word (``the voters’ choice``) is more often a
    plural's apostrophe: the span closes there only when no unambiguous closing mark
    follows before the next opening one.
    """
    found: list[QuoteRegion] = []
    inside = sorted((r.start, r.end) for r in doubles)  # never overlapping
    at = 0
    open_at = -1
    maybe_close = -1
    for m in _SINGLE_MARK_RE.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        while at < len(inside) and inside[at][1] <= i:
            at += 1
        if at < len(inside) and inside[at][0] < i and not quotations:
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if ch in "\u2018\u2039'" and _is_word_char(nxt) and not _is_word_char(prev):
            if maybe_close >= 0:
                found.append(QuoteRegion(open_at, maybe_close + 1, True, quotations))
                maybe_close = -1
            open_at = i
        elif open_at >= 0 and ch in "\u2019\u203a'" and not _is_word_char(nxt):
            if quotations and prev in "sS" and _word_follows(text, i + 1, end):
                maybe_close = i if maybe_close < 0 else maybe_close
                continue
            found.append(QuoteRegion(open_at, i + 1, True, quotations))
            open_at = -1
            maybe_close = -1
    if maybe_close >= 0:
        found.append(QuoteRegion(open_at, maybe_close + 1, True, quotations))
    elif quotations and open_at >= 0 and end - open_at > 1 and _opens_a_passage(text, start, open_at):
        found.append(QuoteRegion(open_at, end, False, True))  # re-opened in the next paragraph
    return found


def _opens_a_passage(text: str, start: int, at: int) -> bool:
    """Whether a mark at ``at`` opens its paragraph or follows a colon (``He said: ‘...``):
    where a quotation may run on into the next paragraph."""
    before = text[start:at].rstrip()
    return not before or before.endswith(":")


def _word_follows(text: str, i: int, end: int) -> bool:
    """Whether a lower-case word follows position ``i`` after one space."""
    return i + 1 < end and text[i] == " " and text[i + 1].islower()


_SENT_END_RE = re.compile(r"[.!?]+[\"'\u201d\u2019\u00bb)\]]*(?=\s+)|[.!?]+[\"\u201d\u00bb]+")


def sentences(
    text: str, para_start: int, para_end: int, regions: list[QuoteRegion], paragraph: int
) -> list[Sentence]:
    """Split one paragraph into sentences, never inside a closed quotation."""
    protected = sorted((r.start, r.end) for r in regions if r.closed and r.quotation)  # never overlapping
    starts = [s for s, _ in protected]
    cuts = [para_start]
    for m in _SENT_END_RE.finditer(text, para_start, para_end):
        cut = m.end()
        if cut >= para_end:
            continue
        last = bisect_left(starts, m.start()) - 1  # the one quotation that may enclose the mark
        if last >= 0 and cut < protected[last][1]:
            continue
        if not _looks_like_boundary(text, m.start(), cut, para_end):
            continue
        cuts.append(cut)
    cuts.append(para_end)
    out = []
    for s, e in zip(cuts, cuts[1:]):
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            tokens = tokenize(text, s, e)
            if len(tokens) <= MAX_SENTENCE_TOKENS:
                out.append(Sentence(s, e, tokens, paragraph, text))
            else:
                out.extend(Sentence(c[0].start, c[-1].end, c, paragraph, text) for c in _pieces(tokens))
    return out


# The longest annotated sentence in PolNeAR's train split has 282 tokens. A
# longer "sentence" (a transcript without punctuation, a table flattened to
# text) is cut into pieces of at most this many tokens, so that no rule ever
# scans more than this many tokens and time stays linear in the text.
MAX_SENTENCE_TOKENS = 320
_CLAUSE_CUTS = (";", ",", "\u2014", "\u2013", "-", ":")


def _pieces(tokens: list[Token]) -> list[list[Token]]:
    """Cut an overlong sentence after a clause boundary (``;`` first, then ``,``, a dash).

    Each piece has at most MAX_SENTENCE_TOKENS tokens and, when the text
    allows, ends at the last such boundary of its second half and outside
    double quotation marks.
    """
    out: list[list[Token]] = []
    lo = 0
    n = len(tokens)
    while n - lo > MAX_SENTENCE_TOKENS:
        hi = lo + MAX_SENTENCE_TOKENS
        out.append(tokens[lo : _cut_point(tokens, lo, hi)])
        lo += len(out[-1])
    out.append(tokens[lo:])
    return out


def _cut_point(tokens: list[Token], lo: int, hi: int) -> int:
    """The token index to end a piece of tokens[lo:hi] before (after its best boundary)."""
    inside = False
    best: dict[str, int] = {}
    for k in range(lo, hi):
        tok = tokens[k].text
        if tok == '"' or tok in DOUBLE_OPEN or tok in DOUBLE_CLOSE:
            inside = tok in DOUBLE_OPEN or (tok == '"' and not inside)
            continue
        if not inside and tok in _CLAUSE_CUTS and k - lo >= (hi - lo) // 2:
            best[tok] = k + 1
    for mark in _CLAUSE_CUTS:
        if mark in best:
            return best[mark]
    return hi


def _attribution_follows(text: str, start: int, end: int) -> bool:
    """``"...?" Pashinyan said.``: a short clause with a cue ends the quotation's sentence."""
    stop = start
    limit = min(end, start + 90)
    while stop < limit and text[stop] not in ".!?\n":
        stop += 1
    if stop >= limit and limit < end:
        return False
    words = re.findall(r"\w+", text[start:stop])
    return 0 < len(words) <= 12 and any(w in REPORTING_FORMS for w in words)


def _looks_like_boundary(text: str, mark: int, cut: int, end: int) -> bool:
    j = cut
    while j < end and text[j].isspace():
        j += 1
    if j >= end:
        return False
    nxt = text[j]
    if not (nxt.isupper() or nxt.isdigit() or nxt in ALL_QUOTES or nxt in "(["):
        return False
    if text[cut - 1] in ALL_QUOTES and _attribution_follows(text, j, end):
        return False
    if text[mark] != ".":
        return True
    # The word before the full stop: abbreviations and initials do not end sentences.
    k = mark
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:mark].lower()
    if word in ABBREVIATIONS:
        return False
    if len(word) == 1 and text[k].isupper():
        return False
    return True
