"""Turn an uploaded or local file's bytes into article fields. Raises DocumentError on bad input.

Plain text is kept exactly as written (only line endings are normalised), because quote offsets
point into it. HTML goes through the one HTML-to-text path (sources.cleaning.clean_html); the
raw HTML is kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sources.decoding import bom_codec, decode_bytes

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

# C0 control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DocumentError(ValueError):
    """The input is not a usable article (empty, binary, undecodable, no main text)."""


@dataclass(frozen=True)
class Document:
    text: str
    title: str = ""
    byline: str = ""
    raw_html: str = ""
    published_at: datetime | None = None
    language: str = ""


def decode_text(data: bytes, *, markup: bool = False) -> str:
    """Decode a file's bytes (sources.decoding) and refuse what is not text.

    A byte-order mark is honoured first, so UTF-16 and UTF-32 files (full of NUL bytes)
    are text. Without one, NUL bytes mean binary near the start, corruption further on:
    both are refused, because PostgreSQL cannot store NUL in text and silently dropping
    bytes would change the article.
    """
    if not data.strip():
        raise DocumentError("the file is empty")
    has_bom = bom_codec(data) is not None
    if not has_bom and b"\x00" in data[:8192]:
        raise DocumentError("the file is binary, not text (it contains NUL bytes)")
    decoded = decode_bytes(data, markup=markup)
    if decoded.fallback:
        raise DocumentError("the file is not text in any encoding we recognise")
    text = decoded.text
    nul = text.find("\x00")
    if nul >= 0:
        raise DocumentError(
            f"the file contains a NUL byte (character {nul + 1} of {len(text)}): it is corrupt "
            "or binary, and NUL cannot be stored in an article; remove it and ingest again"
        )
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise DocumentError("the file looks binary, not text (too many control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:1000]
    return ""


def parse_text(data: bytes) -> Document:
    text = decode_text(data)
    if not text.strip():
        raise DocumentError("the file is empty")
    return Document(text=text, title=_first_line(text))


def parse_html(data: bytes) -> Document:
    """An HTML file through the same cleaner as fetched pages (sources.cleaning)."""
    from sources.cleaning import clean_html

    html = decode_text(data, markup=True)
    cleaned = clean_html(html)
    if not cleaned.text.strip():
        raise DocumentError("no main text found in the HTML")
    return Document(
        text=cleaned.text,
        title=(cleaned.title or _first_line(cleaned.text))[:1000],
        byline=cleaned.byline[:500],
        raw_html=html,
        published_at=cleaned.published_at,
        language=cleaned.language,
    )


def parse_document(data: bytes, *, filename: str) -> Document:
    """Parse by the file's suffix; HTML-looking text in a .txt file is still read as text."""
    lower = filename.lower()
    if lower.endswith(HTML_SUFFIXES):
        return parse_html(data)
    if lower.endswith(TEXT_SUFFIXES):
        return parse_text(data)
    raise DocumentError(f"unsupported file type (expected one of {', '.join(SUPPORTED_SUFFIXES)})")
