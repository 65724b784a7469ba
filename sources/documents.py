"""Turn an uploaded or local file's bytes into article fields. Raises DocumentError on bad input.

Plain text is kept exactly as written (only line endings are normalised), because quote offsets
point into it. HTML goes through trafilatura for the main text; the raw HTML is kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

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
    published: str = ""


def decode_bytes(data: bytes) -> str:
    """Decode text bytes: UTF-8 first, then the charset charset-normalizer finds."""
    if not data.strip():
        raise DocumentError("the file is empty")
    if b"\x00" in data[:8192]:
        raise DocumentError("the file is binary, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise DocumentError("the file is not text in any encoding we recognise") from None
        text = str(best)
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
    text = decode_bytes(data)
    if not text.strip():
        raise DocumentError("the file is empty")
    return Document(text=text, title=_first_line(text))


def parse_html(data: bytes) -> Document:
    import trafilatura

    html = decode_bytes(data)
    text = trafilatura.extract(html, output_format="txt", include_comments=False) or ""
    if not text.strip():
        raise DocumentError("no main text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    return Document(
        text=text,
        title=((meta.title if meta else None) or _first_line(text))[:1000],
        byline=((meta.author if meta else None) or "")[:500],
        raw_html=html,
        published=(meta.date if meta else None) or "",
    )


def parse_document(data: bytes, *, filename: str) -> Document:
    """Parse by the file's suffix; HTML-looking text in a .txt file is still read as text."""
    lower = filename.lower()
    if lower.endswith(HTML_SUFFIXES):
        return parse_html(data)
    if lower.endswith(TEXT_SUFFIXES):
        return parse_text(data)
    raise DocumentError(f"unsupported file type (expected one of {', '.join(SUPPORTED_SUFFIXES)})")
