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
    # corrected against their sources (Nghị định 60/2014/NĐ-CP Điều 12; Nghị định 47/2011/NĐ-CP Điều 13)
    assert by_name["Đăng ký hoạt động cơ sở in"]["duration_days"] == 3
    assert by_name["Thay đổi thông tin đăng ký hoạt động cơ sở in"]["duration_days"] == 3
    lost = "Cấp lại văn bản xác nhận thông báo hoạt động bưu chính khi bị mất hoặc hư hỏng không sử dụng được"
    assert by_name[lost]["duration_days"] == 7


def test_every_code_is_sourced_or_marked_unverified() -> None:
    """A code with a public source names it; the others say they are placeholders; the file's note
    counts both; no procedure is made up for the fields the Department decides nothing in."""
    data = demo_catalog_data()
    procedures = data["procedures"]
    verified = [p for p in procedures if p.get("code_source")]
    unverified = [p for p in procedures if not p.get("code_source")]
    assert all(p["code_source"].startswith("http") for p in verified)
    assert all(p.get("former_codes") for p in verified)  # the placeholder each one replaced
    assert all(p["code_note"].startswith("Chưa đối chiếu được") for p in unverified), [
        p["name"] for p in unverified if not p.get("code_note", "").startswith("Chưa đối chiếu được")
    ]
    assert {p["national_code"] for p in verified} >= {"2.001740", "1.003114"}
    assert f'{len(verified)} thủ tục có trường "code_source"' in data["_note"]
    assert f'{len(unverified)} thủ tục không có "code_source"' in data["_note"]
    by_code = {d["code"]: d["name"] for d in data["domains"]}
    empty = {"vien_thong", "tan_so", "cntt"}
    assert not [p["name"] for p in procedures if p["domain"] in empty]
    assert all(by_code[c] in data["_note"] for c in empty)


# Demo dossiers (onestop.demo.demo_plans) draw their procedure by position among the active procedures
# in catalogue order, with weights by position: adding, removing or moving a procedure here changes
# which procedure every later plan picks, hence the 2016–2017 figures computed from the demo dossiers.
# Codes and versions may change (a plan keeps its position; a rename only needs the digest below
# recomputed); the list itself may not grow, shrink or move unless the generator is first limited to
# these 28 procedures.
DEMO_PLAN_PROCEDURES = (28, "4cc1834d64836b76")


def test_the_procedures_demo_dossiers_draw_from_stay_in_place() -> None:
    import hashlib

    names = [p["name"] for p in demo_catalog_data()["procedures"]]
    digest = hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]
    assert (len(names), digest) == DEMO_PLAN_PROCEDURES, (
        "the demo catalogue's list of procedures changed: the demo dossiers would pick other procedures"
    )


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


def test_the_code_source_is_loaded_and_follows_the_file(demo_agencies: dict[str, Any]) -> None:
    """A code is shown as verified only with the public page it was matched to; a database loaded
    before the sources were recorded gets them on reload (and only the changed rows are written)."""
    catalog_load_demo()
    items = {p["national_code"]: p for p in demo_catalog_data()["procedures"]}
    loaded = {p.national_code: p for p in Procedure.objects.all()}
    assert loaded.keys() == items.keys()
    for code, item in items.items():
        assert loaded[code].code_source == item.get("code_source", "")
        assert loaded[code].code_verified is bool(item.get("code_source"))
        assert loaded[code].code_note == item.get("code_note", "")
    verified = [c for c, p in loaded.items() if p.code_verified]
    assert 0 < len(verified) < len(loaded)
    Procedure.objects.filter(national_code__in=verified).update(code_source="", code_note="")
    catalog_load_demo()
    sourced = Procedure.objects.exclude(code_source="").values_list("national_code", flat=True)
    assert set(sourced) == set(verified)
