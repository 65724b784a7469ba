"""Per-token request counts kept in PostgreSQL and counted by the token statement itself.

Every API request with a token already asks PostgreSQL for the token (it must: a revoked token
is refused at once). Counting the token's requests in that same statement saves the round trip
to Redis that the throttle would otherwise make on every request, the largest part of an API
request's fixed cost after the token itself (docs/api.md, "Measured": one round trip instead of
two took the reference floor from 32-42% to 58-69% of /healthz).

The counts are rows (token key, end of the window, count) of an UNLOGGED table: no WAL, so
counting writes nothing to disk and a commit waits for no flush; after a crash the table is
empty, which only gives every token a fresh budget. The data version does not track it
(claimtrack/api/data_version.py): a count is no answer's data. Windows that have ended are
deleted by the periodic task (claimtrack.api.tasks.throttle_counts_prune).

Counted only outside a transaction, where the statement commits on its own: inside one (a
caller's ``atomic``, a test) the count's row would stay locked until that transaction ends,
and every other request of the token would wait for it. There, and for sessions and anonymous
reads, the throttle counts in the shared cache (claimtrack/api/throttling.py).
"""

from __future__ import annotations

import time

from django.db import connections

TABLE = "claimtrack_api_throttle"

CREATE_SQL = (
    f"CREATE UNLOGGED TABLE IF NOT EXISTS {TABLE} ("
    "token_key text NOT NULL, window_end bigint NOT NULL, count integer NOT NULL, "
    "PRIMARY KEY (token_key, window_end))"
)
DROP_SQL = f"DROP TABLE IF EXISTS {TABLE}"


def count_cte(token_table: str) -> str:
    """A CTE for the token statement: one more request of the token whose key is the first and
    third parameter, in the window ending at the second (epoch seconds). Nothing is counted for
    a key that names no token in ``token_table`` (made-up keys must not fill the table)."""
    return (
        f"WITH counted AS (INSERT INTO {TABLE} (token_key, window_end, count) "
        f'SELECT %s, %s::bigint, 1 WHERE EXISTS (SELECT 1 FROM "{token_table}" WHERE "token_key" = %s) '
        f"ON CONFLICT (token_key, window_end) DO UPDATE SET count = {TABLE}.count + 1 "
        "RETURNING count) "
    )


COUNT_COLUMN = "(SELECT count FROM counted)"


def window_end(duration: int, now: float | None = None) -> int:
    """The end (epoch seconds) of the window of ``duration`` seconds that holds ``now``: windows
    are aligned on the clock, as the cache's counters are."""
    now = time.time() if now is None else now
    return (int(now // duration) + 1) * duration


def create(using: str) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(CREATE_SQL)


def throttle_counts_prune(using: str = "default", now: float | None = None) -> int:
    """Delete the counts of windows that have ended; return how many."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE window_end <= %s", [int(time.time() if now is None else now)]
        )
        return int(cursor.rowcount)
