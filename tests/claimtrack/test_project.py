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
def test_api_schema_is_for_staff_only(client, admin_client) -> None:
    assert client.get("/api/v1/schema/").status_code == 302
    response = admin_client.get("/api/v1/schema/")
    assert response.status_code == 200
