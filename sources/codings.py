"""HTTP content codings (gzip, deflate) decoded as a stream, with a cap on decoded bytes.

httpx decodes a whole network chunk at once and a response may stack codings
("gzip, gzip"), so a few kilobytes of compressed zeros could grow to gigabytes before a
size check ran. Here each layer is a zlib ``decompressobj`` asked for at most
``CHUNK`` output bytes per call, and every layer's output counts against the cap, so
peak memory stays near the cap whatever the compression ratio.

No Django import.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

__all__ = [
    "ACCEPT_ENCODING",
    "MAX_CODING_LAYERS",
    "CodingError",
    "DecodedTooLargeError",
    "parse_codings",
    "decode_stream",
]

# What we ask servers for; anything else in Content-Encoding is refused.
ACCEPT_ENCODING = "gzip, deflate"
# Real servers apply one coding; two is already unusual. More is refused before decoding.
MAX_CODING_LAYERS = 2
# Largest piece a decompressor may hand back per call (bounds each layer's buffer).
CHUNK = 64 * 1024

_GZIP_WBITS = 16 + zlib.MAX_WBITS
_ZLIB_WBITS = zlib.MAX_WBITS
_RAW_WBITS = -zlib.MAX_WBITS


class CodingError(ValueError):
    """The Content-Encoding is unsupported, or the body is not valid for it."""


class DecodedTooLargeError(ValueError):
    """The decoded body (or one layer of it) passed the byte cap."""


def parse_codings(header: str | None) -> list[str]:
    """Content codings in the order they were applied, identity dropped.

    >>> parse_codings("gzip, identity")
    ['gzip']
    """
    codings = [part.strip().lower() for part in (header or "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    for coding in codings:
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise CodingError(f"content encoding {coding!r} is not supported")
    if len(codings) > MAX_CODING_LAYERS:
        raise CodingError(f"{len(codings)} stacked content encodings ({', '.join(codings)}) are refused")
    return codings


class _Layer:
    """One coding layer: zlib with bounded output per call."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.deflate = coding == "deflate"
        self.wbits = _ZLIB_WBITS if self.deflate else _GZIP_WBITS
        self.inflater = zlib.decompressobj(self.wbits)
        self.started = False

    def _restart_raw(self, data: bytes) -> bytes:
        # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate;
        # browsers accept both, so do we (only at the very start of the stream).
        self.wbits = _RAW_WBITS
        self.inflater = zlib.decompressobj(_RAW_WBITS)
        return data

    def feed(self, data: bytes) -> Iterator[bytes]:
        more = bool(data)
        while more:
            try:
                out = self.inflater.decompress(data, CHUNK)
            except zlib.error as exc:
                if self.deflate and not self.started and self.wbits == _ZLIB_WBITS:
                    data = self._restart_raw(data)
                    continue
                raise CodingError(f"the {self.coding} body is corrupt ({exc})") from exc
            self.started = True
            if out:
                yield out
            if self.inflater.eof:
                # A gzip body may hold several members one after another; anything
                # else after the end (padding, junk) is ignored, as browsers do.
                data = self.inflater.unused_data
                self.inflater = zlib.decompressobj(self.wbits)
                more = not self.deflate and data.startswith(b"\x1f\x8b")
            else:
                data = self.inflater.unconsumed_tail
                # A full CHUNK means zlib may hold more output for the input it took.
                more = bool(data) or len(out) == CHUNK


def _layer_stream(source: Iterable[bytes], layer: _Layer, cap: int) -> Iterator[bytes]:
    size = 0
    for data in source:
        for out in layer.feed(data):
            size += len(out)
            if size > cap:
                raise DecodedTooLargeError(layer.coding)
            yield out


def decode_stream(raw: Iterable[bytes], codings: list[str], *, cap: int) -> Iterator[bytes]:
    """Decode ``raw`` chunks through ``codings`` (in applied order), lazily.

    Every layer's output is capped at ``cap`` bytes (an intermediate layer of a real
    page is smaller than the page); the caller still counts the final bytes against
    its own limit. Raises CodingError or DecodedTooLargeError.
    """
    stream: Iterable[bytes] = raw
    for coding in reversed(codings):  # the last coding applied is undone first
        stream = _layer_stream(stream, _Layer(coding), cap)
    yield from stream
