"""RSS/Atom feeds: fetched through the SSRF-safe fetcher (never by feedparser
itself, which would follow any URL), parsed with feedparser, with
conditional GET (ETag / Last-Modified) so unchanged feeds cost one 304.

No Django import; services turn FeedEntry objects into Article rows.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from xml.parsers import expat

import feedparser

from claimtrack.budget import TimeBudgetExceeded, time_budget
from sources.fetching import (
    FEED_CONTENT_TYPES,
    FetchPolicy,
    PermanentFetchError,
    Resolver,
    fetch,
    system_resolver,
)
from sources.urls import InvalidURLError, canonicalize_url

__all__ = [
    "MalformedFeedError",
    "FeedEntry",
    "ParsedFeed",
    "FeedPollResult",
    "parse_feed",
    "poll_feed",
]

# A feed is a list of recent items; a "feed" with thousands of entries is a
# mistake or an attack, and each entry becomes a fetch.
MAX_ENTRIES = 500
FEED_MAX_BYTES = 5 * 1024 * 1024
# CPU seconds one feed may cost to parse; a real feed of 5 MB takes well under one.
FEED_PARSE_BUDGET_SECONDS = 10.0

# feedparser sets bozo for these even when the entries are fine.
_HARMLESS_BOZO = (
    feedparser.CharacterEncodingOverride,
    feedparser.NonXMLContentType,
)


class MalformedFeedError(PermanentFetchError):
    """The feed could not be parsed; the message says why."""


@dataclass(frozen=True)
class FeedEntry:
    url: str  # canonical URL of the article
    title: str = ""
    guid: str = ""
    published_at: datetime | None = None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: list[FeedEntry]
    warning: str = ""  # a recoverable problem worth showing to editors
    skipped: int = 0  # entries without a usable http(s) link


@dataclass(frozen=True)
class FeedPollResult:
    url: str
    not_modified: bool
    etag: str = ""
    last_modified: str = ""
    feed: ParsedFeed | None = None
    redirects: tuple[str, ...] = field(default_factory=tuple)


def _entry_datetime(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _entry_url(entry: Any) -> str | None:
    candidates = [entry.get("link")]
    candidates += [link.get("href") for link in entry.get("links", []) if link.get("rel") == "alternate"]
    guid = entry.get("id")
    if entry.get("guidislink", False) or (isinstance(guid, str) and guid.startswith("http")):
        candidates.append(guid)
    for candidate in candidates:
        if not isinstance(candidate, str):
            continue
        try:
            return canonicalize_url(candidate)
        except InvalidURLError:
            continue
    return None


class _EntityDeclared(Exception):  # noqa: N818 - internal signal
    pass


def _refuse_entity_declarations(content: bytes, url: str) -> None:
    """Refuse a document that declares XML entities, before any parser expands them.

    A feed has no use for <!ENTITY>; nested declarations ("billion laughs") cost
    seconds of CPU even where expat's amplification guard ends them. expat reads the
    bytes here in one linear pass (any encoding it knows), and the handler stops at the
    first declaration, so nothing is ever expanded. Other syntax errors are left to
    feedparser, whose lenient parser reads broken feeds.
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def declared(*args: object) -> None:
        raise _EntityDeclared

    parser.EntityDeclHandler = declared
    parser.UnparsedEntityDeclHandler = declared
    parser.ExternalEntityRefHandler = declared  # type: ignore[assignment]
    try:
        parser.Parse(content, True)
    except _EntityDeclared:
        raise MalformedFeedError(
            "the feed declares XML entities (<!ENTITY>); they are never expanded, so it is refused",
            url=url,
        ) from None
    except expat.ExpatError:
        pass


def parse_feed(
    content: bytes,
    *,
    url: str = "",
    content_type: str = "",
    budget: float = FEED_PARSE_BUDGET_SECONDS,
) -> ParsedFeed:
    """Parse feed bytes within ``budget`` seconds. Raises MalformedFeedError when nothing
    usable is in it, when it declares entities, or when parsing runs out of time."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    _refuse_entity_declarations(content, url)
    try:
        with time_budget(budget, what="parsing the feed"):
            parsed = feedparser.parse(content, response_headers=headers, sanitize_html=False)
    except TimeBudgetExceeded as exc:
        raise MalformedFeedError(str(exc), url=url) from None
    except Exception as exc:  # noqa: BLE001 - feedparser on hostile input; never crash a worker
        raise MalformedFeedError(f"feed could not be parsed: {exc!r}", url=url) from exc

    problem = ""
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), _HARMLESS_BOZO):
        problem = str(parsed.get("bozo_exception") or "malformed feed")
    if not parsed.entries and (problem or not parsed.get("version")):
        raise MalformedFeedError(
            f"not a valid RSS/Atom feed: {problem or 'no feed found in the document'}", url=url
        )

    entries: list[FeedEntry] = []
    seen: set[str] = set()
    skipped = 0
    for raw in parsed.entries[:MAX_ENTRIES]:
        entry_url = _entry_url(raw)
        if entry_url is None:
            skipped += 1
            continue
        if entry_url in seen:
            continue
        seen.add(entry_url)
        entries.append(
            FeedEntry(
                url=entry_url,
                title=" ".join(str(raw.get("title", "")).split())[:500],
                guid=str(raw.get("id", ""))[:500],
                published_at=_entry_datetime(raw),
            )
        )
    warning = f"feed is malformed but was read: {problem}" if problem else ""
    if len(parsed.entries) > MAX_ENTRIES:
        warning = (warning + "; " if warning else "") + f"only the first {MAX_ENTRIES} entries were read"
    title = " ".join(str(parsed.feed.get("title", "")).split())[:500]
    return ParsedFeed(title=title, entries=entries, warning=warning, skipped=skipped)


def poll_feed(
    url: str,
    *,
    policy: FetchPolicy,
    etag: str = "",
    last_modified: str = "",
    resolver: Resolver = system_resolver,
) -> FeedPollResult:
    """Fetch and parse a feed with conditional GET. Raises FetchError subclasses
    (MalformedFeedError included) for the caller to record."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    feed_policy = replace(policy, max_bytes=min(policy.max_bytes, FEED_MAX_BYTES))
    response = fetch(url, policy=feed_policy, accept=FEED_CONTENT_TYPES, headers=headers, resolver=resolver)
    if response.not_modified:
        return FeedPollResult(
            url=response.url,
            not_modified=True,
            etag=response.headers.get("etag", etag),
            last_modified=response.headers.get("last-modified", last_modified),
            redirects=response.redirects,
        )
    content_type = response.content_type
    if response.charset:
        content_type += f"; charset={response.charset}"
    feed = parse_feed(response.content, url=response.url, content_type=content_type)
    return FeedPollResult(
        url=response.url,
        not_modified=False,
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
        feed=feed,
        redirects=response.redirects,
    )
