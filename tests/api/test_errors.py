"""Every error is JSON {"detail", "code"}: bad bodies, sizes, depths, methods, media types, throttling."""

import json

import pytest
from rest_framework.test import APIClient

from claimtrack.api.throttling import TokenRateThrottle
from quotes.models import Claim
from tests.api.world import world_build

pytestmark = pytest.mark.django_db


def _post_raw(client: APIClient, path: str, body: bytes, content_type: str = "application/json"):  # type: ignore[no-untyped-def]
    return client.generic("POST", path, body, content_type=content_type)


def _is_error(response, status: int, code: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert isinstance(body["detail"], str) and body["detail"]
    if code:
        assert body["code"] == code
    return body


def test_deeply_nested_json_answers_400_not_a_crash(reviewer_api: APIClient) -> None:
    for depth in (100_000, 40):
        body = b"[" * depth + b"]" * depth
        _is_error(_post_raw(reviewer_api, "/api/v1/claims/", body), 400, "parse_error")
    shallow = {"statement": "ok", "evidence": []}
    assert _post_raw(reviewer_api, "/api/v1/claims/", json.dumps(shallow).encode()).status_code == 201


def test_a_body_over_the_limit_answers_413_json(reviewer_api: APIClient, settings) -> None:  # type: ignore[no-untyped-def]
    settings.API_MAX_BODY_BYTES = 1000
    big = json.dumps({"statement": "x" * 2000}).encode()
    _is_error(_post_raw(reviewer_api, "/api/v1/claims/", big), 413, "request_too_large")
    assert not Claim.objects.exists()


def test_a_body_over_the_limit_without_content_length_answers_413(reviewer_api: APIClient, settings) -> None:  # type: ignore[no-untyped-def]
    settings.API_MAX_BODY_BYTES = 1000
    from io import BytesIO

    from claimtrack.api.exceptions import RequestBodyTooLarge
    from claimtrack.api.parsers import LimitedJSONParser

    with pytest.raises(RequestBodyTooLarge):
        LimitedJSONParser().parse(BytesIO(b'{"a": "' + b"x" * 2000 + b'"}'))


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"NaN",
        b'{"statement": NaN}',
        b'{"statement": "\\ud800"}',
        b"\xff\xfe",
        b'"just a string"',
        b"[]",
    ],
)
def test_malformed_json_answers_400(reviewer_api: APIClient, body: bytes) -> None:
    _is_error(_post_raw(reviewer_api, "/api/v1/claims/", body), 400)
    assert not Claim.objects.exists()


def test_unsupported_media_type_answers_415(reviewer_api: APIClient) -> None:
    response = _post_raw(reviewer_api, "/api/v1/claims/", b"statement=x", "application/x-www-form-urlencoded")
    _is_error(response, 415, "unsupported_media_type")


def test_wrong_method_answers_405_json(make_client) -> None:  # type: ignore[no-untyped-def]
    # Permissions are checked first (a reviewer may not delete: 403); staff may, so they see 405.
    staff = make_client("staff")
    _is_error(staff.delete("/api/v1/quotes/1/"), 405, "method_not_allowed")
    _is_error(staff.put("/api/v1/claims/1/", {}, format="json"), 405)
    _is_error(staff.post("/api/v1/ratings/", {}, format="json"), 405)


def test_unknown_api_paths_answer_404_json(reviewer_api: APIClient) -> None:
    _is_error(reviewer_api.get("/api/v1/nothing-here/"), 404, "not_found")
    _is_error(reviewer_api.get("/api/v2/"), 404)


def test_nul_bytes_in_the_query_answer_400(reviewer_api: APIClient) -> None:
    world_build()
    for query in ("search=a%00b", "ordering=%00", "status=%00"):
        _is_error(reviewer_api.get(f"/api/v1/quotes/?{query}"), 400)


def test_a_nul_byte_in_a_body_string_answers_400(reviewer_api: APIClient) -> None:
    body = _is_error(reviewer_api.post("/api/v1/claims/", {"statement": "a\x00b"}, format="json"), 400)
    assert "statement" in body["errors"]


def test_validation_errors_name_the_fields(reviewer_api: APIClient) -> None:
    body = _is_error(reviewer_api.post("/api/v1/claims/", {"claimant": "x"}, format="json"), 400, "invalid")
    assert set(body["errors"]) == {"statement", "claimant"}
    assert body["detail"].startswith("statement:")


def test_throttling_per_token_answers_429_with_retry_after(make_client, monkeypatch, time_machine) -> None:  # type: ignore[no-untyped-def]
    # The budget is counted per clock minute: all requests in the middle of one.
    time_machine.move_to("2026-12-01T12:00:30+00:00", tick=False)
    monkeypatch.setitem(TokenRateThrottle.THROTTLE_RATES, "token", "3/minute")
    first, second = make_client("reviewer"), make_client("editor")
    for _ in range(3):
        assert first.get("/api/v1/ratings/").status_code == 200
    response = first.get("/api/v1/ratings/")
    body = _is_error(response, 429, "throttled")
    assert int(response["Retry-After"]) == 30  # the rest of the minute
    assert "throttled" in body["code"]
    # Another token has a budget of its own.
    assert second.get("/api/v1/ratings/").status_code == 200


def test_a_service_permission_error_is_403_json(make_client) -> None:  # type: ignore[no-untyped-def]
    w = world_build()
    client = make_client("reviewer")
    _is_error(client.post(f"/api/v1/claims/{w.published.pk}/unpublish/", {"note": "x"}, format="json"), 403)


def test_throttle_counts_outside_postgresql_live_in_the_shared_redis_cache(
    make_client, monkeypatch, settings, time_machine
) -> None:  # type: ignore[no-untyped-def]
    import os

    import redis

    url = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
    prefix = f"test-throttle-{os.getpid()}"
    settings.CACHES = {
        "default": {"BACKEND": "claimtrack.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    }
    monkeypatch.setitem(TokenRateThrottle.THROTTLE_RATES, "token", "3/minute")
    time_machine.move_to("2026-12-01T12:00:30+00:00", tick=False)
    client = make_client("reviewer")
    assert [client.get("/api/v1/ratings/").status_code for _ in range(4)] == [200, 200, 200, 429]
    # Inside a transaction (this test's) a token's requests are not counted by the token
    # statement (claimtrack/api/throttle_counts.py) but in the cache, as sessions' are: one
    # counter for the token and the current minute, in Redis (every web process sees it).
    keys = redis.Redis.from_url(url).keys(f"{prefix}:*throttle_token*")
    assert len(keys) == 1 and int(redis.Redis.from_url(url).get(keys[0])) == 4
    redis.Redis.from_url(url).delete(*keys)
