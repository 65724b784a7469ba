from io import StringIO

import pytest
from django.contrib.admin.sites import site
from django.core.management import CommandError, call_command
from knox.models import AuthToken
from rest_framework.test import APIClient

from claimtrack.api.models import ApiTokenName
from claimtrack.api.services import api_token_create
from tests.factories import UserFactory, user_in_group

pytestmark = pytest.mark.django_db


def _get(key: str, path: str = "/api/v1/quotes/") -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(path).status_code


def test_command_prints_the_token_last_and_stores_only_its_hash() -> None:
    user_in_group("reviewer", "Reviewer")
    out = StringIO()
    call_command("api_token_create", "reviewer", "--name", "CMS plugin", stdout=out)
    key = out.getvalue().split()[-1]
    token = AuthToken.objects.get()
    assert token.api_name.name == "CMS plugin"
    assert token.expiry is None
    assert key not in token.digest and len(token.digest) == 128
    assert _get(key) == 200


def test_several_named_tokens_per_user_and_revoking_one_keeps_the_other() -> None:
    user = user_in_group("reviewer", "Reviewer")
    first, key1 = api_token_create(user=user, name="bot")
    _, key2 = api_token_create(user=user, name="dashboard")
    assert sorted(ApiTokenName.objects.values_list("name", flat=True)) == ["bot", "dashboard"]
    first.delete()
    assert _get(key1) == 401
    assert _get(key2) == 200
    assert not ApiTokenName.objects.filter(name="bot").exists()


def test_expired_tokens_answer_401(time_machine) -> None:  # type: ignore[no-untyped-def]
    user = user_in_group("reviewer", "Reviewer")
    out = StringIO()
    call_command("api_token_create", "reviewer", "--name", "temp", "--expires-days", "2", stdout=out)
    key = out.getvalue().split()[-1]
    assert "expires" in out.getvalue()
    assert _get(key) == 200
    time_machine.move_to(AuthToken.objects.get(user=user).expiry, tick=False)
    time_machine.shift(60)
    assert _get(key) == 401


@pytest.mark.parametrize(
    "header",
    ["Token", "Token a b", "Token nonsense", "Token \u00e9\u00e9\u00e9", "Bearer x", "Token " + "x" * 500],
)
def test_bad_credentials_answer_401_json(header: str) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/quotes/")
    assert response.status_code == 401
    assert response.json()["code"] in ("authentication_failed", "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_command_refuses_unknown_users_and_empty_names() -> None:
    UserFactory(username="someone")
    with pytest.raises(CommandError, match="No user"):
        call_command("api_token_create", "nobody", "--name", "x", stdout=StringIO())
    with pytest.raises(CommandError, match="name"):
        call_command("api_token_create", "someone", "--name", "  ", stdout=StringIO())
    with pytest.raises(CommandError, match="one day"):
        call_command("api_token_create", "someone", "--name", "x", "--expires-days", "0", stdout=StringIO())
    assert not AuthToken.objects.exists()


def test_tokens_are_listed_and_revocable_in_the_admin(admin_client) -> None:  # type: ignore[no-untyped-def]
    user = user_in_group("reviewer", "Reviewer")
    token, key = api_token_create(user=user, name="newsroom bot")
    assert AuthToken in site._registry
    listing = admin_client.get("/admin/knox/authtoken/")
    assert listing.status_code == 200
    assert b"newsroom bot" in listing.content
    page = admin_client.get(f"/admin/knox/authtoken/{token.pk}/delete/")
    assert page.status_code == 200
    admin_client.post(f"/admin/knox/authtoken/{token.pk}/delete/", {"post": "yes"})
    assert not AuthToken.objects.exists()
    assert _get(key) == 401
