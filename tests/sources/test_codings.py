"""Content codings: decoded as a stream with a cap on decoded bytes (compression bombs),
against the local web server."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable
from dataclasses import replace

import pytest

from sources.codings import CodingError, DecodedTooLargeError, decode_stream, parse_codings
from sources.feeds import poll_feed
from sources.fetching import (
    FetchPolicy,
    PermanentFetchError,
    ResponseTooLargeError,
    UnsupportedContentTypeError,
    fetch,
    fetch_html,
)
from tests.webserver import FixtureServer, Reply, article_html

MB = 1024 * 1024


def _compress(chunks: Iterable[bytes], wbits: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return b"".join([*(compressor.compress(c) for c in chunks), compressor.flush()])


def _zeros(megabytes: int) -> Iterable[bytes]:
    return (b"\0" * MB for _ in range(megabytes))


@pytest.fixture(scope="module")
def bombs(web: FixtureServer) -> FixtureServer:
    inner = _compress(_zeros(256), 31)  # 256 MB of zeros as gzip: about 250 KB
    double = _compress([inner], 31)  # gzip, gzip: a few KB
    html = "text/html; charset=utf-8"
    page = article_html(3).encode()
    web.route(
        "/bomb/double", Reply(body=double, content_type=html, headers={"Content-Encoding": "gzip, gzip"})
    )
    web.route(
        "/bomb/deflate",
        Reply(body=_compress(_zeros(128), 15), content_type=html, headers={"Content-Encoding": "deflate"}),
    )
    web.route(
        "/bomb/triple",
        Reply(
            body=_compress([double], 31), content_type=html, headers={"Content-Encoding": "gzip, gzip, gzip"}
        ),
    )
    web.route(
        "/coded/gzip",
        Reply(body=gzip.compress(page), content_type=html, headers={"Content-Encoding": "gzip"}),
    )
    web.route(
        "/coded/double",
        Reply(
            body=gzip.compress(gzip.compress(page)),
            content_type=html,
            headers={"Content-Encoding": "gzip, gzip"},
        ),
    )
    web.route(
        "/coded/raw-deflate",
        Reply(body=_compress([page], -15), content_type=html, headers={"Content-Encoding": "deflate"}),
    )
    web.route(
        "/coded/br", Reply(body=b"\x0b\x02\x80hi\x03", content_type=html, headers={"Content-Encoding": "br"})
    )
    web.route(
        "/coded/corrupt",
        Reply(
            body=b"\x1f\x8b\x08\x00garbage-not-gzip", content_type=html, headers={"Content-Encoding": "gzip"}
        ),
    )
    return web


@pytest.mark.parametrize("path", ["/bomb/double", "/bomb/deflate"])
def test_a_compression_bomb_stops_at_the_cap_on_decoded_bytes(
    bombs: FixtureServer, policy: FetchPolicy, path: str
) -> None:
    with pytest.raises(ResponseTooLargeError, match="once decompressed"):
        fetch(bombs.url(path), policy=replace(policy, max_bytes=2 * MB))
    assert bombs.hits[path] == 1


def test_more_than_two_stacked_codings_are_refused_before_decoding(
    bombs: FixtureServer, policy: FetchPolicy
) -> None:
    with pytest.raises(UnsupportedContentTypeError, match="3 stacked content encodings"):
        fetch(bombs.url("/bomb/triple"), policy=policy)


@pytest.mark.parametrize("path", ["/coded/gzip", "/coded/double", "/coded/raw-deflate"])
def test_compressed_pages_are_decoded(bombs: FixtureServer, policy: FetchPolicy, path: str) -> None:
    page = fetch_html(bombs.url(path), policy=policy)
    assert page.html == article_html(3)


def test_we_ask_only_for_codings_we_can_cap(bombs: FixtureServer, policy: FetchPolicy) -> None:
    fetch(bombs.url("/coded/gzip"), policy=policy)
    assert bombs.requests[-1].headers["accept-encoding"] == "gzip, deflate"


def test_an_unsupported_coding_is_a_clear_permanent_error(bombs: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(UnsupportedContentTypeError, match="content encoding 'br' is not supported"):
        fetch(bombs.url("/coded/br"), policy=policy)


def test_a_corrupt_gzip_body_is_a_clear_permanent_error(bombs: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(PermanentFetchError, match="gzip body is corrupt"):
        fetch(bombs.url("/coded/corrupt"), policy=policy)


def test_decode_stream_yields_bounded_pieces_and_stops_at_the_cap() -> None:
    stream = decode_stream([_compress(_zeros(8), 31)], ["gzip"], cap=3 * MB)
    sizes = []
    with pytest.raises(DecodedTooLargeError):
        for piece in stream:
            sizes.append(len(piece))
    assert sizes and max(sizes) <= 64 * 1024
    assert sum(sizes) <= 3 * MB


def test_decode_stream_reads_concatenated_gzip_members() -> None:
    body = gzip.compress(b"first ") + gzip.compress(b"second")
    assert b"".join(decode_stream([body[:7], body[7:]], ["gzip"], cap=MB)) == b"first second"


def test_parse_codings_drops_identity_and_refuses_unknown() -> None:
    assert parse_codings("identity") == []
    assert parse_codings(" GZIP ") == ["gzip"]
    with pytest.raises(CodingError):
        parse_codings("compress")


def test_a_feed_bomb_stops_at_the_feed_cap(bombs: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(ResponseTooLargeError, match="5242880 byte limit once decompressed"):
        poll_feed(bombs.url("/bomb/double"), policy=policy)
