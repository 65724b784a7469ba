"""Every operation for every role: anonymous, plain user (no group), Reviewer, Editor, staff."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import ROLES
from tests.api.world import World, world_build

pytestmark = pytest.mark.django_db

OK = (200, 201, 202)

# (method, path template, body, {role: expected status}); "ok" stands for a success code.
A, P, R, E, S = ROLES
READ = {A: 401, P: 403, R: "ok", E: "ok", S: "ok"}
PUBLIC_READ = {A: "ok", P: "ok", R: "ok", E: "ok", S: "ok"}
REVIEW = {A: 401, P: 403, R: "ok", E: "ok", S: "ok"}
EDITOR = {A: 401, P: 403, R: 403, E: "ok", S: "ok"}
STAFF_ONLY = {A: 401, P: 403, R: 403, E: 403, S: "ok"}
SIGNED_IN = {A: 401, P: "ok", R: "ok", E: "ok", S: "ok"}

OPERATIONS: list[tuple[str, str, dict | None, dict]] = [
    ("get", "/api/v1/", None, SIGNED_IN),
    ("get", "/api/v1/schema/", None, SIGNED_IN),
    ("get", "/api/v1/docs/", None, SIGNED_IN),
    ("get", "/api/v1/redoc/", None, SIGNED_IN),
    ("get", "/api/v1/speakers/", None, READ),
    ("get", "/api/v1/speakers/{doe}/", None, READ),
    ("get", "/api/v1/speakers/{doe}/quotes/", None, READ),
    ("get", "/api/v1/speakers/{doe}/claims/", None, READ),
    ("get", "/api/v1/speakers/{doe}/timeline/", None, READ),
    ("get", "/api/v1/claims/match/?text=Armenia+will+quit", None, READ),
    ("post", "/api/v1/claims/match/", {"text": "Armenia will quit"}, READ),
    ("get", "/api/v1/quotes/", None, READ),
    ("get", "/api/v1/quotes/{pending}/", None, READ),
    ("patch", "/api/v1/quotes/{pending}/", {"kind": "mixed"}, REVIEW),
    ("post", "/api/v1/quotes/{pending}/approve/", {}, REVIEW),
    ("post", "/api/v1/quotes/{other}/reject/", {"reason": "Not a quote"}, REVIEW),
    ("get", "/api/v1/claims/", None, PUBLIC_READ),
    ("get", "/api/v1/claims/{published}/", None, PUBLIC_READ),
    ("get", "/api/v1/claims/{published}/claimreview/", None, PUBLIC_READ),
    ("get", "/api/v1/claimreview/", None, PUBLIC_READ),
    ("post", "/api/v1/claims/", {"statement": "New claim."}, REVIEW),
    ("patch", "/api/v1/claims/{draft}/", {"ruling": "Checked."}, REVIEW),
    ("post", "/api/v1/claims/{draft}/submit/", None, REVIEW),
    ("post", "/api/v1/claims/{published}/correct/", {"note": "Typo fixed."}, EDITOR),
    ("post", "/api/v1/claims/{published}/unpublish/", {"note": "Withdrawn."}, EDITOR),
    ("get", "/api/v1/ratings/", None, READ),
    ("get", "/api/v1/sources/", None, READ),
    ("get", "/api/v1/sources/{source}/", None, READ),
    ("post", "/api/v1/sources/", {"name": "New outlet"}, STAFF_ONLY),
    ("patch", "/api/v1/sources/{source}/", {"active": False}, STAFF_ONLY),
    ("get", "/api/v1/feeds/", None, READ),
    ("post", "/api/v1/feeds/", {"source": "{source}", "url": "https://new.example/rss"}, STAFF_ONLY),
    ("get", "/api/v1/articles/", None, READ),
    ("get", "/api/v1/articles/{early}/", None, READ),
    ("post", "/api/v1/articles/", {"text": "A pasted article.", "title": "T"}, REVIEW),
    ("post", "/api/v1/articles/{early}/requeue/", None, REVIEW),
]


def _ids(w: World) -> dict[str, int]:
    return {
        "doe": w.doe.pk,
        "pending": w.pending.pk,
        "other": w.other.pk,
        "published": w.published.pk,
        "draft": w.draft.pk,
        "source": w.early.source_id,
        "early": w.early.pk,
    }


def _fill(value: object, ids: dict[str, int]) -> object:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), OPERATIONS, ids=[f"{o[0]} {o[1]}" for o in OPERATIONS]
)
def test_permission_matrix(
    make_client: Callable[[str], APIClient],
    role: str,
    method: str,
    path: str,
    body: dict | None,
    expected: dict,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    w = world_build()
    ids = _ids(w)
    client = make_client(role)
    url = path.format(**ids)
    kwargs = {"format": "json"} if body is not None else {}
    data = _fill(body, ids) if body is not None else None
    response = getattr(client, method)(url, data, **kwargs)
    want = expected[role]
    if want == "ok":
        # A requeue of an article that is not failed answers 400: it still passed the permission check.
        allowed = (*OK, 400) if path.endswith("/requeue/") else OK
        assert response.status_code in allowed, (role, url, response.status_code, response.content[:300])
    else:
        assert response.status_code == want, (role, url, response.status_code, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        if want == 401:
            assert response["WWW-Authenticate"] == "Token"
