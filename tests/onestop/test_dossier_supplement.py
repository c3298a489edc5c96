"""Supplements: at reception (→ 5 → 1) and during processing (clock stops, then restart or resume)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.onestop import services
from tinhso.onestop.models import DossierEvent, DossierStatus, EventAction, SupplementMode, SupplementPolicy
from tinhso.onestop.selectors import supplement_policy_on

from .conftest import local, received, submitted

pytestmark = pytest.mark.django_db

ITEMS = ["Bản sao giấy chứng nhận đăng ký doanh nghiệp", "Danh mục thiết bị in"]


def test_supplement_at_reception_lists_all_items_and_returns_to_new(procedure: Any, people: Any) -> None:
    d = submitted(procedure, people.an, local(2017, 3, 6, 8))
    with pytest.raises(InvalidInput, match="liệt kê đầy đủ"):
        services.dossier_request_supplement(actor=people.binh, dossier=d, items=["  ", ""])
    with pytest.raises(NotAllowed):
        services.dossier_request_supplement(actor=people.chi, dossier=d, items=ITEMS)
    d = services.dossier_request_supplement(actor=people.binh, dossier=d, items=ITEMS, reason="Thiếu giấy tờ")
    assert d.status == DossierStatus.SUPPLEMENT
    assert d.supplement_items == ITEMS and d.supplement_count == 1
    assert d.paused_at is None and d.due_at is None  # the clock never started
    event = DossierEvent.objects.get(dossier=d, action=EventAction.REQUEST_SUPPLEMENT)
    assert event.data == {"items": ITEMS, "stage": "reception"}
    with pytest.raises(NotAllowed):
        services.dossier_supplement_submit(actor=people.phuc, dossier=d)
    d = services.dossier_supplement_submit(actor=people.an, dossier=d, at=local(2017, 3, 8, 9))
    assert d.status == DossierStatus.NEW and d.supplement_items == []
    d = services.dossier_receive(actor=people.binh, dossier=d, at=local(2017, 3, 8, 10))
    assert d.due_at == local(2017, 3, 13, 10)  # counted from the reception of the complete dossier


def test_refuse_reception(procedure: Any, people: Any) -> None:
    d = submitted(procedure, people.an, local(2017, 3, 6, 8))
    with pytest.raises(InvalidInput, match="lý do"):
        services.dossier_refuse_reception(actor=people.binh, dossier=d, reason=" ")
    with pytest.raises(NotAllowed):
        services.dossier_refuse_reception(actor=people.an, dossier=d, reason="x")
    d = services.dossier_refuse_reception(
        actor=people.binh, dossier=d, reason="Không thuộc thẩm quyền của Sở"
    )
    assert d.status == DossierStatus.NOT_RECEIVED
    assert d.closed_at is not None and d.outcome_note == "Không thuộc thẩm quyền của Sở"
    with pytest.raises(Conflict):
        services.dossier_receive(actor=people.binh, dossier=d)


def test_refuse_reception_after_a_reception_supplement(procedure: Any, people: Any) -> None:
    d = submitted(procedure, people.an, local(2017, 3, 6, 8))
    d = services.dossier_request_supplement(actor=people.binh, dossier=d, items=ITEMS)
    d = services.dossier_refuse_reception(actor=people.binh, dossier=d, reason="Quá hạn bổ sung")
    assert d.status == DossierStatus.NOT_RECEIVED


def test_supplement_during_processing_stops_clock_then_restarts_from_zero(
    procedure: Any, people: Any
) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9), assignee=people.chi)  # due Thu 09/03 09:00
    d = services.dossier_request_supplement(actor=people.chi, dossier=d, items=ITEMS, at=local(2017, 3, 7, 9))
    assert d.status == DossierStatus.SUPPLEMENT and d.paused_at == local(2017, 3, 7, 9)
    with pytest.raises(Conflict):
        services.dossier_refuse_reception(actor=people.binh, dossier=d, reason="x")
    d = services.dossier_supplement_submit(actor=people.an, dossier=d, at=local(2017, 3, 13, 10))
    assert d.status == DossierStatus.PROCESSING and d.paused_at is None
    assert d.clock_started_at == local(2017, 3, 13, 10)
    assert d.due_at == local(2017, 3, 16, 10)  # three full working days again
    assert d.promised_at == d.due_at
    assert d.current_step.due_at == local(2017, 3, 14, 10)  # the specialist's 8 hours again
    event = DossierEvent.objects.get(dossier=d, action=EventAction.SUPPLEMENT)
    assert event.data["policy"] == "restart"
    assert dt.datetime.fromisoformat(event.data["old_due_at"]) == local(2017, 3, 9, 9)  # stored in UTC
    assert dt.datetime.fromisoformat(event.data["new_due_at"]) == local(2017, 3, 16, 10)


def test_restart_applies_the_cutoff(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    d = services.dossier_request_supplement(
        actor=people.binh, dossier=d, items=ITEMS, at=local(2017, 3, 7, 9)
    )
    d = services.dossier_supplement_submit(actor=people.binh, dossier=d, at=local(2017, 3, 13, 16))
    assert d.clock_started_at == local(2017, 3, 14, 7)
    assert d.due_at == local(2017, 3, 16, 17)


def test_resume_policy_keeps_the_time_left(procedure: Any, people: Any) -> None:
    SupplementPolicy.objects.create(valid_from=dt.date(2010, 1, 1), mode=SupplementMode.RESUME)
    d = received(procedure, people, local(2017, 3, 6, 9))  # due Thu 09/03 09:00; specialist due Tue 09:00
    d = services.dossier_request_supplement(
        actor=people.binh, dossier=d, items=ITEMS, at=local(2017, 3, 7, 8)
    )
    d = services.dossier_supplement_submit(actor=people.an, dossier=d, at=local(2017, 3, 13, 10))
    # 17 working hours were left (Tue 08–17: 7, Wed: 8, Thu 07–09: 2): Mon 10–17: 5, Tue: 8, Wed 07–11: 4
    assert d.due_at == local(2017, 3, 15, 11)
    assert d.current_step.due_at == local(2017, 3, 13, 11)  # 1 hour of the step was left


def test_policy_in_force_at_reception_decides(procedure: Any, people: Any) -> None:
    SupplementPolicy.objects.create(valid_from=dt.date(2010, 1, 1), mode=SupplementMode.RESUME)
    SupplementPolicy.objects.create(valid_from=dt.date(2017, 3, 6), mode=SupplementMode.RESTART)
    assert supplement_policy_on(dt.date(2017, 3, 5)) == SupplementMode.RESUME
    assert supplement_policy_on(local(2017, 3, 6, 0, 5)) == SupplementMode.RESTART
    old = received(procedure, people, local(2017, 3, 3, 9))  # Friday, under «resume»
    old = services.dossier_request_supplement(
        actor=people.binh, dossier=old, items=ITEMS, at=local(2017, 3, 6, 9)
    )
    old = services.dossier_supplement_submit(actor=people.an, dossier=old, at=local(2017, 3, 13, 9))
    assert DossierEvent.objects.get(dossier=old, action=EventAction.SUPPLEMENT).data["policy"] == "resume"
    assert old.due_at == local(2017, 3, 15, 9)  # 16 hours were left


def test_supplement_during_processing_only_by_the_step_holder_or_clerk(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    for actor in (people.an, people.dung, people.khanh):
        with pytest.raises(NotAllowed):
            services.dossier_request_supplement(actor=actor, dossier=d, items=ITEMS)


def test_second_supplement_round_counts(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    d = services.dossier_request_supplement(
        actor=people.binh, dossier=d, items=ITEMS, at=local(2017, 3, 6, 10)
    )
    with pytest.raises(Conflict):
        services.dossier_request_supplement(actor=people.binh, dossier=d, items=ITEMS)
    d = services.dossier_supplement_submit(actor=people.an, dossier=d, at=local(2017, 3, 7, 9))
    d = services.dossier_request_supplement(
        actor=people.chi, dossier=d, items=["Bản vẽ mặt bằng"], at=local(2017, 3, 7, 10)
    )
    assert d.supplement_count == 2 and d.supplement_items == ["Bản vẽ mặt bằng"]
