"""A local HTTP server standing in for the web, for the test suite and
bench/ingest.py. It binds 127.0.0.1 only; nothing here talks to the network.

The server runs in a daemon thread. Routes map an exact path (or a prefix
ending in ``*``) to a handler that returns a ``Reply``. Every request is
logged so tests can assert what was asked for (conditional headers, Host).
"""

from __future__ import annotations

import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Reply", "FixtureServer", "article_html", "rss_feed", "atom_feed"]


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterator[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds to wait before sending anything
    chunk_delay: float = 0.0  # seconds between body chunks (a trickling server)


@dataclass(frozen=True)
class LoggedRequest:
    path: str
    headers: dict[str, str]


Handler = Callable[["FixtureServer", LoggedRequest], Reply]


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass  # keep test output quiet

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        fixture = self.server.fixture
        request = LoggedRequest(path=self.path, headers={k.lower(): v for k, v in self.headers.items()})
        with fixture.lock:
            fixture.requests.append(request)
            fixture.hits[self.path.split("?")[0]] += 1
        reply = fixture.dispatch(request)
        try:
            self._send(reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size cap, timeout): expected in tests

    def _send(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if isinstance(reply.body, bytes):
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
            return
        # Streamed body without Content-Length: HTTP/1.0, delimited by close.
        self.end_headers()
        for chunk in reply.body:
            self.wfile.write(chunk)
            if reply.chunk_delay:
                self.wfile.flush()
                time.sleep(reply.chunk_delay)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fixture: FixtureServer


class FixtureServer:
    def __init__(self, *, tls: ssl.SSLContext | None = None) -> None:
        self.scheme = "https" if tls else "http"
        self.routes: dict[str, Handler] = {}
        self.requests: list[LoggedRequest] = []
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _RequestHandler)
        self._server.fixture = self
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FixtureServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def netloc(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.netloc}{path}"

    def route(self, path: str, handler: Handler | Reply) -> None:
        if isinstance(handler, Reply):
            reply = handler
            self.routes[path] = lambda server, request: reply
        else:
            self.routes[path] = handler

    def reset_log(self) -> None:
        with self.lock:
            self.requests.clear()
            self.hits.clear()

    def dispatch(self, request: LoggedRequest) -> Reply:
        path = request.path.split("?")[0]
        handler = self.routes.get(path)
        if handler is None:
            prefixes = [p for p in self.routes if p.endswith("*") and path.startswith(p[:-1])]
            if prefixes:
                handler = self.routes[max(prefixes, key=len)]
        if handler is None:
            return Reply(status=404, body=b"not found", content_type="text/plain")
        return handler(self, request)


_BOILERPLATE_TOP = """<header><nav><a href="/">Home</a> | <a href="/politics">Politics</a> |
<a href="/sport">Sport</a> | <a href="/login">Sign in</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
"""
_BOILERPLATE_BOTTOM = """<aside><h3>Most read</h3><ul><li><a href="/x">Celebrity buys house</a></li>
<li><a href="/y">Ten tips for summer</a></li></ul></aside>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p>
<p>Subscribe to our newsletter for more news every morning.</p></footer>
"""


def article_html(number: int, *, speaker: str = "Mikhail Ivanov", title: str = "") -> str:
    """A news page with boilerplate around a body that carries quotes."""
    title = title or f"Minister defends budget plan, part {number}"
    body = f"""<p>The finance minister on Tuesday defended the government's spending plan
number {number} in a long session of parliament, as opposition members pressed for details.</p>
<p>"We will cut the deficit in half by the end of next year," {speaker} said, adding that
the plan had been checked by independent economists.</p>
<p>Critics were not convinced. "These numbers simply do not add up," said Anna Petrova, an
opposition lawmaker, who pointed to last year's figures.</p>
<p>{speaker} told reporters that unemployment had fallen to its lowest level in a decade,
a claim that analysts said was broadly accurate but left out part-time work.</p>"""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Daily Example</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T10:00:00+00:00">
</head><body>{_BOILERPLATE_TOP}<main><article><h1>{title}</h1>{body}</article></main>
{_BOILERPLATE_BOTTOM}</body></html>"""


def rss_feed(links: list[str], *, title: str = "The Daily Example") -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Tue, 05 Mar 2024 10:{i % 60:02d}:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>"
        f"<description>News</description>{items}</channel></rss>"
    ).encode()


def atom_feed(links: list[str], *, title: str = "Example Atom") -> bytes:
    entries = "".join(
        f'<entry><title>Entry {i}</title><link rel="alternate" href="{link}"/>'
        f"<id>urn:example:{i}</id><updated>2024-03-05T10:00:00Z</updated></entry>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:example</id><updated>2024-03-05T10:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()
