"""A 422 ``invalid_input`` lists each wrong field as the client sent it (``loc``: body/query/path and the
field's name), with pydantic's error type as a stable code and a Vietnamese message — no English text
of pydantic's."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal

import pytest
from django.test import Client
from pydantic import BaseModel, Json, ValidationError, field_validator

from tinhso.api.validation import MESSAGES, VIETNAMESE, error_details
from tinhso.inspections.models import Inspection
from tinhso.programs.models import Criterion8Assessment

pytestmark = pytest.mark.django_db

VIETNAMESE_DETAIL_KEYS = {"type", "loc", "message"}


def _details(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert (body["code"], body["message"]) == ("invalid_input", "Dữ liệu gửi lên không hợp lệ.")
    assert all(set(detail) == VIETNAMESE_DETAIL_KEYS for detail in body["errors"]), body["errors"]
    return [{**detail, "loc": tuple(detail["loc"])} for detail in body["errors"]]


def _post(client: Client, url: str, data: Any) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_query_parameters_news_paging(client: Client) -> None:
    assert _details(client.get("/api/v1/news/", {"limit": "abc"})) == [
        {"type": "int_parsing", "loc": ("query", "limit"), "message": "Phải là số nguyên."}
    ]
    assert _details(client.get("/api/v1/news/", {"limit": 0, "offset": 2 * 10**9})) == [
        {"type": "greater_than_equal", "loc": ("query", "limit"), "message": "Phải lớn hơn hoặc bằng 1."},
        {
            "type": "less_than_equal",
            "loc": ("query", "offset"),
            "message": "Phải nhỏ hơn hoặc bằng 1000000000.",
        },
    ]


def test_query_date_geo_units(client: Client) -> None:
    assert _details(client.get("/api/v1/geo/units", {"on": "30/02/2017"})) == [
        {
            "type": "date_from_datetime_parsing",
            "loc": ("query", "on"),
            "message": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
        }
    ]


def test_path_parameter_activities_year(client: Client, persona: Callable[[str], Any]) -> None:
    client.force_login(persona("khanh"))
    assert _details(client.get("/api/v1/activities/summary/hai-nghin")) == [
        {"type": "int_parsing", "loc": ("path", "year"), "message": "Phải là số nguyên."}
    ]
    assert _details(client.get("/api/v1/activities/summary/1899")) == [
        {"type": "greater_than_equal", "loc": ("path", "year"), "message": "Phải lớn hơn hoặc bằng 1900."}
    ]


def test_body_fields_inspection_without_the_handlers_parameter_name(
    client: Client, persona: Callable[[str], Any]
) -> None:
    """The JSON body is the schema itself: ``loc`` is ``["body", "subject"]``, not django-ninja's
    ``["body", "payload", "subject"]``."""
    client.force_login(persona("long"))
    payload = {
        "kind": "kiem_tra",
        "field": "internet",
        "subject": "X" * 256,
        "start_date": "13/06/2016",
        "end_date": "2016-06-20",
        "team_leader": "Long",
    }
    assert _details(_post(client, "/api/v1/inspections/inspections", payload)) == [
        {"type": "missing", "loc": ("body", "basis"), "message": "Thiếu trường bắt buộc."},
        {"type": "string_too_long", "loc": ("body", "subject"), "message": "Dài quá 255 ký tự."},
        {
            "type": "date_from_datetime_parsing",
            "loc": ("body", "start_date"),
            "message": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
        },
    ]
    # no body at all: each required field is missing
    empty = _details(client.post("/api/v1/inspections/inspections", content_type="application/json"))
    required = ("kind", "field", "basis", "subject", "start_date", "end_date", "team_leader")
    assert [d["loc"] for d in empty] == [("body", name) for name in required]
    assert {d["message"] for d in empty} == {"Thiếu trường bắt buộc."}
    assert not Inspection.objects.exists()


def test_body_boolean_and_year_programs_criterion8(client: Client, persona: Callable[[str], Any]) -> None:
    client.force_login(persona("khanh"))
    c8 = {"commune_code": "31474", "year": 2101, "c81": "có lẽ", "c82": True, "c83": 1.5, "c84": True}
    assert _details(_post(client, "/api/v1/programs/criterion8", c8)) == [
        {"type": "less_than_equal", "loc": ("body", "year"), "message": "Phải nhỏ hơn hoặc bằng 2100."},
        {"type": "bool_parsing", "loc": ("body", "c81"), "message": "Phải là true hoặc false."},
        {"type": "bool_type", "loc": ("body", "c83"), "message": "Phải là true hoặc false."},
    ]
    assert not Criterion8Assessment.objects.exists()


class _Sample(BaseModel):
    kind: Literal["kiem_tra", "thanh_tra"] = "kiem_tra"
    amount: float = 0
    meta: Json[dict[str, int]] = "{}"  # type: ignore[assignment]
    code: str = ""
    note: str = ""

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if value and not value.isdigit():
            raise ValueError("Mã chỉ gồm chữ số.")
        return value

    @field_validator("note")
    @classmethod
    def _note(cls, value: str) -> str:
        if value == "x":
            raise ValueError("note must not be x")
        return value


def _sample_details(**data: Any) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as caught:
        _Sample(**data)
    errors = [{**e, "loc": ("body", *e["loc"])} for e in caught.value.errors(include_url=False)]
    return error_details(errors)


def test_messages_of_the_other_error_types() -> None:
    """Types the API's schemas do not produce today (no enums), checked on pydantic's own errors."""
    assert _sample_details(kind="khac") == [
        {
            "type": "literal_error",
            "loc": ["body", "kind"],
            "message": "Phải là một trong: 'kiem_tra', 'thanh_tra'.",
        }
    ]
    assert _sample_details(amount="mot", meta="{khong") == [
        {"type": "float_parsing", "loc": ["body", "amount"], "message": "Phải là số."},
        {"type": "json_invalid", "loc": ["body", "meta"], "message": "JSON không hợp lệ."},
    ]
    # a validator's own Vietnamese message is kept, an English one is not shown
    assert _sample_details(code="12a", note="x") == [
        {"type": "value_error", "loc": ["body", "code"], "message": "Mã chỉ gồm chữ số."},
        {"type": "value_error", "loc": ["body", "note"], "message": "Giá trị không hợp lệ."},
    ]
    assert error_details([{"type": "no_such_type", "loc": ("query", "q"), "msg": "Whatever"}]) == [
        {"type": "no_such_type", "loc": ["query", "q"], "message": "Giá trị không hợp lệ."}
    ]


def test_every_message_is_vietnamese() -> None:
    assert [kind for kind, message in MESSAGES.items() if not VIETNAMESE.search(message)] == []


def test_openapi_documents_the_details(client: Client) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    errors = schemas["ErrorOut"]["properties"]["errors"]
    assert errors["items"] == {"$ref": "#/components/schemas/ErrorDetailOut"}
    assert schemas["ErrorDetailOut"]["required"] == ["type", "loc", "message"]
