from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.usefixtures("catalog")


def get(client: Client, url: str, **params: object) -> dict:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_list_with_accent_insensitive_search(client: Client) -> None:
    data = get(client, "/api/v1/procedures", q="giay phep hoat dong in")
    names = [i["name"] for i in data["items"]]
    assert "Cấp giấy phép hoạt động in" in names
    assert all("hoạt động in" in n for n in names)
    assert get(client, "/api/v1/procedures", q="GIẤY PHÉP HOẠT ĐỘNG IN")["count"] == data["count"]
    assert get(client, "/api/v1/procedures", q="buu chinh noi tinh")["items"][0]["fee"] == 10_750_000


def test_list_filters(client: Client) -> None:
    everything = get(client, "/api/v1/procedures", limit=100)
    assert everything["count"] >= 25
    postal = get(client, "/api/v1/procedures", domain="buu_chinh", limit=100)
    assert postal["count"] == 5
    assert {i["domain"]["name"] for i in postal["items"]} == {"Bưu chính"}
    level4 = get(client, "/api/v1/procedures", online_level=4, limit=100)
    level3 = get(client, "/api/v1/procedures", online_level=3, limit=100)
    assert level3["count"] + level4["count"] == everything["count"]
    assert {i["online_level"] for i in level4["items"]} == {4}
    assert {i["online_class"] for i in level4["items"]} == {"toan_trinh"}
    assert get(client, "/api/v1/procedures", agency="000.00.00.H30")["count"] == 0


def test_list_query_count_is_bounded(client: Client) -> None:
    with CaptureQueriesContext(connection) as ctx:
        get(client, "/api/v1/procedures", limit=100)
    assert len(ctx.captured_queries) <= 3


def test_detail(client: Client) -> None:
    data = get(client, "/api/v1/procedures/1.004494")
    assert data["name"] == "Cấp giấy phép hoạt động in"
    assert data["duration_days"] == 15
    assert sum(s["hours"] for s in data["steps"]) == 120
    assert data["steps"][0]["role_label"] == "Cán bộ một cửa"
    assert data["documents"][0]["template_name"].startswith("Mẫu số 01")
    assert {f["name"] for f in data["form_fields"]} >= {"ten_co_so_in"}


def test_detail_not_found_is_json_in_vietnamese(client: Client) -> None:
    response = client.get("/api/v1/procedures/0.000000")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy thủ tục mã 0.000000."}


def test_domains(client: Client) -> None:
    data = client.get("/api/v1/procedures/domains").json()
    assert len(data) == 7
    assert data[0] == {"code": "bao_chi", "name": "Báo chí", "procedure_count": 4}
    counts = {d["code"]: d["procedure_count"] for d in data}
    assert {code for code, n in counts.items() if n == 0} == {"vien_thong", "tan_so", "cntt"}
    assert sum(counts.values()) == 28


def test_search_by_national_code(client: Client) -> None:
    data = get(client, "/api/v1/procedures", q="1.004494")
    assert [i["national_code"] for i in data["items"]] == ["1.004494"]


def test_the_code_is_marked_verified_only_with_its_source(client: Client) -> None:
    unverified = get(client, "/api/v1/procedures/1.004494")
    assert unverified["code_verified"] is False and unverified["code_source"] is None
    assert unverified["code_note"].startswith("Chưa đối chiếu được")
    verified = get(client, "/api/v1/procedures/2.001740")
    assert verified["code_verified"] is True
    assert verified["code_source"].startswith("https://dichvucong.ninhbinh.gov.vn/")
    listed = get(client, "/api/v1/procedures", limit=100)["items"]
    items = {p["national_code"]: p["code_verified"] for p in listed}
    assert items["1.004494"] is False and items["2.001740"] is True
