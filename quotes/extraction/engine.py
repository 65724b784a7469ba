"""Entry point of the engine (first version: replaced by the full engine)."""

from __future__ import annotations

from collections.abc import Sequence

from quotes.extraction.types import ExtractedQuote, KnownSpeaker

ENGINE_VERSION = "0.1.0"


def extract_quotes(
    text: str, known_speakers: Sequence[KnownSpeaker] = ()
) -> list[ExtractedQuote]:
    return []
