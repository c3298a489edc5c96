"""Who may read and edit the department's registers (activities, inspections, awards), and the one
write path that every register service goes through: ``RegisterWrites`` describes one register's
records (model, writable fields, validation, audit action) and creates and updates them — check the
role, validate, save, audit, in one transaction.

Used by the ``activities``, ``inspections`` and ``emulation`` apps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import IntegrityError, models, transaction

from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput, NotAllowed

M = TypeVar("M", bound=models.Model)

UNIQUE_MESSAGE = "Dữ liệu trùng với một bản ghi đã có."

_ROLE_CACHE = "_tinhso_register_roles"


def user_roles(user: Any) -> frozenset[str]:
    """The active staff roles (``org.Role`` values) of ``user``, cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, _ROLE_CACHE, None)
    if cached is None:
        from tinhso.org.selectors import user_roles as org_user_roles

        cached = frozenset(org_user_roles(user).values_list("role", flat=True))
        setattr(user, _ROLE_CACHE, cached)
    return cached


@dataclass(frozen=True)
class Policy:
    """Roles that may read, and roles that may edit, one app's registers. Superusers may do both.

    ``actor=None`` in a service means the system itself (the demo loader, a management command)."""

    label: str
    edit_roles: frozenset[str]
    read_roles: frozenset[str]

    def can_read(self, user: Any) -> bool:
        if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
            return True
        return bool(user_roles(user) & (self.read_roles | self.edit_roles))

    def can_edit(self, user: Any) -> bool:
        if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
            return True
        return bool(user_roles(user) & self.edit_roles)

    def ensure_read(self, actor: Any) -> None:
        if actor is not None and not self.can_read(actor):
            raise NotAllowed(f"Bạn không có quyền xem {self.label}.")

    def ensure_edit(self, actor: Any) -> None:
        if actor is not None and not self.can_edit(actor):
            raise NotAllowed(f"Bạn không có quyền cập nhật {self.label}.")


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` (foreign keys as ids), for the audit log."""
    names = set(fields) if fields is not None else None
    data: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if names is not None and f.name not in names:
            continue
        data[f.attname] = getattr(obj, f.attname)
    return data


def _save(obj: models.Model, *, update_fields: list[str] | None, unique_message: str) -> None:
    try:
        with transaction.atomic():
            obj.save(update_fields=update_fields)
    except IntegrityError as exc:
        raise Conflict(unique_message) from exc


@dataclass(frozen=True)
class RegisterWrites(Generic[M]):
    """The write path of one register's records. ``create``/``save_new`` and ``update`` check the
    actor's role, validate, save and audit (``<action>_create``, ``<action>_update``) in one
    transaction; only ``fields`` may be set. A unique constraint that refuses the save becomes a
    ``Conflict`` with ``unique_message``."""

    policy: Policy
    model: type[M]
    fields: tuple[str, ...]
    action: str  # "activities.event" → "activities.event_create", "activities.event_update"
    validate: Callable[[M], None]  # raises InvalidInput; may fill in values (e.g. the year of a date)
    unique_message: str = UNIQUE_MESSAGE
    # On update: recomputes derived fields of the locked copy and returns their names.
    derive: Callable[[M], list[str]] | None = None

    def create(self, *, actor: Any, **values: Any) -> M:
        """A new record with ``values``; a name outside ``fields`` is refused."""
        unknown = sorted(set(values) - set(self.fields))
        if unknown:
            raise InvalidInput(f"Trường không hợp lệ: {', '.join(unknown)}.")
        return self.save_new(actor=actor, obj=self.model(**values))

    def save_new(
        self,
        *,
        actor: Any,
        obj: M,
        unique_message: str | None = None,
        after_save: Callable[[M], None] | None = None,
    ) -> M:
        """Check the role, validate and save ``obj`` (built by the caller), run ``after_save`` and
        audit, in one transaction."""
        self.policy.ensure_edit(actor)
        self.validate(obj)
        with transaction.atomic():
            _save(obj, update_fields=None, unique_message=unique_message or self.unique_message)
            if after_save is not None:
                after_save(obj)
            audit_record(actor=actor, action=f"{self.action}_create", obj=obj, after=snapshot(obj))
        return obj

    def update(self, *, actor: Any, obj: M, changes: Mapping[str, Any]) -> M:
        """Apply ``changes`` to a locked fresh copy of ``obj``, derive, validate, save the changed
        fields and audit what changed; returns the copy."""
        self.policy.ensure_edit(actor)
        unknown = sorted(set(changes) - set(self.fields))
        if unknown:
            raise InvalidInput(f"Không được sửa trường: {', '.join(unknown)}.")
        model = type(obj)
        with transaction.atomic():
            locked = model._default_manager.select_for_update().get(pk=obj.pk)
            before = snapshot(locked)
            changed: list[str] = []
            for name, value in changes.items():
                field = model._meta.get_field(name)
                current = getattr(locked, name)
                if current != value:
                    setattr(locked, name, value)
                    changed.append(field.name)
            if self.derive is not None:
                changed.extend(n for n in self.derive(locked) if n not in changed)
            self.validate(locked)
            if changed:
                _save(locked, update_fields=changed, unique_message=self.unique_message)
                after = snapshot(locked)
                audit_record(
                    actor=actor,
                    action=f"{self.action}_update",
                    obj=locked,
                    before={k: v for k, v in before.items() if after.get(k) != v},
                    after={k: v for k, v in after.items() if before.get(k) != v},
                )
        return locked


def require(condition: bool, message: str) -> None:
    """Raise ``InvalidInput(message)`` unless ``condition`` holds."""
    if not condition:
        raise InvalidInput(message)


def require_text(value: str, label: str) -> None:
    require(bool(value and value.strip()), f"{label} không được để trống.")


# The unique constraint (year, number) of a decision register, when the database refuses the save.
NUMBER_TAKEN_IN_YEAR = "Số quyết định đã được dùng trong năm."


def require_number_free_in_year(obj: Any) -> None:
    """A decision (``number``, ``decided_on``, ``year``) takes the year of its date, and its number must
    not be used by another decision of the same register in that year (``Conflict`` otherwise)."""
    obj.year = obj.decided_on.year
    taken = type(obj)._default_manager.filter(year=obj.year, number=obj.number).exclude(pk=obj.pk)
    if taken.exists():
        raise Conflict(f"Số quyết định {obj.number} đã được dùng trong năm {obj.year}.")


def require_range(start: Any, end: Any, label: str = "Ngày kết thúc") -> None:
    if start is not None and end is not None:
        require(end >= start, f"{label} phải sau hoặc trùng ngày bắt đầu.")
