"""SSRF-safe HTTP fetching for URLs that come from feeds and users.

Every hop (the first request and each redirect) is checked the same way:

* only http and https, no credentials in the URL;
* the host is resolved once and refused when ANY of its addresses is not a
  public unicast address (private, loopback, link-local, multicast,
  reserved, unspecified, shared, IPv4-mapped versions of those...);
* the connection goes to the vetted IP itself, with the original Host
  header and TLS SNI, so a second DNS answer cannot point it elsewhere
  (DNS rebinding).

Hosts listed in ``FetchPolicy.allowed_hosts`` skip the address check; that
exists for the test suite's own 127.0.0.1 fixture server and is empty by
default. Entries are ``host`` (any port) or ``host:port``.

Errors are split into transient ones, worth retrying later, and permanent
ones, recorded and never retried. No Django import here: the policy comes
from settings through ``policy_from_settings`` in the callers.
"""

from __future__ import annotations

import email.utils
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from sources.codings import ACCEPT_ENCODING, CodingError, DecodedTooLargeError, decode_stream, parse_codings
from sources.decoding import decode_bytes

__all__ = [
    "FetchError",
    "TransientFetchError",
    "PermanentFetchError",
    "UnsafeURLError",
    "ResponseTooLargeError",
    "UnsupportedContentTypeError",
    "TooManyRedirectsError",
    "FetchPolicy",
    "FetchResponse",
    "FetchedPage",
    "HTML_CONTENT_TYPES",
    "FEED_CONTENT_TYPES",
    "fetch",
    "fetch_html",
    "check_address",
]

HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Feeds are served with many types in the wild; the parser decides the rest.
FEED_CONTENT_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "text/plain",
        "text/html",
        "application/octet-stream",
    }
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_USER_AGENT = "claimtrack/1.0 (fact-checking archive; +https://claimtrack.invalid/bot)"
Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """Base class: the URL could not be fetched."""

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.url = url


class TransientFetchError(FetchError):
    """Worth retrying later: timeouts, connection errors, 5xx, 429."""

    def __init__(self, message: str, *, url: str = "", retry_after: float | None = None) -> None:
        super().__init__(message, url=url)
        self.retry_after = retry_after


class PermanentFetchError(FetchError):
    """Retrying will not help: 4xx, wrong content type, refused address..."""


class UnsafeURLError(PermanentFetchError):
    """The URL or one of its redirects is not allowed (scheme, credentials, address)."""


class ResponseTooLargeError(PermanentFetchError):
    pass


class UnsupportedContentTypeError(PermanentFetchError):
    pass


class TooManyRedirectsError(PermanentFetchError):
    pass


class HTTPStatusError(PermanentFetchError):
    def __init__(self, message: str, *, url: str = "", status_code: int) -> None:
        super().__init__(message, url=url)
        self.status_code = status_code


@dataclass(frozen=True)
class FetchPolicy:
    allowed_hosts: frozenset[str] = frozenset()
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    # A server that trickles one byte per second never trips the read
    # timeout; this bounds the whole download.
    total_timeout: float = 60.0
    user_agent: str = DEFAULT_USER_AGENT
    # TLS verification: True (the system's CAs) or an ssl.SSLContext; tests pass one
    # that trusts their own certificate authority.
    verify: bool | ssl.SSLContext = True


@dataclass(frozen=True)
class FetchResponse:
    url: str  # final URL, after redirects
    status_code: int
    content: bytes
    content_type: str  # media type only, lowercased ("" when absent)
    charset: str | None  # from the Content-Type header
    headers: Mapping[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304


@dataclass(frozen=True)
class FetchedPage:
    url: str
    html: str
    raw: bytes
    encoding: str
    content_type: str


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the host resolves to (A and AAAA)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        # EAI_AGAIN is a temporary DNS failure; anything else (no such host)
        # will not fix itself soon.
        if exc.errno == socket.EAI_AGAIN:
            raise TransientFetchError(f"DNS lookup failed for {host}: {exc}") from exc
        raise PermanentFetchError(f"cannot resolve host {host}: {exc}") from exc
    except UnicodeError as exc:
        raise UnsafeURLError(f"invalid host name {host!r}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_address(address: str) -> None:
    """Raise UnsafeURLError unless the address is public unicast."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 and friends reach the IPv4 address inside.
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            check_address(str(mapped))
        if ip.teredo is not None:
            check_address(str(ip.teredo[1]))
    if (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    ):
        raise UnsafeURLError(f"address {address} is not a public address")


def _is_allowed_host(host: str, port: int, allowed: frozenset[str]) -> bool:
    return host in allowed or f"{host}:{port}" in allowed


@dataclass(frozen=True)
class _Target:
    url: str  # as given (with the host name), base for relative redirects
    connect_url: str  # same URL with the vetted IP in place of the host
    host_header: str
    sni_hostname: str | None


def _vet(url: str, policy: FetchPolicy, resolver: Resolver) -> _Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError(f"malformed URL: {exc}", url=url) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeURLError(
            f"unsupported URL scheme {scheme or 'none'!r} is not allowed (only http and https)", url=url
        )
    if parts.username is not None or parts.password is not None:
        raise UnsafeURLError("URLs with credentials are not allowed", url=url)
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURLError("URL has no host", url=url)
    if not host.isascii():
        # Host header, SNI and the allow-list all use the ASCII (punycode) form.
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise UnsafeURLError(f"invalid host name {host!r}", url=url) from exc
    port = port or (443 if scheme == "https" else 80)

    try:
        addresses = resolver(host, port)
    except FetchError as exc:
        exc.url = url
        raise
    if not addresses:
        raise PermanentFetchError(f"host {host} has no address", url=url)
    if not _is_allowed_host(host, port, policy.allowed_hosts):
        for address in addresses:
            try:
                check_address(address)
            except UnsafeURLError as exc:
                raise UnsafeURLError(f"refused {host}: {exc}", url=url) from exc
            except ValueError as exc:
                raise UnsafeURLError(f"bad address {address!r} for {host}", url=url) from exc

    address = addresses[0]
    ip_host = f"[{address}]" if ":" in address else address
    default_port = 443 if scheme == "https" else 80
    netloc = ip_host if port == default_port else f"{ip_host}:{port}"
    connect_url = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    display_host = f"[{host}]" if ":" in host else host
    host_header = display_host if port == default_port else f"{display_host}:{port}"
    sni = host if scheme == "https" and not _is_ip_literal(host) else None
    return _Target(url=url, connect_url=connect_url, host_header=host_header, sni_hostname=sni)


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return media.strip().lower(), match.group(1) if match else None


def _raise_for_status(response: httpx.Response, url: str) -> None:
    status = response.status_code
    if status < 400:
        return
    if status == 429 or status == 408 or status >= 500:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        raise TransientFetchError(f"HTTP {status} from {url}", url=url, retry_after=retry_after)
    raise HTTPStatusError(f"HTTP {status} from {url}", url=url, status_code=status)


def _raw_capped(response: httpx.Response, url: str, policy: FetchPolicy, deadline: float) -> Iterator[bytes]:
    """The bytes on the wire, capped and timed too (compressed data that decodes to
    nothing must not keep a worker busy)."""
    size = 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > policy.max_bytes:
            raise ResponseTooLargeError(f"response exceeds the {policy.max_bytes} byte limit", url=url)
        if time.monotonic() > deadline:
            raise TransientFetchError(f"download took longer than {policy.total_timeout}s", url=url)
        yield chunk


def _read_capped(response: httpx.Response, url: str, policy: FetchPolicy, deadline: float) -> bytes:
    """The body, decoded from its content codings as it arrives, never more than the cap.

    The raw (still compressed) stream is read and decoded here rather than by httpx, so
    the cap applies to decoded bytes piece by piece: a compression bomb stops at the
    cap instead of after a whole network chunk was inflated.
    """
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise ResponseTooLargeError(
            f"response of {declared} bytes exceeds the {policy.max_bytes} byte limit", url=url
        )
    try:
        codings = parse_codings(response.headers.get("content-encoding"))
    except CodingError as exc:
        raise UnsupportedContentTypeError(str(exc), url=url) from exc
    body = bytearray()
    try:
        raw = _raw_capped(response, url, policy, deadline)
        for chunk in decode_stream(raw, codings, cap=policy.max_bytes):
            if len(body) + len(chunk) > policy.max_bytes:
                raise ResponseTooLargeError(
                    f"response exceeds the {policy.max_bytes} byte limit"
                    + (f" once decompressed ({', '.join(codings)})" if codings else ""),
                    url=url,
                )
            if time.monotonic() > deadline:
                raise TransientFetchError(f"download took longer than {policy.total_timeout}s", url=url)
            body += chunk
    except DecodedTooLargeError as exc:
        raise ResponseTooLargeError(
            f"response exceeds the {policy.max_bytes} byte limit once decompressed ({exc})", url=url
        ) from exc
    except CodingError as exc:
        raise PermanentFetchError(str(exc), url=url) from exc
    return bytes(body)


def _looks_like_markup(content: bytes) -> bool:
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def fetch(
    url: str,
    *,
    policy: FetchPolicy,
    accept: Collection[str] = HTML_CONTENT_TYPES,
    headers: Mapping[str, str] | None = None,
    resolver: Resolver = system_resolver,
) -> FetchResponse:
    """GET ``url`` following up to ``policy.max_redirects`` vetted redirects.

    Returns the final response, or a 304 response (empty content) when the
    caller sent conditional headers. Raises a FetchError subclass otherwise.
    """
    deadline = time.monotonic() + policy.total_timeout
    timeout = httpx.Timeout(
        connect=policy.connect_timeout,
        read=policy.read_timeout,
        write=policy.read_timeout,
        pool=policy.connect_timeout,
    )
    base_headers = {
        "User-Agent": policy.user_agent,
        "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
        # Only codings sources.codings decodes with a cap; httpx would add br/zstd.
        "Accept-Encoding": ACCEPT_ENCODING,
        **(headers or {}),
    }
    redirects: list[str] = []
    current = url
    # trust_env=False: no proxy variables and no .netrc credentials.
    with httpx.Client(
        timeout=timeout, follow_redirects=False, trust_env=False, verify=policy.verify
    ) as client:
        while True:
            target = _vet(current, policy, resolver)
            extensions = {"sni_hostname": target.sni_hostname} if target.sni_hostname else {}
            # Cookies set by one hop must not travel to the next host.
            client.cookies.clear()
            try:
                with client.stream(
                    "GET",
                    target.connect_url,
                    headers={**base_headers, "Host": target.host_header},
                    extensions=extensions,
                ) as response:
                    if response.status_code in REDIRECT_STATUSES:
                        location = response.headers.get("location")
                        if not location:
                            raise PermanentFetchError(
                                f"redirect without Location from {current}", url=current
                            )
                        if len(redirects) >= policy.max_redirects:
                            raise TooManyRedirectsError(
                                f"more than {policy.max_redirects} redirects", url=url
                            )
                        redirects.append(current)
                        current = urljoin(current, location.strip())
                        continue
                    if response.status_code == 304:
                        return FetchResponse(
                            url=current,
                            status_code=304,
                            content=b"",
                            content_type="",
                            charset=None,
                            headers=dict(response.headers),
                            redirects=tuple(redirects),
                        )
                    _raise_for_status(response, current)
                    media, charset = _media_type(response.headers.get("content-type", ""))
                    if media and media not in accept:
                        raise UnsupportedContentTypeError(
                            f"content type {media!r} is not accepted", url=current
                        )
                    content = _read_capped(response, current, policy, deadline)
                    if not media and not _looks_like_markup(content):
                        raise UnsupportedContentTypeError(
                            "no content type and the body is not markup", url=current
                        )
                    return FetchResponse(
                        url=current,
                        status_code=response.status_code,
                        content=content,
                        content_type=media,
                        charset=charset,
                        headers=dict(response.headers),
                        redirects=tuple(redirects),
                    )
            except httpx.TimeoutException as exc:
                raise TransientFetchError(f"timed out fetching {current}: {exc!r}", url=current) from exc
            except httpx.TransportError as exc:
                # Refused or reset connections, TLS failures: the site may be
                # back later.
                raise TransientFetchError(f"cannot connect to {current}: {exc!r}", url=current) from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise PermanentFetchError(f"HTTP error for {current}: {exc!r}", url=current) from exc


def fetch_html(url: str, *, policy: FetchPolicy, resolver: Resolver = system_resolver) -> FetchedPage:
    response = fetch(url, policy=policy, accept=HTML_CONTENT_TYPES, resolver=resolver)
    decoded = decode_bytes(response.content, declared_charset=response.charset, markup=True)
    return FetchedPage(
        url=response.url,
        html=decoded.text,
        raw=response.content,
        encoding=decoded.encoding,
        content_type=response.content_type,
    )


def policy_from_settings() -> FetchPolicy:
    """Build the policy from Django settings (imported lazily: this module
    must stay usable without Django)."""
    from django.conf import settings

    defaults = FetchPolicy()
    return FetchPolicy(
        allowed_hosts=frozenset(getattr(settings, "SOURCES_FETCH_ALLOWED_HOSTS", ())),
        max_bytes=getattr(settings, "SOURCES_FETCH_MAX_BYTES", defaults.max_bytes),
        max_redirects=getattr(settings, "SOURCES_FETCH_MAX_REDIRECTS", defaults.max_redirects),
        connect_timeout=getattr(settings, "SOURCES_FETCH_CONNECT_TIMEOUT", defaults.connect_timeout),
        read_timeout=getattr(settings, "SOURCES_FETCH_READ_TIMEOUT", defaults.read_timeout),
        total_timeout=getattr(settings, "SOURCES_FETCH_TOTAL_TIMEOUT", defaults.total_timeout),
        user_agent=getattr(settings, "SOURCES_FETCH_USER_AGENT", defaults.user_agent),
    )
