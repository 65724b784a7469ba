"""A PostgreSQL database of the benchmark's own, created if missing, migrated, Django set up.

Run from a benchmark script (``python bench/NAME.py``), whose folder is on ``sys.path``.
"""

from __future__ import annotations

import os


def django_on_database(database_url: str) -> None:
    """Create the database named in ``database_url`` if it is missing, then set up and migrate."""
    import psycopg2

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtrack.settings")
    base, _, name = database_url.rpartition("/")
    admin = psycopg2.connect(f"{base}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
