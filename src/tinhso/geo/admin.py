"""Django admin for administrative units: browse by date of validity, correct names and end dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from tinhso.geo.models import Population, Unit
from tinhso.geo.selectors import valid_on_q
from tinhso.geo.services import population_set, unit_update


class ValidOnFilter(admin.SimpleListFilter):
    title = "có hiệu lực tại"
    parameter_name = "hieu_luc"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("today", "Hôm nay"),
            ("2016-06-30", "30/06/2016"),
            ("2020-06-30", "30/06/2020"),
            ("2025-07-01", "01/07/2025"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if not value:
            return queryset
        on = timezone.localdate() if value == "today" else dt.date.fromisoformat(value)
        return queryset.filter(valid_on_q(on))


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0
    fields = ("year", "population", "source")
    readonly_fields = ("year", "population", "source")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "level", "parent", "valid_from", "valid_to")
    list_filter = (ValidOnFilter, "level", "kind")
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    ordering = ("level", "code", "valid_from")
    fields = ("code", "name", "kind", "level", "parent", "valid_from", "valid_to", "note")
    readonly_fields = ("code", "kind", "level", "parent", "valid_from")
    inlines = (PopulationInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Units come from the GSO data set (``tinhso geo load``); rows are corrected, not invented here.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        unit_update(
            actor=request.user,
            unit=obj,
            name=obj.name,
            valid_to=obj.valid_to,
            clear_valid_to=obj.valid_to is None,
            note=obj.note,
        )


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "population", "source")
    list_filter = ("year",)
    search_fields = ("unit__name", "unit__code")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("unit", "year") if obj else ()

    def save_model(self, request: HttpRequest, obj: Population, form: Any, change: bool) -> None:
        saved = population_set(
            actor=request.user, unit=obj.unit, year=obj.year, population=obj.population, source=obj.source
        )
        obj.pk = saved.pk
