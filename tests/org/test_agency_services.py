"""agency_create / agency_update: QCVN 102 codes, hierarchy, audit."""

from __future__ import annotations

from typing import Any

import pytest

from tinhso.core.errors import Conflict, InvalidInput
from tinhso.core.models import AuditEntry
from tinhso.org.models import Agency, AgencyKind
from tinhso.org.services import agency_create, agency_update

pytestmark = pytest.mark.django_db


def _so() -> Agency:
    return agency_create(
        actor=None, code="000.00.15.H30", name="Sở Thông tin và Truyền thông", kind=AgencyKind.DEPARTMENT
    )


def test_create_normalises_code_and_audits() -> None:
    agency = agency_create(actor=None, code=" 000.00.15.h30 ", name="Sở TT&TT", kind=AgencyKind.DEPARTMENT)
    assert agency.code == "000.00.15.H30"
    entry = AuditEntry.objects.get(action="org.agency_create")
    assert entry.object_id == str(agency.pk) and entry.after["code"] == "000.00.15.H30"


@pytest.mark.parametrize("code", ["000.00.15", "00.00.15.H30", "000.00.15.30H", "000-00-15-H30", ""])
def test_create_rejects_malformed_code(code: str) -> None:
    with pytest.raises(InvalidInput, match="QCVN 102"):
        agency_create(actor=None, code=code, name="X", kind=AgencyKind.OTHER)
    assert not Agency.objects.exists()


def test_create_rejects_duplicate_code_and_bad_kind() -> None:
    _so()
    with pytest.raises(Conflict):
        _so()
    with pytest.raises(InvalidInput):
        agency_create(actor=None, code="000.01.15.H30", name="X", kind="nope")
    with pytest.raises(InvalidInput):
        agency_create(actor=None, code="000.01.15.H30", name="  ", kind=AgencyKind.OTHER)


def test_update_changes_only_given_fields_and_audits_before_after(demo_agencies: dict[str, Any]) -> None:
    agency = demo_agencies["000.04.15.H30"]
    AuditEntry.objects.all()  # the loader's entries are there; count only ours
    n = AuditEntry.objects.filter(action="org.agency_update").count()
    updated = agency_update(actor=None, agency=agency, phone="0293 3878 999")
    assert updated.phone == "0293 3878 999" and updated.name == "Phòng Công nghệ thông tin"
    entry = AuditEntry.objects.filter(action="org.agency_update").latest("id")
    assert entry.before["phone"] == "" and entry.after["phone"] == "0293 3878 999"
    agency_update(actor=None, agency=agency, phone="0293 3878 999")  # no change, no entry
    assert AuditEntry.objects.filter(action="org.agency_update").count() == n + 1


def test_update_refuses_a_cycle(demo_agencies: dict[str, Any]) -> None:
    so = demo_agencies["000.00.15.H30"]
    division = demo_agencies["000.04.15.H30"]
    with pytest.raises(InvalidInput, match="cấp trên"):
        agency_update(actor=None, agency=so, parent=division)
    with pytest.raises(InvalidInput):
        agency_update(actor=None, agency=so, parent=so)
    with pytest.raises(InvalidInput):
        agency_update(actor=None, agency=so, name=" ")
    so.refresh_from_db()
    assert so.parent == demo_agencies["000.00.00.H30"]
