"""Quote variants: is one reported quote the same words as another, and where do they differ?

>>> v = compare_wording("We will never leave the CSTO.", "We will not leave the CSTO,")
>>> v.variant, v.same_words, [(d.op, d.a, d.b) for d in v.diff if d.op != "equal"]
(True, False, [('replace', 'never', 'not')])
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

# Word-sequence similarity (difflib ratio) from which two quotes are one quote reported twice;
# below it they are different quotes. Chosen so that a changed or dropped word or two in a
# sentence still groups, and a different sentence of the same speech does not.
VARIANT_MIN = 0.8
MIN_WORDS = 4  # shorter quotes ("We will leave.") group only when the words are the same

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of a quote without punctuation and case: what a misquote changes."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return [w.casefold() for w in _WORD.findall(text)]


@dataclass(frozen=True)
class DiffOp:
    op: str  # equal, replace, delete (only in a), insert (only in b)
    a: str
    b: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op, "a": self.a, "b": self.b}


@dataclass(frozen=True)
class Variant:
    variant: bool  # the same quote, reported twice
    same_words: bool  # identical beyond punctuation and case
    similarity: float
    diff: tuple[DiffOp, ...]

    @property
    def possible_misquote(self) -> bool:
        return self.variant and not self.same_words


def compare_wording(a: str, b: str) -> Variant:
    """Compare two quotes word by word (case and punctuation ignored)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return Variant(False, False, 0.0, ())
    if wa == wb:
        return Variant(True, True, 1.0, (DiffOp("equal", " ".join(wa), " ".join(wb)),))
    return _compare_words(wa, wb, SequenceMatcher(a=wa, b=wb, autojunk=False))


def wording_variant(a: str, b_words: list[str]) -> Variant | None:
    """``compare_wording(a, b)`` when it finds a variant (``b_words`` = ``words(b)``), else None.

    The same result, cheaper when most pairs are different quotes (the candidates of variant
    linking): a pair whose length ratio or shared words (difflib's ``real_quick_ratio`` and
    ``quick_ratio``, upper bounds of its ``ratio``) are below VARIANT_MIN cannot be a
    variant, so its word diff is not worked out.
    """
    wa = words(a)
    if not wa or not b_words:
        return None
    if wa == b_words:
        return Variant(True, True, 1.0, (DiffOp("equal", " ".join(wa), " ".join(b_words)),))
    if min(len(wa), len(b_words)) < MIN_WORDS:
        return None
    matcher = SequenceMatcher(a=wa, b=b_words, autojunk=False)
    if matcher.real_quick_ratio() < VARIANT_MIN or matcher.quick_ratio() < VARIANT_MIN:
        return None
    comparison = _compare_words(wa, b_words, matcher)
    return comparison if comparison.variant else None


def _compare_words(wa: list[str], wb: list[str], matcher: SequenceMatcher[str]) -> Variant:
    ratio = matcher.ratio()
    ops = tuple(
        DiffOp(tag, " ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )
    variant = ratio >= VARIANT_MIN and min(len(wa), len(wb)) >= MIN_WORDS
    return Variant(variant, False, round(ratio, 4), ops)
