"""Token authentication: knox's hashed tokens, header ``Authorization: Token <key>``."""

from __future__ import annotations

import binascii
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


@cache
def _token_query() -> tuple[str, list[str], list[str]]:
    """The SQL that reads the tokens with one key prefix and their users, and both column lists.

    Written once: the ORM spends longer compiling ``filter(token_key=...).select_related("user")``
    (every column of two tables) than PostgreSQL spends answering it, on every API request.
    """
    user_model = get_user_model()
    token_fields = [f.attname for f in AuthToken._meta.concrete_fields]
    user_fields = [f.attname for f in user_model._meta.concrete_fields]
    token_table, user_table = AuthToken._meta.db_table, user_model._meta.db_table
    columns = [f't."{c}"' for c in token_fields] + [f'u."{c}"' for c in user_fields]
    sql = (
        f'SELECT {", ".join(columns)} FROM "{token_table}" t '
        f'JOIN "{user_table}" u ON u."{user_model._meta.pk.attname}" = t."user_id" '
        f'WHERE t."token_key" = %s'
    )
    return sql, token_fields, user_fields


def _tokens_with_key(token_key: str) -> list[AuthToken]:
    """The tokens whose key starts with ``token_key``, each with its user loaded (one query)."""
    sql, token_fields, user_fields = _token_query()
    db = router.db_for_read(AuthToken)
    with connections[db].cursor() as cursor:
        cursor.execute(sql, [token_key])
        rows = cursor.fetchall()
    user_model = get_user_model()
    tokens = []
    for row in rows:
        token = AuthToken.from_db(db, token_fields, row[: len(token_fields)])
        token.user = user_model.from_db(db, user_fields, row[len(token_fields) :])
        tokens.append(token)
    return tokens


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's authentication in one hand-written query, refusing a key that is not plain ASCII
    with 401 (not a 500). The checks are knox's: the hash compared in constant time, an expired
    token refused and deleted, an inactive user refused."""

    def authenticate_credentials(self, token: bytes) -> Any:
        msg = _("Invalid token.")
        try:
            key = token.decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(msg) from None
        for auth_token in _tokens_with_key(key[: CONSTANTS.TOKEN_KEY_LENGTH]):
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
