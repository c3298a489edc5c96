"""The audit log: append-only, hash-chained entries of every state change."""

from __future__ import annotations

from django.db import models


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
    prev_hash = models.CharField("băm của bản ghi trước", max_length=64)
    hash = models.CharField("băm", max_length=64, unique=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"
