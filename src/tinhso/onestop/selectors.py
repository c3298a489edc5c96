"""Reads of dossiers shared by pages, the API and the services."""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import re
import weakref
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import FilteredRelation, JSONField, Q, QuerySet
from django.utils import timezone, translation

from tinhso.onestop.models import (
    Dossier,
    DossierEvent,
    DossierStatus,
    EventAction,
    SupplementMode,
    SupplementPolicy,
)

# The milestones the public tracking page shows (drafting, hand-offs and officers' opinions are internal).
PUBLIC_ACTIONS = frozenset(
    {
        EventAction.SUBMIT,
        EventAction.RECEIVE,
        EventAction.START,
        EventAction.REQUEST_SUPPLEMENT,
        EventAction.SUPPLEMENT,
        EventAction.REQUEST_PAYMENT,
        EventAction.PAY,
        EventAction.REFUSE_RECEPTION,
        EventAction.FINISH,
        EventAction.RETURN,
        EventAction.APOLOGIZE,
        EventAction.WITHDRAW_REQUEST,
        EventAction.WITHDRAW,
        EventAction.STOP,
    }
)


def supplement_policy_on(at: dt.datetime | dt.date) -> str:
    """The supplement policy (``SupplementMode`` value) in force on the local date of ``at``;
    ``restart`` (Decree 61/2018 art. 19 as in force today) when none is configured."""
    day = timezone.localtime(at).date() if isinstance(at, dt.datetime) else at
    policy = SupplementPolicy.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return policy.mode if policy else SupplementMode.RESTART


def dossier_for_tracking(*, code: str, secret: str) -> Dossier | None:
    """The dossier with ``code`` if ``secret`` is its tracking secret; None otherwise (a wrong pair
    reveals nothing, not even whether the code exists)."""
    code = (code or "").strip().upper()
    secret = (secret or "").strip().upper()
    dossier = (
        Dossier.objects.select_related("procedure", "agency")
        .exclude(status=DossierStatus.DRAFT)
        .filter(code=code)
        .first()
    )
    expected = dossier.tracking_secret if dossier else "0" * 8
    ok = hmac.compare_digest(expected.encode(), secret.encode())
    return dossier if (dossier is not None and ok and secret) else None


class TrackingEvent(NamedTuple):
    """One public milestone: when, what, the new status (``status_label`` empty when unchanged), the
    documents a supplement request asks for, the new promised date of an apology. (Immutable; a tuple
    because the busiest public page builds several per lookup.)"""

    at: dt.datetime
    action: str
    action_label: str
    status_label: str
    items: tuple[str, ...]
    new_promised: dt.datetime | None


class TrackedDossier(NamedTuple):
    """What the public tracking page shows of a dossier — nothing about people."""

    code: str
    status: int
    status_label: str
    procedure_name: str
    agency_name: str
    submitted_at: dt.datetime | None
    received_at: dt.datetime | None
    promised_at: dt.datetime | None
    events: tuple[TrackingEvent, ...]


@functools.cache
def _labels_in(language: str) -> tuple[dict[str, str], dict[int, str]]:
    """The action and status labels as plain text in ``language`` (translated once per process)."""
    with translation.override(language):
        return (
            {k: str(v) for k, v in EventAction.choices},
            {int(k): str(v) for k, v in DossierStatus.choices},
        )


def _aware(value: Any) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else None


def _tracking_event(
    at: dt.datetime,
    action: str,
    before: Any,
    after: Any,
    data: Any,
    actions: dict[str, str],
    statuses: dict[int, str],
) -> TrackingEvent:
    data = data if isinstance(data, dict) else {}
    changed = after is not None and after != before
    return TrackingEvent(
        at,
        action,
        actions.get(action, action),
        statuses.get(after, "") if changed else "",
        tuple(str(i) for i in data.get("items") or ()),
        _aware(data["new_promised_at"]) if data.get("new_promised_at") else None,
    )


def _tracking_queryset(code: str) -> QuerySet[Dossier, tuple[Any, ...]]:
    """The dossier ``code`` (not a draft), its procedure and agency names and its public milestones: a
    LEFT JOIN, one row per milestone, oldest first."""
    return (
        Dossier.objects.filter(code=code)
        .exclude(status=DossierStatus.DRAFT)
        .annotate(ev=FilteredRelation("events", condition=Q(events__action__in=sorted(PUBLIC_ACTIONS))))
        .values_list(
            "tracking_secret",
            "code",
            "status",
            "procedure__name",
            "agency__name",
            "submitted_at",
            "received_at",
            "promised_at",
            "ev__at",
            "ev__action",
            "ev__from_status",
            "ev__to_status",
            "ev__data",
            "ev__id",
        )
        .order_by("ev__at", "ev__id")
    )


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    code_at: int
    compiler: Any
    converters: dict[int, Any]
    binary_converters: dict[int, Any]


_CODE_PLACEHOLDER = "\x00tracking-code\x00"
_compiled: weakref.WeakKeyDictionary[BaseDatabaseWrapper, _Compiled] = weakref.WeakKeyDictionary()


_SAFE_LITERAL = re.compile(r"[a-z_]+")


def _inline_constants(sql: str, params: list[Any]) -> tuple[str, list[Any]]:
    """``sql`` with its constant parameters — the public actions and the draft status, fixed by the code,
    never by the visitor — written into the text as literals, so that a lookup binds only the code (fewer
    values to adapt per execution). Only plain lower-case words and integers are inlined; anything else
    stays a parameter."""
    parts = sql.split("%s")
    if len(parts) != len(params) + 1:
        return sql, params
    out, kept = [parts[0]], []
    for value, part in zip(params, parts[1:], strict=True):
        if isinstance(value, str) and value != _CODE_PLACEHOLDER and _SAFE_LITERAL.fullmatch(value):
            out.append(f"'{value}'")
        elif isinstance(value, int) and not isinstance(value, bool):
            out.append(str(value))
        else:
            out.append("%s")
            kept.append(value)
        out.append(part)
    return "".join(out), kept


def _tracking_compiled(conn: BaseDatabaseWrapper) -> _Compiled:
    """``_tracking_queryset`` compiled once per database connection object: the SQL (constants inlined),
    its parameters (the code's position among them) and the column converters the ORM would apply.
    Compiling the query costs several times more than running it; the public tracking page runs it on
    every lookup."""
    compiled = _compiled.get(conn)
    if compiled is None:
        compiler = _tracking_queryset(_CODE_PLACEHOLDER).query.get_compiler(connection=conn)
        sql, params = compiler.as_sql()
        sql, kept = _inline_constants(sql, list(params))
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(columns)
        compiled = _Compiled(
            sql=sql,
            params=tuple(kept),
            code_at=kept.index(_CODE_PLACEHOLDER),
            compiler=compiler,
            converters=converters,
            # psycopg's binary loaders decode JSON themselves; the ORM's converter expects text
            binary_converters={
                i: c for i, c in converters.items() if not isinstance(columns[i].output_field, JSONField)
            },
        )
        _compiled[conn] = compiled
    return compiled


def _jsonb_loader() -> Any:
    """psycopg's binary ``jsonb`` loader with a shortcut for ``{}`` — the data of most events — which
    otherwise goes through ``json.loads``."""
    from psycopg.types.json import JsonbBinaryLoader

    class EmptyFirstJsonbLoader(JsonbBinaryLoader):
        def load(self, data: Any) -> Any:
            if data == b"\x01{}":
                return {}
            return super().load(data)

    return EmptyFirstJsonbLoader


_JSONB_LOADER: Any = None


def _jsonb_loader_set() -> Any:
    global _JSONB_LOADER
    _JSONB_LOADER = _jsonb_loader()
    return _JSONB_LOADER


def _tracking_rows(code: str) -> list[tuple[Any, ...]]:
    """The rows of ``_tracking_queryset(code)``, as the ORM would give them, without compiling the query
    again. On PostgreSQL the statement goes through a server-side binding cursor, so that psycopg
    prepares it after a few executions and PostgreSQL stops planning the four-table join on every lookup
    (Django's own cursors bind on the client and never prepare), and the rows come in binary format:
    Django's text loader for ``timestamptz`` is pure Python (≈ 9 µs a value, four per row), psycopg's
    binary one is C. Behind a pooler in transaction mode, set ``DB_PREPARE_THRESHOLD=`` (empty) to turn
    preparing off (docs/decisions/0006)."""
    conn = connections[DEFAULT_DB_ALIAS]
    compiled = _tracking_compiled(conn)
    params = list(compiled.params)
    params[compiled.code_at] = code
    if conn.vendor == "postgresql":
        import psycopg

        conn.ensure_connection()
        conn.validate_thread_sharing()
        raw: Any = psycopg.Cursor(conn.connection)
        raw.format = psycopg.pq.Format.BINARY
        raw.adapters.register_loader("jsonb", _JSONB_LOADER or _jsonb_loader_set())
        cursor = conn.make_debug_cursor(raw) if conn.queries_logged else conn.make_cursor(raw)
        converters = compiled.binary_converters
    else:
        cursor = conn.cursor()
        converters = compiled.converters
    with cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    if converters:
        rows = [tuple(r) for r in compiled.compiler.apply_converters(rows, converters)]
    return rows


def dossier_tracking(*, code: str, secret: str) -> TrackedDossier | None:
    """The public view of the dossier with ``code`` if ``secret`` is its tracking secret, None otherwise.

    One query whatever the input (``_tracking_queryset``, compiled once: ``_tracking_rows``), as plain
    values — no model instances. A wrong pair (unknown code, wrong secret, a draft) costs the same query
    and the same constant-time comparison, and reveals nothing."""
    code = (code or "").strip().upper()
    secret = (secret or "").strip().upper()
    rows = _tracking_rows(code)
    expected = rows[0][0] if rows else "0" * 8
    ok = hmac.compare_digest(expected.encode(), secret.encode())
    if not (rows and ok and secret):
        return None
    first = rows[0]
    actions, statuses = _labels_in(translation.get_language() or settings.LANGUAGE_CODE)
    return TrackedDossier(
        str(first[1]),
        first[2],
        statuses.get(first[2], ""),
        first[3],
        first[4],
        first[5],
        first[6],
        first[7],
        tuple(
            _tracking_event(row[8], row[9], row[10], row[11], row[12], actions, statuses)
            for row in rows
            if row[13] is not None
        ),
    )


def dossier_events(dossier: Dossier) -> QuerySet[DossierEvent]:
    return DossierEvent.objects.filter(dossier=dossier).select_related("step").order_by("at", "id")
