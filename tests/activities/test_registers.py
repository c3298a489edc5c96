"""Events, exhibitions, publications, campaigns, trainings and press visits through the services; the
figures of a year follow the records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.activities.models import Exhibition
from tinhso.activities.selectors import activity_year
from tinhso.activities.services import (
    campaign_create,
    event_create,
    exhibition_create,
    exhibition_update,
    press_visit_create,
    publication_create,
    training_create,
    training_update,
)
from tinhso.core.errors import InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.geo.models import Unit

pytestmark = pytest.mark.django_db


def test_year_figures_follow_the_records(officer_khanh: Any, unit: Callable[[str], Unit]) -> None:
    event_create(
        actor=officer_khanh,
        kind="hop_mat",
        title="Họp mặt Nhà báo và Văn nghệ sĩ Xuân Bính Thân 2016",
        starts_on=dt.date(2016, 1, 28),
        place="Hội trường UBND tỉnh",
        district=unit("930"),
        participants=215,
    )
    event_create(
        actor=officer_khanh,
        kind="ngay_sach",
        title="Ngày sách Việt Nam lần thứ 2",
        starts_on=dt.date(2016, 4, 19),
        ends_on=dt.date(2016, 4, 21),
        place="Quảng trường",
        district=unit("930"),
        visitors=4_950,
    )
    ex = [
        exhibition_create(
            actor=officer_khanh,
            title="Hoàng Sa, Trường Sa",
            district=unit(code),
            place="Nhà văn hóa",
            starts_on=dt.date(2016, 7, 1),
            visitors=1_000,
        )
        for code in ("930", "931", "931")
    ]
    publication_create(
        actor=officer_khanh,
        kind="to_roi",
        title="Tờ rơi số hóa",
        issued_on=dt.date(2016, 8, 1),
        copies=180_000,
    )
    campaign_create(
        actor=officer_khanh,
        title="Tuyên truyền giảm nghèo thông tin",
        starts_on=dt.date(2016, 3, 1),
        budget=150_000_000,
    )
    t = training_create(
        actor=officer_khanh,
        title="Lớp tập huấn chữ ký số",
        topic="Chữ ký số",
        starts_on=dt.date(2016, 9, 5),
        trainees=120,
    )
    year = activity_year(year=2016)
    assert year.events_by_kind == {"hop_mat": 1, "ngay_sach": 1}
    assert (year.event_participants, year.event_visitors) == (215, 4_950)
    assert (year.exhibitions, year.exhibition_visitors, year.exhibition_districts, year.districts) == (
        3,
        3_000,
        2,
        8,
    )
    assert year.publications_by_kind == {"to_roi": 180_000}
    assert (year.campaigns, year.campaign_budget, year.trainings, year.trainees) == (1, 150_000_000, 1, 120)

    exhibition_update(
        actor=officer_khanh, exhibition=ex[2], changes={"district": unit("936"), "visitors": 1_500}
    )
    training_update(actor=officer_khanh, training=t, changes={"trainees": 130})
    year = activity_year(year=2016)
    assert (year.exhibition_visitors, year.exhibition_districts, year.trainees) == (3_500, 3, 130)
    assert AuditEntry.objects.filter(action="activities.exhibition_update").count() == 1


def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(
    officer_khanh: Any, unit: Callable[[str], Unit]
) -> None:
    with pytest.raises(InvalidInput, match="không phải là đơn vị cấp huyện"):
        exhibition_create(
            actor=officer_khanh,
            title="Triển lãm",
            district=unit("93"),
            place="X",
            starts_on=dt.date(2016, 7, 1),
        )
    with pytest.raises(InvalidInput, match="Ngày bế mạc phải sau"):
        exhibition_create(
            actor=officer_khanh,
            title="Triển lãm",
            district=unit("930"),
            place="X",
            starts_on=dt.date(2016, 7, 1),
            ends_on=dt.date(2016, 6, 1),
        )
    with pytest.raises(InvalidInput, match="Số lượng phải là số nguyên dương"):
        publication_create(
            actor=officer_khanh, kind="so_tay", title="Sổ tay", issued_on=dt.date(2016, 1, 1), copies=0
        )
    with pytest.raises(InvalidInput, match="Trường không hợp lệ: colour"):
        training_create(
            actor=officer_khanh, title="A", topic="B", starts_on=dt.date(2016, 1, 1), trainees=1, colour="red"
        )
    assert not Exhibition.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="activities.").exists()


def test_press_visit_commune_must_be_in_the_district(officer_khanh: Any, unit: Callable[[str], Unit]) -> None:
    visit = press_visit_create(
        actor=officer_khanh,
        outlet="Truyền hình Al Jazeera",
        country="Qatar",
        reporters=3,
        starts_on=dt.date(2016, 10, 12),
        commune=unit("31490"),
        purpose="Làm phóng sự về đời sống nông dân",
    )
    assert visit.district is not None and visit.district.code == "936"
    with pytest.raises(InvalidInput, match="không thuộc"):
        press_visit_create(
            actor=officer_khanh,
            outlet="X",
            country="Y",
            starts_on=dt.date(2016, 10, 12),
            commune=unit("31490"),
            district=unit("930"),
            purpose="Z",
        )


def test_only_the_sector_officer_edits(persona: Callable[[str], Any], unit: Callable[[str], Unit]) -> None:
    for key in ("long", "em", "an"):
        with pytest.raises(NotAllowed, match="hoạt động thông tin"):
            training_create(
                actor=persona(key), title="A", topic="B", starts_on=dt.date(2016, 1, 1), trainees=5
            )
