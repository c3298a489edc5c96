"""On PostgreSQL: an endpoint cannot take part in two overlapping active sessions (exclusion constraint
over the endpoint and the half-open time range). Other databases rely on the locked check in the
service."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE activities_sessionendpoint ADD CONSTRAINT activities_endpoint_no_overlap "
    "EXCLUDE USING gist (endpoint_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (active)",
]
DROP = ["ALTER TABLE activities_sessionendpoint DROP CONSTRAINT IF EXISTS activities_endpoint_no_overlap"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
