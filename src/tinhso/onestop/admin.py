"""Administrators configure the supplement policy here; dossiers are shown read-only (they change
only through the services, which keep the events and the audit log)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tinhso.onestop.models import Dossier, DossierEvent, DossierStep, SupplementPolicy


@admin.register(SupplementPolicy)
class SupplementPolicyAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "mode", "legal_basis"]


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StepInline(_ReadOnlyInline):
    model = DossierStep
    fields = ["order", "name", "role", "agency", "assignee", "started_at", "due_at", "finished_at", "result"]


class EventInline(_ReadOnlyInline):
    model = DossierEvent
    fields = ["at", "actor_label", "action", "from_status", "to_status", "reason"]


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["code", "procedure", "applicant_name", "channel", "status", "received_at", "due_at"]
    list_filter = ["status", "channel", "agency"]
    search_fields = ["code", "search_text"]
    date_hierarchy = "received_at"
    inlines = [StepInline, EventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
