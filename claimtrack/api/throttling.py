"""Per-token throttling: each token has its own budget (several tokens of one user do not share)."""

from __future__ import annotations

from typing import Any

from knox.models import AuthToken
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class TokenRateThrottle(UserRateThrottle):
    """Rate ``token`` (API_THROTTLE_USER): keyed by the token, else by the signed-in user."""

    scope = "token"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, AuthToken):
            ident = f"token-{request.auth.token_key}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(AnonRateThrottle):
    """Rate ``anon`` (API_THROTTLE_ANON) for the public reads (published claims, ClaimReview)."""
