"""Fixtures for the sources tests: the local web (one server per session) and
a fetch policy that allows that server, and only it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from sources.fetching import FetchPolicy
from tests.webserver import FixtureServer, Reply, article_html, atom_feed, rss_feed

BIG_PAGE_BYTES = 20 * 1024 * 1024


def _big_body(total: int) -> Iterator[bytes]:
    chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"
    sent = 0
    while sent < total:
        yield chunk
        sent += len(chunk)


def _flaky(server: FixtureServer, request: Any) -> Reply:
    # First request of each test: 500; the next: 200 (see the reset in the fixture).
    if server.hits["/flaky"] <= 1:
        return Reply(status=500, body=b"oops", content_type="text/plain")
    return Reply(body=article_html(7).encode())


def _conditional_feed(server: FixtureServer, request: Any) -> Reply:
    if request.headers.get("if-none-match") == '"v1"':
        return Reply(status=304, content_type=None, headers={"ETag": '"v1"'})
    return Reply(
        body=rss_feed([server.url("/article/1"), server.url("/article/2")]),
        content_type="application/rss+xml",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"},
    )


def _echo_host(server: FixtureServer, request: Any) -> Reply:
    host = request.headers.get("host", "")
    return Reply(body=f"<html><body><p>host={host}</p></body></html>".encode())


def build_server() -> FixtureServer:
    server = FixtureServer()
    html = "text/html; charset=utf-8"
    server.route(
        "/article/*", lambda s, r: Reply(body=article_html(int(r.path.split("/")[-1] or 0)).encode())
    )
    server.route(
        "/feed.rss",
        lambda s, r: Reply(
            body=rss_feed([s.url("/article/1?utm_source=rss"), s.url("/article/2"), "ftp://x/y"]),
            content_type="application/rss+xml",
        ),
    )
    server.route(
        "/feed.atom",
        lambda s, r: Reply(body=atom_feed([s.url("/article/3")]), content_type="application/atom+xml"),
    )
    server.route("/conditional.rss", _conditional_feed)
    server.route(
        "/malformed.xml",
        Reply(body=b"<?xml version='1.0'?><rss><channel><title>Broken", content_type="text/xml"),
    )
    server.route("/not-a-feed", Reply(body=b"just some words, no markup", content_type="text/plain"))
    server.route(
        "/latin1.html",
        Reply(
            body=(
                "<html><head><title>Café</title></head><body><article><p>"
                "«Nous allons réussir», a déclaré la ministre française à Genève, "
                "devant les délégués réunis pour la conférence annuelle sur le climat.</p>"
                "</article></body></html>"
            ).encode("latin-1"),
            content_type="text/html",  # no charset: it must be detected
        ),
    )
    server.route(
        "/cp1251.html",
        Reply(
            body="<html><body><p>Министр заявил, что бюджет сбалансирован и дефицит будет сокращён в следующем году.</p></body></html>".encode(
                "cp1251"
            ),
            content_type="text/html; charset=windows-1251",
        ),
    )
    server.route(
        "/huge.html",
        lambda s, r: Reply(body=_big_body(BIG_PAGE_BYTES), content_type=html),
    )
    server.route(
        "/huge-declared.html",
        Reply(body=b"x" * BIG_PAGE_BYTES, content_type=html),
    )
    server.route("/slow.html", Reply(body=b"<p>late</p>", delay=3.0))
    server.route(
        "/trickle.html",
        lambda s, r: Reply(body=iter([b"<p>"] + [b"x"] * 40), chunk_delay=0.1),
    )
    server.route("/missing", Reply(status=404, body=b"gone", content_type="text/plain"))
    server.route("/flaky", _flaky)
    server.route(
        "/ratelimited",
        Reply(status=429, body=b"slow down", content_type="text/plain", headers={"Retry-After": "7"}),
    )
    server.route("/image.png", Reply(body=b"\x89PNG\r\n", content_type="image/png"))
    server.route("/echo-host", _echo_host)
    server.route("/empty.html", Reply(body=b"<html><body></body></html>"))

    def redirect(location: str) -> Reply:
        return Reply(status=302, headers={"Location": location}, content_type=None)

    server.route("/redirect/loopback", redirect("http://127.0.0.1/latest"))
    server.route("/redirect/loopback-other-port", lambda s, r: redirect(f"http://127.0.0.1:{s.port + 1}/"))
    server.route("/redirect/private", redirect("http://10.0.0.1/admin"))
    server.route("/redirect/metadata", redirect("http://169.254.169.254/latest/meta-data/"))
    server.route("/redirect/localhost", redirect("http://localhost/"))
    server.route("/redirect/ok", redirect("/article/5"))
    server.route("/redirect/file", redirect("file:///etc/passwd"))
    server.route("/redirect/loop", redirect("/redirect/loop"))
    return server


@pytest.fixture(scope="session")
def web() -> Iterator[FixtureServer]:
    with build_server() as server:
        yield server


@pytest.fixture
def local_web(web: FixtureServer) -> FixtureServer:
    web.reset_log()
    return web


@pytest.fixture
def policy(local_web: FixtureServer) -> FetchPolicy:
    return FetchPolicy(
        allowed_hosts=frozenset({local_web.netloc}),
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=3.0,
    )


@pytest.fixture(autouse=True)
def _only_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Safety net: if the SSRF guard ever let a test URL through to a private or
    public address, the test fails here instead of sending traffic there."""
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        if not str(address[0]).startswith("127."):
            raise AssertionError(f"test tried to connect to {address}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


@pytest.fixture
def fetch_settings(settings: Any, local_web: FixtureServer) -> FixtureServer:
    """Django settings that let the services fetch from the local web (only)."""
    settings.SOURCES_FETCH_ALLOWED_HOSTS = [local_web.netloc]
    settings.SOURCES_FETCH_CONNECT_TIMEOUT = 1.0
    settings.SOURCES_FETCH_READ_TIMEOUT = 1.0
    settings.SOURCES_FETCH_TOTAL_TIMEOUT = 3.0
    return local_web
