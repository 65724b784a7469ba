"""Plain data the extraction engine takes and returns. No Django here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True)
class KnownSpeaker:
    """A speaker the caller already knows (from the database), to help resolution."""

    name: str
    aliases: tuple[str, ...] = ()
    title: str = ""


@dataclass
class ExtractedQuote:
    """One attributed quote found in a text; offsets are Python string indices."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    spans: list[tuple[int, int]] = field(default_factory=list)
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_title: str = ""
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.5
    rule: str = ""  # which rule found it: why a reviewer sees this candidate
    # Found in a block of teasers for other articles ("Top stories", "Related"):
    # most likely not this article's quote; a review queue leaves it out by default.
    boilerplate: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["spans"] = [list(span) for span in self.spans] or [[self.start, self.end]]
        return data
