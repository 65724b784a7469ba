"""The write log behind the response cache's data version (claimtrack/api/data_version.py).

PostgreSQL only; the triggers on the tables are installed after every ``migrate``
(claimtrack.api.apps), so that tables added by later migrations are tracked too."""

from django.db import migrations

from claimtrack.api import data_version


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    data_version.create(schema_editor.connection.alias)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for sql in data_version.DROP_SQL:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_token_names")]

    operations = [migrations.RunPython(create, drop)]
