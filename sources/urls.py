"""Canonical article URLs, so that the same article reached through different
links (tracking parameters, fragments, case, default ports) is stored once.

Pure Python: no Django import, tested without a database.

>>> canonicalize_url("HTTPS://News.Example.COM:443/Politics/Story/?utm_source=x&b=2&a=1#top")
'https://news.example.com/Politics/Story?a=1&b=2'
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

__all__ = ["InvalidURLError", "canonicalize_url", "TRACKING_PARAMS"]

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# Parameters that only say where a click came from; they never select
# different content. Anything starting with "utm_" is dropped as well.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "wt_mc",
        "wt.mc_id",
        "cmpid",
        "ocid",
        "smid",
        "ref_src",
        "ref_url",
    }
)
TRACKING_PREFIXES = ("utm_",)

# Article.url and Feed.url hold 2000 characters.
MAX_URL_LENGTH = 2000

# RFC 3986 unreserved characters: percent-escapes of these are decoded,
# every other escape is kept (uppercased) because decoding it may change
# the meaning (e.g. %2F inside a path segment).
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PERCENT_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


class InvalidURLError(ValueError):
    """The URL cannot be used as an article or feed address."""


def _normalize_escapes(part: str) -> str:
    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    # quote() escapes what must be escaped (spaces, non-ASCII) and leaves
    # existing escapes and reserved delimiters alone.
    return _PERCENT_ESCAPE.sub(fix, quote(part, safe="/%:@!$&'()*+,;=-._~"))


def _remove_dot_segments(path: str) -> str:
    segments: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(segments) > 1:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    result = "/".join(segments)
    if path.endswith(("/.", "/..")):
        result += "/"
    return result


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _canonical_host(hostname: str) -> str:
    host = hostname.rstrip(".").lower()
    if not host:
        raise InvalidURLError("URL has no host")
    if ":" in host:  # IPv6 literal
        return f"[{host}]"
    try:
        # Unicode hosts are stored in their ASCII (punycode) form so that both
        # spellings of the same host compare equal.
        return host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidURLError(f"invalid host name {hostname!r}") from exc


def canonicalize_url(url: str) -> str:
    """Return the canonical form of an http(s) URL, or raise InvalidURLError.

    Lowercases scheme and host, drops default ports, credentials are refused,
    drops the fragment and tracking parameters, sorts the query, removes dot
    segments and a trailing slash (except for the root path).
    """
    if not isinstance(url, str):
        raise InvalidURLError("URL must be a string")
    url = url.strip()
    if not url:
        raise InvalidURLError("URL is empty")
    if len(url) > MAX_URL_LENGTH:
        raise InvalidURLError(f"URL is longer than {MAX_URL_LENGTH} characters")
    if any(ord(c) < 0x20 or c == "\x7f" for c in url):
        raise InvalidURLError("URL contains control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURLError(f"malformed URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise InvalidURLError(
            f"unsupported URL scheme {scheme or 'none'!r}: only http and https URLs are accepted"
        )
    if parts.username is not None or parts.password is not None:
        raise InvalidURLError("URLs with credentials are not accepted")
    host = _canonical_host(parts.hostname or "")
    netloc = host if port is None or port == DEFAULT_PORTS[scheme] else f"{host}:{port}"

    path = _remove_dot_segments(_normalize_escapes(parts.path)) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"

    pairs = [
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(key)
    ]
    # Sort by key only: a stable sort keeps the order of repeated keys, which
    # some sites give meaning to.
    pairs.sort(key=lambda pair: pair[0])
    query = urlencode(pairs, quote_via=quote, safe="-._~")
    canonical = urlunsplit((scheme, netloc, path, query, ""))
    # Escaping can lengthen a URL (one non-ASCII character becomes up to 12), so the stored
    # form is measured too.
    if len(canonical) > MAX_URL_LENGTH:
        raise InvalidURLError(f"URL is longer than {MAX_URL_LENGTH} characters once escaped")
    return canonical
