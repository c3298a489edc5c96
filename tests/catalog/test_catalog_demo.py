from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tinhso.catalog.demo import catalog_load_demo, demo_catalog_data
from tinhso.catalog.models import Domain, Procedure, ProcedureVersion
from tinhso.catalog.selectors import procedure_version_on
from tinhso.core.errors import InvalidInput

DOMAINS = {
    "Báo chí",
    "Xuất bản, In và Phát hành",
    "Bưu chính",
    "Viễn thông và Internet",
    "Tần số vô tuyến điện",
    "Công nghệ thông tin, Điện tử",
    "Phát thanh, truyền hình và thông tin điện tử",
}


def test_demo_file_is_consistent() -> None:
    data = demo_catalog_data()
    assert {d["name"] for d in data["domains"]} == DOMAINS
    procedures = data["procedures"]
    assert len(procedures) >= 25
    assert len({p["national_code"] for p in procedures}) == len(procedures)
    for p in procedures:
        for v in p["versions"]:
            assert v["online_level"] in (3, 4), p["name"]
            assert sum(s["hours"] for s in v["steps"]) == v["duration_days"] * 8, p["name"]


def test_demo_key_procedures_have_the_legal_durations_and_fees() -> None:
    by_name = {p["name"]: p["versions"][-1] for p in demo_catalog_data()["procedures"]}
    assert by_name["Cấp giấy phép hoạt động in"]["duration_days"] == 15
    assert by_name["Cấp giấy phép xuất bản bản tin"]["duration_days"] == 20
    web = by_name["Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp"]
    assert (web["duration_days"], web["fee"]) == (10, 0)
    fair = by_name["Cấp giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm"]
    assert (fair["duration_days"], fair["fee"]) == (10, 0)
    postal = by_name["Cấp giấy phép bưu chính (phạm vi nội tỉnh)"]
    assert (postal["duration_days"], postal["fee"]) == (30, 10_750_000)


def test_load_is_idempotent(demo_agencies: dict[str, Any]) -> None:
    first = catalog_load_demo()
    assert first.domains == 7
    assert first.procedures >= 25
    assert first.versions >= first.procedures
    counts = (Domain.objects.count(), Procedure.objects.count(), ProcedureVersion.objects.count())
    second = catalog_load_demo()
    assert (second.domains, second.procedures, second.versions) == (0, 0, 0)
    assert (Domain.objects.count(), Procedure.objects.count(), ProcedureVersion.objects.count()) == counts
    assert ProcedureVersion.objects.exclude(online_level__in=[3, 4]).count() == 0


def test_loaded_versions_follow_the_date(demo_agencies: dict[str, Any]) -> None:
    import datetime as dt

    catalog_load_demo()
    postal = Procedure.objects.get(name="Cấp giấy phép bưu chính (phạm vi nội tỉnh)")
    assert "291/2016/TT-BTC" not in procedure_version_on(postal, dt.date(2016, 6, 1)).legal_basis
    assert "291/2016/TT-BTC" in procedure_version_on(postal, dt.date(2017, 6, 1)).legal_basis


def test_dry_run_writes_nothing(demo_agencies: dict[str, Any]) -> None:
    result = catalog_load_demo(dry_run=True)
    assert result.procedures >= 25
    assert not Procedure.objects.exists()


def test_load_needs_the_agencies(db: None) -> None:
    with pytest.raises(InvalidInput, match=r"Chưa có cơ quan mã 000\.00\.15\.H30"):
        catalog_load_demo()
    assert not Procedure.objects.exists()


def test_command(demo_agencies: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    call_command("catalog", "load")
    assert "thủ tục" in capsys.readouterr().out
    assert Procedure.objects.count() >= 25


def test_reload_after_a_code_correction_adds_no_duplicate(demo_agencies: dict[str, Any]) -> None:
    """A database loaded with the former placeholder codes keeps its procedures on reload."""
    catalog_load_demo()
    corrected = [p for p in demo_catalog_data()["procedures"] if p.get("former_codes")]
    assert corrected and all(p.get("code_source", "").startswith("http") for p in corrected)
    for p in corrected:  # as loaded before the codes were corrected
        Procedure.objects.filter(national_code=p["national_code"]).update(national_code=p["former_codes"][0])
    count = Procedure.objects.count()
    again = catalog_load_demo()
    assert (again.procedures, again.versions) == (0, 0)
    assert Procedure.objects.count() == count
    # and a fresh load uses the corrected codes
    Procedure.objects.all().delete()
    catalog_load_demo()
    assert set(Procedure.objects.values_list("national_code", flat=True)) == {
        p["national_code"] for p in demo_catalog_data()["procedures"]
    }
