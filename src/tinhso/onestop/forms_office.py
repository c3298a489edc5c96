"""Forms of the back office: walk-in reception, the decisions along the process, the register, the
evaluation. Dates are typed dd/mm/yyyy; each action form carries the dossier version it was read at
(``expected_version``) so that a concurrent change is reported instead of overwritten."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from tinhso.accounts.models import User
from tinhso.core.errors import InvalidInput
from tinhso.onestop import uploads
from tinhso.onestop.forms_public import DOC_PREFIX, DossierForm
from tinhso.onestop.models import Channel, FileKind, Satisfaction
from tinhso.org.models import Agency

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class WalkInForm(DossierForm):
    """A dossier handed in at the desk or by post: the applicant's details, the e-form, the scans."""

    channel = forms.ChoiceField(
        label="Hình thức nộp",
        choices=[(Channel.DIRECT, Channel.DIRECT.label), (Channel.POST, Channel.POST.label)],
        initial=Channel.DIRECT,
    )
    note = forms.CharField(label="Ghi chú tiếp nhận", max_length=2000, required=False, widget=_textarea(2))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("applicant_address", "applicant_phone", "applicant_email"):
            self.fields[name].required = False
        self.fields[
            "applicant_email"
        ].help_text = "Nếu có: thông báo tình trạng hồ sơ được gửi vào địa chỉ này."
        for name, field in self.fields.items():
            if name.startswith(DOC_PREFIX):
                field.required = False
                field.help_text = "Bản quét giấy tờ nộp tại quầy (PDF, JPEG, PNG), tối đa 10 MB."


class VersionedForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AssigneeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.username)


def assignee_field(users: Any, *, required: bool = False, label: str = "Giao cho") -> AssigneeField:
    return AssigneeField(
        label=label,
        queryset=users,
        required=required,
        empty_label="— Mọi cán bộ có vai trò của bước sau —",
    )


class NoteForm(VersionedForm):
    note = forms.CharField(label="Ý kiến", max_length=2000, required=False, widget=_textarea())

    def __init__(self, *args: Any, assignees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if assignees is not None:
            self.fields["assignee"] = assignee_field(assignees)


class ReasonForm(VersionedForm):
    reason = forms.CharField(label="Lý do", max_length=2000, widget=_textarea())

    def __init__(self, *args: Any, assignees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if assignees is not None:
            self.fields["assignee"] = assignee_field(assignees)


class AssignForm(VersionedForm):
    note = forms.CharField(label="Ghi chú", max_length=2000, required=False, widget=_textarea(2))

    def __init__(self, *args: Any, assignees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = assignee_field(assignees, required=True, label="Cán bộ xử lý")
        field.empty_label = "— Chọn cán bộ —"
        self.fields["assignee"] = field


class SupplementRequestForm(VersionedForm):
    items = forms.CharField(
        label="Các nội dung phải bổ sung",
        max_length=4000,
        widget=_textarea(4),
        help_text="Mỗi dòng một nội dung; liệt kê đầy đủ, một lần tất cả những gì còn thiếu.",
    )
    reason = forms.CharField(label="Lý do", max_length=2000, required=False, widget=_textarea(2))

    def item_list(self) -> list[str]:
        return [
            line.strip(" -•\t") for line in self.cleaned_data["items"].splitlines() if line.strip(" -•\t")
        ]


class ApologyForm(VersionedForm):
    new_date = forms.DateField(label="Ngày hẹn trả kết quả mới", widget=DATE_WIDGET, help_text="dd/mm/yyyy")
    new_time = forms.TimeField(
        label="Giờ hẹn", initial=dt.time(16, 0), widget=forms.TimeInput(format="%H:%M"), help_text="Giờ:phút"
    )
    reason = forms.CharField(label="Lý do chậm trả kết quả", max_length=2000, widget=_textarea())


class FileCheckMixin:
    def _check(self, cleaned: dict[str, Any], name: str) -> uploads.CheckedUpload | None:
        upload = cleaned.get(name)
        if isinstance(upload, UploadedFile):
            try:
                return uploads.check_upload(upload)
            except InvalidInput as exc:
                self.add_error(name, str(exc.message))  # type: ignore[attr-defined]
        return None


class FinishForm(FileCheckMixin, VersionedForm):
    note = forms.CharField(label="Ghi chú", max_length=2000, required=False, widget=_textarea(2))
    result_file = forms.FileField(
        label="Tệp kết quả khác (bản quét giấy phép giấy, văn bản đã ký số)",
        required=False,
        help_text="Không bắt buộc. Kết quả do lãnh đạo ký số khi phê duyệt đã có trong hồ sơ; "
        "nếu chưa có kết quả nào, hệ thống lập thông báo kết quả (PDF, không có chữ ký số).",
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
    )

    def __init__(self, *args: Any, assignees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if assignees is not None:
            self.fields["assignee"] = assignee_field(assignees)
        self.checked: uploads.CheckedUpload | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.checked = self._check(cleaned, "result_file")
        return cleaned


class DeskSupplementForm(FileCheckMixin, VersionedForm):
    note = forms.CharField(label="Ghi chú", max_length=2000, required=False, widget=_textarea(2))
    scan = forms.FileField(
        label="Bản quét hồ sơ bổ sung",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.checked = self._check(cleaned, "scan")
        return cleaned


class FileAddForm(FileCheckMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Loại tệp",
        choices=[(FileKind.SCAN, FileKind.SCAN.label), (FileKind.RESULT, FileKind.RESULT.label)],
    )
    upload = forms.FileField(label="Tệp", widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.checked = self._check(cleaned, "upload")
        return cleaned


class PeriodForm(forms.Form):
    tu_ngay = forms.DateField(label="Từ ngày", widget=DATE_WIDGET, required=False)
    den_ngay = forms.DateField(label="Đến ngày", widget=DATE_WIDGET, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        a, b = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if a and b and b < a:
            raise forms.ValidationError("«Đến ngày» phải sau «Từ ngày».")
        return cleaned


class EvaluationForm(forms.Form):
    agency = forms.ModelChoiceField(label="Cơ quan", queryset=Agency.objects.none(), empty_label=None)
    period_from = forms.DateField(label="Từ ngày", widget=DATE_WIDGET)
    period_to = forms.DateField(label="Đến ngày", widget=DATE_WIDGET)

    def __init__(self, *args: Any, agencies: Any, manual: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        for number, name in manual:
            self.fields[f"chi_so_{number}"] = forms.TypedChoiceField(
                label=f"Chỉ số {number}. {name}",
                choices=[(2, "2 điểm"), (1, "1 điểm"), (0, "0 điểm")],
                coerce=int,
                initial=2,
                widget=forms.RadioSelect,
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        a, b = cleaned.get("period_from"), cleaned.get("period_to")
        if a and b and b < a:
            raise forms.ValidationError("«Đến ngày» phải sau «Từ ngày».")
        return cleaned

    def manual_scores(self) -> dict[int, int]:
        return {
            int(name.removeprefix("chi_so_")): int(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("chi_so_")
        }


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label="Ông/Bà đánh giá thế nào về việc giải quyết hồ sơ?",
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label="Ý kiến góp ý", max_length=2000, required=False, widget=_textarea())


def eligible_users(*, roles: set[str], agency_ids: set[int]) -> Any:
    """Active staff holding one of ``roles`` in one of ``agency_ids`` (for the «Giao cho» lists)."""
    return (
        User.objects.filter(
            staff_roles__role__in=roles,
            staff_roles__agency_id__in=agency_ids,
            staff_roles__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )
