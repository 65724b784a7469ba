"""The trained sequence labeller: source, cue and content tokens around one cue.

For each anchor (a token the cue lexicon knows, or the cue of a rule's
candidate) a linear-chain CRF labels every token of the sentence as source
(``S``), cue (``Q``), content (``C``) or nothing (``O``), given that anchor.
Its features are the engine's own signals: the word form and shape, the
cue lexicon's share, quotation marks, clause-boundary words, the position
relative to the anchor, and what the rules read for that anchor (their
rule's name, their content and source spans). One labelling per anchor
handles nested attributions (``X said Y claimed Z``) that a single tagging
of the sentence could not.

``data/labeller.crfsuite`` (python-crfsuite's model: feature names, word
forms and weights, no corpus text) is trained on the PolNeAR train split by
``training/train_labeller.py``. Without it the engine runs on its rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quotes.extraction.boundaries import BOUNDARY_WORDS
from quotes.extraction.lexicon import (
    DATA_DIR,
    DETERMINERS,
    NP_BREAKERS,
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    cue_strengths,
)
from quotes.extraction.text import ALL_QUOTES, QuoteRegion, Token

LABELLER_PATH = DATA_DIR / "labeller.crfsuite"
SOURCE, CUE, CONTENT, OUTSIDE = "S", "Q", "C", "O"
# Anchors no rule read: a word whose lexicon share is at least this. Weaker
# cues seldom give a right candidate (on dev, 0.3 instead of 0.5 labels 257
# more anchors for no better e2e F1: 0.676 against 0.677) and each costs a labelling.
MIN_ANCHOR_STRENGTH = 0.5
# Tokens labelled around an anchor no rule read. Of the annotated source and
# content tokens of PolNeAR's train split, about 85% of those before the cue
# and 98% of those after it lie within; each token costs time.
WINDOW_BEFORE = 12
WINDOW_AFTER = 35
# Around a rule's reading: its content and the cue, this many tokens either side, and its source.
RULE_MARGIN = 3
_CLOSED_CLASS = DETERMINERS | NP_BREAKERS | PERSONAL_PRONOUNS | RELATIVE_PRONOUNS | BOUNDARY_WORDS
_QUOTES = frozenset(ALL_QUOTES) | {"''", "``"}
# Distances from the anchor, in tokens, told apart by the model (farther ones share a bucket).
_DISTANCE_EDGES = (1, 2, 3, 5, 8, 12, 20, 35)


@dataclass(frozen=True, slots=True)
class RuleReading:
    """What a rule read for one anchor: its name, content spans and source tokens."""

    pattern: str
    content: tuple[tuple[int, int], ...]  # character spans
    source: tuple[int, int] | None  # token indices [first, last]


@dataclass(frozen=True, slots=True)
class Labelling:
    """The labeller's reading of one anchor: token index runs, in order."""

    anchor: int
    content: list[tuple[int, int]]  # token index ranges [lo, hi)
    source: tuple[int, int] | None  # token index range [lo, hi) nearest the anchor
    cue: tuple[int, int]  # the cue run holding the anchor, [lo, hi)


def _shape(tok: Token) -> str:
    if not tok.is_word:
        return "quote" if tok.text in _QUOTES else "punct:" + tok.text
    if tok.text[0].isdigit():
        return "digit"
    if tok.text.isupper() and len(tok.text) > 1:
        return "UPPER"
    if tok.is_capitalized:
        return "Cap"
    return "low"


def _distance(d: int) -> str:
    if d == 0:
        return "0"
    sign = "-" if d < 0 else "+"
    a = abs(d)
    for edge in _DISTANCE_EDGES:
        if a <= edge:
            return f"{sign}{edge}"
    return f"{sign}far"


def quoted_mask(tokens: list[Token], regions: Sequence[QuoteRegion]) -> list[bool]:
    """True for the tokens inside (or on the marks of) a double quotation."""
    mask = [False] * len(tokens)
    spans = sorted((r.start, r.end) for r in regions if r.quotation)
    at = 0
    for k, tok in enumerate(tokens):
        while at < len(spans) and spans[at][1] <= tok.start:
            at += 1
        if at < len(spans) and spans[at][0] <= tok.start:
            mask[k] = True
    return mask


@dataclass(frozen=True, slots=True)
class TokenFeatures:
    """Each token's anchor-independent features, made once per sentence and shared by its anchors."""

    common: list[list[str]]
    left: list[str]  # the word, for a token left of the anchor
    right: list[str]  # the word, for a token right of the anchor
    lows: list[str]


_BUCKETS = ("cue=0", "cue=weak", "cue=mid", "cue=strong")


def strengths(tokens: list[Token]) -> list[float]:
    """Each token's cue share in the lexicon (lexicon.cue_strength)."""
    table = cue_strengths()
    return [table.get(t.lower, 0.0) for t in tokens]


def token_features(tokens: list[Token], quoted: list[bool], strength: list[float]) -> TokenFeatures:
    """The anchor-independent features of each token, computed once per sentence."""
    n = len(tokens)
    lows = [t.lower for t in tokens]
    words: list[str] = []
    common: list[list[str]] = []
    for tok, q, s in zip(tokens, quoted, strength):
        key = (tok.text, q, s)
        made = _MADE.get(key)
        if made is None:
            made = _make(tok, q, s)
            if len(_MADE) >= _MADE_LIMIT:
                _MADE.clear()  # bounded memory on any text
            _MADE[key] = made
        words.append(made[0])
        common.append(made[1])
    prev = ["prev=<s>"] + ["prev=" + w for w in words[:-1]]
    nxt = ["next=" + w for w in words[1:]] + ["next=</s>"]
    rows = [c + [p, x] for c, p, x in zip(common, prev, nxt)]
    if n:
        rows[0].append("first")
        rows[-1].append("last")
    return TokenFeatures(rows, ["L|w=" + w for w in words], ["R|w=" + w for w in words], lows)


def _make(tok: Token, quoted: bool, strength: float) -> tuple[str, list[str]]:
    """A token's word class and its own features (the same for every token of that form)."""
    low = tok.lower
    # Capitalised words are names far more often than cue or clause words: one class.
    word = low if not tok.is_capitalized or low in _CLOSED_CLASS else "<Cap>"
    shape = _shape(tok) + ("|1" if quoted else "|0")
    return word, ["w=" + word, "shape=" + shape, _BUCKETS[_bucket_index(strength)]]


_MADE: dict[tuple[str, bool, float], tuple[str, list[str]]] = {}
_MADE_LIMIT = 50_000


def _bucket_index(s: float) -> int:
    if s <= 0.0:
        return 0
    if s < 0.3:
        return 1
    if s < 0.6:
        return 2
    return 3


def window(tokens: list[Token], anchor: int, reading: RuleReading | None) -> tuple[int, int]:
    """The token range [lo, hi) labelled for ``anchor``: around it, and all the rule read."""
    if reading is None:
        return max(0, anchor - WINDOW_BEFORE), min(len(tokens), anchor + WINDOW_AFTER + 1)
    lo, hi = max(0, anchor - RULE_MARGIN), min(len(tokens), anchor + RULE_MARGIN + 1)
    if reading.content:
        first, last = reading.content[0][0], reading.content[-1][1]
        while lo > 0 and tokens[lo - 1].end > first:
            lo -= 1
        while hi < len(tokens) and tokens[hi].start < last:
            hi += 1
        lo, hi = max(0, lo - RULE_MARGIN), min(len(tokens), hi + RULE_MARGIN)
    if reading.source is not None:
        lo = min(lo, reading.source[0])
        hi = max(hi, min(len(tokens), reading.source[1] + 1))
    return lo, hi


_DISTANCES = {d: "d=" + _distance(d) for d in range(-40, 41)}


def anchor_features(
    tokens: list[Token],
    base: TokenFeatures,
    anchor: int,
    reading: RuleReading | None,
    lo: int,
    hi: int,
) -> list[list[str]]:
    """``base`` plus each token's features relative to ``anchor`` and the rule's reading, for tokens[lo:hi]."""
    cue = tokens[anchor].lower
    pattern = reading.pattern if reading is not None else "none"
    # rc/rs: inside the rule's content / source; strings made once per anchor.
    marks = {(rc, rs): f"rule|rc|rs={pattern}|{rc}|{rs}" for rc in "01" for rs in "01"}
    in_content = [False] * (hi - lo)
    if reading is not None:
        for s, e in reading.content:
            for k in range(lo, hi):
                if s <= tokens[k].start < e:
                    in_content[k - lo] = True
    src_lo, src_hi = (reading.source[0], reading.source[1] + 1) if reading and reading.source else (-1, -1)
    left_cue, right_cue = "L|cue=" + cue, "R|cue=" + cue
    left_rule = "L|rule=" + pattern
    # The rule and the commas between a token and the anchor (a clause boundary the content may stop at).
    left_commas = [f"L|rule|commas={pattern}|{n}" for n in range(4)]
    right_commas = [f"R|rule|commas={pattern}|{n}" for n in range(4)]
    that = "that=" + ("1" if anchor + 1 < hi and tokens[anchor + 1].lower in ("that", ":", ",") else "0")
    out: list[list[str]] = []
    commas = 0
    for k in range(anchor - 1, lo - 1, -1):
        if tokens[k].text in ",;":
            commas += 1
        mark = marks["1" if in_content[k - lo] else "0", "1" if src_lo <= k < src_hi else "0"]
        d = _DISTANCES.get(k - anchor, "d=-far")
        out.append(base.common[k] + [base.left[k], d, left_cue, left_commas[min(commas, 3)], mark])
    out.reverse()
    at = [left_rule, that, "anchor=" + cue, marks["1" if in_content[anchor - lo] else "0", "0"]]
    out.append(base.common[anchor] + at)
    commas = 0
    for k in range(anchor + 1, hi):
        mark = marks["1" if in_content[k - lo] else "0", "1" if src_lo <= k < src_hi else "0"]
        d = _DISTANCES.get(k - anchor, "d=+far")
        out.append(base.common[k] + [base.right[k], d, right_cue, right_commas[min(commas, 3)], mark])
        if tokens[k].text in ",;":
            commas += 1
    return out


def anchors(tokens: list[Token], quoted: list[bool], strength: list[float]) -> list[int]:
    """The tokens a labelling is anchored on: lexicon cues outside quotation marks."""
    return [k for k in range(len(tokens)) if strength[k] >= MIN_ANCHOR_STRENGTH and not quoted[k]]


def runs(labels: Sequence[str], label: str) -> list[tuple[int, int]]:
    """Maximal runs [lo, hi) of ``label``."""
    found: list[tuple[int, int]] = []
    start = -1
    for k, lab in enumerate(labels):
        if lab == label and start < 0:
            start = k
        elif lab != label and start >= 0:
            found.append((start, k))
            start = -1
    if start >= 0:
        found.append((start, len(labels)))
    return found


def decode(labels: Sequence[str], anchor: int, offset: int = 0) -> Labelling:
    """Content runs, the source run nearest the anchor, and the anchor's cue run.

    ``labels`` are those of tokens[offset:]; ``anchor`` and the runs returned index ``tokens``.
    """
    if CONTENT not in labels and SOURCE not in labels:
        return Labelling(anchor, [], None, (anchor, anchor + 1))  # the usual answer: no attribution
    at = anchor - offset
    sources = runs(labels, SOURCE)
    source = min(sources, key=lambda r: min(abs(r[0] - at), abs(r[1] - 1 - at))) if sources else None
    cue = next(((lo, hi) for lo, hi in runs(labels, CUE) if lo <= at < hi), (at, at + 1))
    return Labelling(
        anchor,
        [(lo + offset, hi + offset) for lo, hi in runs(labels, CONTENT)],
        (source[0] + offset, source[1] + offset) if source else None,
        (cue[0] + offset, cue[1] + offset),
    )


class Labeller:
    """A trained CRF (python-crfsuite) and how to read one anchor with it."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite  # the engine runs on its rules without it

        self.path = path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def label(self, features: list[list[str]]) -> list[str]:
        return list(self._tagger.tag(features))

    def read(
        self, tokens: list[Token], base: TokenFeatures, anchor: int, reading: RuleReading | None
    ) -> Labelling:
        lo, hi = window(tokens, anchor, reading)
        labels = self.label(anchor_features(tokens, base, anchor, reading, lo, hi))
        return decode(labels, anchor, lo)


def load_labeller(path: Path = LABELLER_PATH) -> Labeller | None:
    """The shipped labeller, or None when its file (or python-crfsuite) is missing."""
    if not path.exists():
        return None
    try:
        return Labeller(path)
    except ImportError:
        return None


def _mention_kind(tokens: list[Token], lo: int, hi: int) -> str:
    first = tokens[lo].lower
    if hi - lo == 1 and first in PERSONAL_PRONOUNS:
        return "pronoun"
    if hi - lo == 1 and first in RELATIVE_PRONOUNS:
        return "relative"
    return "name" if tokens[lo].is_capitalized and first not in DETERMINERS else "description"
