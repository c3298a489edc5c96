"""Forms of the accounts pages. They check the shape of the input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tinhso.accounts.identifiers import IdentifierError, normalize_phone, normalize_tax_code, parse_citizen_id


class SignInForm(forms.Form):
    identifier = forms.CharField(
        label=_("Thư điện tử hoặc số điện thoại"),
        max_length=255,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autofocus": True, "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ContactPasswordForm(forms.Form):
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        required=False,
        max_length=20,
        help_text=_("10 chữ số, ví dụ 0912345678."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số, không quá phổ biến."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "")
        if raw and normalize_phone(raw) is None:
            raise forms.ValidationError(
                _("Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).")
            )
        return normalize_phone(raw) or ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("email")
            and not data.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(None, _("Cần nhập thư điện tử hoặc số điện thoại để đăng nhập."))
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        return data


class CitizenRegisterForm(ContactPasswordForm):
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    citizen_id = forms.CharField(
        label=_("Số định danh cá nhân (số CCCD)"),
        max_length=20,
        help_text=_("12 chữ số in trên thẻ căn cước công dân."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    field_order = ["full_name", "citizen_id", "email", "phone", "address", "password1", "password2"]

    def clean_citizen_id(self) -> str:
        try:
            return parse_citizen_id(self.cleaned_data["citizen_id"]).number
        except IdentifierError as exc:
            raise forms.ValidationError(exc.message) from exc


class BusinessRegisterForm(ContactPasswordForm):
    organization_name = forms.CharField(
        label=_("Tên tổ chức, doanh nghiệp"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        max_length=14,
        help_text=_("10 chữ số; đơn vị phụ thuộc: 10 chữ số-3 chữ số."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=_("Người đại diện hoặc người liên hệ"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ trụ sở"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    field_order = [
        "organization_name",
        "tax_code",
        "full_name",
        "email",
        "phone",
        "address",
        "password1",
        "password2",
    ]

    def clean_tax_code(self) -> str:
        code = normalize_tax_code(self.cleaned_data["tax_code"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số "
                    "với đơn vị phụ thuộc."
                )
            )
        return code


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    organization_name = forms.CharField(label=_("Tên tổ chức, doanh nghiệp"), max_length=255, required=False)
    email = forms.EmailField(
        label=_("Thư điện tử"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)

    def __init__(self, *args: Any, show_organization: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_organization:
            del self.fields["organization_name"]


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số, không quá phổ biến."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("new_password1")
            and data.get("new_password2")
            and data["new_password1"] != data["new_password2"]
        ):
            self.add_error("new_password2", _("Hai mật khẩu không khớp."))
        return data
