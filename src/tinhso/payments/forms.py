"""The officer's form asking the applicant to pay (status 4 → 6)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from tinhso.onestop.forms_office import VersionedForm
from tinhso.onestop.services import MAX_PAYMENT_AMOUNT

AMOUNT_RE = re.compile(r"^\d{1,3}([. ]\d{3})*$|^\d+$")


class AmountField(forms.CharField):
    """An amount in đồng typed as ``500000`` or ``500.000``."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(value or "").strip().removesuffix("đồng").removesuffix("đ").strip()
        if not text:
            return None
        if not AMOUNT_RE.match(text):
            raise forms.ValidationError(
                "Số tiền phải là số nguyên (đồng), ví dụ 500.000.", code="invalid_amount"
            )
        amount = int(text.replace(".", "").replace(" ", ""))
        if amount <= 0:
            raise forms.ValidationError("Số tiền phải lớn hơn 0 đồng.", code="invalid_amount")
        if amount > MAX_PAYMENT_AMOUNT:
            raise forms.ValidationError("Số tiền vượt quá mức cho phép.", code="invalid_amount")
        return amount


class PaymentRequestForm(VersionedForm):
    amount = AmountField(
        label="Số tiền phải nộp (đồng)",
        help_text="Mặc định là mức phí, lệ phí của thủ tục; ví dụ 500.000.",
        error_messages={"required": "Cần nhập số tiền phải nộp."},
    )
    note = forms.CharField(
        label="Nội dung, căn cứ thu",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, assignees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
