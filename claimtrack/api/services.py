"""API tokens: created here (the command and tests), revoked by deleting them in the admin."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from knox.models import AuthToken

from claimtrack.api.models import ApiTokenName
from claimtrack.errors import ApplicationError

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def api_token_create(*, user: User, name: str, expires_days: int | None = None) -> tuple[AuthToken, str]:
    """A new named token for ``user``; returns the row and the key, which is shown only now.

    knox stores a hash of the key, never the key itself; a user may hold several tokens.
    """
    name = name.strip()
    if not name:
        raise ApplicationError("Give the token a name (what it is for).")
    if expires_days is not None and expires_days < 1:
        raise ApplicationError("A token expires after one day at the earliest.")
    if not user.is_active:
        raise ApplicationError(f"User {user.get_username()} is inactive.")
    expiry = timedelta(days=expires_days) if expires_days is not None else None
    token, key = AuthToken.objects.create(user=user, expiry=expiry)
    label = ApiTokenName(token=token, name=name)
    label.full_clean()
    label.save()
    return token, key
