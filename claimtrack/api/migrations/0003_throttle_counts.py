"""The per-token request counts of claimtrack/api/throttle_counts.py (PostgreSQL only)."""

from django.db import migrations

from claimtrack.api import throttle_counts


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    throttle_counts.create(schema_editor.connection.alias)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(throttle_counts.DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("api", "0002_data_version")]

    operations = [migrations.RunPython(create, drop)]
