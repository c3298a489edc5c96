from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tinhso.core.models import AuditEntry
from tinhso.programs.importer import COLUMNS, HouseholdFileRejected, households_import_file, rows_to_csv
from tinhso.programs.models import Household, HouseholdImport, ReviewStatus

pytestmark = pytest.mark.django_db


def _row(code: str, i: int, **kw):
    row = {
        "head_name": f"Trần Văn Hộ {i}",
        "citizen_id": f"{363000000 + i}",
        "hamlet": "Ấp Mỹ Hòa",
        "commune": code,
        "poverty": "Hộ nghèo",
        "list_year": "2016",
        "has_analog_tv": "Có",
        "has_receiver": "Không",
        "pledge_signed": "Có",
    }
    row.update(kw)
    return row


def _write(tmp_path, rows, name="ds.csv"):
    path = tmp_path / name
    path.write_text(rows_to_csv(rows), encoding="utf-8")
    return path


def test_import_good_file_with_flags_and_reasons(tmp_path, officer_khanh, xa_codes):
    code = xa_codes[0]
    rows = [_row(code, i) for i in range(5)]
    rows.append(_row(code, 5, head_name="TRẦN VĂN HỘ 1"))  # same folded name, commune, hamlet as row 3
    rows.append(_row(code, 6, has_receiver="có", pledge_signed="không"))
    rows.append(_row(code, 7, poverty="Không", list_year=""))
    record = HouseholdImport.objects.create(file_name="ds.csv", created_by=officer_khanh)
    seen = []
    outcome = households_import_file(
        actor=officer_khanh,
        path=_write(tmp_path, rows),
        record=record,
        on_progress=lambda n, t: seen.append((n, t)),
    )
    assert outcome.ok, outcome.errors
    assert outcome.created == 8 and Household.objects.count() == 8
    assert seen[-1] == (8, 8)
    flagged = Household.objects.filter(review_status=ReviewStatus.PENDING)
    assert sorted(flagged.values_list("citizen_id", flat=True)) == ["363000001", "363000005"]
    h6 = Household.objects.get(citizen_id="363000006")
    assert not h6.eligible
    assert "Đã có đầu thu DVB-T2" in h6.ineligible_reason and "cam kết" in h6.ineligible_reason
    assert Household.objects.get(citizen_id="363000007").ineligible_reason.startswith("Không thuộc danh sách")
    assert Household.objects.filter(eligible=True).count() == 6
    record.refresh_from_db()
    assert record.status == HouseholdImport.Status.DONE and record.created_count == 8
    assert record.ineligible_count == 2 and record.percent == 100
    assert AuditEntry.objects.filter(action="programs.households_import").count() == 1

    # a second file duplicating a registered ID is refused whole; a name twin of a registered one is flagged
    again = [_row(code, 100, head_name="Trần Văn Hộ 2"), _row(code, 101)]
    outcome = households_import_file(actor=officer_khanh, path=_write(tmp_path, again))
    assert outcome.ok
    assert Household.objects.get(citizen_id="363000002").review_status == ReviewStatus.PENDING
    bad = [_row(code, 200), _row(code, 3)]
    outcome = households_import_file(actor=officer_khanh, path=_write(tmp_path, bad))
    assert not outcome.ok
    assert outcome.errors == [{"row": 3, "column": "Số CMND/CCCD", "message": "đã có trong sổ hộ."}]
    assert not Household.objects.filter(citizen_id="363000200").exists()


def test_errors_by_row_and_column_leave_nothing(tmp_path, officer_khanh, xa_codes):
    code = xa_codes[0]
    rows = [
        _row(code, 1),
        _row(code, 2, citizen_id="12ab"),
        _row("99999", 3),
        _row(code, 4, poverty="giàu", has_analog_tv="có lẽ"),
        _row(code, 5, list_year=""),
        _row(code, 1, head_name="Người Khác"),  # same ID as row 2
        _row(code, 6, head_name=""),
    ]
    record = HouseholdImport.objects.create(file_name="ds.csv", created_by=officer_khanh)
    outcome = households_import_file(actor=officer_khanh, path=_write(tmp_path, rows), record=record)
    got = {(e["row"], e["column"]) for e in outcome.errors}
    assert got == {
        (3, "Số CMND/CCCD"),
        (4, "Mã xã"),
        (5, "Diện hộ"),
        (5, "Có ti vi analog"),
        (6, "Năm danh sách"),
        (7, "Số CMND/CCCD"),
        (8, "Họ tên chủ hộ"),
    }
    assert {"row": 7, "column": "Số CMND/CCCD", "message": "trùng với dòng 2."} in outcome.errors
    assert Household.objects.count() == 0
    record.refresh_from_db()
    assert record.status == HouseholdImport.Status.FAILED and record.error_count == 7
    assert "không hộ nào được thêm" in record.message


def test_bad_files(tmp_path, officer_khanh, xa_codes):
    p = tmp_path / "ds.pdf"
    p.write_bytes(b"%PDF")
    with pytest.raises(HouseholdFileRejected, match="CSV"):
        households_import_file(actor=officer_khanh, path=p)
    p = tmp_path / "ds.csv"
    p.write_text("Họ tên chủ hộ,Ấp\nA,B\n", encoding="utf-8")
    with pytest.raises(HouseholdFileRejected, match="thiếu cột: Số CMND/CCCD, Mã xã"):
        households_import_file(actor=officer_khanh, path=p)
    p.write_bytes("Họ tên chủ hộ".encode("utf-16"))
    with pytest.raises(HouseholdFileRejected, match="UTF-8"):
        households_import_file(actor=officer_khanh, path=p)


def test_excel_file_and_semicolons(tmp_path, officer_khanh, xa_codes):
    wb = Workbook()
    ws = wb.active
    ws.append([h for _, h in COLUMNS])
    ws.append(
        ["Lâm Thị Út", 363111222, "Ấp Tân Long", int(xa_codes[1]), "Hộ cận nghèo", 2016, "Có", "Không", "Có"]
    )
    out = io.BytesIO()
    wb.save(out)
    p = tmp_path / "ds.xlsx"
    p.write_bytes(out.getvalue())
    assert households_import_file(actor=officer_khanh, path=p).created == 1
    p = tmp_path / "ds2.csv"
    p.write_text(rows_to_csv([_row(xa_codes[1], 9)]).replace(",", ";"), encoding="utf-8-sig")
    assert households_import_file(actor=officer_khanh, path=p).created == 1
    assert Household.objects.count() == 2
