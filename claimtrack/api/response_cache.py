"""The API's response cache: a read is answered once per data version, then from the cache.

The key holds the database's data version (claimtrack/api/data_version.py), which changes
exactly when a write to the database commits, whatever wrote it (the ORM, ``.update()``,
``bulk_create``, raw SQL, another process, psql). Two requests that see the same version see
the same rows, so a rendered answer stored under (user, URL, media type, version, ...) is served
again only while nothing has been written since: never stale. The version is read in the same
statement as the token (claimtrack/api/authentication.py), before the answer is computed: under
READ COMMITTED the answer's own statements then see that version or a newer one, and a newer
one means a commit came in between, so the key it is stored under can never be asked for again.

Not used (the answer is simply computed) when API_RESPONSE_CACHE is off, on SQLite, for a
request whose transaction has already written (its own uncommitted rows are not counted yet),
for renderers other than JSON (the browsable API shows forms and a CSRF token), and for anything
but a 200. Authentication, permissions and throttling run before the cache on every request
(CachedReadsMixin.dispatch), so a revoked or expired token is refused at once and the per-token
budget counts cached answers too.

Every answer of these views carries an ETag, a hash of its body: send it back as
If-None-Match and an unchanged answer is a 304, even after unrelated writes.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.http import HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.http import parse_etags
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from claimtrack.api.data_version import VERSION_SQL, read_data_version

# Bump when the shape of any cached answer changes (an entry lives API_RESPONSE_CACHE_SECONDS,
# and a deploy does not empty Redis: old code's answers must not be served by new code).
API_CACHE_VERSION = "1"
KEY_PREFIX = "api-response"
# The headers a view sets on its answer: stored with the body and sent again on a hit. The
# middleware (security, sessions, clickjacking) adds the rest on both paths.
_NOT_MODIFIED_HEADERS = ("ETag", "Vary")

# The data version, and whether this transaction has written (then its own uncommitted rows
# are visible to it, yet not counted in the version: no cache).
VERSION_COLUMNS = f"{VERSION_SQL}, pg_current_xact_id_if_assigned() IS NULL"


# A stored answer: the data version it was computed at, its body and its headers. The cache key
# leaves the version out, so that a URL has one entry however often the data changes (stored
# entries of older versions would otherwise fill the cache during a stream of writes); the
# entry answers only a request of the very same version.
Entry = tuple[str, bytes, list[tuple[str, str]]]


class _LocalEntries:
    """The entries this process stored or read last, up to ``max_bytes`` of bodies: a hit
    answered from here skips the round trip to the shared cache and unpickling a large body
    (the whole ClaimReview feed is megabytes). Exact for the same reason as the shared cache:
    an entry holds its data version. Threads share it (gunicorn's gthread workers)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        # key -> (entry, when it was stored: entries live API_RESPONSE_CACHE_SECONDS here too)
        self._entries: OrderedDict[str, tuple[Entry, float]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, max_age: float) -> Entry | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if time.monotonic() - found[1] > max_age:
                self._bytes -= len(self._entries.pop(key)[0][1])
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key: str, entry: Entry) -> None:
        size = len(entry[1])
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[0][1])
            self._entries[key] = (entry, time.monotonic())
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (evicted, _) = self._entries.popitem(last=False)
                self._bytes -= len(evicted[1])

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


local_entries = _LocalEntries(max_bytes=32 * 1024 * 1024)


def response_cache_enabled(using: str = "default") -> bool:
    return bool(getattr(settings, "API_RESPONSE_CACHE", True)) and connections[using].vendor == "postgresql"


def version_from_row(version: str | None, clean: bool | None) -> str | None:
    """The version the cache may use, from the two VERSION_COLUMNS (None: do not cache)."""
    return version if version and clean else None


def request_data_version(request: Request) -> str | None:
    """The data version this request's answer will be computed from (or a later one).

    The token authentication read it in the same query as the token; a session or an anonymous
    request reads it in a query of its own."""
    from knox.models import AuthToken

    using = router.db_for_read(AuthToken)
    if not response_cache_enabled(using):
        return None
    authenticator = getattr(request, "_authenticator", None)
    if authenticator is not None and hasattr(authenticator, "data_version"):
        return authenticator.data_version
    return version_from_row(*read_data_version(using))


def _database_identity() -> str:
    db = settings.DATABASES["default"]
    return f"{db.get('HOST')}:{db.get('PORT')}/{db.get('NAME')}"


def _settings_part() -> str:
    # Settings an answer shows (ClaimReview's organisation and URL template, public reads).
    return repr(
        (
            getattr(settings, "CLAIMREVIEW_ORGANIZATION_NAME", None),
            getattr(settings, "CLAIMREVIEW_ORGANIZATION_URL", None),
            getattr(settings, "CLAIMREVIEW_URL_TEMPLATE", None),
            getattr(settings, "API_PUBLIC_CLAIMS", None),
        )
    )


def response_cache_key(request: Request) -> str:
    """The entry's key: who asks what, and how (the data version is in the entry)."""
    user = request.user
    who = f"user-{user.pk}" if user is not None and user.is_authenticated else "anonymous"
    parts = (
        API_CACHE_VERSION,
        _database_identity(),
        who,
        # HEAD is answered by the GET handler (the server drops the body).
        "GET",
        request.scheme,
        request._request.get_host(),
        request._request.get_full_path(),
        request.accepted_renderer.format,
        request.accepted_media_type,
        timezone.get_current_timezone_name(),
        translation.get_language(),
        _settings_part(),
    )
    digest = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode(), digest_size=20).hexdigest()
    return f"{KEY_PREFIX}:{digest}"


def body_etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def not_modified(request: Request, etag: str, vary: str | None) -> HttpResponse | None:
    """304 when If-None-Match names this answer's ETag (or ``*``)."""
    header = request._request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return None
    tags = parse_etags(header)
    if "*" not in tags and etag not in tags and etag.removeprefix("W/") not in tags:
        return None
    response = HttpResponseNotModified()
    response["ETag"] = etag
    if vary:
        response["Vary"] = vary
    return response


# This process's lookups, for benchmarks and tests: hits from memory, from the shared cache, misses.
counts = {"local": 0, "shared": 0, "miss": 0}


def _timeout() -> int:
    return int(getattr(settings, "API_RESPONSE_CACHE_SECONDS", 300))


def _lookup(key: str, version: str) -> Entry | None:
    """The entry for ``key`` computed at ``version``, if this process or the shared cache has it."""
    entry = local_entries.get(key, _timeout())
    if entry is not None and entry[0] == version:
        counts["local"] += 1
        return entry
    entry = cache.get(key)
    if entry is None or entry[0] != version:
        counts["miss"] += 1
        return None
    counts["shared"] += 1
    local_entries.put(key, entry)
    return entry


def _wait_seconds() -> float:
    return float(getattr(settings, "API_RESPONSE_CACHE_WAIT_SECONDS", 5))


def _computing_key(key: str, version: str) -> str:
    return f"{key}:computing:{hashlib.blake2b(version.encode(), digest_size=10).hexdigest()}"


def _claim_computation(key: str, version: str) -> bool:
    """Whether this request computes the answer of ``key`` at ``version``: False when another
    request (any worker) already is. After a write every poller of a URL misses at once (the
    feed's aggregators, the newsroom tools on the quote list); one computes, the others wait."""
    wait = _wait_seconds()
    if wait <= 0:
        return True
    return bool(cache.add(_computing_key(key, version), 1, timeout=max(1, round(wait) + 1)))


def _release_computation(key: str, version: str) -> None:
    cache.delete(_computing_key(key, version))


def _wait_for_computation(key: str, version: str) -> Entry | None:
    """The entry another request is computing, once it is stored; None when that request gave
    up (an error, not a 200) or took longer than API_RESPONSE_CACHE_WAIT_SECONDS."""
    deadline = time.monotonic() + _wait_seconds()
    delay = 0.005
    while time.monotonic() < deadline:
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
        # The lock, not the entry, is polled: until the new answer is stored the key holds the
        # previous version's (the whole feed is megabytes to fetch and unpickle each time).
        if cache.get(_computing_key(key, version)) is None:
            # Released after the answer was stored, or without one (not a 200).
            entry = cache.get(key)
            if entry is None or entry[0] != version:
                return None
            counts["shared"] += 1
            local_entries.put(key, entry)
            return entry
    return None


def _cacheable_request(request: Request) -> bool:
    return request.method in ("GET", "HEAD") and isinstance(
        getattr(request, "accepted_renderer", None), JSONRenderer
    )


class CachedReadsMixin:
    """For an APIView or a ViewSet: GET/HEAD answers of ``cached_actions`` (or the whole view,
    for an APIView) carry a body-hash ETag and are served from the response cache.

    The view's own code runs only on a miss; on a hit the stored bytes and headers are sent as
    they were, after DRF's content negotiation, authentication, permissions and throttles."""

    cached_actions: tuple[str, ...] = ("list", "retrieve")

    def _answer_is_cacheable(self, request: Request) -> bool:
        if not _cacheable_request(request):
            return False
        action = getattr(self, "action", None)
        return action is None or action in self.cached_actions

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # DRF's APIView.dispatch, with the cache between the checks and the handler.
        view: Any = self
        view.args = args
        view.kwargs = kwargs
        request = view.initialize_request(request, *args, **kwargs)
        view.request = request
        view.headers = view.default_response_headers
        key = version = None
        claimed: tuple[str, str] | None = None  # the answer other requests wait for this one to compute
        try:
            try:
                view.initial(request, *args, **kwargs)
                if self._answer_is_cacheable(request):
                    version = request_data_version(request)
                    key = response_cache_key(request) if version else None
                    stored = _lookup(key, version) if key and version else None
                    if stored is None and key and version:
                        if _claim_computation(key, version):
                            claimed = (key, version)
                        else:
                            # Computed here only if the other request gives up or is too slow.
                            stored = _wait_for_computation(key, version)
                    if stored is not None:
                        return self._replay(request, stored)
                    # Computed below; the ETag and 304 apply with or without the cache.
                    key = key or ""
                if request.method.lower() in view.http_method_names:
                    handler = getattr(view, request.method.lower(), view.http_method_not_allowed)
                else:
                    handler = view.http_method_not_allowed
                response = handler(request, *args, **kwargs)
            except Exception as exc:
                response = view.handle_exception(exc)
                key = None
            view.response = view.finalize_response(request, response, *args, **kwargs)
            if key is None or view.response.status_code != 200 or getattr(view.response, "streaming", False):
                return view.response
            return self._store(request, view.response, key, version)
        finally:
            if claimed is not None:
                # Stored by now, or not a 200: the waiting requests read it, or compute it.
                _release_computation(*claimed)

    def _store(
        self, request: Request, response: HttpResponse, key: str, version: str | None
    ) -> HttpResponseBase:
        if hasattr(response, "render"):
            response.render()
        body = response.content
        etag = body_etag(body)
        response["ETag"] = etag
        if key and version:
            entry = (version, body, list(response.items()))
            cache.set(key, entry, timeout=_timeout())
            local_entries.put(key, entry)
        return not_modified(request, etag, response.get("Vary")) or response

    def _replay(self, request: Request, stored: Entry) -> HttpResponseBase:
        _, body, headers = stored
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        return not_modified(request, response["ETag"], response.get("Vary")) or response
