"""Pure helpers on person and organisation names (no Django)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")


def normalise_name(name: str) -> str:
    """The form aliases are compared in: accents stripped, case-folded, punctuation dropped.

    >>> normalise_name("  Mikhaïl   GALUZIN. ")
    'mikhail galuzin'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", no_marks.casefold()).strip()
