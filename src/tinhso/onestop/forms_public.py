"""Forms of the citizen side: the e-form built from the procedure version's field list with one upload
per document, the supplement, the withdrawal request and public tracking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator

from tinhso.catalog.models import ProcedureDocument, ProcedureVersion
from tinhso.core.errors import InvalidInput
from tinhso.onestop import uploads

FIELD_PREFIX = "tk_"
DOC_PREFIX = "tep_"
PHONE = RegexValidator(r"^\+?[0-9 .-]{8,15}$", "Số điện thoại không hợp lệ.")
CODE_INPUT = RegexValidator(r"^[0-9A-Za-z.\-]{5,40}$", "Mã hồ sơ không đúng định dạng.")


def _file_widget() -> forms.ClearableFileInput:
    return forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT})


def _eform_field(spec: dict[str, Any], required: bool) -> forms.Field:
    label = spec.get("label") or spec["name"]
    kind = spec.get("type", "text")
    help_text = spec.get("help", "")
    common: dict[str, Any] = {"label": label, "required": required, "help_text": help_text}
    if kind == "textarea":
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind == "number":
        return forms.DecimalField(min_value=0, max_digits=18, decimal_places=2, localize=True, **common)
    if kind == "date":
        return forms.DateField(
            widget=forms.DateInput(
                format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
            ),
            **{**common, "help_text": help_text or "Ngày/tháng/năm, ví dụ 06/03/2017."},
        )
    if kind == "email":
        return forms.EmailField(max_length=254, **common)
    if kind == "phone":
        return forms.CharField(
            max_length=20, validators=[PHONE], widget=forms.TextInput(attrs={"type": "tel"}), **common
        )
    if kind == "select":
        options = [(str(o), str(o)) for o in spec.get("options", [])]
        return forms.ChoiceField(choices=[("", "— Chọn —"), *options], **common)
    return forms.CharField(max_length=500, **common)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value).strip()


class DossierForm(forms.Form):
    """Applicant details, the version's e-form fields (``tk_<name>``) and one file per document
    (``tep_<document id>``). With ``draft=True`` nothing is required (saving a draft); otherwise the
    declared required fields are, and every required document that has no file yet."""

    applicant_name = forms.CharField(label="Tên tổ chức, cá nhân", max_length=255)
    applicant_id_number = forms.CharField(
        label="Số định danh cá nhân / mã số doanh nghiệp", max_length=20, required=False
    )
    applicant_address = forms.CharField(label="Địa chỉ", max_length=255)
    applicant_phone = forms.CharField(
        label="Số điện thoại",
        max_length=20,
        validators=[PHONE],
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    applicant_email = forms.EmailField(
        label="Thư điện tử", max_length=254, help_text="Giấy tiếp nhận hồ sơ được gửi vào địa chỉ này."
    )

    def __init__(
        self,
        *args: Any,
        version: ProcedureVersion,
        documents: Iterable[ProcedureDocument],
        has_file: set[int] | None = None,
        draft: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.documents = list(documents)
        self.has_file = has_file or set()
        self.draft = draft
        for spec in version.form_fields:
            self.fields[FIELD_PREFIX + spec["name"]] = _eform_field(
                spec, bool(spec.get("required")) and not draft
            )
        for doc in self.documents:
            needed = doc.required and doc.pk not in self.has_file and not draft
            help_text = (
                f"{doc.get_form_display()}, {doc.copies:02d} bản. "
                "PDF, JPEG, PNG, DOCX hoặc XLSX, tối đa 10 MB."
            )
            if doc.pk in self.has_file:
                help_text += " Đã có tệp; chọn tệp mới nếu muốn thay."
            self.fields[DOC_PREFIX + str(doc.pk)] = forms.FileField(
                label=f"{doc.order}. {doc.name}", required=needed, help_text=help_text, widget=_file_widget()
            )
        if draft:
            for field in self.fields.values():
                field.required = False
        self.checked: dict[int, uploads.CheckedUpload] = {}

    # --- groups for the template
    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith("applicant_")]

    def eform_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith(FIELD_PREFIX)]

    def document_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith(DOC_PREFIX)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for doc in self.documents:
            key = DOC_PREFIX + str(doc.pk)
            upload = cleaned.get(key)
            if isinstance(upload, UploadedFile):
                try:
                    self.checked[doc.pk] = uploads.check_upload(upload, label="Tệp")
                except InvalidInput as exc:
                    self.add_error(key, str(exc.message))
        try:
            uploads.check_total(list(self.checked.values()))
        except InvalidInput as exc:
            self.add_error(None, str(exc.message))
        return cleaned

    def form_data(self) -> dict[str, str]:
        return {
            spec["name"]: _as_text(self.cleaned_data.get(FIELD_PREFIX + spec["name"]))
            for spec in self.version.form_fields
        }

    def applicant(self) -> dict[str, str]:
        return {n: _as_text(self.cleaned_data.get(n)) for n in self.fields if n.startswith("applicant_")}

    def uploaded_files(self) -> list[tuple[ProcedureDocument, uploads.CheckedUpload]]:
        return [(doc, self.checked[doc.pk]) for doc in self.documents if doc.pk in self.checked]


def initial_for(dossier: Any) -> dict[str, Any]:
    """The form's initial values from a saved draft."""
    initial: dict[str, Any] = {
        n: getattr(dossier, n)
        for n in (
            "applicant_name",
            "applicant_id_number",
            "applicant_address",
            "applicant_phone",
            "applicant_email",
        )
    }
    for name, value in (dossier.form_data or {}).items():
        initial[FIELD_PREFIX + name] = value
    return initial


class SupplementForm(forms.Form):
    note = forms.CharField(
        label="Ghi chú cho cán bộ", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, items: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for i, item in enumerate(items, start=1):
            self.fields[f"{DOC_PREFIX}{i}"] = forms.FileField(
                label=f"{i}. {item}",
                required=i == 1 and len(items) == 1,
                help_text="PDF, JPEG, PNG, DOCX hoặc XLSX, tối đa 10 MB.",
                widget=_file_widget(),
            )
        self.checked: list[uploads.CheckedUpload] = []

    def file_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith(DOC_PREFIX)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in list(self.fields):
            upload = cleaned.get(name)
            if name.startswith(DOC_PREFIX) and isinstance(upload, UploadedFile):
                try:
                    self.checked.append(uploads.check_upload(upload))
                except InvalidInput as exc:
                    self.add_error(name, str(exc.message))
        if not self.errors and not self.checked:
            raise forms.ValidationError("Vui lòng đính kèm ít nhất một tệp hồ sơ bổ sung.")
        try:
            uploads.check_total(self.checked)
        except InvalidInput as exc:
            raise forms.ValidationError(str(exc.message)) from exc
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Lý do rút hồ sơ", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TrackingForm(forms.Form):
    ma = forms.CharField(
        label="Mã hồ sơ",
        max_length=40,
        validators=[CODE_INPUT],
        help_text="In trên Giấy tiếp nhận hồ sơ, ví dụ 000.00.15.H30-170306-0001.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    mk = forms.CharField(
        label="Mã tra cứu",
        max_length=12,
        help_text="8 ký tự in cạnh mã QR trên Giấy tiếp nhận hồ sơ.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
