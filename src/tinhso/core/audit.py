"""The audit log: one function records every state change; entries are append-only and hash-chained.

Write: ``audit_record`` — call it inside the transaction that makes the change, so the change and
its entry commit or roll back together. ``model_snapshot`` and ``snapshot_diff`` build ``before`` /
``after`` from a model instance.

Each entry's ``hash`` is the SHA-256 of the canonical JSON of its content together with the previous
entry's hash (``prev_hash``; the first entry links to ``GENESIS_HASH``). Changing any entry changes
its hash; removing one breaks the link of the next. ``audit_verify`` walks the chain and reports the
first break (``tinhso audit verify``).

Appends are serialised so that the chain never forks: on PostgreSQL by a transaction-level advisory
lock held until the surrounding transaction ends (the next writer then reads the committed tip); on
SQLite the database already admits one writer at a time (``BEGIN IMMEDIATE``). Behind both, the
unique ``prev_hash`` column makes a fork impossible in the database itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from django.db import connections, models, router, transaction
from django.utils import timezone

from tinhso.core.models import AuditEntry
from tinhso.core.sqlrows import rows_insert, statement_cursor

GENESIS_HASH = "0" * 64
SYSTEM_ACTOR_LABEL = "Hệ thống"
# pg_advisory_xact_lock key of the audit chain: the first 8 bytes of sha256("tinhso.core.audit").
AUDIT_LOCK_KEY = int.from_bytes(hashlib.sha256(b"tinhso.core.audit").digest()[:8], "big", signed=True)
# Fields never copied into the log by ``model_snapshot`` unless asked for by name.
SNAPSHOT_EXCLUDE = frozenset({"password"})

_MAX = {"action": 100, "object_type": 100, "object_id": 64}


# --- canonical form and hash -------------------------------------------------------------------------
def canonical(value: Any) -> Any:
    """JSON-safe, deterministic form of a value, stable across a round trip through the database.

    Dict keys become strings; tuples lists; sets sorted lists; aware datetimes ISO 8601 in UTC;
    dates and times ISO; model instances their primary key; integral floats ints and non-finite
    floats strings (PostgreSQL ``jsonb`` rewrites ``1e16`` as ``10000000000000000`` and refuses
    ``NaN``); NUL characters (refused by ``jsonb``) U+FFFD; anything else ``str()``.
    Applying it twice gives the same result as applying it once.
    """
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        items = {
            canonical(k) if isinstance(k, str) else str(canonical(k)): canonical(v) for k, v in value.items()
        }
        return dict(sorted(items.items()))
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((canonical(v) for v in value), key=_sort_key)
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            raise ValueError("Nhật ký chỉ nhận thời điểm có múi giờ (aware datetime).")
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return canonical(value.pk)
    return canonical(str(value))


def _sort_key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_hash(
    *,
    prev_hash: str,
    at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    before: Any,
    after: Any,
) -> str:
    """SHA-256 (hex) of the canonical JSON of one entry's content and its predecessor's hash."""
    return _digest(
        prev_hash,
        canonical(at),
        actor_id,
        actor_label,
        action,
        object_type,
        object_id,
        object_repr,
        canonical(before),
        canonical(after),
    )


def _digest(
    prev_hash: str,
    at: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    before: Any,
    after: Any,
) -> str:
    """The hash of values already in canonical form. ``audit_verify`` hashes what the database
    returns without canonicalising it again: a non-canonical value written around ``audit_record``
    is reported, not silently normalised."""
    payload = {
        "prev": prev_hash,
        "at": at,
        "actor_id": actor_id,
        "actor": actor_label,
        "action": action,
        "type": object_type,
        "id": object_id,
        "repr": object_repr,
        "before": before,
        "after": after,
    }
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


# --- writing ---------------------------------------------------------------------------------------------
def _lock_chain(using: str) -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        with statement_cursor(using) as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_LOCK_KEY])
    elif connection.vendor != "sqlite":  # pragma: no cover - other databases are not supported targets
        list(AuditEntry.objects.using(using).select_for_update().order_by("-id").values_list("id")[:1])


@cache
def _tip_sql(using: str) -> str:
    qn = connections[using].ops.quote_name
    table, id_, hash_ = qn(AuditEntry._meta.db_table), qn("id"), qn("hash")
    return f"SELECT {hash_} FROM {table} ORDER BY {id_} DESC LIMIT 1"  # noqa: S608 - names only


def _chain_tip(using: str) -> str:
    """The hash of the last entry (read under the chain's lock)."""
    with statement_cursor(using) as cursor:
        cursor.execute(_tip_sql(using))
        row = cursor.fetchone()
    return str(row[0]) if row else GENESIS_HASH


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    object_repr: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Append one entry and return it.

    ``actor``: the acting user, or None for the system. ``action``: a dotted verb such as
    ``"dossier.receive"``. The object is ``obj`` (a saved model instance) or ``object_type``
    (``"app_label.model"``) and ``object_id``. ``before`` / ``after``: the changed fields (see
    ``model_snapshot``). ``at``: when it happened (aware), default now.
    """
    if obj is not None:
        if obj.pk is None:
            raise ValueError("audit_record cần đối tượng đã được lưu (có khoá chính).")
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
        object_repr = str(obj) if object_repr is None else object_repr
    if not object_type or object_id is None or object_id == "":
        raise ValueError("audit_record cần obj hoặc object_type và object_id.")
    if not action:
        raise ValueError("audit_record cần action.")
    values = {"action": action, "object_type": object_type, "object_id": str(object_id)}
    for name, value in values.items():
        if len(value) > _MAX[name]:
            raise ValueError(f"audit_record: {name} dài quá {_MAX[name]} ký tự.")
    if at is not None and timezone.is_naive(at):
        raise ValueError("Nhật ký chỉ nhận thời điểm có múi giờ (aware datetime).")
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    actor_label = canonical(str(actor) if actor is not None else SYSTEM_ACTOR_LABEL)[:255]
    object_repr = canonical(object_repr or "")[:255]
    before_c = canonical(before) if before is not None else None
    after_c = canonical(after) if after is not None else None

    using = router.db_for_write(AuditEntry)
    # Inside the caller's transaction no savepoint of its own: a failed append fails the change it
    # records (the whole transaction rolls back), which is what the log needs anyway.
    with transaction.atomic(using=using, savepoint=False):
        _lock_chain(using)
        prev_hash = _chain_tip(using)
        when = at or timezone.now()  # taken under the lock: times follow the chain
        digest = entry_hash(
            prev_hash=prev_hash,
            at=when,
            actor_id=actor_id,
            actor_label=actor_label,
            object_repr=object_repr,
            before=before_c,
            after=after_c,
            **values,
        )
        entry = AuditEntry(
            at=when,
            actor_id=actor_id,
            actor_label=actor_label,
            object_repr=object_repr,
            before=before_c,
            after=after_c,
            prev_hash=prev_hash,
            hash=digest,
            **values,
        )
        # the row as ``AuditEntry.save`` would insert it (its checks hold: new, hash and prev_hash
        # set), in one statement built once
        rows_insert([entry], using=using)
        return entry


def model_snapshot(
    obj: models.Model, fields: Iterable[str] | None = None, *, exclude: Iterable[str] = SNAPSHOT_EXCLUDE
) -> dict[str, Any]:
    """The current values of ``fields`` of ``obj`` (default: every concrete field except
    ``exclude``), in canonical form, ready for ``before=`` / ``after=``.

    A foreign key gives the related primary key (under the field's name, e.g. ``"agency": 3``);
    a many-to-many field the sorted list of related keys (the object must be saved); a file its name.
    """
    opts = obj._meta
    if fields is None:
        skip = set(exclude)
        names = [f.name for f in opts.concrete_fields if f.name not in skip]
    else:
        names = list(fields)
    snapshot: dict[str, Any] = {}
    for name in names:
        model_field = opts.get_field(name)
        if model_field.many_to_many:
            value: Any = sorted(getattr(obj, name).values_list("pk", flat=True))
        elif getattr(model_field, "concrete", False):
            value = model_field.value_from_object(obj)  # type: ignore[union-attr]
            if hasattr(value, "name") and isinstance(model_field, models.FileField):
                value = value.name or ""
        else:
            raise ValueError(f"model_snapshot: {opts.label}.{name} không phải trường lưu trong bảng.")
        snapshot[name] = canonical(value)
    return snapshot


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ: ``(before_changed, after_changed)``. A key present on one
    side only is kept on that side."""
    keys = sorted(set(before) | set(after))
    changed = [k for k in keys if k not in before or k not in after or before[k] != after[k]]
    return (
        {k: before[k] for k in changed if k in before},
        {k: after[k] for k in changed if k in after},
    )


# --- reading ---------------------------------------------------------------------------------------------
def audit_history(
    *, obj: models.Model | None = None, object_type: str | None = None, object_id: str | int | None = None
) -> models.QuerySet[AuditEntry]:
    """The entries about one object, oldest first."""
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, obj.pk
    if not object_type or object_id is None:
        raise ValueError("audit_history cần obj hoặc object_type và object_id.")
    return AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id)).order_by("id")


def parse_object_ref(ref: str) -> tuple[str, str]:
    """``"onestop.dossier:12"`` → ``("onestop.dossier", "12")``."""
    object_type, sep, object_id = ref.strip().rpartition(":")
    if not sep or not object_type or not object_id or "." not in object_type:
        raise ValueError(
            f"Đối tượng không hợp lệ: “{ref}” (dạng đúng: ứng_dụng.mô_hình:mã, ví dụ onestop.dossier:12)."
        )
    return object_type.lower(), object_id


# --- verification ----------------------------------------------------------------------------------------
BreakKind = Literal["altered", "removed", "relinked", "head_removed", "anchor"]

_VERIFY_FIELDS = (
    "id",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "prev_hash",
    "hash",
)


@dataclass(frozen=True)
class ChainBreak:
    """One place where the chain is broken. ``entry_id`` is the entry to look at first."""

    kind: BreakKind
    entry_id: int
    previous_id: int | None
    message: str


@dataclass
class VerifyResult:
    checked: int = 0
    first_id: int | None = None
    last_id: int | None = None
    last_hash: str = GENESIS_HASH
    breaks: list[ChainBreak] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def first_break(self) -> ChainBreak | None:
        return self.breaks[0] if self.breaks else None


def _rows(batch_size: int, using: str | None, after_id: int = 0) -> Iterator[tuple[Any, ...]]:
    """The entries after ``after_id`` in ``id`` order as tuples, fetched in keyset batches (no ORM
    objects)."""
    qs = AuditEntry.objects.using(using) if using else AuditEntry.objects.all()
    last_id = after_id
    while True:
        batch = list(qs.filter(id__gt=last_id).order_by("id").values_list(*_VERIFY_FIELDS)[:batch_size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1][0]
        if len(batch) < batch_size:
            return


def audit_verify(
    *,
    batch_size: int = 5000,
    stop_at_first: bool = True,
    anchor: tuple[int, str] | None = None,
    since: tuple[int, str] | None = None,
    progress: Callable[[int], None] | None = None,
    using: str | None = None,
) -> VerifyResult:
    """Walk the chain from the first entry and recompute every hash.

    A break is reported when an entry's content does not give its stored hash (``altered``: the
    entry was changed), or when its ``prev_hash`` is not the hash of the entry before it — entries
    were removed there (``removed``; the ids show a gap) or, with no gap in the ids, the previous
    entry was changed and its hash recomputed (``relinked``); before the first entry: the head of the
    chain was removed (``head_removed``). Gaps in ids alone are normal (rolled-back transactions).
    ``anchor`` ``(id, hash)``, noted earlier from a verification, also detects removal of the tail.
    ``since`` ``(id, hash)``, noted the same way, starts the walk at that entry (which must still be
    there, unchanged): a nightly check then reads only the entries added since the last one.
    """
    result = VerifyResult()
    expected_prev = GENESIS_HASH
    prev_id: int | None = None
    anchor_seen = False

    def add(kind: BreakKind, entry_id: int, message: str) -> bool:
        result.breaks.append(ChainBreak(kind, entry_id, prev_id, message))
        return stop_at_first

    for row in _rows(batch_size, using, since[0] - 1 if since else 0):
        entry_id, at, actor_id, actor_label, action, otype, oid, orepr, before, after, prev_hash, stored = row
        if since is not None and prev_id is None:
            if entry_id != since[0] or stored != since[1]:
                add("anchor", since[0], f"Bản ghi mốc #{since[0]} đã bị xoá hoặc sửa.")
                return result
            expected_prev = prev_hash  # trusted: the entries before it were verified earlier
        try:
            computed = _digest(
                prev_hash,
                at.astimezone(dt.UTC).isoformat(),
                actor_id,
                actor_label,
                action,
                otype,
                oid,
                orepr,
                before,
                after,
            )
        except (TypeError, ValueError, AttributeError):  # a value that no writer of the log stores
            computed = ""
        stop = False
        if computed != stored:
            stop = add("altered", entry_id, f"Bản ghi #{entry_id} đã bị sửa: nội dung không khớp với mã băm.")
        elif prev_hash != expected_prev:
            if prev_id is None:
                stop = add(
                    "head_removed",
                    entry_id,
                    f"Các bản ghi trước #{entry_id} đã bị xoá: bản ghi đầu tiên không nối với gốc chuỗi.",
                )
            elif entry_id > prev_id + 1:
                stop = add(
                    "removed",
                    entry_id,
                    f"Bản ghi đã bị xoá giữa #{prev_id} và #{entry_id}: "
                    f"#{entry_id} không nối với mã băm của #{prev_id}.",
                )
            else:
                stop = add(
                    "relinked",
                    prev_id,
                    f"Chuỗi bị đứt giữa #{prev_id} và #{entry_id}: bản ghi #{prev_id} đã bị sửa và tính lại "
                    f"mã băm (hoặc liên kết của #{entry_id} đã bị sửa).",
                )
        if anchor is not None and entry_id == anchor[0]:
            anchor_seen = True
            if stored != anchor[1] and not stop:
                stop = add("anchor", entry_id, f"Bản ghi #{entry_id} không còn khớp với mã băm đã ghi nhận.")
        result.checked += 1
        if result.first_id is None:
            result.first_id = entry_id
        result.last_id, result.last_hash = entry_id, stored
        expected_prev, prev_id = stored, entry_id
        if progress is not None and result.checked % batch_size == 0:
            progress(result.checked)
        if stop:
            return result
    if anchor is not None and not anchor_seen:
        result.breaks.append(
            ChainBreak(
                "anchor",
                anchor[0],
                result.last_id,
                f"Bản ghi #{anchor[0]} đã ghi nhận trước đây không còn trong nhật ký (đã bị xoá).",
            )
        )
    return result
