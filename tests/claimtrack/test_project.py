from io import StringIO

import pytest
from django.core.management import call_command


def test_system_checks_pass() -> None:
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_models_and_migrations_agree() -> None:
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


@pytest.mark.django_db
def test_healthz_answers(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_api_schema_is_for_any_signed_in_user(client) -> None:
    # Issue 9: the schema and docs are readable by any authenticated user or token (not staff
    # only); without credentials they answer 401 as JSON, not a redirect to the login page.
    from tests.factories import UserFactory

    response = client.get("/api/v1/schema/")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    client.force_login(UserFactory(username="plain", is_staff=False))
    assert client.get("/api/v1/schema/").status_code == 200
