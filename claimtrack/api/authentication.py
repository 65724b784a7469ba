"""Token authentication: knox's hashed tokens, header ``Authorization: Token <key>``."""

from __future__ import annotations

import binascii
import hashlib
from functools import cache
from hmac import compare_digest
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS, knox_settings
from rest_framework import exceptions

from claimtrack.api.response_cache import VERSION_COLUMNS, response_cache_enabled, version_from_row
from claimtrack.auth_backends import permissions_array_sql, permissions_preload


@cache
def _token_query(postgresql: bool, with_version: bool) -> tuple[str, list[str], list[str]]:
    """The SQL that reads the tokens with one key prefix and their users, and both column lists.

    Written once: the ORM spends longer compiling ``filter(token_key=...).select_related("user")``
    (every column of two tables) than PostgreSQL spends answering it, on every API request.
    On PostgreSQL each row ends with the user's permissions (claimtrack.auth_backends: the
    permission checks need no query of their own) and, ``with_version``, the data version the
    response cache is keyed by (claimtrack/api/response_cache.py), all from one snapshot.
    """
    user_model = get_user_model()
    token_fields = [f.attname for f in AuthToken._meta.concrete_fields]
    user_fields = [f.attname for f in user_model._meta.concrete_fields]
    token_table, user_table = AuthToken._meta.db_table, user_model._meta.db_table
    columns = [f't."{c}"' for c in token_fields] + [f'u."{c}"' for c in user_fields]
    if postgresql:
        columns.append(permissions_array_sql("u"))
    if with_version:
        columns.append(VERSION_COLUMNS)
    sql = (
        f'SELECT {", ".join(columns)} FROM "{token_table}" t '
        f'JOIN "{user_table}" u ON u."{user_model._meta.pk.attname}" = t."user_id" '
        f'WHERE t."token_key" = %s'
    )
    return sql, token_fields, user_fields


def _execute(connection: Any, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run ``sql`` (one ``%s``), as a prepared statement on PostgreSQL outside transactions:
    planning the token query (two joins, a permission subquery) costs PostgreSQL several times
    more than running it. The names prepared are kept with the database connection they were
    prepared on (``connection.connection``: a new one after a reconnect)."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            cursor.execute(sql, params)
            return cursor.fetchall()
        name = "claimtrack_token_" + hashlib.sha1(sql.encode()).hexdigest()[:16]
        raw = connection.connection
        prepared: tuple[Any, set[str]] | None = getattr(connection, "_claimtrack_prepared", None)
        if prepared is None or prepared[0] is not raw:
            prepared = connection._claimtrack_prepared = (raw, set[str]())
        if name not in prepared[1]:
            cursor.execute(f"PREPARE {name}(text) AS {sql.replace('%s', '$1')}")
            prepared[1].add(name)
        cursor.execute(f"EXECUTE {name}(%s)", params)
        return cursor.fetchall()


def _tokens_with_key(token_key: str) -> tuple[list[AuthToken], str | None]:
    """The tokens whose key starts with ``token_key``, each with its user loaded, and the
    data version for the response cache (None: not to be cached), in one query."""
    db = router.db_for_read(AuthToken)
    postgresql = connections[db].vendor == "postgresql"
    with_version = response_cache_enabled(db)
    sql, token_fields, user_fields = _token_query(postgresql, with_version)
    rows = _execute(connections[db], sql, [token_key])
    user_model = get_user_model()
    tokens = []
    n_token, n_user = len(token_fields), len(user_fields)
    version = None
    for row in rows:
        token = AuthToken.from_db(db, token_fields, row[:n_token])
        token.user = user_model.from_db(db, user_fields, row[n_token : n_token + n_user])
        tokens.append(token)
        extra = row[n_token + n_user :]
        if postgresql:
            permissions_preload(token.user, extra[0])
        if with_version:
            version = version_from_row(*extra[-2:])
    return tokens, version


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's authentication in one hand-written query, refusing a key that is not plain ASCII
    with 401 (not a 500). The checks are knox's: the hash compared in constant time, an expired
    token refused and deleted, an inactive user refused.

    ``data_version`` is then the data version read with the token (the response cache's key;
    DRF makes one authenticator per request)."""

    data_version: str | None = None

    def authenticate_credentials(self, token: bytes) -> Any:
        msg = _("Invalid token.")
        try:
            key = token.decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(msg) from None
        tokens, self.data_version = _tokens_with_key(key[: CONSTANTS.TOKEN_KEY_LENGTH])
        for auth_token in tokens:
            if self._cleanup_token(auth_token):
                continue
            try:
                digest = hash_token(key)
            except (TypeError, binascii.Error):
                raise exceptions.AuthenticationFailed(msg) from None
            if compare_digest(digest, auth_token.digest):
                if knox_settings.AUTO_REFRESH and auth_token.expiry:
                    self.renew_token(auth_token)
                return self.validate_user(auth_token)
        raise exceptions.AuthenticationFailed(msg)

    def _cleanup_token(self, auth_token: Any) -> bool:
        # knox also deletes the user's *other* expired tokens on every request (one more query
        # each time); an expired token is refused and deleted when it is used, which is enough.
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False
