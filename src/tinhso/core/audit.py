"""The audit log: one function records every state change, entries are hash-chained.

``audit_record`` must be called inside the transaction that makes the change, so that the change and
its entry commit or roll back together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from tinhso.core.models import AuditEntry

GENESIS_HASH = "0" * 64


def _canonical(value: Any) -> Any:
    """JSON-safe, deterministic form of a value (dates ISO, decimals and others as strings)."""
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_canonical(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def entry_hash(
    *, prev_hash: str, at: dt.datetime, actor_id: int | None, actor_label: str, action: str,
    object_type: str, object_id: str, object_repr: str, before: Any, after: Any,
) -> str:
    payload = {
        "prev": prev_hash,
        "at": _canonical(at),
        "actor_id": actor_id,
        "actor": actor_label,
        "action": action,
        "type": object_type,
        "id": object_id,
        "repr": object_repr,
        "before": _canonical(before),
        "after": _canonical(after),
    }
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Append one entry: who (``actor``, a user or None for the system), what (``action``), on which
    object, and the fields before and after. Returns the saved entry."""
    at = at or timezone.now()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
        object_repr = str(obj)[:255]
    else:
        object_repr = ""
    if not object_type or object_id is None:
        raise ValueError("audit_record cần obj hoặc object_type và object_id")
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    actor_label = (str(actor) if actor is not None else "Hệ thống")[:255]
    before_c = _canonical(before) if before is not None else None
    after_c = _canonical(after) if after is not None else None
    with transaction.atomic():
        # The chain is serialised: lock the last entry (PostgreSQL); SQLite serialises writers itself.
        last = AuditEntry.objects.select_for_update().order_by("-id").only("hash").first()
        prev_hash = last.hash if last else GENESIS_HASH
        digest = entry_hash(
            prev_hash=prev_hash, at=at, actor_id=actor_id, actor_label=actor_label, action=action,
            object_type=object_type, object_id=str(object_id), object_repr=object_repr,
            before=before_c, after=after_c,
        )
        return AuditEntry.objects.create(
            at=at, actor_id=actor_id, actor_label=actor_label, action=action, object_type=object_type,
            object_id=str(object_id), object_repr=object_repr, before=before_c, after=after_c,
            prev_hash=prev_hash, hash=digest,
        )
