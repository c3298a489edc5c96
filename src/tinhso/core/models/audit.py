"""The audit log: append-only, hash-chained entries of every state change.

Entries are written only by ``tinhso.core.audit.audit_record``. They are never changed or removed:
the model and its queryset refuse it in Python, and database triggers (migration
``core.0002_audit_append_only``) refuse ``UPDATE`` and ``DELETE`` of ``core_auditentry`` in SQL.
``prev_hash`` is unique, so two writers can never both extend the same entry (a fork of the chain).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models

from tinhso.core.errors import NotAllowed

APPEND_ONLY_MESSAGE = "Nhật ký thay đổi chỉ được ghi thêm: không được sửa hoặc xoá bản ghi."


def _refuse() -> NoReturn:
    raise NotAllowed(APPEND_ONLY_MESSAGE, code="audit_append_only")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    """Reads as usual; bulk writes that would bypass the chain are refused."""

    def update(self, **kwargs: Any) -> int:
        _refuse()

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse()

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        _refuse()

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[AuditEntry]:
        _refuse()


class AuditEntry(models.Model):
    at = models.DateTimeField("thời điểm", db_index=True)
    actor_id = models.BigIntegerField("mã người thực hiện", null=True, blank=True)
    actor_label = models.CharField("người thực hiện", max_length=255, blank=True)
    action = models.CharField("hành động", max_length=100)
    object_type = models.CharField("loại đối tượng", max_length=100)
    object_id = models.CharField("mã đối tượng", max_length=64)
    object_repr = models.CharField("đối tượng", max_length=255, blank=True)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    prev_hash = models.CharField("băm của bản ghi trước", max_length=64, unique=True)
    hash = models.CharField("băm", max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"

    # The one exception to "no logic in save()": an audit entry is written once and never again.
    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding or kwargs.get("force_update") or kwargs.get("update_fields"):
            _refuse()
        if not self.hash or not self.prev_hash:
            raise NotAllowed("Bản ghi nhật ký phải được tạo bằng audit_record.", code="audit_append_only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        _refuse()
