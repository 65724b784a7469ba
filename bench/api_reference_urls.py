"""bench/api.py's reference endpoints, beside every claimtrack URL (bench/api_reference_settings.py).

Each one does a part of what an API request must do, and answers a constant body:

- ``/bench/floor/round-trips``: plain Django (no DRF) that checks the token and counts the
  per-token throttle exactly as every API request does (one PostgreSQL statement, which also
  counts the request: claimtrack/api/throttle_counts.py). No API answer can be cheaper than
  this one: it is the floor.
- ``/bench/floor/drf``: a DRF view with the API's default authentication, permission and
  throttle classes (the settings every API view starts from), answering a constant.
- ``/bench/floor/bytes?n=N``: plain Django, no database, answering N bytes: what sending a body
  of that size costs (the whole ClaimReview feed is about 1.7 MB).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from claimtrack.api.authentication import TokenAuthentication
from claimtrack.api.throttling import TokenRateThrottle
from claimtrack.urls import urlpatterns as claimtrack_urlpatterns

# About the size of the API root's answer.
SMALL = {"resources": "x" * 600}


@cache
def _constant(n: int) -> bytes:
    return b"[" + b'"' + b"x" * max(n - 4, 0) + b'"' + b"]"


class _Checked:
    """What the throttle reads of a request: the token, its user and the authenticator (which
    may have counted the request already)."""

    def __init__(self, user: Any, auth: Any, authenticator: TokenAuthentication) -> None:
        self.user, self.auth, self._authenticator = user, auth, authenticator


def round_trips(request: HttpRequest) -> HttpResponse:
    header = request.META.get("HTTP_AUTHORIZATION", "").split()
    if len(header) != 2 or header[0] != "Token":
        return HttpResponse(status=401)
    authenticator = TokenAuthentication()
    try:
        user, token = authenticator.authenticate_credentials(header[1].encode())
    except exceptions.AuthenticationFailed:
        return HttpResponse(status=401)
    if not TokenRateThrottle().allow_request(_Checked(user, token, authenticator), None):  # type: ignore[arg-type]
        return HttpResponse(status=429)
    return HttpResponse(_constant(650), content_type="application/json")


class DrfFloor(APIView):
    """The API's default authentication, permissions and throttles (REST_FRAMEWORK settings)."""

    def get(self, request: Any) -> Response:
        return Response(SMALL)


def constant_bytes(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_constant(int(request.GET.get("n", "650"))), content_type="application/json")


urlpatterns = [
    path("bench/floor/round-trips", round_trips),
    path("bench/floor/drf", DrfFloor.as_view()),
    path("bench/floor/bytes", constant_bytes),
    *claimtrack_urlpatterns,
]
