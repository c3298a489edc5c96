"""Forms of the sector pages (input checks only; the rules live in the services)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q

from tinhso.geo.models import Unit, UnitLevel
from tinhso.sector.models import (
    REPORT_FIELDS,
    Indicator,
    IndicatorReport,
    Operator,
    OperatorKind,
    Period,
    TargetMode,
)


def _district_units() -> forms.ModelChoiceField:
    qs = Unit.objects.filter(level=UnitLevel.DISTRICT, valid_from__lte=dt.date(2025, 6, 30)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=dt.date(2015, 1, 1))
    )
    return forms.ModelChoiceField(
        queryset=qs.order_by("code", "valid_from"), label="Huyện, thị xã, thành phố"
    )


class ReportForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    period = forms.TypedChoiceField(
        label="Kỳ báo cáo", choices=Period.choices, coerce=int, initial=Period.YEAR
    )
    operator = forms.ModelChoiceField(queryset=Operator.objects.filter(is_active=True), label="Doanh nghiệp")
    district = _district_units()
    bts_stations = forms.IntegerField(label="Trạm BTS", min_value=0, initial=0)
    fixed_subscribers = forms.IntegerField(label="Thuê bao cố định", min_value=0, initial=0)
    mobile_subscribers = forms.IntegerField(label="Thuê bao di động", min_value=0, initial=0)
    fixed_broadband = forms.IntegerField(label="Thuê bao băng rộng cố định", min_value=0, initial=0)
    mobile_broadband = forms.IntegerField(label="Thuê bao băng rộng di động", min_value=0, initial=0)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def values(self) -> dict[str, int]:
        return {f: self.cleaned_data[f] for f in REPORT_FIELDS}


class ReportEditForm(forms.Form):
    bts_stations = forms.IntegerField(label="Trạm BTS", min_value=0)
    fixed_subscribers = forms.IntegerField(label="Thuê bao cố định", min_value=0)
    mobile_subscribers = forms.IntegerField(label="Thuê bao di động", min_value=0)
    fixed_broadband = forms.IntegerField(label="Thuê bao băng rộng cố định", min_value=0)
    mobile_broadband = forms.IntegerField(label="Thuê bao băng rộng di động", min_value=0)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    @classmethod
    def for_report(cls, report: IndicatorReport, data: object = None) -> ReportEditForm:
        initial = {f: getattr(report, f) for f in REPORT_FIELDS} | {"note": report.note}
        return cls(data=data, initial=initial)  # type: ignore[arg-type]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp báo cáo (.xlsx)", help_text="Dùng đúng tệp mẫu; tệp có lỗi bị từ chối toàn bộ."
    )


class TargetForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.filter(level__in=[UnitLevel.PROVINCE, UnitLevel.DISTRICT]).order_by(
            "level", "code"
        ),
        label="Địa bàn (toàn tỉnh hoặc huyện)",
    )
    indicator = forms.ChoiceField(label="Chỉ tiêu", choices=Indicator.choices)
    mode = forms.ChoiceField(label="Cách tính", choices=TargetMode.choices)
    value = forms.DecimalField(label="Giá trị", min_value=0, max_digits=14, decimal_places=2)
    note = forms.CharField(label="Căn cứ, ghi chú", max_length=300, required=False)


class OperatorForm(forms.Form):
    code = forms.SlugField(label="Mã doanh nghiệp", max_length=30)
    name = forms.CharField(label="Tên doanh nghiệp", max_length=200)
    short_name = forms.CharField(label="Tên viết tắt", max_length=50)
    kind = forms.ChoiceField(label="Loại", choices=OperatorKind.choices)
    order = forms.IntegerField(label="Thứ tự", min_value=0, initial=0)
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)
