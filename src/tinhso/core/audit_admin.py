"""A read-only admin for the audit log (registered from ``CoreConfig.ready``)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from tinhso.core.models import AuditEntry


def _pretty(value: Any) -> str:
    if value is None:
        return "—"
    return format_html("<pre>{}</pre>", json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("id", "at", "actor_label", "action", "object_type", "object_id", "object_repr")
    list_display_links = ("id", "at")
    list_filter = ("action", "object_type")
    search_fields = ("=object_id", "action", "object_type", "actor_label", "object_repr")
    date_hierarchy = "at"
    ordering = ("-id",)
    list_per_page = 50
    show_full_result_count = False  # counting millions of rows on every page is slow
    fields = (
        "id",
        "at",
        "actor_id",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "before_pretty",
        "after_pretty",
        "prev_hash",
        "hash",
    )
    readonly_fields = fields

    @admin.display(description="trước")
    def before_pretty(self, obj: AuditEntry) -> str:
        return _pretty(obj.before)

    @admin.display(description="sau")
    def after_pretty(self, obj: AuditEntry) -> str:
        return _pretty(obj.after)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
