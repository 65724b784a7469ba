"""API test fixtures: one client per role, each authenticated with a real knox token."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claimtrack.api.services import api_token_create
from tests.factories import UserFactory, user_in_group

ROLES = ("anonymous", "plain", "reviewer", "editor", "staff")


@pytest.fixture(autouse=True)
def _fresh_throttle_counts() -> None:
    # Throttle counters live in the cache; every test starts with a full budget.
    cache.clear()


def token_client(user) -> APIClient:  # type: ignore[no-untyped-def]
    _, key = api_token_create(user=user, name=f"test-{user.username}")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def make_client(db) -> Callable[[str], APIClient]:  # type: ignore[no-untyped-def]
    """A client for a role: anonymous, plain (no group), reviewer, editor, staff (superuser)."""

    def make(role: str) -> APIClient:
        if role == "anonymous":
            return APIClient()
        if role == "plain":
            return token_client(UserFactory(username="plain", is_staff=False))
        if role == "reviewer":
            return token_client(user_in_group("reviewer", "Reviewer"))
        if role == "editor":
            return token_client(user_in_group("editor", "Editor"))
        if role == "staff":
            return token_client(UserFactory(username="boss", is_staff=True, is_superuser=True))
        raise ValueError(role)

    return make


@pytest.fixture
def reviewer_api(make_client) -> APIClient:  # type: ignore[no-untyped-def]
    return make_client("reviewer")


@pytest.fixture
def editor_api(make_client) -> APIClient:  # type: ignore[no-untyped-def]
    return make_client("editor")
