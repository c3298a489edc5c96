from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from tinhso.catalog.models import Domain, Procedure, ProcedureVersion, ProcessStep
from tinhso.catalog.selectors import procedure_version_on
from tinhso.catalog.services import (
    domain_create,
    procedure_create,
    procedure_update,
    procedure_version_create,
)
from tinhso.core.errors import InvalidInput
from tinhso.core.models import AuditEntry

SO = "000.00.15.H30"
DOCS = [{"name": "Đơn đề nghị", "form": "original", "copies": 1}]


def steps(*hours: int) -> list[dict[str, Any]]:
    roles = ["clerk", "specialist", "division_head", "director"]
    return [{"name": f"Bước {i + 1}", "role": roles[i % 4], "hours": h} for i, h in enumerate(hours)]


@pytest.fixture
def procedure(demo_agencies: dict[str, Any]) -> Procedure:
    domain = domain_create(actor=None, code="xuat_ban", name="Xuất bản, In và Phát hành")
    return procedure_create(
        actor=None,
        national_code="9.000001",
        name="Cấp giấy phép hoạt động in",
        domain=domain,
        agency=demo_agencies[SO],
    )


def make_version(procedure: Procedure, day: dt.date, days: int = 2, **kw: Any) -> ProcedureVersion:
    args: dict[str, Any] = {
        "legal_basis": "Nghị định 60/2014/NĐ-CP",
        "result_type": "Giấy phép",
        "online_level": 3,
        "online_class": "mot_phan",
        "documents": DOCS,
        "steps": steps(4, days * 8 - 12, 4, 4),
    }
    args.update(kw)
    return procedure_version_create(
        actor=None, procedure=procedure, effective_from=day, duration_days=days, **args
    )


def test_procedure_search_text_is_folded(procedure: Procedure) -> None:
    assert procedure.search_text == "9 000001 cap giay phep hoat dong in xuat ban in va phat hanh"
    assert AuditEntry.objects.filter(action="catalog.procedure.create", object_id=str(procedure.pk)).exists()


def test_procedure_update_refreshes_search_text(procedure: Procedure) -> None:
    procedure_update(actor=None, procedure=procedure, name="Cấp đổi giấy phép hoạt động in")
    procedure.refresh_from_db()
    assert "cap doi giay phep" in procedure.search_text


def test_duplicate_national_code_rejected(procedure: Procedure, demo_agencies: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput, match="đã có trong danh mục"):
        procedure_create(
            actor=None, national_code="9.000001", name="X", domain=procedure.domain, agency=demo_agencies[SO]
        )


def test_version_created_with_documents_and_steps(procedure: Procedure) -> None:
    version = make_version(
        procedure,
        dt.date(2016, 1, 1),
        days=15,
        form_fields=[{"name": "ten_co_so", "label": "Tên cơ sở in", "type": "text", "required": True}],
    )
    assert version.duration_hours == 120
    assert [s.order for s in version.steps.all()] == [1, 2, 3, 4]
    assert sum(s.hours for s in version.steps.all()) == 120
    assert version.documents.get().name == "Đơn đề nghị"
    assert version.form_fields == [
        {"name": "ten_co_so", "label": "Tên cơ sở in", "type": "text", "required": True}
    ]


def test_steps_must_add_up_to_duration(procedure: Procedure) -> None:
    with pytest.raises(InvalidInput, match=r"\(15 giờ\) phải bằng .* 2 ngày làm việc × 8 = 16 giờ"):
        make_version(procedure, dt.date(2016, 1, 1), days=2, steps=steps(4, 3, 4, 4))
    assert not ProcedureVersion.objects.exists()  # nothing half-saved


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"online_level": 5}, "từ 1 đến 4"),
        ({"online_class": "ca_hai"}, "toàn trình hoặc một phần"),
        ({"documents": []}, "ít nhất một thành phần"),
        ({"steps": []}, "ít nhất một bước"),
        ({"steps": [{"name": "X", "role": "thu_ky", "hours": 16}]}, "vai trò không hợp lệ"),
        ({"form_fields": [{"name": "a b", "label": "A", "type": "text"}]}, "tên hợp lệ"),
        ({"form_fields": [{"name": "a", "label": "A", "type": "blob"}]}, "không được hỗ trợ"),
        ({"form_fields": [{"name": "a", "label": "A"}, {"name": "a", "label": "B"}]}, "bị trùng"),
        ({"fee": -1}, "không được âm"),
    ],
)
def test_version_validation(procedure: Procedure, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        make_version(procedure, dt.date(2016, 1, 1), **kwargs)


def test_database_constraints_back_the_rules(procedure: Procedure) -> None:
    version = make_version(procedure, dt.date(2016, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureVersion.objects.filter(pk=version.pk).update(online_level=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessStep.objects.create(version=version, order=9, name="X", role="clerk", hours=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessStep.objects.create(version=version, order=1, name="X", role="clerk", hours=1)


def test_version_on_pins_by_local_date(procedure: Procedure) -> None:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    old = make_version(procedure, dt.date(2016, 1, 1), days=2)
    new = make_version(procedure, dt.date(2017, 1, 1), days=3, steps=steps(4, 12, 4, 4))
    assert procedure_version_on(procedure, dt.date(2015, 12, 31)) is None
    assert procedure_version_on(procedure, dt.date(2016, 6, 1)) == old
    assert procedure_version_on(procedure, dt.datetime(2016, 12, 31, 23, 59, tzinfo=tz)) == old
    # 31/12/2016 18:00 UTC is already 01/01/2017 01:00 in Hậu Giang: the new version is in force.
    assert procedure_version_on(procedure, dt.datetime(2016, 12, 31, 18, 0, tzinfo=dt.UTC)) == new
    assert procedure_version_on(procedure, dt.date(2018, 1, 1)) == new


def test_duplicate_effective_date_rejected(procedure: Procedure) -> None:
    make_version(procedure, dt.date(2016, 1, 1))
    with pytest.raises(InvalidInput, match="01/01/2016"):
        make_version(procedure, dt.date(2016, 1, 1))


def test_domain_codes_unique(db: None) -> None:
    domain_create(actor=None, code="bao_chi", name="Báo chí")
    with pytest.raises(IntegrityError), transaction.atomic():
        Domain.objects.create(code="bao_chi", name="Báo chí 2")


@pytest.mark.django_db
def test_a_code_source_must_be_a_web_address(demo_agencies: dict[str, Any]) -> None:
    from tinhso.catalog.models import Domain, Procedure
    from tinhso.catalog.services import procedure_create, procedure_update
    from tinhso.core.errors import InvalidInput
    from tinhso.org.models import Agency

    domain = Domain.objects.create(code="bc", name="Bưu chính")
    agency = Agency.objects.get(code="000.00.15.H30")
    with pytest.raises(InvalidInput) as refused:
        procedure_create(
            actor=None,
            national_code="9.000001",
            name="Thủ tục thử",
            domain=domain,
            agency=agency,
            code_source="javascript:alert(1)",
        )
    assert refused.value.code == "invalid_code_source"
    assert "http hoặc https" in str(refused.value)
    assert not Procedure.objects.filter(national_code="9.000001").exists()
    p = procedure_create(
        actor=None,
        national_code="9.000001",
        name="Thủ tục thử",
        domain=domain,
        agency=agency,
        code_source=" https://dichvucong.gov.vn/p/home/thu-tuc ",
    )
    assert p.code_source == "https://dichvucong.gov.vn/p/home/thu-tuc" and p.code_verified
    with pytest.raises(InvalidInput):
        procedure_update(actor=None, procedure=p, code_source="ftp://example.org/x")
    p.refresh_from_db()
    assert p.code_source == "https://dichvucong.gov.vn/p/home/thu-tuc"
    p = procedure_update(actor=None, procedure=p, code_source="", code_note="Chưa đối chiếu.")
    assert not p.code_verified and p.code_note == "Chưa đối chiếu."
