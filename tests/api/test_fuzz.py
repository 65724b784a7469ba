"""schemathesis over the live schema, in the suite: every operation, a token of each role.

Checks: no server error, every response matches the documented schema, and no status code
the schema does not document. Bounded (a few examples per operation) so the suite stays quick;
../shared/acceptance/api-fuzz runs the same checks with more examples on the demo.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from claimtrack.api.services import api_token_create
from claimtrack.api.throttling import AnonymousRateThrottle, TokenRateThrottle
from tests.api.world import world_build
from tests.factories import UserFactory, user_in_group

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
_ROLES = itertools.cycle(["editor", "anonymous", "reviewer", "plain", "staff"])


def _generated_schema() -> dict:
    # The document /api/v1/schema/ serves (test_the_served_schema_is_the_one_fuzzed checks it),
    # built without a request so it can be loaded when tests are collected.
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


SCHEMA_DOCUMENT = _generated_schema()
schema = schemathesis.openapi.from_dict(SCHEMA_DOCUMENT)
schema.app = get_wsgi_application()


@pytest.fixture
def fuzz_world(db, monkeypatch) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    """A small newsroom and a token per role; the WSGI app runs in this thread, inside the
    test's transaction, so Django must not close the connection after each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    monkeypatch.setitem(TokenRateThrottle.THROTTLE_RATES, "token", "1000000/hour")
    monkeypatch.setitem(AnonymousRateThrottle.THROTTLE_RATES, "anon", "1000000/hour")
    world_build()
    users = {
        "plain": UserFactory(username="plain", is_staff=False),
        "reviewer": user_in_group("reviewer", "Reviewer"),
        "editor": user_in_group("editor", "Editor"),
        "staff": UserFactory(username="boss", is_superuser=True),
    }
    try:
        yield {role: api_token_create(user=user, name="fuzz")[1] for role, user in users.items()}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_served_schema_is_the_one_fuzzed(fuzz_world: dict[str, str]) -> None:
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {fuzz_world['plain']}")
    served = client.get("/api/v1/schema/?format=json")
    assert served.status_code == 200
    assert served.json() == SCHEMA_DOCUMENT


@schema.parametrize()
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_fuzz(case, fuzz_world: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    # The generated cases take turns with the roles (anonymous, plain, Reviewer, Editor, staff),
    # so every role meets every operation without multiplying the run time by five.
    role = next(_ROLES)
    headers = {"Authorization": f"Token {fuzz_world[role]}"} if role != "anonymous" else {}
    case.call_and_validate(headers=headers, checks=CHECKS)
