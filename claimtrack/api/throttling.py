"""Per-token throttling: each token has its own budget (several tokens of one user do not share).

DRF's throttles keep the time of every request of the last period in one cache entry, read,
unpickled, trimmed and written back on each request: at 5,000 an hour that is a list of up to
5,000 floats per call. These count instead: one integer per identity and window (a period
aligned on the clock, e.g. the current hour), incremented atomically, and seen by every
gunicorn worker. A fixed window lets a client spend one budget at the end of a window and the
next at the start of the following one.

Where it is counted: a token's request, on PostgreSQL outside a transaction, by the token
statement itself (claimtrack/api/throttle_counts.py: no round trip of its own); otherwise
(a session, an anonymous read, inside a transaction, SQLite) in the cache, Redis in
production, in one round trip.
"""

from __future__ import annotations

from typing import Any

from knox.models import AuthToken
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


class _WindowCountMixin(SimpleRateThrottle):
    num_requests: int | None
    duration: int | None
    wait_seconds: float = 0.0

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None or self.num_requests is None or self.duration is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.wait_seconds = (window + 1) * self.duration - now
        key = f"{self.key}:{window}"
        incr_with_expiry = getattr(self.cache, "incr_with_expiry", None)  # claimtrack.cache.RedisCache
        if incr_with_expiry is not None:
            return bool(incr_with_expiry(key, self.duration + 1) <= self.num_requests)
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's first request (or its counter just expired)
            if self.cache.add(key, 1, timeout=self.duration + 1):
                return True
            count = self.cache.incr(key)
        return count <= self.num_requests

    def wait(self) -> float:
        return max(self.wait_seconds, 1.0)


class TokenRateThrottle(_WindowCountMixin, UserRateThrottle):
    """Rate ``token`` (API_THROTTLE_USER): keyed by the token, else by the signed-in user."""

    scope = "token"

    def allow_request(self, request: Request, view: Any) -> bool:
        # Counted by the token statement itself when it could (claimtrack/api/throttle_counts.py):
        # no round trip to the cache.
        counted = getattr(getattr(request, "_authenticator", None), "throttle_count", None)
        if counted is not None and isinstance(request.auth, AuthToken) and self.num_requests is not None:
            window_end, count = counted
            self.wait_seconds = window_end - self.timer()
            return bool(count <= self.num_requests)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, AuthToken):
            ident = f"token-{request.auth.token_key}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(_WindowCountMixin, AnonRateThrottle):
    """Rate ``anon`` (API_THROTTLE_ANON) for the public reads (published claims, ClaimReview)."""
