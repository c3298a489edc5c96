"""Rows written by statements built once per model and column list — for the few hot write paths
(an online submission: its dossier, files, events and audit entry) where the ORM's per-statement
Python (compilation, one ``pre_save`` / ``get_db_prep_save`` walk through the query machinery,
client-side quoting of every parameter) costs far more than the round trip.

What is written is what ``Model.save(force_insert=True)`` / ``bulk_create`` / ``QuerySet.update``
write for a plain model: each field's ``pre_save`` and ``get_db_prep_save`` give the values, the
primary key comes back with ``RETURNING``. Only for models without multi-table inheritance and
without ``pre_save`` / ``post_save`` receivers (the project has none: design.md, "avoid signals").

On PostgreSQL the statement goes through a server-side binding cursor on Django's connection (same
transaction), so psycopg prepares it after ``prepare_threshold`` executions and PostgreSQL stops
parsing and planning it each time (``DB_PREPARE_THRESHOLD=`` empty turns that off, see
docs/decisions/0006). Statements are logged and wrapped like Django's own (``CaptureQueriesContext``,
``connection.execute_wrapper``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

import psycopg
from django.db import connections, models, router


@contextmanager
def statement_cursor(using: str) -> Iterator[Any]:
    """A cursor of connection ``using`` for hand-written SQL with ``%s`` placeholders: on PostgreSQL
    with server-side binding (prepared after a few executions), elsewhere Django's own."""
    conn = connections[using]
    cursor: Any
    if conn.vendor == "postgresql":
        conn.ensure_connection()
        conn.validate_thread_sharing()
        if conn.queries_logged:  # a prepared statement has no text left for Django's query log
            raw: Any = _UnpreparedCursor(conn.connection)
            cursor = conn.make_debug_cursor(raw)
        else:
            raw = psycopg.Cursor(conn.connection)
            cursor = conn.make_cursor(raw)
    else:
        cursor = conn.cursor()
    with cursor:
        yield cursor


class _UnpreparedCursor(psycopg.Cursor[Any]):
    """Server-side binding, never prepared: while Django logs queries (tests, ``DEBUG``) the log keeps
    each statement's text, which a prepared execution no longer carries."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        return super().execute(query, params, prepare=False)


@cache
def _insert_sql(model: type[models.Model], vendor: str, rows: int) -> tuple[str, tuple[models.Field, ...]]:
    meta = model._meta
    qn = connections[router.db_for_write(model)].ops.quote_name
    fields = tuple(f for f in meta.concrete_fields if f is not meta.pk or not isinstance(f, models.AutoField))
    group = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "  # noqa: S608 - names only
        f"VALUES {', '.join([group] * rows)} RETURNING {qn(meta.pk.column)}"
    )
    return sql, fields


def rows_insert(objs: Sequence[models.Model], *, using: str | None = None) -> None:
    """INSERT ``objs`` (new instances of one model, auto primary key unset) in one statement; sets
    their primary keys and marks them saved, as ``bulk_create`` does."""
    if not objs:
        return
    model = type(objs[0])
    if any(type(o) is not model for o in objs):
        raise ValueError("rows_insert: mọi đối tượng phải cùng một model.")
    using = using or router.db_for_write(model)
    conn = connections[using]
    sql, fields = _insert_sql(model, conn.vendor, len(objs))
    params: list[Any] = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="rows_insert")  # type: ignore[attr-defined]
        params += [f.get_db_prep_save(f.pre_save(obj, True), conn) for f in fields]
    with statement_cursor(using) as cursor:
        cursor.execute(sql, params)
        keys = [row[0] for row in cursor.fetchall()]
    if len(keys) != len(objs):  # pragma: no cover - RETURNING gives one row per inserted row
        raise RuntimeError("rows_insert: số khoá trả về không khớp số dòng.")
    for obj, key in zip(objs, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = using


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field not in model._meta.concrete_fields:
        raise ValueError(f"row_update: {model._meta.label}.{name} không phải cột của bảng.")
    return field


@cache
def _update_sql(model: type[models.Model], fields: tuple[str, ...], where: tuple[str, ...]) -> str:
    meta = model._meta
    qn = connections[router.db_for_write(model)].ops.quote_name
    sets = ", ".join(f"{qn(_field(model, n).column)} = %s" for n in fields)
    conds = " AND ".join(f"{qn(_field(model, n).column)} = %s" for n in where)
    return f"UPDATE {qn(meta.db_table)} SET {sets} WHERE {conds}"  # noqa: S608 - names only


def row_update(obj: models.Model, values: dict[str, Any], *, where: dict[str, Any]) -> int:
    """``UPDATE`` of one model's table: ``values`` (field name → value, as ``QuerySet.update`` takes
    them; a foreign key by instance or by ``<name>_id``) on the rows matching ``where`` (field name →
    value, equality); returns the number of rows changed. Does not touch ``obj``."""
    model = type(obj)
    using = router.db_for_write(model)
    conn = connections[using]
    sql = _update_sql(model, tuple(values), tuple(where))
    params: list[Any] = []
    for name, value in [*values.items(), *where.items()]:
        if isinstance(value, models.Model):
            value = value.pk
        params.append(_field(model, name).get_db_prep_save(value, conn))
    with statement_cursor(using) as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)
