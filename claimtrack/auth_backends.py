"""Django's model backend, reading a user's permissions in one short query instead of two."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router


@cache
def _permissions_sql(user: str = "%s") -> str:
    """A user's own and group permissions as (app label, codename), for ``%(user)s`` twice.

    Hand-written: compiling the same query with the ORM takes several times longer than
    PostgreSQL takes to answer it, and every API request asks it. ``user`` is the SQL of the
    user's id: a parameter, or a column of an outer query (permissions_array_sql).
    """
    user_perms = User.user_permissions.through._meta.db_table
    group_perms = Group.permissions.through._meta.db_table
    user_groups = User.groups.through._meta.db_table
    return (
        f'SELECT ct."app_label", p."codename" FROM "{Permission._meta.db_table}" p '
        f'JOIN "{ContentType._meta.db_table}" ct ON ct."id" = p."content_type_id" '
        f'WHERE p."id" IN (SELECT "permission_id" FROM "{user_perms}" WHERE "user_id" = {user} '
        f'UNION SELECT gp."permission_id" FROM "{group_perms}" gp '
        f'JOIN "{user_groups}" ug ON ug."group_id" = gp."group_id" WHERE ug."user_id" = {user})'
    )


@cache
def permissions_array_sql(user_table: str, unless: str | None = None) -> str:
    """An SQL expression: the permissions (``app_label.codename``) of the user row ``user_table``
    as an array, as get_all_permissions reads them; NULL for a superuser (Django grants them
    every permission without asking the backend), and NULL without reading them when the SQL
    condition ``unless`` holds. The token query (claimtrack.api.authentication) selects it beside
    the user: no query of its own."""
    own = _permissions_sql(f'{user_table}."id"').replace(
        'SELECT ct."app_label", p."codename"', 'SELECT ct."app_label" || \'.\' || p."codename"', 1
    )
    skip = f"WHEN {unless} THEN NULL " if unless else ""
    return f'CASE {skip}WHEN {user_table}."is_superuser" THEN NULL ELSE ARRAY({own}) END'


def permissions_preload(user_obj: Any, permissions: list[str] | None) -> None:
    """Give ``user_obj`` the permissions read by permissions_array_sql in the same statement."""
    if permissions is not None:
        user_obj._perm_cache = set(permissions)


class ModelBackend(DjangoModelBackend):
    """Every API call checks model permissions; Django reads the user's own permissions and
    their groups' in two ORM queries. This reads both at once; the answers are the same."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows: Any = Permission.objects.values_list("content_type__app_label", "codename")
            else:
                with connections[router.db_for_read(Permission)].cursor() as cursor:
                    cursor.execute(_permissions_sql(), [user_obj.pk, user_obj.pk])
                    rows = cursor.fetchall()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
