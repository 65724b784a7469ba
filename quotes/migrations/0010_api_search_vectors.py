"""Full-text and trigram search for the API (PostgreSQL only; SQLite keeps a plain fallback).

Stored generated tsvector columns with GIN indexes: quotes_quote.search_vector (the text,
English stemming) and quotes_speaker.search_vector (name, title, affiliation, no stemming);
trigram GIN indexes on speaker names and aliases. The columns are computed by PostgreSQL on
every write, so no code keeps them up to date.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FORWARD = [
    "ALTER TABLE quotes_quote ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english'::regconfig, coalesce(text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS quote_search_vector_gin ON quotes_quote USING gin (search_vector)",
    "ALTER TABLE quotes_speaker ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || coalesce(title, '') || ' ' "
    "|| coalesce(affiliation, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS speaker_search_vector_gin ON quotes_speaker USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS speaker_name_trgm ON quotes_speaker USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS speakeralias_alias_trgm ON quotes_speakeralias USING gin (alias gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS speakeralias_alias_trgm",
    "DROP INDEX IF EXISTS speaker_name_trgm",
    "ALTER TABLE quotes_speaker DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE quotes_quote DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("quotes", "0009_review_queue_preference")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
