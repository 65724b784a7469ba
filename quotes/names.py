"""Pure helpers on person and organisation names (no Django).

There is one name normaliser, the engine's (``quotes.extraction.entities.normalise``): the
aliases stored in the database and the names the engine compares are keyed the same way.
"""

from __future__ import annotations

from quotes.extraction.entities import normalise


def normalise_name(name: str) -> str:
    """The form aliases are compared in: accents stripped, lower-cased, punctuation dropped.

    >>> normalise_name("  Mikhaïl   GALUZIN. ")
    'mikhail galuzin'
    """
    return normalise(name)
