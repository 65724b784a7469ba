"""The one charset decoder for article bytes: fetched pages, feeds' pages and local files.

Order of evidence: a byte-order mark, then the charset the caller was told (HTTP header),
then ``<meta charset>`` (markup only), then strict UTF-8, then charset-normalizer's guess,
then UTF-8 with replacement characters. Never raises; callers that must refuse bad bytes
(files) look at ``Decoded.fallback``.

No Django import.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = ["Decoded", "decode_bytes", "bom_codec"]

# UTF-32 LE starts with the UTF-16 LE mark, so it is tried first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
# Short Western European texts often fit several single-byte code pages equally well;
# WHATWG's default for undeclared HTML is windows-1252, so it wins ties.
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})
# charset-normalizer reads this much; enough to decide, bounded in time.
_GUESS_BYTES = 200_000


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name
    fallback: bool = False  # nothing fitted: UTF-8 with replacement characters


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark names, if the bytes start with one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _usable_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _guess_codec(data: bytes) -> str | None:
    matches = list(from_bytes(data[:_GUESS_BYTES]))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.02]
    if any(m.encoding in _WESTERN for m in tied):
        return "cp1252"
    return _usable_codec(best.encoding)


def decode_bytes(data: bytes, *, declared_charset: str | None = None, markup: bool = False) -> Decoded:
    """Decode ``data`` to text; see the module docstring for the order of evidence.

    >>> decode_bytes("é".encode("utf-16")).text
    'é'
    """
    codec = bom_codec(data)
    if codec is not None:
        name = "utf-8" if codec == "utf-8-sig" else codec
        return Decoded(data.decode(codec, errors="replace"), name)
    candidates = [declared_charset]
    if markup:
        meta = _META_CHARSET.search(data[:4096])
        if meta:
            candidates.append(meta.group(1).decode("ascii", errors="ignore"))
    for candidate in candidates:
        codec = _usable_codec(candidate)
        if codec is None:
            continue
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            continue  # the declaration lies; try the next clue
    try:
        return Decoded(data.decode("utf-8"), "utf-8")  # by far the most common
    except UnicodeDecodeError:
        pass
    codec = _guess_codec(data)
    if codec is not None:
        return Decoded(data.decode(codec, errors="replace"), codec)
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", fallback=True)
