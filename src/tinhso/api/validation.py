"""The details of a 422 ``invalid_input``: one per wrong field, in Vietnamese.

django-ninja passes pydantic's errors on as they are (English ``msg``, the request's ``input`` removed,
``loc`` led by the parameter's source). ``error_details`` turns each into
``{"type": <pydantic error type, a stable code>, "loc": [<source>, <field>, …], "message": <tiếng Việt>}``:
``loc`` is the field as the client sent it (``["body", "subject"]``, ``["query", "limit"]``,
``["path", "year"]``, ``["body", "items", 0, "qty"]``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

VIETNAMESE = re.compile(r"[À-ỹĐđ]")

INVALID_INPUT = ("invalid_input", "Dữ liệu gửi lên không hợp lệ.")
FALLBACK = "Giá trị không hợp lệ."
DATE = "Ngày không hợp lệ (định dạng YYYY-MM-DD)."
DATETIME = "Thời điểm không hợp lệ (định dạng YYYY-MM-DDTHH:MM:SS, có thể kèm múi giờ như +07:00)."

# pydantic error type → Vietnamese message; ``{name}`` is filled from the error's ``ctx``.
MESSAGES: dict[str, str] = {
    "missing": "Thiếu trường bắt buộc.",
    "extra_forbidden": "Không nhận trường này.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "float_parsing": "Phải là số.",
    "float_type": "Phải là số.",
    "decimal_parsing": "Phải là số.",
    "decimal_type": "Phải là số.",
    "decimal_max_digits": "Nhiều quá {max_digits} chữ số.",
    "decimal_max_places": "Nhiều quá {decimal_places} chữ số sau dấu thập phân.",
    "decimal_whole_digits": "Nhiều quá {whole_digits} chữ số trước dấu thập phân.",
    "finite_number": "Phải là số hữu hạn.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "greater_than": "Phải lớn hơn {gt}.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "multiple_of": "Phải là bội số của {multiple_of}.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_short": "Phải có ít nhất {min_length} ký tự.",
    "string_too_long": "Dài quá {max_length} ký tự.",
    "string_pattern_mismatch": "Không đúng định dạng.",
    "string_unicode": "Phải là chuỗi ký tự Unicode hợp lệ.",
    "too_short": "Phải có ít nhất {min_length} phần tử.",
    "too_long": "Nhiều quá {max_length} phần tử.",
    "list_type": "Phải là một danh sách (mảng JSON).",
    "dict_type": "Phải là một đối tượng JSON.",
    "model_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "date_type": DATE,
    "date_parsing": DATE,
    "date_from_datetime_parsing": DATE,
    "date_from_datetime_inexact": DATE,
    "datetime_type": DATETIME,
    "datetime_parsing": DATETIME,
    "datetime_from_date_parsing": DATETIME,
    "datetime_object_invalid": DATETIME,
    "timezone_aware": "Thời điểm phải kèm múi giờ (ví dụ +07:00).",
    "time_type": "Giờ không hợp lệ (định dạng HH:MM:SS).",
    "time_parsing": "Giờ không hợp lệ (định dạng HH:MM:SS).",
    "json_invalid": "JSON không hợp lệ.",
    "json_type": "Phải là chuỗi JSON.",
    "uuid_type": "Mã UUID không hợp lệ.",
    "uuid_parsing": "Mã UUID không hợp lệ.",
    "url_type": "Địa chỉ URL không hợp lệ.",
    "url_parsing": "Địa chỉ URL không hợp lệ.",
    "url_scheme": "Địa chỉ URL không hợp lệ.",
    "none_required": "Phải để trống (null).",
}


def _choices(expected: str) -> str:
    """pydantic's ``"'a', 'b' or 'c'"`` → ``"'a', 'b', 'c'"``."""
    head, sep, last = expected.rpartition(" or ")
    return f"{head}, {last}" if sep else expected


def detail_message(error: Mapping[str, Any]) -> str:
    """The Vietnamese message of one pydantic error."""
    kind = error.get("type", "")
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in ("enum", "literal_error") and "expected" in ctx:
        return f"Phải là một trong: {_choices(str(ctx['expected']))}."
    if kind in ("value_error", "assertion_error"):
        own = str(ctx.get("error", ""))
        return own if VIETNAMESE.search(own) else FALLBACK
    template = MESSAGES.get(kind)
    if template is None:
        return FALLBACK
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return FALLBACK


def error_details(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "type": str(error.get("type", "value_error")),
            "loc": list(error.get("loc", ())),
            "message": detail_message(error),
        }
        for error in errors
    ]


def sent_loc(source: str, loc: Sequence[str | int], single_body: str | None) -> tuple[str | int, ...]:
    """The place of a field as the client sent it. A handler's one body parameter (``payload``) is the
    whole JSON body, but django-ninja validates it under the parameter's name: drop that name."""
    if source == "body" and single_body and loc[:1] == (single_body,):
        loc = loc[1:]
    return (source, *loc)


ERROR_DETAIL_SCHEMA: dict[str, Any] = {
    "title": "ErrorDetailOut",
    "type": "object",
    "description": "Một trường sai trong lỗi 422 invalid_input.",
    "properties": {
        "type": {
            "title": "Type",
            "type": "string",
            "description": "Mã lỗi ổn định (loại lỗi của pydantic), ví dụ missing, int_parsing, "
            "string_too_long.",
        },
        "loc": {
            "title": "Loc",
            "type": "array",
            "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            "description": "Vị trí của trường như đã gửi: nguồn (body, query, path, form, file) rồi tên "
            'trường, ví dụ ["body", "subject"], ["query", "limit"].',
        },
        "message": {"title": "Message", "type": "string", "description": "Thông báo tiếng Việt."},
    },
    "required": ["type", "loc", "message"],
}
