"""GET /api/v1/worktime/due and /api/v1/worktime/working-day: answers and 400s in Vietnamese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client

from tinhso.core import worktime
from tinhso.core.calendar_data import calendar_override_set
from tinhso.core.models import OverrideKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    worktime.calendar_invalidate()
    yield
    worktime.calendar_invalidate()


def test_due_issue_example(client: Client) -> None:
    response = client.get("/api/v1/worktime/due", {"start": "2017-01-20T09:30", "days": "5"})
    assert response.status_code == 200
    assert response.json() == {"due": "2017-02-03T09:30:00+07:00"}


@pytest.mark.parametrize(
    ("params", "due"),
    [
        ({"start": "2017-01-20 15:30", "days": "1"}, "2017-01-23T17:00:00+07:00"),
        ({"start": "2017-01-20 15:30", "days": "1", "cutoff": "false"}, "2017-01-23T15:30:00+07:00"),
        ({"start": "20/01/2017 09:30", "days": "0,5"}, "2017-01-20T15:30:00+07:00"),
        ({"start": "2017-01-20T02:30:00Z", "days": "5"}, "2017-02-03T09:30:00+07:00"),
        ({"start": "2017-01-20T09:30:00+07:00", "days": "5", "cutoff": "true"}, "2017-02-03T09:30:00+07:00"),
    ],
)
def test_due_variants(client: Client, params: dict[str, str], due: str) -> None:
    response = client.get("/api/v1/worktime/due", params)
    assert response.status_code == 200, response.content
    assert response.json() == {"due": due}


@pytest.mark.parametrize(
    ("params", "code", "words"),
    [
        ({"days": "5"}, "missing_value", "bắt buộc"),
        ({"start": "2017-01-20T09:30"}, "missing_value", "bắt buộc"),
        ({"start": "hôm nay", "days": "5"}, "invalid_datetime", "không hợp lệ"),
        ({"start": "2017-02-30 09:30", "days": "5"}, "invalid_datetime", "không hợp lệ"),
        ({"start": "2017-01-20T09:30", "days": "0"}, "invalid_days", "lớn hơn 0"),
        ({"start": "2017-01-20T09:30", "days": "-3"}, "invalid_days", "lớn hơn 0"),
        ({"start": "2017-01-20T09:30", "days": "1000000"}, "invalid_days", "không quá"),
        ({"start": "2017-01-20T09:30", "days": "năm"}, "invalid_days", "không phải là một số"),
        ({"start": "2017-01-20T09:30", "days": "NaN"}, "invalid_days", "không phải là một số"),
        ({"start": "1900-01-01T09:30", "days": "5"}, "out_of_range", "các năm"),
        ({"start": "2099-12-01T09:30", "days": "900"}, "out_of_range", "2099"),
        ({"start": "2017-01-20T09:30", "days": "5", "cutoff": "maybe"}, "invalid_boolean", "true hoặc false"),
    ],
)
def test_due_bad_input_is_400_in_vietnamese(
    client: Client, params: dict[str, str], code: str, words: str
) -> None:
    response = client.get("/api/v1/worktime/due", params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == code
    assert words in body["message"]


def test_working_day(client: Client) -> None:
    assert client.get("/api/v1/worktime/working-day", {"date": "2017-01-30"}).json() == {
        "date": "2017-01-30",
        "working": False,
    }
    assert client.get("/api/v1/worktime/working-day", {"date": "02/02/2017"}).json() == {
        "date": "2017-02-02",
        "working": True,
    }
    bad = client.get("/api/v1/worktime/working-day", {"date": "30-01-2017"})
    assert bad.status_code == 400
    assert "không hợp lệ" in bad.json()["message"]
    assert client.get("/api/v1/worktime/working-day").status_code == 400


def test_the_api_uses_the_override_table(client: Client, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/worktime/working-day", {"date": "2017-04-07"}).json()["working"] is True
    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_set(
            actor=None, date=dt.date(2017, 4, 7), kind=OverrideKind.DAY_OFF, name="Nghỉ thêm (thử nghiệm)"
        )
    assert client.get("/api/v1/worktime/working-day", {"date": "2017-04-07"}).json()["working"] is False
    # Wednesday 05/04/2017 09:00 + 1 day: 6 h that day, 06/04 Giỗ Tổ, 07/04 off → Monday 10/04 09:00.
    response = client.get("/api/v1/worktime/due", {"start": "2017-04-05 09:00", "days": "1"})
    assert response.json() == {"due": "2017-04-10T09:00:00+07:00"}


def test_openapi_documents_the_endpoints() -> None:
    from ninja.openapi.schema import get_schema

    from tinhso.api.main import api

    schema = get_schema(api, path_prefix="")  # the whole API's schema, without the URL reversal
    paths = {p: v for p, v in schema["paths"].items() if p.startswith("/worktime/")}
    assert set(paths) == {"/worktime/due", "/worktime/working-day"}
    assert 400 in paths["/worktime/due"]["get"]["responses"]
