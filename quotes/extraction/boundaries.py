"""Where reported content ends: a learned choice among clause boundaries.

``X criticized Clinton for her vote, and ...``: the rules read the content up
to the sentence's end; the annotated corpus often ends it earlier, at a
comma, a conjunction or a preposition. For each such boundary (and the
sentence's end) a logistic model scores "the content ends here", and the
best-scoring one wins. ``data/boundaries.json`` (feature names and weights)
is trained on the PolNeAR train split by ``train_boundaries.py``; without it
the content runs to the end of the sentence as before.
"""

from __future__ import annotations

import json
import math
from contextvars import ContextVar
from functools import lru_cache
from itertools import repeat

from quotes.extraction.lexicon import CLAUSE_FORMS, DATA_DIR, DETERMINERS, PERSONAL_PRONOUNS
from quotes.extraction.text import ALL_QUOTES, Token

BOUNDARY_PATH = DATA_DIR / "boundaries.json"
BOUNDARY_WORDS = frozenset(
    ", ; - \u2013 \u2014 ( and but or in on at for to with by from after before as when while "
    "because since which who whose where including amid over against during".split()
)
_OPEN = '"\u201c\u00ab\u201e'
_CLOSE = '"\u201d\u00bb'


# Whether the engine call in progress ends contents with the learned model
# (``LearnedModels.content_ends``, set by ``models.models_in_use``): off while the training
# script reads the rules' full spans.
CONTENT_ENDS_IN_USE: ContextVar[bool] = ContextVar("content_ends_in_use", default=True)


def _shape(tok: Token | None) -> str:
    if tok is None:
        return "none"
    low = tok.lower
    if low in BOUNDARY_WORDS or low in DETERMINERS or low in PERSONAL_PRONOUNS:
        return low
    if not tok.is_word:
        return "quote" if tok.text in ALL_QUOTES else "punct"
    if tok.is_capitalized:
        return "Cap"
    if low.endswith("ing"):
        return "ing"
    if low.endswith("ed"):
        return "ed"
    return "low"


def _bucket(n: int) -> str:
    for edge in (1, 2, 4, 7, 12, 20):
        if n <= edge:
            return f"<={edge}"
    return ">20"


def positions(tokens: list[Token], lo: int, hi: int) -> list[int]:
    """Token indices the content may end before, outside quotation marks; ``hi`` last."""
    found = []
    depth = 0
    for k in range(lo, hi):
        tok = tokens[k]
        if tok.text in _OPEN or (tok.text == '"' and depth == 0):
            depth += 1
            continue
        if tok.text in _CLOSE or tok.text == '"':
            depth = max(0, depth - 1)
            continue
        if depth == 0 and k > lo and tok.lower in BOUNDARY_WORDS:
            found.append(k)
    found.append(hi)
    return found


def word_counts(tokens: list[Token], lo: int, hi: int) -> list[int]:
    """``counts[k - lo]`` is the number of words in tokens[lo:k], for k in lo..hi."""
    counts = [0]
    for k in range(lo, hi):
        counts.append(counts[-1] + tokens[k].is_word)
    return counts


def features(
    tokens: list[Token],
    lo: int,
    k: int,
    hi: int,
    cue: str,
    introduced: bool,
    ordinal: int,
    counts: list[int] | None = None,
) -> list[str]:
    """The features of "the content tokens[lo:hi] ends before k".

    ``counts`` (from ``word_counts(tokens, lo, hi)``) makes each call constant
    time; without it the words are counted here.
    """
    word = tokens[k].lower if k < hi else "END"
    nxt = _shape(tokens[k + 1]) if k + 1 < hi else "none"
    prev = _shape(tokens[k - 1]) if k - 1 >= lo else "none"
    if counts is None:
        counts = word_counts(tokens, lo, hi)
    before = counts[k - lo]
    after = counts[hi - lo] - before
    clause = "clause" if cue in CLAUSE_FORMS else "other"
    that = "that" if introduced else "bare"
    return [
        "bias",
        f"w={word}",
        f"w|next={word}|{nxt}",
        f"w|next2={word}|{nxt}|{_shape(tokens[k + 2]) if k + 2 < hi else 'none'}",
        f"w|prev={word}|{prev}",
        f"w|prev2={word}|{prev}|{_shape(tokens[k - 2]) if k - 2 >= lo else 'none'}",
        f"w|cue={word}|{clause}",
        f"w|that={word}|{that}",
        f"before={_bucket(before)}",
        f"after={_bucket(after)}",
        f"w|before={word}|{_bucket(before)}",
        f"ordinal={min(ordinal, 4)}",
        f"w|cueword={word}|{cue}",
        f"w|after={word}|{_bucket(after)}",
        f"w|ordinal={word}|{min(ordinal, 4)}",
        f"cue={clause}",
        f"that={that}",
    ]


@lru_cache(maxsize=1)
def load_weights() -> dict[str, float] | None:
    if not BOUNDARY_PATH.exists():
        return None
    data = json.loads(BOUNDARY_PATH.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["weights"].items()}


def _score(weights: dict[str, float], feats: list[str]) -> float:
    z = max(-30.0, min(30.0, sum(map(weights.get, feats, repeat(0.0)))))
    return 1.0 / (1.0 + math.exp(-z))


def choose_end(tokens: list[Token], lo: int, hi: int, cue: str, introduced: bool) -> int:
    """The token index the content of tokens[lo:hi] most likely ends before."""
    weights = load_weights() if CONTENT_ENDS_IN_USE.get() else None
    if weights is None or hi - lo < 3:
        return hi
    ends = positions(tokens, lo, hi)
    counts = word_counts(tokens, lo, hi)
    scored = [
        (_score(weights, features(tokens, lo, k, hi, cue, introduced, n, counts)), k)
        for n, k in enumerate(ends)
    ]
    return max(scored)[1]
