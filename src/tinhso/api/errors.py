"""Every error answer of the API is JSON ``{"code": …, "message": …}`` with a Vietnamese message.

The API's exception handlers (``api.main``) cover what a handler raises; ``ApiErrorMiddleware``
refuses a NUL character before any handler runs and covers what never reaches the handlers:
django-ninja's own 405 for a method the path does not have, Django's 404 for an address under
``/api/`` that does not exist, the 400 of an unreadable request and the 500 page of an uncaught
exception (logged by Django as usual before it is rewritten here)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"

# Stable code and Vietnamese message of an HTTP status, for errors that carry no message of their own.
STATUS_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthenticated", "Bạn cần đăng nhập để thực hiện thao tác này."),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy địa chỉ API này."),
    405: ("method_not_allowed", "Địa chỉ API này không nhận phương thức {method}."),
    413: ("too_large", "Dữ liệu gửi lên quá lớn."),
    415: ("unsupported_media_type", "Kiểu dữ liệu gửi lên không được hỗ trợ."),
    429: ("too_many_requests", "Quá nhiều yêu cầu. Vui lòng thử lại sau."),
    500: (
        "server_error",
        "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau hoặc báo quản trị hệ thống.",
    ),
}

# django-ninja raises HttpError with these English texts.
NINJA_MESSAGES: dict[str, tuple[str, str]] = {
    "CSRF check Failed": (
        "csrf_failed",
        "Thiếu hoặc sai mã CSRF: khi dùng phiên đăng nhập (cookie), gửi kèm tiêu đề X-CSRFToken; "
        "hoặc dùng Authorization: Bearer <token>.",
    ),
    "Cannot parse request body": ("invalid_body", "Không đọc được nội dung yêu cầu (JSON không hợp lệ)."),
}


def status_error(status: int, *, method: str = "") -> tuple[str, str]:
    """Code and Vietnamese message for ``status`` (the general 4xx/5xx one if it has none of its own)."""
    if status in STATUS_ERRORS:
        code, message = STATUS_ERRORS[status]
    elif status >= 500:
        code, message = STATUS_ERRORS[500]
    else:
        code, message = f"http_{status}", "Yêu cầu không thực hiện được."
    return code, message.format(method=method)


def ninja_error(status: int, text: str) -> tuple[str, str]:
    """Code and Vietnamese message for one of django-ninja's own ``HttpError``s."""
    for english, known in NINJA_MESSAGES.items():
        if text.startswith(english):
            return known
    return status_error(status)


def _is_json_error(response: HttpResponse) -> bool:
    if not response.get("Content-Type", "").startswith("application/json"):
        return False
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    return (
        isinstance(body, dict) and isinstance(body.get("code"), str) and isinstance(body.get("message"), str)
    )


NUL_ERROR = ("null_character", "Dữ liệu gửi lên không được chứa ký tự NUL (\\u0000).")


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False


def has_nul(request: HttpRequest) -> bool:
    """A NUL character in the address, the query or a JSON body: PostgreSQL cannot store it in a text
    column and answered 500 (SQLite kept it). Files (multipart) may hold any byte and are not read."""
    if "\x00" in request.path_info:
        return True
    if any(_contains_nul(key) or _contains_nul(values) for key, values in request.GET.lists()):
        return True
    if request.content_type == "application/json" and b"\\u0000" in request.body:
        try:
            return _contains_nul(json.loads(request.body))
        except ValueError:
            return False  # unreadable JSON: the API answers invalid_body
    return False


class ApiErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX) and has_nul(request):
            code, message = NUL_ERROR
            return JsonResponse({"code": code, "message": message}, status=400)
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path_info.startswith(API_PREFIX)
            or getattr(response, "streaming", False)
            or _is_json_error(response)
        ):
            return response
        code, message = status_error(response.status_code, method=request.method or "")
        if response.status_code == 405 and response.has_header("Allow"):
            message += f" Các phương thức được phép: {response['Allow']}."
        rewritten = JsonResponse({"code": code, "message": message}, status=response.status_code)
        if response.has_header("Allow"):
            rewritten["Allow"] = response["Allow"]
        return rewritten
