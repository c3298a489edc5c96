"""The II.06a page (staff), the Excel export, the public statistics page and the API agree."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from tinhso.onestop.demo import Fate, Plan, plan_play
from tinhso.onestop.models import Channel

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def dossiers(world: Any) -> None:
    for i, (fate, speed, day) in enumerate(
        [
            (Fate.RETURNED, "early", 2),
            (Fate.RETURNED, "late", 3),
            (Fate.OPEN, "early", 6),
            (Fate.NOT_RECEIVED, "early", 7),
        ]
    ):
        plan = Plan(
            number=900 + i,
            procedure_code="1.004131",
            channel=Channel.ONLINE if i % 2 else Channel.DIRECT,
            applicant="hs.cd02@example.vn" if i % 2 else "Nhà sách Vị Thủy",
            submitted_at=dt.datetime(2017, 3, day, 9, 0, tzinfo=TZ),
            fate=fate,
            speed=speed,
        )
        plan_play(plan, staff=world.staff, applicants=world.applicants, procedures=world.procedures)


def test_api_report(client: Any, dossiers: None) -> None:
    response = client.get("/api/v1/reports/ii06a", {"from": "2017-03-01", "to": "31/03/2017"})
    assert response.status_code == 200
    body = response.json()
    t = body["total"]
    assert (t["carried_over"], t["new"], t["resolved"], t["pending"]) == (0, 3, 2, 1)
    assert (t["early"], t["late"], t["new_online"], t["new_offline"]) == (1, 1, 1, 2)
    assert t["on_time_rate"] == 0.5 and body["refused_at_reception"] == 1
    assert body["rows"][0]["procedure_code"] == "1.004131"
    assert body["online_levels"]["procedures"] == 28 and body["online_levels"]["share_3_4"] == 1.0
    # the whole year is the default when no dates are given
    assert client.get("/api/v1/reports/ii06a", {"year": "2017"}).json()["total"]["new"] == 3
    bad = client.get("/api/v1/reports/ii06a", {"from": "2017-03-31", "to": "2017-03-01"})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_period"
    assert "Đến ngày" in bad.json()["message"]


def test_staff_page_excel_and_public_page(client: Any, dossiers: None, world: Any) -> None:
    query = {"tu": "01/03/2017", "den": "31/03/2017"}
    assert client.get("/quan-tri/bao-cao/", query).status_code == 302  # sign in first
    client.force_login(world.staff.clerk)
    page = client.get("/quan-tri/bao-cao/", query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Biểu số II.06a" in html and "<svg" in html and "1.004131" in html and "50,0%" in html
    xlsx = client.get("/quan-tri/bao-cao/bieu-ii06a.xlsx", query)
    assert xlsx.status_code == 200
    ws = load_workbook(BytesIO(xlsx.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[4][5] == "Từ kỳ trước chuyển qua" and rows[3][4] == "Tổng số hồ sơ"
    total = rows[5]
    assert total[1] == "TỔNG SỐ" and total[4:8] == (3, 0, 1, 2) and total[-1] == 50.0
    assert all(isinstance(v, int) for v in total[4:16])
    client.logout()
    public = client.get("/thong-ke/ho-so/", query)
    assert public.status_code == 200 and "1.004131" in public.content.decode()
    wrong = client.get("/thong-ke/ho-so/", {"tu": "31/02/2017", "den": "x"})
    assert wrong.status_code == 400 and "không hợp lệ" in wrong.content.decode()
