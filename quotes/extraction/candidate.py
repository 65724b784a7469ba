"""The attribution candidate a rule returns, and the quotation marks the rules read."""

from __future__ import annotations

from dataclasses import dataclass

from quotes.extraction.mentions import Mention
from quotes.extraction.text import Sentence, Token

DOUBLE_CLOSING = '"\u201d\u00bb'
CLOSING_MARKS = "\"'\u201d\u2019\u00bb"
OPENING_MARKS = "\"'\u201c\u2018\u00ab\u201e"


@dataclass
class Candidate:
    spans: list[tuple[int, int]]
    mention: Mention | None
    cue: Token | None
    cue_end: int
    strength: float
    pattern: str
    sentence: Sentence
    had_complementizer: bool = False
    # What the sequence labeller said of it (labelling.py): "" when it did not read it.
    labelled: str = ""


def is_mark(tok: Token, marks: str) -> bool:
    return tok.lower in marks or (tok.text == "''" and "'" in marks)


def char_span(tokens: list[Token], lo: int, hi: int) -> tuple[int, int]:
    return tokens[lo].start, tokens[hi - 1].end


def overlaps_found(found: list[Candidate], start: int, end: int) -> bool:
    return any(s < end and start < e for c in found for s, e in c.spans)
