"""The audit log is append-only in the database, not only in Python.

1. ``prev_hash`` becomes unique: two entries can never extend the same predecessor, so concurrent
   writers cannot fork the hash chain even if the application-level lock were missing.
2. Triggers refuse ``UPDATE`` and ``DELETE`` of ``core_auditentry`` rows.

How the test database (and ``tinhso flush``) can still be emptied — the choice made here:

* PostgreSQL: a row-level ``BEFORE UPDATE OR DELETE`` trigger refuses every update and delete.
  ``TRUNCATE`` does not fire row-level triggers, and Django's flush on PostgreSQL is ``TRUNCATE``, so
  ``transactional_db`` tests still flush. In production the application's database role should not
  hold the ``TRUNCATE`` privilege on ``core_auditentry`` (``REVOKE TRUNCATE ... FROM tinhso``).
* SQLite has no ``TRUNCATE``; Django flushes with ``DELETE FROM core_auditentry``, which SQLite runs
  row by row in ascending ``id`` order. A flag row in a helper table cannot help, because Django
  flushes the tables in an unspecified (set) order. So the ``DELETE`` trigger refuses deleting any
  row except the oldest one: a whole-table delete (which always removes the current oldest row
  next) succeeds, every other delete fails. Removing the head of the chain is not silent:
  ``tinhso audit verify`` reports it, because the new first entry's ``prev_hash`` is no longer the
  genesis hash. ``UPDATE`` is always refused.

SQLite drops a table's triggers when Django "remakes" the table (any later ``AlterField`` etc. on
``AuditEntry``): such a migration must run ``install_guards`` again (copy it).
``tests/core/test_audit_guard.py`` fails if the triggers are missing.
"""

from django.db import migrations, models

PG_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'Nhật ký thay đổi chỉ được ghi thêm: không được % bản ghi #%.', TG_OP, OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry",
    """
    CREATE TRIGGER core_auditentry_append_only
    BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()
    """,
]
PG_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only()",
]

SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    """
    CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    BEGIN
        SELECT RAISE(ABORT, 'Nhật ký thay đổi chỉ được ghi thêm: không được sửa bản ghi.');
    END
    """,
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
    """
    CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    WHEN OLD.id > (SELECT MIN(id) FROM core_auditentry)
    BEGIN
        SELECT RAISE(ABORT, 'Nhật ký thay đổi chỉ được ghi thêm: không được xoá bản ghi.');
    END
    """,
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]


def _run(schema_editor, statements):
    for sql in statements:
        # params=None: no %-interpolation of the SQL text (the PL/pgSQL uses % placeholders).
        schema_editor.execute(sql, params=None)


def install_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_INSTALL)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_INSTALL)
    # Other databases: the Python guards on the model and queryset still apply.


def remove_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_REMOVE)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_REMOVE)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        # First, because on SQLite this remakes the table (which would drop its triggers).
        migrations.AlterField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="băm của bản ghi trước"),
        ),
        migrations.RunPython(install_guards, remove_guards, elidable=False),
    ]
