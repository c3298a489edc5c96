"""The back office's article form. It only checks the shape of the input; the rules (required text,
lengths, no HTML, slug) are the service's, whose Vietnamese messages the view shows."""

from __future__ import annotations

from django import forms

from tinhso.news.models import ArticleStatus, Category
from tinhso.news.services import BODY_MAX, SLUG_MAX, SUMMARY_MAX, TITLE_MAX


class ArticleForm(forms.Form):
    title = forms.CharField(
        label="Tiêu đề",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Tiêu đề không được để trống.",
            "max_length": f"Tiêu đề dài quá {TITLE_MAX} ký tự.",
        },
    )
    category = forms.ChoiceField(
        label="Chuyên mục",
        choices=[("", "— Chọn chuyên mục —"), *Category.choices],
        error_messages={
            "required": "Hãy chọn chuyên mục.",
            "invalid_choice": "Chuyên mục không hợp lệ.",
        },
    )
    summary = forms.CharField(
        label="Tóm tắt",
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Một, hai câu giới thiệu tin bài (tối đa {SUMMARY_MAX} ký tự).",
        error_messages={
            "required": "Tóm tắt không được để trống.",
            "max_length": f"Tóm tắt dài quá {SUMMARY_MAX} ký tự.",
        },
    )
    body = forms.CharField(
        label="Nội dung",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Văn bản thuần, không nhận mã HTML; mỗi đoạn cách nhau một dòng trống.",
        error_messages={
            "required": "Nội dung không được để trống.",
            "max_length": "Nội dung quá dài.",
        },
    )
    slug = forms.CharField(
        label="Đường dẫn",
        required=False,
        max_length=SLUG_MAX,
        help_text="Để trống để tạo tự động từ tiêu đề; chữ thường không dấu, chữ số, dấu gạch ngang.",
        error_messages={"max_length": f"Đường dẫn dài quá {SLUG_MAX} ký tự."},
    )


class OfficeFilter(forms.Form):
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *ArticleStatus.choices]
    )
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=100)
