"""Forms of the programme pages (input checks only; the rules live in the services)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from tinhso.geo.models import Unit, UnitLevel
from tinhso.programs.models import SUB_CRITERIA, Poverty


class HouseholdForm(forms.Form):
    head_name = forms.CharField(label="Họ tên chủ hộ", max_length=120)
    citizen_id = forms.CharField(label="Số CMND/CCCD", max_length=12, help_text="9 hoặc 12 chữ số.")
    hamlet = forms.CharField(label="Ấp, khu vực", max_length=120)
    commune = forms.ModelChoiceField(
        queryset=Unit.objects.filter(level=UnitLevel.COMMUNE).order_by("code", "valid_from"),
        label="Xã, phường, thị trấn",
    )
    poverty = forms.ChoiceField(label="Diện hộ", choices=Poverty.choices)
    list_year = forms.IntegerField(label="Năm danh sách hộ nghèo, cận nghèo", required=False, min_value=2000)
    has_analog_tv = forms.BooleanField(label="Có ti vi analog", required=False, initial=True)
    has_receiver = forms.BooleanField(label="Đã có đầu thu DVB-T2 hoặc truyền hình trả tiền", required=False)
    pledge_signed = forms.BooleanField(label="Đã ký cam kết không bán lại", required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Danh sách hộ (.csv UTF-8 hoặc .xlsx)",
        help_text="Cột: Họ tên chủ hộ, Số CMND/CCCD, Ấp, Mã xã, Diện hộ, Năm danh sách, Có ti vi analog, "
        "Có đầu thu DVB-T2 hoặc truyền hình trả tiền, Đã ký cam kết.",
    )


class BatchForm(forms.Form):
    number = forms.IntegerField(label="Đợt số", min_value=1)
    name = forms.CharField(label="Tên đợt", max_length=200)
    year = forms.IntegerField(label="Năm thực hiện", min_value=2000)
    list_year = forms.IntegerField(label="Năm danh sách hộ nghèo, cận nghèo", min_value=2000)


class ApproveForm(forms.Form):
    decision = forms.CharField(label="Quyết định phê duyệt", max_length=120, required=False)


class StockForm(forms.Form):
    commune = forms.ModelChoiceField(
        queryset=Unit.objects.filter(level=UnitLevel.COMMUNE).order_by("code", "valid_from"), label="Xã"
    )
    quantity = forms.IntegerField(label="Số lượng", min_value=1)
    received_on = forms.DateField(label="Ngày nhận", initial=timezone.localdate)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class DeliveryForm(forms.Form):
    citizen_id = forms.CharField(label="Số CMND/CCCD của chủ hộ", max_length=12)
    serial = forms.CharField(label="Số sê-ri đầu thu", max_length=40)
    receiver_name = forms.CharField(label="Người nhận", max_length=120)
    delivered_on = forms.DateField(label="Ngày giao", initial=timezone.localdate)


class C8Form(forms.Form):
    c81 = forms.BooleanField(label="8.1 " + SUB_CRITERIA[0][2], required=False)
    c82 = forms.BooleanField(label="8.2 " + SUB_CRITERIA[1][2], required=False)
    c83 = forms.BooleanField(label="8.3 " + SUB_CRITERIA[2][2], required=False)
    c84 = forms.BooleanField(label="8.4 " + SUB_CRITERIA[3][2], required=False)
    note = forms.CharField(
        label="Minh chứng, ghi chú", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    assessed_on = forms.DateField(label="Ngày đánh giá", initial=timezone.localdate)


class EvidenceForm(forms.Form):
    sub_criterion = forms.ChoiceField(label="Chỉ tiêu", choices=[(k, f"{n} {t}") for k, n, t in SUB_CRITERIA])
    note = forms.CharField(label="Mô tả", max_length=300, required=False)
    file = forms.FileField(label="Tệp minh chứng", required=False)
