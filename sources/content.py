"""Pure helpers on article text (no Django): normalisation and the content hash used for dedup."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text as compared for dedup: NFKC, case-folded, whitespace collapsed.

    >>> normalise_text("  Hello\\n\\nWORLD ")
    'hello world'
    """
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def content_hash(text: str) -> str:
    """sha256 hex digest of the normalised text: equal for syndicated copies of one article."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
