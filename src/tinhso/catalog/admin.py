"""Administrators configure the catalogue here; the internal process must add up to the duration."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from tinhso.catalog.models import Domain, Procedure, ProcedureDocument, ProcedureVersion, ProcessStep
from tinhso.catalog.services import procedure_search_text


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]


class ProcessStepFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        duration = self.instance.duration_days or 0
        total = sum(
            form.cleaned_data.get("hours") or 0
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if total != duration * 8:
            raise ValidationError(
                f"Tổng thời gian các bước ({total} giờ) phải bằng thời hạn giải quyết × 8 "
                f"= {duration * 8} giờ."
            )


class DocumentInline(admin.TabularInline):
    model = ProcedureDocument
    extra = 0


class StepInline(admin.TabularInline):
    model = ProcessStep
    formset = ProcessStepFormSet
    extra = 0


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ["procedure", "effective_from", "duration_days", "fee", "online_level", "online_class"]
    list_filter = ["online_level", "online_class", "procedure__domain"]
    search_fields = ["procedure__national_code", "procedure__search_text"]
    inlines = [DocumentInline, StepInline]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["national_code", "name", "domain", "agency", "is_active"]
    list_filter = ["domain", "is_active"]
    search_fields = ["national_code", "search_text"]

    def save_model(self, request: Any, obj: Procedure, form: Any, change: bool) -> None:
        obj.search_text = procedure_search_text(
            national_code=obj.national_code, name=obj.name, domain_name=obj.domain.name
        )
        super().save_model(request, obj, form, change)
