"""Who "I" is outside quotation marks: the author of an opinion piece or a letter.

Letters pages sign each letter with a line that is only a name ("Toni LeAnn
Williams."); opinion pieces end with the author's bio ("Charlotte Meehan is
playwright-in-residence at ..."). An attribution whose source is a bare "I"
goes to the signature after it, else to the name of a closing bio.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_NAME = r"[A-Z][\w'\u2019.-]*(?: (?:[A-Z][\w'\u2019.-]*|de|van|von|la|le|da|del)){1,3}"
_SIGNATURE = re.compile(rf"^{_NAME}\.?$")
_BIO = re.compile(rf"^({_NAME}) (?:is|was|has been|writes|teaches|served)\b")
_NOT_A_NAME = frozenset("letters opinion editorial commentary facebook twitter related".split())


class Authors:
    """Signatures and closing bio of one text, found once."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]]) -> None:
        self._signatures: list[tuple[int, str]] = []
        for start, end in paragraphs:
            line = text[start:end]
            if len(line) <= 60 and _SIGNATURE.match(line) and line.split()[0].lower() not in _NOT_A_NAME:
                self._signatures.append((start, line.rstrip(".")))
        self._bio = None
        for start, end in paragraphs[-2:]:
            found = _BIO.match(text[start:end])
            if found:
                self._bio = found.group(1)

    def of_first_person(self, at: int) -> str | None:
        """The author of the "I" at offset ``at``: the next signature, else the closing bio's name."""
        k = bisect_left(self._signatures, (at, ""))
        if k < len(self._signatures):
            return self._signatures[k][1]
        return self._bio
