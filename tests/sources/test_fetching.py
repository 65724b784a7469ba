import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import replace

import pytest

from sources.decoding import decode_bytes
from sources.fetching import (
    FEED_CONTENT_TYPES,
    FetchPolicy,
    HTTPStatusError,
    PermanentFetchError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    TransientFetchError,
    UnsafeURLError,
    UnsupportedContentTypeError,
    check_address,
    fetch,
    fetch_html,
    parse_retry_after,
)
from tests.webserver import FixtureServer, Reply


def test_fetch_html_returns_the_page(local_web: FixtureServer, policy: FetchPolicy) -> None:
    page = fetch_html(local_web.url("/article/1"), policy=policy)
    assert page.url == local_web.url("/article/1")
    assert "Mikhail Ivanov" in page.html
    assert page.encoding == "utf-8"
    assert page.raw.startswith(b"<!DOCTYPE html>")


def test_local_server_is_refused_without_an_explicit_allowance(local_web: FixtureServer) -> None:
    with pytest.raises(UnsafeURLError, match="not a public address"):
        fetch(local_web.url("/article/1"), policy=FetchPolicy())
    assert local_web.hits["/article/1"] == 0


def test_allowance_is_per_port(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(UnsafeURLError):
        fetch(f"http://127.0.0.1:{local_web.port + 1}/", policy=policy)


def test_fetch_connects_to_the_vetted_address_with_the_original_host_header(
    local_web: FixtureServer, policy: FetchPolicy
) -> None:
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        # A rebinding DNS server would answer differently the second time;
        # the fetcher must ask once per hop and connect to that answer.
        calls.append(host)
        return ["127.0.0.1"] if len(calls) == 1 else ["10.0.0.1"]

    allowed = replace(policy, allowed_hosts=frozenset({f"news.example:{local_web.port}"}))
    page = fetch_html(f"http://news.example:{local_web.port}/echo-host", policy=allowed, resolver=resolver)

    assert f"host=news.example:{local_web.port}" in page.html
    assert calls == ["news.example"]


def test_any_private_address_among_the_answers_is_refused(policy: FetchPolicy) -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.1.2.3"]

    with pytest.raises(UnsafeURLError, match="10.1.2.3"):
        fetch("http://mixed.example/", policy=policy, resolver=resolver)


@pytest.mark.parametrize(
    "path",
    [
        "/redirect/loopback",
        "/redirect/loopback-other-port",
        "/redirect/private",
        "/redirect/metadata",
        "/redirect/localhost",
        "/redirect/file",
    ],
)
def test_redirects_to_unsafe_targets_are_refused(
    local_web: FixtureServer, policy: FetchPolicy, path: str
) -> None:
    with pytest.raises(UnsafeURLError):
        fetch(local_web.url(path), policy=policy)


def test_safe_redirects_are_followed(local_web: FixtureServer, policy: FetchPolicy) -> None:
    response = fetch(local_web.url("/redirect/ok"), policy=policy)
    assert response.url == local_web.url("/article/5")
    assert response.redirects == (local_web.url("/redirect/ok"),)


def test_redirect_loops_stop_at_the_limit(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(TooManyRedirectsError):
        fetch(local_web.url("/redirect/loop"), policy=replace(policy, max_redirects=3))
    assert local_web.hits["/redirect/loop"] == 4


@pytest.mark.parametrize(
    "url",
    [
        "ftp://127.0.0.1/file",
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/",
        "http://user:secret@{netloc}/article/1",
        "http:///nohost",
        "http://2130706433/",  # 127.0.0.1 as a decimal number
        "http://0x7f.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://localhost/",
    ],
)
def test_unsafe_urls_are_refused(local_web: FixtureServer, policy: FetchPolicy, url: str) -> None:
    with pytest.raises(UnsafeURLError):
        fetch(url.format(netloc=local_web.netloc), policy=policy)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.8.8",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    ],
)
def test_check_address_refuses_non_public_addresses(address: str) -> None:
    with pytest.raises(UnsafeURLError):
        check_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_check_address_allows_public_addresses(address: str) -> None:
    check_address(address)


def test_a_20_mb_page_is_cut_off(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(ResponseTooLargeError):
        fetch(local_web.url("/huge.html"), policy=replace(policy, max_bytes=1024 * 1024))


def test_a_declared_20_mb_page_is_refused_before_download(
    local_web: FixtureServer, policy: FetchPolicy
) -> None:
    with pytest.raises(ResponseTooLargeError, match="20971520 bytes"):
        fetch(local_web.url("/huge-declared.html"), policy=policy)


def test_a_slow_page_times_out_as_a_transient_error(local_web: FixtureServer, policy: FetchPolicy) -> None:
    # The server waits 3 s before answering; only the read timeout can produce this error
    # (how long that takes is for bench/, not for a test).
    with pytest.raises(TransientFetchError, match="timed out"):
        fetch(local_web.url("/slow.html"), policy=replace(policy, read_timeout=0.3))


def test_a_trickling_page_hits_the_total_deadline(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(TransientFetchError, match="longer than"):
        fetch(local_web.url("/trickle.html"), policy=replace(policy, total_timeout=0.5))


def test_404_is_permanent(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        fetch(local_web.url("/missing"), policy=policy)
    assert caught.value.status_code == 404
    assert isinstance(caught.value, PermanentFetchError)


def test_500_is_transient_and_a_retry_succeeds(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(TransientFetchError, match="HTTP 500"):
        fetch(local_web.url("/flaky"), policy=policy)
    response = fetch(local_web.url("/flaky"), policy=policy)
    assert response.status_code == 200


def test_429_is_transient_with_retry_after(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(TransientFetchError) as caught:
        fetch(local_web.url("/ratelimited"), policy=policy)
    assert caught.value.retry_after == 7


def test_non_html_is_refused_as_permanent(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(UnsupportedContentTypeError):
        fetch(local_web.url("/image.png"), policy=policy)


def test_feed_content_types_are_accepted_when_asked_for(
    local_web: FixtureServer, policy: FetchPolicy
) -> None:
    response = fetch(local_web.url("/feed.rss"), policy=policy, accept=FEED_CONTENT_TYPES)
    assert response.content_type == "application/rss+xml"


def test_a_refused_connection_is_transient(local_web: FixtureServer, policy: FetchPolicy) -> None:
    closed_port = local_web.port + 1
    allowed = replace(policy, allowed_hosts=frozenset({f"127.0.0.1:{closed_port}"}))
    with pytest.raises(TransientFetchError):
        fetch(f"http://127.0.0.1:{closed_port}/", policy=allowed)


def test_non_utf8_page_is_decoded_by_detection(local_web: FixtureServer, policy: FetchPolicy) -> None:
    page = fetch_html(local_web.url("/latin1.html"), policy=policy)
    assert "«Nous allons réussir», a déclaré la ministre française à Genève" in page.html
    assert "\ufffd" not in page.html


def test_declared_charset_is_used(local_web: FixtureServer, policy: FetchPolicy) -> None:
    page = fetch_html(local_web.url("/cp1251.html"), policy=policy)
    assert "Министр заявил" in page.html
    assert page.encoding == "cp1251"


def test_decode_bytes_prefers_bom_then_valid_declarations() -> None:
    decoded = decode_bytes("é".encode("utf-8-sig"), declared_charset="latin-1", markup=True)
    assert (decoded.text, decoded.encoding) == ("é", "utf-8")
    # A header that lies (says UTF-8, bytes are latin-1) falls through to detection.
    lying = "<p>Café crème brûlée à la française</p>".encode("latin-1")
    assert "Café crème" in decode_bytes(lying, declared_charset="utf-8", markup=True).text
    meta = '<meta charset="windows-1252"><p>“quoted”</p>'.encode("cp1252")
    assert decode_bytes(meta, markup=True).text.endswith("<p>“quoted”</p>")
    plain = decode_bytes(b"plain", declared_charset="no-such-codec")
    assert (plain.text, plain.encoding, plain.fallback) == ("plain", "utf-8", False)
    assert decode_bytes(b"\xfe\xff" + "“quoted”".encode("utf-16-be")).text == "“quoted”"


def test_parse_retry_after_accepts_seconds_and_dates() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


@pytest.fixture(scope="module")
def tls_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FixtureServer, ssl.SSLContext]]:
    """An HTTPS fixture server whose self-signed certificate names news.example only."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=news.example",
            "-addext", "subjectAltName=DNS:news.example",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    client_context = ssl.create_default_context(cafile=str(cert))
    with FixtureServer(tls=server_context) as server:
        server.route("/echo-host", lambda s, r: Reply(body=f"<p>host={r.headers['host']}</p>".encode()))
        yield server, client_context


def _to_loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


def test_https_to_the_vetted_ip_keeps_sni_and_certificate_checks(
    tls_web: tuple[FixtureServer, ssl.SSLContext],
) -> None:
    server, trust = tls_web
    policy = FetchPolicy(allowed_hosts=frozenset({f"news.example:{server.port}"}), verify=trust)
    page = fetch_html(f"https://news.example:{server.port}/echo-host", policy=policy, resolver=_to_loopback)
    assert f"host=news.example:{server.port}" in page.html


def test_https_certificate_for_another_name_is_refused(
    tls_web: tuple[FixtureServer, ssl.SSLContext],
) -> None:
    server, trust = tls_web
    policy = FetchPolicy(allowed_hosts=frozenset({f"other.example:{server.port}"}), verify=trust)
    with pytest.raises(TransientFetchError, match="cannot connect"):
        fetch(f"https://other.example:{server.port}/echo-host", policy=policy, resolver=_to_loopback)


def test_unicode_hosts_are_resolved_and_sent_in_punycode(
    local_web: FixtureServer, policy: FetchPolicy
) -> None:
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    allowed = replace(policy, allowed_hosts=frozenset({f"xn--bcher-kva.example:{local_web.port}"}))
    page = fetch_html(f"http://bücher.example:{local_web.port}/echo-host", policy=allowed, resolver=resolver)
    assert asked == ["xn--bcher-kva.example"]
    assert f"host=xn--bcher-kva.example:{local_web.port}" in page.html
