"""Every error answer under /api/ is JSON {"code", "message"} with a Vietnamese message — also those
that never reach the API's exception handlers (found by fuzzing the API with schemathesis)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.test import Client, RequestFactory
from ninja import Schema

from tinhso.api.errors import ApiErrorMiddleware

pytestmark = pytest.mark.django_db


def _error(response: HttpResponse) -> dict[str, Any]:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = json.loads(response.content)
    assert isinstance(body["code"], str) and isinstance(body["message"], str)
    return body


def test_method_the_path_does_not_have_is_json_405(client: Client) -> None:
    response = client.put("/api/v1/news/")
    assert response.status_code == 405 and response["Allow"] == "GET"
    body = _error(response)
    assert body["code"] == "method_not_allowed"
    assert body["message"] == "Địa chỉ API này không nhận phương thức PUT. Các phương thức được phép: GET."


def test_unknown_api_address_is_json_404_and_pages_keep_html(client: Client) -> None:
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert _error(response) == {"code": "not_found", "message": "Không tìm thấy địa chỉ API này."}
    page = client.get("/khong-co-trang-nay/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_unreadable_json_body_is_vietnamese_400(client: Client) -> None:
    response = client.post("/api/v1/auth/token", "{khong phai json", content_type="application/json")
    assert response.status_code == 400
    body = _error(response)
    assert body["code"] == "invalid_body" and "JSON không hợp lệ" in body["message"]


def test_session_call_without_csrf_token_is_vietnamese_403(director_em: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(director_em)
    response = client.post("/api/v1/emulation/movements", "{}", content_type="application/json")
    assert response.status_code == 403
    body = _error(response)
    assert body["code"] == "csrf_failed" and "X-CSRFToken" in body["message"]


def test_uncaught_error_page_under_api_becomes_json_500() -> None:
    def broken(request: HttpRequest) -> HttpResponse:
        return HttpResponseServerError("<!doctype html><title>Lỗi hệ thống</title>")

    middleware = ApiErrorMiddleware(broken)
    response = middleware(RequestFactory().get("/api/v1/news/"))
    assert response.status_code == 500
    assert _error(response)["code"] == "server_error"
    page = middleware(RequestFactory().get("/tin-tuc/"))
    assert page["Content-Type"].startswith("text/html")


def test_every_operation_documents_its_error_answer(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["code", "message"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            error = operation["responses"]["4XX"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)


def test_no_two_api_schemas_share_a_name() -> None:
    """The OpenAPI components are keyed by class name: two schemas of one name silently became one
    (the procedure's steps were documented as a dossier's steps, and schemathesis flagged the answer).
    The registers' schemas made from their models by ``create_schema`` (module ``ninja.schema``) count
    too: activities' ``EventOut`` had replaced a dossier's ``EventOut``."""
    import tinhso.api.main  # noqa: F401  (imports every app's api module)

    by_name: dict[str, set[str]] = defaultdict(set)

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith(("tinhso.", "ninja.schema")):
                by_name[sub.__name__].add(json.dumps(sub.model_json_schema(), sort_keys=True))
            walk(sub)

    walk(Schema)
    assert {name for name, shapes in by_name.items() if len(shapes) > 1} == set()


def test_nul_character_is_refused_before_the_database(client: Client) -> None:
    """PostgreSQL cannot store NUL in a text column: schemathesis's "\\u0000" in a household's name
    answered 500 there. Now every API call with NUL in the address, query or JSON body is a 400."""
    for response in (
        client.post(
            "/api/v1/auth/token", {"identifier": "an\x00", "password": "x"}, content_type="application/json"
        ),
        client.get("/api/v1/procedures", {"q": "giay\x00"}),
        client.get("/api/v1/org/agencies/000%00"),
    ):
        assert response.status_code == 400
        assert _error(response)["code"] == "null_character"
    ok = client.post(
        "/api/v1/auth/token", {"identifier": "a\\\\u0000", "password": "x"}, content_type="application/json"
    )
    assert ok.json()["code"] == "bad_credentials"  # a backslash followed by "u0000" is no NUL
