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

from claimtrack.api import throttle_counts
from claimtrack.api.response_cache import VERSION_COLUMNS, response_cache_enabled, version_from_row
from claimtrack.api.throttling import TokenRateThrottle
from claimtrack.auth_backends import permissions_array_sql, permissions_preload


@cache
def _token_query(postgresql: bool, with_version: bool, counting: bool) -> tuple[str, list[str], list[str]]:
    """The SQL that reads the tokens with one key prefix and their users, and both column lists.

    Written once: the ORM spends longer compiling ``filter(token_key=...).select_related("user")``
    (every column of two tables) than PostgreSQL spends answering it, on every API request.
    On PostgreSQL each row ends with the user's permissions (claimtrack.auth_backends: the
    permission checks need no query of their own) and, ``with_version``, the data version the
    response cache is keyed by (claimtrack/api/response_cache.py), all from one snapshot.

    ``with_version``, the statement takes two parameters: the data version at which this process
    last read the permissions of the key's user (see _remembered_permissions), then the key.
    While the version is the same, nothing that grants a permission (a user's groups, the
    groups' permissions, the permissions themselves: tables the version tracks) has changed
    since, so the permissions are not read again: that subquery is most of PostgreSQL's work
    for the statement. The next column says whether they were skipped.

    ``counting``, the statement also counts this request against the token's throttle budget
    (claimtrack/api/throttle_counts.py; three more parameters first: the key, the end of the
    window, the key) and its last column is the count so far.
    """
    user_model = get_user_model()
    token_fields = [f.attname for f in AuthToken._meta.concrete_fields]
    user_fields = [f.attname for f in user_model._meta.concrete_fields]
    token_table, user_table = AuthToken._meta.db_table, user_model._meta.db_table
    columns = [f't."{c}"' for c in token_fields] + [f'u."{c}"' for c in user_fields]
    version_join = ""
    if with_version:
        columns.append(permissions_array_sql("u", unless="dv.remembered"))
        columns += ["dv.version", "dv.clean", "dv.remembered"]
        # One row, computed once for the statement (it depends on no token). OFFSET 0 keeps
        # PostgreSQL from inlining it, which would compute the version once per use.
        version_join = (
            "CROSS JOIN (SELECT v.version, v.clean, (v.clean AND v.version = %s) AS remembered "
            f"FROM (SELECT {VERSION_COLUMNS} OFFSET 0) AS v(version, clean)) dv "
        )
    elif postgresql:
        columns.append(permissions_array_sql("u"))
    if counting:
        columns.append(throttle_counts.COUNT_COLUMN)
    sql = (
        f"{throttle_counts.count_cte(token_table) if counting else ''}"
        f'SELECT {", ".join(columns)} FROM "{token_table}" t '
        f'JOIN "{user_table}" u ON u."{user_model._meta.pk.attname}" = t."user_id" '
        f"{version_join}"
        f'WHERE t."token_key" = %s'
    )
    return sql, token_fields, user_fields


def _execute(connection: Any, sql: str, params: list[str]) -> list[tuple[Any, ...]]:
    """Run ``sql`` (text parameters, ``%s``), as a prepared statement on PostgreSQL outside
    transactions: planning the token query (two joins, a permission subquery) costs PostgreSQL
    several times more than running it. The names prepared are kept with the database
    connection they were prepared on (``connection.connection``: a new one after a reconnect)."""
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
            numbered = sql.split("%s")
            body = "".join(
                part + (f"${i}" if i < len(numbered) else "") for i, part in enumerate(numbered, 1)
            )
            types = ", ".join(["text"] * (len(numbered) - 1))
            cursor.execute(f"PREPARE {name}({types}) AS {body}")
            prepared[1].add(name)
        cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})", params)
        return cursor.fetchall()


# The permissions this process last read for a token key: {key: (data version, user id,
# permissions)}. Exact: they are used only at that very data version, which every write to the
# tables that grant permissions changes. Bounded: emptied when it reaches _REMEMBERED_MAX keys.
_remembered_permissions: dict[str, tuple[str, int, frozenset[str]]] = {}
_REMEMBERED_MAX = 10_000


def _counting_window(using: str) -> int | None:
    """The end of the token throttle's current window when this request is counted by the
    token statement (claimtrack/api/throttle_counts.py: on PostgreSQL, outside a transaction,
    on the database that takes writes, with a rate set); None when the throttle counts in the
    cache instead."""
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    if using != router.db_for_write(AuthToken):
        return None  # tokens read from a replica, which takes no writes
    throttle = TokenRateThrottle()
    if throttle.num_requests is None or throttle.duration is None:
        return None
    return throttle_counts.window_end(throttle.duration, throttle.timer())


def _tokens_with_key(
    token_key: str, window_end: int | None
) -> tuple[list[AuthToken], str | None, int | None]:
    """The tokens whose key starts with ``token_key``, each with its user loaded, the data
    version for the response cache (None: not to be cached) and, with ``window_end``, the
    number of requests of that key in the throttle window ending then, this one included
    (None: not counted), in one query."""
    db = router.db_for_read(AuthToken)
    postgresql = connections[db].vendor == "postgresql"
    with_version = response_cache_enabled(db)
    counting = window_end is not None
    sql, token_fields, user_fields = _token_query(postgresql, with_version, counting)
    remembered = _remembered_permissions.get(token_key) if with_version else None
    params = [token_key, str(window_end), token_key] if counting else []
    if with_version:
        params.append(remembered[0] if remembered else "")
    params.append(token_key)
    rows = _execute(connections[db], sql, params)
    user_model = get_user_model()
    tokens = []
    n_token, n_user = len(token_fields), len(user_fields)
    version = count = None
    for row in rows:
        token = AuthToken.from_db(db, token_fields, row[:n_token])
        token.user = user_model.from_db(db, user_fields, row[n_token : n_token + n_user])
        tokens.append(token)
        extra = row[n_token + n_user :]
        if counting:
            count, extra = extra[-1], extra[:-1]
        if with_version:
            permissions, row_version, clean, skipped = extra
            version = version_from_row(row_version, clean)
            if skipped:
                # Left unread because this process knows them at this version (a key shared by
                # two tokens of different users: the other user's are read by the backend).
                if remembered is not None and remembered[1] == token.user.pk:
                    permissions_preload(token.user, list(remembered[2]))
            else:
                permissions_preload(token.user, permissions)
                if permissions is not None and version is not None and len(rows) == 1:
                    if len(_remembered_permissions) >= _REMEMBERED_MAX:
                        _remembered_permissions.clear()
                    _remembered_permissions[token_key] = (version, token.user.pk, frozenset(permissions))
        elif postgresql:
            permissions_preload(token.user, extra[0])
    return tokens, version, count


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's authentication in one hand-written query, refusing a key that is not plain ASCII
    with 401 (not a 500). The checks are knox's: the hash compared in constant time, an expired
    token refused and deleted, an inactive user refused.

    ``data_version`` is then the data version read with the token (the response cache's key;
    DRF makes one authenticator per request), and ``throttle_count`` the (end of the window,
    count) the token statement counted for the throttle, when it did (TokenRateThrottle)."""

    data_version: str | None = None
    throttle_count: tuple[int, int] | None = None

    def authenticate_credentials(self, token: bytes) -> Any:
        msg = _("Invalid token.")
        try:
            key = token.decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(msg) from None
        window_end = _counting_window(router.db_for_read(AuthToken))
        tokens, self.data_version, count = _tokens_with_key(key[: CONSTANTS.TOKEN_KEY_LENGTH], window_end)
        if window_end is not None and count is not None:
            self.throttle_count = (window_end, count)
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
