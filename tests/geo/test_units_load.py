"""Loading Hậu Giang: counts on key dates, the 2019/2020 changes, the 2025 reorganisation, idempotence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command

from tinhso.core.models import AuditEntry
from tinhso.geo.dataset import hau_giang_dataset
from tinhso.geo.models import Population, Unit, UnitKind, UnitLevel
from tinhso.geo.selectors import (
    population_by_code,
    unit_counts_by_kind,
    unit_history,
    unit_valid_on,
    units_valid_on,
)
from tinhso.geo.services import units_load

pytestmark = pytest.mark.django_db

D2016 = dt.date(2016, 6, 30)
D2020 = dt.date(2020, 6, 30)
REORG = dt.date(2025, 7, 1)


@pytest.fixture
def loaded() -> None:
    units_load(actor=None)


def test_2016_has_8_districts_and_76_communes(loaded: None) -> None:
    districts = units_valid_on(D2016, level=UnitLevel.DISTRICT)
    assert sorted(d.name for d in districts) == sorted(
        [
            "Thành phố Vị Thanh",
            "Thị xã Ngã Bảy",
            "Thị xã Long Mỹ",
            "Huyện Châu Thành",
            "Huyện Châu Thành A",
            "Huyện Long Mỹ",
            "Huyện Phụng Hiệp",
            "Huyện Vị Thuỷ",
        ]
    )
    assert unit_counts_by_kind(D2016, level=UnitLevel.COMMUNE) == {"xa": 54, "thi_tran": 10, "phuong": 12}
    province = units_valid_on(D2016, level=UnitLevel.PROVINCE).get()
    assert (province.code, province.name) == ("93", "Tỉnh Hậu Giang")
    vinh_vien = unit_valid_on("31489", D2016)
    assert vinh_vien is not None and vinh_vien.kind == UnitKind.COMMUNE and vinh_vien.name == "Xã Vĩnh Viễn"
    assert unit_valid_on("931", D2016).kind == UnitKind.TOWN  # type: ignore[union-attr]


def test_snapshot_date_matches_the_gso_file(loaded: None) -> None:
    # On 01/12/2019 the rows are exactly the GSO snapshot: 53 xã, 11 thị trấn, 12 phường.
    on = dt.date(2019, 12, 1)
    assert unit_counts_by_kind(on, level=UnitLevel.COMMUNE) == {"xa": 53, "thi_tran": 11, "phuong": 12}
    assert unit_valid_on("31489", on).name == "Thị trấn Vĩnh Viễn"  # type: ignore[union-attr]


def test_2020_vinh_vien_town_nga_bay_city(loaded: None) -> None:
    assert unit_valid_on("31489", D2020).kind == UnitKind.TOWNSHIP  # type: ignore[union-attr]
    nga_bay = unit_valid_on("931", D2020)
    assert nga_bay is not None and (nga_bay.kind, nga_bay.name) == (UnitKind.CITY, "Thành phố Ngã Bảy")
    # Resolution 869/NQ-UBTVQH14 also made Xã Hiệp Lợi a phường: 52 xã, 11 thị trấn, 13 phường.
    assert unit_counts_by_kind(D2020, level=UnitLevel.COMMUNE) == {"xa": 52, "thi_tran": 11, "phuong": 13}
    assert units_valid_on(D2020, level=UnitLevel.DISTRICT).count() == 8


def test_children_of_nga_bay_follow_the_new_row(loaded: None) -> None:
    before = units_valid_on(dt.date(2020, 1, 31), parent_code="931")
    after = units_valid_on(dt.date(2020, 2, 1), parent_code="931")
    assert {u.code for u in before} == {u.code for u in after} and before.count() == 6
    assert {u.parent.kind for u in before} == {UnitKind.TOWN}  # type: ignore[union-attr]
    assert {u.parent.kind for u in after} == {UnitKind.CITY}  # type: ignore[union-attr]
    assert [u.kind for u in unit_history("31344")] == [UnitKind.COMMUNE, UnitKind.WARD]


def test_every_parent_covers_its_child(loaded: None) -> None:
    for unit in Unit.objects.select_related("parent").filter(parent__isnull=False):
        parent = unit.parent
        assert parent is not None and parent.valid_from <= unit.valid_from
        assert parent.valid_to is None or (unit.valid_to is not None and unit.valid_to <= parent.valid_to)


def test_2025_no_district_level_and_province_is_can_tho(loaded: None) -> None:
    assert not units_valid_on(REORG, level=UnitLevel.DISTRICT).exists()
    assert not units_valid_on(REORG, level=UnitLevel.COMMUNE, parent_code="936").exists()
    province = units_valid_on(REORG, level=UnitLevel.PROVINCE).get()
    assert (province.code, province.kind, province.name) == ("92", UnitKind.CENTRAL_CITY, "Thành phố Cần Thơ")
    day_before = units_valid_on(REORG - dt.timedelta(days=1), level=UnitLevel.PROVINCE).get()
    assert day_before.code == "93"
    assert units_valid_on(REORG - dt.timedelta(days=1), level=UnitLevel.DISTRICT).count() == 8


def test_population_2017_about_773000_and_marked_demo(loaded: None) -> None:
    pops = population_by_code(2017)
    districts = {k: v for k, v in pops.items() if len(k) == 3 and k != "93"}
    assert len(districts) == 8
    assert sum(districts.values()) == pops["93"]
    assert 770_000 <= pops["93"] <= 776_000
    assert all("demo" in p.source for p in Population.objects.all())
    assert set(population_by_code(2015)) == set(population_by_code(2016)) == set(pops)


def test_load_is_idempotent_and_audited_once(django_assert_max_num_queries: object) -> None:
    first = units_load(actor=None)
    expected = len(hau_giang_dataset().units)
    assert first.units_created == expected == Unit.objects.count()
    assert AuditEntry.objects.filter(action="geo.units_load").count() == 1
    second = units_load(actor=None)
    assert not second.changed and second.units_unchanged == expected
    assert Unit.objects.count() == expected
    assert AuditEntry.objects.filter(action="geo.units_load").count() == 1


def test_second_load_uses_few_queries(loaded: None, django_assert_max_num_queries: object) -> None:
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        units_load(actor=None)


def test_load_repairs_a_changed_row(loaded: None) -> None:
    Unit.objects.filter(code="930").update(name="Sai tên")
    result = units_load(actor=None)
    assert result.units_updated == 1 and result.units_created == 0
    assert unit_valid_on("930", D2016).name == "Thành phố Vị Thanh"  # type: ignore[union-attr]


def test_dry_run_writes_nothing() -> None:
    result = units_load(actor=None, dry_run=True)
    assert result.units_created == len(hau_giang_dataset().units)
    assert Unit.objects.count() == 0 and not AuditEntry.objects.exists()


def test_command_load_and_dry_run(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("geo", "load", "--dry-run")
    assert Unit.objects.count() == 0
    assert "chạy thử" in capsys.readouterr().out
    call_command("geo", "load")
    call_command("geo", "load")
    out = capsys.readouterr().out
    assert "tạo 0, cập nhật 0" in out
    call_command("geo", "show", "--on", "30/06/2016", "--level", "2")
    assert "Thị xã Ngã Bảy" in capsys.readouterr().out


def test_units_valid_on_is_one_query(loaded: None, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        rows = [(u.code, u.parent.code if u.parent else None) for u in units_valid_on(D2016, level=3)]
    assert len(rows) == 76 and all(parent for _, parent in rows)
