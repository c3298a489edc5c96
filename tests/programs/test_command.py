from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tinhso.programs.importer import rows_to_csv
from tinhso.programs.models import Household

pytestmark = pytest.mark.django_db


def _row(code: str, i: int, **kw: str) -> dict[str, str]:
    row = {
        "head_name": f"Hộ {i}",
        "citizen_id": f"{363100000 + i}",
        "hamlet": "Ấp 4",
        "commune": code,
        "poverty": "Hộ nghèo",
        "list_year": "2016",
        "has_analog_tv": "Có",
        "has_receiver": "Không",
        "pledge_signed": "Có",
    }
    row.update(kw)
    return row


def test_import_households_prints_progress_and_dry_run_writes_nothing(tmp_path, xa_codes):
    path = tmp_path / "ds.csv"
    path.write_text(rows_to_csv([_row(xa_codes[0], i) for i in range(3)]), encoding="utf-8")
    out = io.StringIO()
    call_command("programs", "import-households", str(path), "--dry-run", stdout=out)
    assert "3/3 dòng (100%)" in out.getvalue() and "không ghi" in out.getvalue()
    assert Household.objects.count() == 0
    call_command("programs", "import-households", str(path), stdout=io.StringIO())
    assert Household.objects.count() == 3


def test_import_households_reports_errors(tmp_path, xa_codes):
    path = tmp_path / "ds.csv"
    path.write_text(rows_to_csv([_row(xa_codes[0], 1), _row("00000", 2)]), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("programs", "import-households", str(path), stdout=io.StringIO(), stderr=err)
    assert "Dòng 3, cột Mã xã" in err.getvalue()
    assert Household.objects.count() == 0
