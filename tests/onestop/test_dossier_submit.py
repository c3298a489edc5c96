from __future__ import annotations

import re
from typing import Any

import pytest

from tinhso.catalog.models import ProcedureDocument
from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.onestop import services
from tinhso.onestop.models import Channel, Dossier, DossierEvent, DossierFile, DossierStatus, EventAction

from .conftest import PDF, draft, local, submitted, walk_in

pytestmark = pytest.mark.django_db


def test_citizen_draft_takes_profile_and_pins_current_version(procedure: Any, people: Any) -> None:
    dossier = services.dossier_create_draft(actor=people.an, procedure=procedure, at=local(2017, 3, 6))
    assert dossier.status == DossierStatus.DRAFT
    assert dossier.code is None
    assert dossier.applicant == people.an
    assert dossier.applicant_name == "Nguyễn Văn An"
    assert dossier.applicant_email == "an@example.vn"
    assert dossier.channel == Channel.ONLINE
    assert dossier.procedure_version.effective_from.year == 2016
    assert DossierEvent.objects.filter(dossier=dossier, action=EventAction.CREATE).count() == 1


def test_citizen_cannot_file_for_someone_else_or_on_paper(procedure: Any, people: Any) -> None:
    with pytest.raises(NotAllowed):
        services.dossier_create_draft(actor=people.an, procedure=procedure, applicant=people.phuc)
    with pytest.raises(InvalidInput, match="cán bộ một cửa tạo"):
        services.dossier_create_draft(actor=people.an, procedure=procedure, channel=Channel.DIRECT)


def test_anonymous_cannot_create(procedure: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed, match="đăng nhập"):
        services.dossier_create_draft(actor=AnonymousUser(), procedure=procedure)


def test_only_clerks_of_the_agency_create_walk_in(procedure: Any, people: Any) -> None:
    with pytest.raises(NotAllowed, match="cán bộ một cửa"):
        services.dossier_create_draft(
            actor=people.chi, procedure=procedure, channel=Channel.DIRECT, applicant_name="X"
        )
    with pytest.raises(InvalidInput, match="trực tiếp hoặc qua bưu chính"):
        services.dossier_create_draft(actor=people.binh, procedure=procedure, applicant_name="X")
    dossier = walk_in(procedure, people.binh, local(2017, 3, 6))
    assert dossier.status == DossierStatus.NEW
    assert dossier.applicant is None  # no account: a walk-in applicant
    assert dossier.channel == Channel.DIRECT


def test_unknown_form_fields_rejected(procedure: Any, people: Any) -> None:
    with pytest.raises(InvalidInput, match="truong_la"):
        services.dossier_create_draft(actor=people.an, procedure=procedure, form_data={"truong_la": "x"})


def test_submit_assigns_code_secret_and_status(procedure: Any, people: Any) -> None:
    dossier = submitted(procedure, people.an, local(2017, 3, 6, 9, 30))
    assert dossier.status == DossierStatus.NEW
    assert dossier.code == "000.00.15.H30-170306-0001"
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{8}", dossier.tracking_secret)
    assert dossier.submitted_at == local(2017, 3, 6, 9, 30)
    assert dossier.received_at is None and dossier.due_at is None
    event = DossierEvent.objects.get(dossier=dossier, action=EventAction.SUBMIT)
    assert (event.from_status, event.to_status, event.actor) == (
        DossierStatus.DRAFT,
        DossierStatus.NEW,
        people.an,
    )
    assert AuditEntry.objects.filter(action="onestop.dossier.submit", object_id=str(dossier.pk)).exists()
    assert "000 00 15 h30 170306 0001" in dossier.search_text


def test_submit_lists_everything_missing(procedure: Any, people: Any) -> None:
    dossier = services.dossier_create_draft(actor=people.an, procedure=procedure, at=local(2017, 3, 6))
    with pytest.raises(InvalidInput) as exc:
        services.dossier_submit(actor=people.an, dossier=dossier)
    assert exc.value.message == "Hồ sơ còn thiếu: Tên cơ sở in; tệp «Đơn đề nghị»."
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT and dossier.code is None


def test_submit_twice_is_a_conflict(procedure: Any, people: Any) -> None:
    dossier = submitted(procedure, people.an, local(2017, 3, 6))
    with pytest.raises(Conflict, match="Mới đăng ký"):
        services.dossier_submit(actor=people.an, dossier=dossier)


def test_other_citizen_cannot_edit_or_submit(procedure: Any, people: Any) -> None:
    dossier = draft(procedure, people.an, local(2017, 3, 6))
    with pytest.raises(NotAllowed):
        services.dossier_submit(actor=people.phuc, dossier=dossier)
    with pytest.raises(NotAllowed):
        services.dossier_update_draft(actor=people.phuc, dossier=dossier, form_data={"ten_co_so": "X"})
    with pytest.raises(NotAllowed):
        services.dossier_submit(actor=people.binh, dossier=dossier)  # staff do not submit online dossiers


def test_update_draft(procedure: Any, people: Any) -> None:
    dossier = draft(procedure, people.an, local(2017, 3, 6))
    dossier = services.dossier_update_draft(
        actor=people.an,
        dossier=dossier,
        form_data={"ten_co_so": "Cơ sở in Hòa Bình"},
        applicant_phone="0900000000",
    )
    dossier.refresh_from_db()
    assert dossier.form_data == {"ten_co_so": "Cơ sở in Hòa Bình"}
    assert dossier.applicant_phone == "0900000000"


def test_files_checked_by_content(procedure: Any, people: Any) -> None:
    dossier = draft(procedure, people.an, local(2017, 3, 6), with_file=False)
    document = ProcedureDocument.objects.get(version=dossier.procedure_version, order=1)
    with pytest.raises(InvalidInput, match="PDF, JPEG, PNG, DOCX hoặc XLSX"):
        services.dossier_file_add(
            actor=people.an,
            dossier=dossier,
            name="don.pdf",
            content=b"MZ\x90\x00 not a pdf",
            document=document,
        )
    with pytest.raises(InvalidInput, match="rỗng"):
        services.dossier_file_add(
            actor=people.an, dossier=dossier, name="don.pdf", content=b"", document=document
        )
    assert not DossierFile.objects.exists()
    f = services.dossier_file_add(
        actor=people.an, dossier=dossier, name="../../etc/Đơn đề nghị.exe", content=PDF, document=document
    )
    assert f.content_type == "application/pdf"
    assert f.original_name == "Đơn đề nghị.pdf"
    assert f.size == len(PDF) and len(f.sha256) == 64
    assert f.file.read() == PDF
    assert ".." not in f.file.name
    with pytest.raises(NotAllowed):
        services.dossier_file_add(actor=people.phuc, dossier=dossier, name="x.pdf", content=PDF)


def test_draft_is_not_visible_as_a_code(procedure: Any, people: Any) -> None:
    dossier = draft(procedure, people.an, local(2017, 3, 6))
    assert str(dossier) == f"Bản nháp #{dossier.pk}"
    assert Dossier.objects.filter(code__isnull=True).count() == 1
