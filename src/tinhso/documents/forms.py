"""Back-office forms of the documents. They check the shape of the input (types, dates dd/mm/yyyy,
choices); the rules are the services', whose Vietnamese messages the views show."""

from __future__ import annotations

from typing import Any

from django import forms

from tinhso.documents.models import DocType, IncomingChannel, IncomingStatus
from tinhso.documents.services import SUMMARY_MAX

DATE_HELP = "Dạng ngày/tháng/năm, ví dụ 27/12/2016."
_TYPE_CHOICES = [("", "— Chọn loại văn bản —"), *DocType.choices]


def _date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=DATE_HELP,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
        error_messages={
            "required": f"Cần nhập {label.lower()}.",
            "invalid": f"{label} không hợp lệ (dd/mm/yyyy).",
        },
    )


class RegisterFilter(forms.Form):
    nam = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    loai = forms.ChoiceField(label="Loại văn bản", required=False, choices=[("", "Tất cả"), *DocType.choices])
    q = forms.CharField(label="Tìm theo số, ký hiệu, trích yếu, nơi gửi/nhận", required=False, max_length=100)
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *IncomingStatus.choices]
    )


class OutgoingForm(forms.Form):
    doc_type = forms.ChoiceField(
        label="Loại văn bản", choices=_TYPE_CHOICES, error_messages={"required": "Hãy chọn loại văn bản."}
    )
    summary = forms.CharField(
        label="Trích yếu",
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ví dụ: Về việc ban hành Quy chế quản lý và sử dụng chữ ký số.",
        error_messages={"required": "Trích yếu không được để trống.", "max_length": "Trích yếu quá dài."},
    )
    body = forms.CharField(
        label="Nội dung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Văn bản thuần; mỗi đoạn cách nhau một dòng trống. Để trống nếu tải lên tệp dự thảo PDF.",
    )
    recipients = forms.CharField(
        label="Nơi nhận",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi nơi nhận một dòng.",
        error_messages={"required": "Cần ghi ít nhất một nơi nhận."},
    )
    copies = forms.IntegerField(label="Số lượng bản", min_value=1, max_value=999, initial=1)
    drafting_unit = forms.TypedChoiceField(
        label="Đơn vị soạn thảo", coerce=int, required=False, empty_value=None
    )
    draft_pdf = forms.FileField(
        label="Tệp dự thảo PDF (không bắt buộc)",
        required=False,
        help_text=(
            "Nếu tải lên, tệp này được ký số nguyên vẹn; nếu không, hệ thống trình bày văn bản "
            "theo Nghị định 30/2020."
        ),
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["drafting_unit"].choices = [("", "— Cơ quan —"), *(units or [])]  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Lý do trả lại",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        error_messages={"required": "Cần ghi lý do trả lại."},
    )


class IncomingForm(forms.Form):
    sender_name = forms.CharField(
        label="Tác giả (cơ quan ban hành)",
        max_length=255,
        error_messages={"required": "Cần ghi cơ quan ban hành."},
    )
    original_number = forms.CharField(
        label="Số, ký hiệu", max_length=60, error_messages={"required": "Cần ghi số, ký hiệu văn bản."}
    )
    original_date = _date_field("Ngày văn bản")
    doc_type = forms.ChoiceField(
        label="Loại văn bản", choices=_TYPE_CHOICES, error_messages={"required": "Hãy chọn loại văn bản."}
    )
    summary = forms.CharField(
        label="Trích yếu",
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Trích yếu không được để trống."},
    )
    received_on = _date_field("Ngày đến")
    channel = forms.ChoiceField(label="Hình thức nhận", choices=IncomingChannel.choices[:2])
    file = forms.FileField(label="Tệp văn bản PDF (không bắt buộc)", required=False)
    note = forms.CharField(label="Ghi chú", required=False, max_length=255)


class AssignForm(forms.Form):
    handling_unit = forms.TypedChoiceField(
        label="Đơn vị xử lý", coerce=int, error_messages={"required": "Hãy chọn đơn vị xử lý."}
    )
    handler = forms.TypedChoiceField(label="Người xử lý", coerce=int, required=False, empty_value=None)
    due_on = _date_field("Hạn xử lý", required=False)

    def __init__(
        self, *args: Any, units: list[tuple[int, str]], people: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handling_unit"].choices = [("", "— Chọn đơn vị —"), *units]  # type: ignore[attr-defined]
        self.fields["handler"].choices = [("", "— Không chỉ định —"), *people]  # type: ignore[attr-defined]


class CompleteForm(forms.Form):
    note = forms.CharField(
        label="Kết quả xử lý",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Cần ghi kết quả xử lý."},
    )


class EdxmlImportForm(forms.Form):
    envelope = forms.FileField(
        label="Gói tin edXML", error_messages={"required": "Hãy chọn tệp gói tin edXML (.edxml, .xml)."}
    )


class EdxmlExportForm(forms.Form):
    to = forms.TypedChoiceField(
        label="Gửi đến cơ quan", coerce=int, error_messages={"required": "Hãy chọn nơi nhận."}
    )

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", "— Chọn cơ quan —"), *agencies]  # type: ignore[attr-defined]
