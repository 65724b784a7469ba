"""The database's data version: a number that changes exactly when a write to this database's
data commits (PostgreSQL), the key of the API's response cache (claimtrack/api/response_cache.py).

Why not ``pg_current_snapshot()`` alone: the snapshot is the whole cluster's. Any transaction
that commits or aborts in any database of the server (another application, a test run, the
scheduler's bookkeeping, autovacuum's ANALYZE) changes it; on a shared server it changed 40 times
a second with nothing written to claimtrack's database, and the cache never answered.

How: every table of the database except the few below has a statement-level trigger (installed
after each ``migrate``) that records the writing transaction's id in ``claimtrack_api_write``, once
per transaction, in that transaction. The version is the number of those rows a statement sees
(plus what compaction folded into ``claimtrack_api_write_base``). Each committed writing
transaction adds exactly one visible row when it commits, atomically with its data, whatever it
used (the ORM, ``QuerySet.update()``, ``bulk_create``, raw SQL, TRUNCATE, psql); rows only ever
become visible, never disappear (compaction moves them into the base count in one transaction),
so two statements that see the same version see the same data. Writers only insert their own
key: they never wait for each other.

Not tracked, because no API answer shows them and they are written all the time: sessions, API
tokens (authentication runs before the cache on every request), the per-token request counts
(claimtrack/api/throttle_counts.py: written by every request), the admin log, the scheduler's
tables, the migration table and these two.

``epoch`` (random, made with the tables) and the database's oid tell a recreated database from
the old one, and the server's start time a restored one: the count starts again from zero then.
"""

from __future__ import annotations

from typing import Any

from django.db import connections

from claimtrack.api import throttle_counts

LOG_TABLE = "claimtrack_api_write"
BASE_TABLE = "claimtrack_api_write_base"
TRIGGER = "claimtrack_api_write"
FUNCTION = "claimtrack_api_note_write"
UNTRACKED = {
    LOG_TABLE,
    BASE_TABLE,
    throttle_counts.TABLE,
    "django_session",
    "knox_authtoken",
    "django_admin_log",
    "django_migrations",
}
UNTRACKED_PREFIXES = ("django_celery_beat_",)

CREATE_SQL = [
    f"CREATE TABLE IF NOT EXISTS {LOG_TABLE} (xid xid8 PRIMARY KEY)",
    f"CREATE TABLE IF NOT EXISTS {BASE_TABLE} (id integer PRIMARY KEY CHECK (id = 1), "
    "epoch uuid NOT NULL DEFAULT gen_random_uuid(), n bigint NOT NULL DEFAULT 0)",
    f"INSERT INTO {BASE_TABLE} (id) VALUES (1) ON CONFLICT DO NOTHING",
    f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {LOG_TABLE} (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$""",
]
DROP_SQL = [
    f"DROP FUNCTION IF EXISTS {FUNCTION}() CASCADE",
    f"DROP TABLE IF EXISTS {LOG_TABLE}, {BASE_TABLE}",
]

# One SQL expression (text): the version a statement sees. Selected with the token
# (claimtrack.api.authentication) or alone (read_data_version).
VERSION_SQL = (
    f"(SELECT b.epoch::text || ':' || (b.n + (SELECT count(*) FROM {LOG_TABLE}))::text "
    "|| ':' || (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())::text "
    f"|| ':' || pg_postmaster_start_time()::text FROM {BASE_TABLE} b WHERE b.id = 1)"
)


def tracked(table: str) -> bool:
    return table not in UNTRACKED and not table.startswith(UNTRACKED_PREFIXES)


def create(using: str) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in CREATE_SQL:
            cursor.execute(sql)


def install_triggers(using: str) -> list[str]:
    """Give every tracked table that lacks it the trigger, and take it off every untracked table
    that has it (a table untracked since, e.g. after running an older release's ``migrate``);
    return the tables given it. Run after each ``migrate`` (claimtrack.api.apps), so that tables
    added later are tracked too."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [LOG_TABLE])
        if cursor.fetchone()[0] is None:
            return []  # before this app's migration (e.g. migrating backwards)
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND ns.nspname = current_schema() "
            "AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = %s)",
            [TRIGGER],
        )
        missing = sorted(name for (name,) in cursor.fetchall() if tracked(name))
        for table in missing:
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {connection.ops.quote_name(table)} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace "
            "JOIN pg_trigger t ON t.tgrelid = c.oid AND t.tgname = %s WHERE ns.nspname = current_schema()",
            [TRIGGER],
        )
        for (table,) in cursor.fetchall():
            if not tracked(table):
                cursor.execute(f"DROP TRIGGER {TRIGGER} ON {connection.ops.quote_name(table)}")
    return missing


def on_post_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    install_triggers(using)


def read_data_version(using: str) -> tuple[str | None, bool]:
    """The version, and whether this transaction is clean (has written nothing uncommitted: its
    own writes are visible to it but counted only once it commits)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {VERSION_SQL}, pg_current_xact_id_if_assigned() IS NULL")
        version, clean = cursor.fetchone()
    return version, bool(clean)


def data_version_compact(using: str = "default") -> int:
    """Fold the committed rows of the write log into the base count (the version a statement
    sees stays the same); return how many. Run periodically (claimtrack.api.tasks), else the
    count, which every cached request reads, grows with every writing transaction."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH gone AS (DELETE FROM {LOG_TABLE} RETURNING 1) "
            f"UPDATE {BASE_TABLE} SET n = n + (SELECT count(*) FROM gone) WHERE id = 1 "
            "RETURNING (SELECT count(*) FROM gone)"
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0
