"""The demo activities reproduce the figures of the 2016 review; loading twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tinhso.activities.demo import EXHIBITION_TITLE, activities_demo_load
from tinhso.activities.models import ConferenceSession, Endpoint, Event, PressVisit, Training
from tinhso.activities.selectors import activity_year, exhibition_list

pytestmark = pytest.mark.django_db


def test_demo_reproduces_the_2016_review(demo_agencies: Any) -> None:
    activities_demo_load()
    y = activity_year(year=2016)
    assert y.trainings == 6 and y.trainees > 700
    assert activity_year(year=2015).trainings == 3
    topics = " | ".join(Training.objects.filter(starts_on__year=2016).values_list("title", flat=True))
    for named in (
        "thông tin đối ngoại",
        "Ấn phẩm Xuân Đinh Dậu 2017",
        "trật tự an toàn giao thông",
        "quản lý cán bộ, công chức, viên chức",
        "chữ ký số và an toàn, an ninh thông tin",
    ):
        assert named in topics
    gathering = Event.objects.get(title="Họp mặt Nhà báo và Văn nghệ sĩ Xuân Bính Thân 2016")
    assert gathering.participants is not None and gathering.participants > 200
    book_day = Event.objects.get(kind="ngay_sach", starts_on__year=2016)
    assert book_day.visitors is not None and 4_500 <= book_day.visitors <= 5_000
    assert Event.objects.filter(title__contains="UPU lần thứ 46").exists()
    assert Event.objects.filter(starts_on__year=2016, title__contains="28/8").count() == 2
    assert (y.exhibitions, y.exhibition_districts, y.districts) == (15, 8, 8)
    assert y.exhibition_visitors > 19_000
    assert exhibition_list(year=2016).filter(title=EXHIBITION_TITLE).count() == 15
    assert y.publications_by_kind["to_roi"] == 180_000 and y.publications_by_kind["so_tay"] == 500
    assert y.campaign_budget == 150_000_000
    visit = PressVisit.objects.get()
    assert (visit.country, visit.commune and visit.commune.name, visit.district and visit.district.name) == (
        "Qatar",
        "Xã Vĩnh Viễn A",
        "Huyện Long Mỹ",
    )
    assert Endpoint.objects.count() == 9
    assert y.sessions_held == ConferenceSession.objects.count() == 4

    again = activities_demo_load()
    assert again.created == 0
    assert activity_year(year=2016) == y
