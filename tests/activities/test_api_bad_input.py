"""Out-of-range years in the activities API answer 422, not 500 (found by schemathesis: the
``__year`` lookup and ``activity_year`` failed on year 0, -10^36 or 84691)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/activities/summary/0",
        "/api/v1/activities/trainings?year=84691",
        f"/api/v1/activities/events?year=-{10**36}",
        "/api/v1/activities/sessions?year=119401368",
    ],
)
def test_impossible_year(client, officer_khanh, url) -> None:
    client.force_login(officer_khanh)
    response = client.get(url)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid_input"
    assert response.json()["message"] == "Dữ liệu gửi lên không hợp lệ."


def test_register_integer_beyond_the_column(client, officer_khanh) -> None:
    """2^31 trainees: "integer out of range" from PostgreSQL (500); the generated schema now bounds it."""
    from tinhso.activities.models import Training

    client.force_login(officer_khanh)
    body = {"title": "Tập huấn", "topic": "Chữ ký số", "starts_on": "2017-05-02", "trainees": 2**31}
    response = client.post("/api/v1/activities/trainings", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid_input" and not Training.objects.exists()
    reschedule = {"starts_at": "2017-05-02T08:00:00+07:00", "ends_at": "2017-05-02T09:00:00+07:00"}
    response = client.post(
        "/api/v1/activities/sessions/1/reschedule",
        {**reschedule, "endpoint_ids": [10**30]},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/activities/exhibitions?district_id=-{2 * 10**19}",
        f"/api/v1/activities/events?district_id={10**20}",
        f"/api/v1/activities/sessions?endpoint_id={10**20}",
    ],
)
def test_foreign_key_filter_beyond_the_column(client, officer_khanh, url) -> None:
    """A district or endpoint id beyond 64 bits reached a foreign-key lookup (Django bounds only plain
    integer columns) and SQLite failed with OverflowError (500; found by schemathesis, director)."""
    client.force_login(officer_khanh)
    response = client.get(url)
    assert response.status_code == 422, response.content
    name = url.split("?")[1].split("=")[0]
    assert response.json()["errors"][0]["loc"] == ["query", name]
