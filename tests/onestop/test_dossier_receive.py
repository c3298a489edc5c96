from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tinhso.accounts.services import user_create
from tinhso.catalog.services import procedure_version_create
from tinhso.core.errors import Conflict, NotAllowed
from tinhso.onestop import services
from tinhso.onestop.models import DossierEvent, DossierStatus, DossierStep, EventAction, StepResult
from tinhso.org.models import Agency
from tinhso.org.services import staff_role_grant

from .conftest import STEP_HOURS, local, make_steps, received, submitted

pytestmark = pytest.mark.django_db


def test_receive_starts_clock_and_first_steps(procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 9), assignee=people.chi)
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.received_at == local(2017, 3, 6, 9)
    assert dossier.received_by == people.binh
    assert dossier.clock_started_at == local(2017, 3, 6, 9)
    assert dossier.due_at == local(2017, 3, 9, 9)  # 3 working days
    assert dossier.promised_at == dossier.due_at
    steps = list(DossierStep.objects.filter(dossier=dossier).order_by("order"))
    assert [(s.order, s.role, s.result) for s in steps] == [
        (1, "clerk", StepResult.DONE),
        (2, "specialist", ""),
    ]
    assert steps[0].finished_by == people.binh
    assert steps[1].assignee == people.chi
    assert steps[1].due_at == local(2017, 3, 7, 9)  # 8 working hours
    assert dossier.current_step == steps[1]
    events = list(
        DossierEvent.objects.filter(dossier=dossier)
        .order_by("id")
        .values_list("action", "from_status", "to_status")
    )
    assert events[-2:] == [
        (EventAction.RECEIVE, DossierStatus.NEW, DossierStatus.RECEIVED),
        (EventAction.START, DossierStatus.RECEIVED, DossierStatus.PROCESSING),
    ]


def test_received_after_cutoff_starts_next_working_day(procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 15, 30))
    assert dossier.clock_started_at == local(2017, 3, 7, 7)
    assert dossier.due_at == local(2017, 3, 9, 17)  # Tue, Wed, Thu: ends on the end of a period
    assert dossier.current_step.due_at == local(2017, 3, 7, 17)


def test_received_on_friday_afternoon_counts_over_the_weekend(procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 10, 14))  # Friday
    assert dossier.due_at == local(2017, 3, 15, 14)  # Mon, Tue, Wed


def test_only_clerks_of_the_agency_receive(
    procedure: Any, people: Any, demo_agencies: dict[str, Any]
) -> None:
    dossier = submitted(procedure, people.an, local(2017, 3, 6))
    other_agency = Agency.objects.exclude(code__endswith=".15.H30").exclude(parent=None).first()
    stranger = user_create(
        actor=None, username="clerk@khac.vn", password=None, full_name="Cán bộ khác", kind="staff"
    )
    staff_role_grant(actor=None, user=stranger, agency=other_agency, role="clerk")
    for actor in (people.an, people.chi, people.em, stranger):
        with pytest.raises(NotAllowed):
            services.dossier_receive(actor=actor, dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW


def test_receive_twice_is_a_conflict(procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6))
    with pytest.raises(Conflict, match="Đang xử lý"):
        services.dossier_receive(actor=people.binh, dossier=dossier)


def test_assignee_must_hold_the_role(procedure: Any, people: Any) -> None:
    dossier = submitted(procedure, people.an, local(2017, 3, 6))
    from tinhso.core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="Chuyên viên"):
        services.dossier_receive(actor=people.binh, dossier=dossier, assignee=people.khanh)


def test_version_in_force_at_reception_is_pinned(
    procedure: Any, people: Any, demo_agencies: dict[str, Any]
) -> None:
    hours = [4, 8 + 16, 4, 4, 2, 2]  # 5 days from 01/04/2017
    new = procedure_version_create(
        actor=None,
        procedure=procedure,
        effective_from=dt.date(2017, 4, 1),
        legal_basis="NĐ 25/2018",
        duration_days=5,
        result_type="Giấy phép",
        online_level=4,
        online_class="toan_trinh",
        documents=[{"name": "Đơn đề nghị"}],
        steps=make_steps(demo_agencies, hours),
        form_fields=[{"name": "ten_co_so", "label": "Tên cơ sở in", "type": "text", "required": True}],
    )
    old_dossier = received(procedure, people, local(2017, 3, 31, 9))
    late_receipt = submitted(procedure, people.an, local(2017, 3, 31, 10))
    assert late_receipt.procedure_version.effective_from == dt.date(2016, 1, 1)
    late_receipt = services.dossier_receive(actor=people.binh, dossier=late_receipt, at=local(2017, 4, 3, 9))
    old_dossier.refresh_from_db()
    assert old_dossier.procedure_version.effective_from == dt.date(2016, 1, 1)
    assert old_dossier.due_at == local(2017, 4, 5, 9)  # 3 days, the old rule
    assert late_receipt.procedure_version == new
    # 5 days, the new rule; Thursday 06/04/2017 was Giỗ Tổ Hùng Vương (10/3 lunar), a holiday
    assert late_receipt.due_at == local(2017, 4, 11, 9)
    assert DossierEvent.objects.get(dossier=late_receipt, action=EventAction.RECEIVE).data["repinned"] is True
    assert sum(STEP_HOURS) == 24
