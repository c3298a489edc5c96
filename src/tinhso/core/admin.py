"""Django admin for the working calendar: working schedules and calendar overrides.

Saving or deleting goes through the services of ``core.calendar_data`` (audit entry in the same
transaction; the process-wide calendar is dropped after commit).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from tinhso.core.calendar_data import (
    calendar_override_delete,
    calendar_override_save,
    work_schedule_delete,
    work_schedule_save,
)
from tinhso.core.errors import InvalidInput
from tinhso.core.models import CalendarOverride, WorkSchedule
from tinhso.core.worktime import Schedule

_WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


class WorkScheduleForm(forms.ModelForm):
    class Meta:
        model = WorkSchedule
        fields = ("valid_from", "periods", "weekdays", "cutoff", "note")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            Schedule.parse(
                valid_from=data["valid_from"],
                periods=data.get("periods") or [],
                weekdays=data.get("weekdays") or [],
                cutoff=data.get("cutoff"),
            )
        except InvalidInput as exc:
            raise forms.ValidationError(exc.message) from exc
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError("Lịch làm việc không hợp lệ.") from exc
        return data


@admin.register(WorkSchedule)
class WorkScheduleAdmin(admin.ModelAdmin):
    form = WorkScheduleForm
    list_display = ("valid_from", "periods_display", "weekdays_display", "cutoff", "note")
    ordering = ("-valid_from",)
    date_hierarchy = "valid_from"

    @admin.display(description="giờ làm việc")
    def periods_display(self, obj: WorkSchedule) -> str:
        return ", ".join(f"{a}–{b}" for a, b in obj.periods)

    @admin.display(description="ngày làm việc")
    def weekdays_display(self, obj: WorkSchedule) -> str:
        return ", ".join(_WEEKDAY_NAMES[int(d)] for d in obj.weekdays if 0 <= int(d) <= 6)

    def save_model(self, request: HttpRequest, obj: WorkSchedule, form: Any, change: bool) -> None:
        work_schedule_save(actor=request.user, schedule=obj)

    def delete_model(self, request: HttpRequest, obj: WorkSchedule) -> None:
        work_schedule_delete(actor=request.user, schedule=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[WorkSchedule]) -> None:
        for obj in queryset:
            work_schedule_delete(actor=request.user, schedule=obj)


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "weekday", "kind", "name", "legal_basis")
    list_filter = ("kind",)
    search_fields = ("name", "legal_basis")
    date_hierarchy = "date"
    ordering = ("-date",)
    fields = ("date", "kind", "name", "legal_basis")

    @admin.display(description="thứ", ordering="date")
    def weekday(self, obj: CalendarOverride) -> str:
        return _WEEKDAY_NAMES[obj.date.weekday()]

    def save_model(self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool) -> None:
        calendar_override_save(actor=request.user, override=obj)

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        calendar_override_delete(actor=request.user, override=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        for obj in queryset:
            calendar_override_delete(actor=request.user, override=obj)
