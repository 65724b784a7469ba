"""Desk users: the demo's accounts, one per role."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.db import transaction

from claimtrack.errors import ApplicationError

ROLE_GROUPS = ("Reviewer", "Editor")


@transaction.atomic
def desk_user_ensure(*, username: str, password: str, role: str | None, superuser: bool = False) -> User:
    """Create or reset a staff user in one role group (idempotent)."""
    user = User.objects.filter(username=username).first() or User(username=username)
    user.email = user.email or f"{username}@example.com"
    user.is_staff = True
    user.is_active = True
    user.is_superuser = superuser
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    if role is not None:
        if role not in ROLE_GROUPS:
            raise ApplicationError(f"Unknown role {role!r}; choose one of {', '.join(ROLE_GROUPS)}.")
        group = Group.objects.filter(name=role).first()
        if group is None:
            raise ApplicationError(f"The {role} group is missing: run `manage.py migrate`.")
        user.groups.set([group])
    return user
