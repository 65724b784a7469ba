"""Blocks of teasers for other articles at the end of a plain-text article.

Scraped articles often end with ``Top stories`` / ``Related`` / ``Read more``
followed by one-sentence headline-like lines ("The Armenian Defense Ministry
has denied ...", "..., said Ian Borg"). Quotes found there are not the
article's: the engine marks them (``ExtractedQuote.boilerplate``) and the
text itself is left as it is, so every offset stays valid.

A block is a short label line (no sentence end, a few words, one of the
usual labels or made of their words) followed by at least MIN_TEASERS
teaser paragraphs (one sentence each, at most MAX_TEASER_CHARS), or by
teasers up to the end of the text; it runs over further labels and teasers
and ends at the first paragraph that is neither.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right

LABELS = frozenset(
    (
        "top stories",
        "top story",
        "related",
        "related stories",
        "related articles",
        "related news",
        "related content",
        "related coverage",
        "read more",
        "read also",
        "also read",
        "see also",
        "more stories",
        "more news",
        "more from",
        "more on this",
        "more on this story",
        "more in",
        "partner news",
        "news from partners",
        "from our partners",
        "recommended",
        "recommended for you",
        "you may also like",
        "you might also like",
        "most read",
        "most popular",
        "popular",
        "trending",
        "trending now",
        "latest news",
        "latest",
        "editor's picks",
        "editors' picks",
        "sponsored",
        "sponsored content",
        "advertisement",
        "other news",
        "in other news",
        "don't miss",
        "must read",
    )
)
# Words a label is made of, for labels not listed: "More top stories", "Latest from Europe".
LABEL_WORDS = frozenset(
    "top stories story related read more also see news partner partners recommended popular "
    "trending latest picks sponsored other must miss from our for you may might like most in "
    "the on this".split()
)
LABEL_HINTS = frozenset(
    "stories story related read news partner recommended popular trending latest picks".split()
)
MAX_LABEL_WORDS = 5
MIN_TEASERS = 2
MAX_TEASER_CHARS = 220
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+[\"'\u201c\u2018(]?[A-Z]")
_WORD = re.compile(r"[\w'\u2019]+")


def is_label(line: str) -> bool:
    """``Top stories``, ``Related``, ``Partner news``: a short heading of a list of links."""
    line = line.strip(" \t\u00a0:|-\u2013\u2014\u2022*#>")
    if not line or len(line) > 40 or line[-1] in '.!?,;"\u201d':
        return False
    words = [w.lower() for w in _WORD.findall(line)]
    if not words or len(words) > MAX_LABEL_WORDS:
        return False
    joined = " ".join(words).replace("\u2019", "'")
    if joined in LABELS:
        return True
    return all(w in LABEL_WORDS for w in words) and any(w in LABEL_HINTS for w in words)


def is_teaser(line: str) -> bool:
    """One sentence of headline length: no sentence end followed by another sentence."""
    line = line.strip()
    return (
        0 < len(line) <= MAX_TEASER_CHARS and len(_WORD.findall(line)) >= 3 and not _SENTENCE_END.search(line)
    )


def boilerplate_blocks(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges of teaser blocks, each from its label's start to its last teaser's end."""
    blocks: list[tuple[int, int]] = []
    n = 0
    while n < len(paragraphs):
        start, end = paragraphs[n]
        if not is_label(text[start:end]):
            n += 1
            continue
        last = n
        teasers = 0
        k = n + 1
        while k < len(paragraphs):
            line = text[paragraphs[k][0] : paragraphs[k][1]]
            if is_label(line):
                last = k
            elif is_teaser(line):
                teasers += 1
                last = k
            else:
                break
            k += 1
        if teasers >= MIN_TEASERS or (teasers and k == len(paragraphs)):
            blocks.append((start, paragraphs[last][1]))
        n = k if k > n + 1 else n + 1
    return blocks


def in_blocks(blocks: list[tuple[int, int]], at: int) -> bool:
    """Whether offset ``at`` lies in one of ``blocks`` (sorted, never overlapping)."""
    k = bisect_right(blocks, (at, math.inf)) - 1
    return k >= 0 and blocks[k][0] <= at < blocks[k][1]
