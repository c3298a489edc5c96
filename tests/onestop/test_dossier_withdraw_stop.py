from __future__ import annotations

from typing import Any

import pytest

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.onestop import services
from tinhso.onestop.models import DossierStatus, DossierStep, StepResult

from .conftest import ITEMS_ONE, local, received, submitted

pytestmark = pytest.mark.django_db


def test_withdraw_request_then_withdraw(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    with pytest.raises(InvalidInput, match="chưa có yêu cầu rút"):
        services.dossier_withdraw(actor=people.binh, dossier=d)
    with pytest.raises(NotAllowed):
        services.dossier_withdraw_request(actor=people.phuc, dossier=d, reason="x")
    with pytest.raises(InvalidInput, match="lý do"):
        services.dossier_withdraw_request(actor=people.an, dossier=d, reason="")
    d = services.dossier_withdraw_request(
        actor=people.an, dossier=d, reason="Đổi địa điểm cơ sở in", at=local(2017, 3, 7, 9)
    )
    assert d.status == DossierStatus.PROCESSING and d.withdraw_requested_at == local(2017, 3, 7, 9)
    with pytest.raises(Conflict, match="đã có yêu cầu rút"):
        services.dossier_withdraw_request(actor=people.an, dossier=d, reason="x")
    for actor in (people.an, people.chi, people.hoa):
        with pytest.raises(NotAllowed):
            services.dossier_withdraw(actor=actor, dossier=d)
    d = services.dossier_withdraw(actor=people.binh, dossier=d, at=local(2017, 3, 7, 10))
    assert d.status == DossierStatus.WITHDRAWN and d.closed_at == local(2017, 3, 7, 10)
    assert d.current_step is None
    assert not DossierStep.objects.filter(dossier=d, finished_at__isnull=True).exists()
    assert DossierStep.objects.get(dossier=d, order=2).result == StepResult.CANCELLED
    with pytest.raises(Conflict):
        services.dossier_forward(actor=people.chi, dossier=d)


def test_withdraw_before_reception(procedure: Any, people: Any) -> None:
    d = submitted(procedure, people.an, local(2017, 3, 6, 9))
    d = services.dossier_withdraw_request(actor=people.an, dossier=d, reason="Nộp nhầm thủ tục")
    d = services.dossier_withdraw(actor=people.binh, dossier=d)
    assert d.status == DossierStatus.WITHDRAWN


def test_stop_by_a_leader_with_reason(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    # a leader of the Sở: not the clerk, the specialist, the applicant — nor a division head
    for actor in (people.binh, people.chi, people.an, people.dung):
        with pytest.raises(NotAllowed):
            services.dossier_stop(actor=actor, dossier=d, reason="x")
    with pytest.raises(InvalidInput, match="lý do"):
        services.dossier_stop(actor=people.em, dossier=d, reason=" ")
    d = services.dossier_stop(actor=people.giang, dossier=d, reason="Cơ sở đã giải thể")
    assert d.status == DossierStatus.STOPPED and d.outcome_note == "Cơ sở đã giải thể"
    with pytest.raises(Conflict):
        services.dossier_stop(actor=people.em, dossier=d, reason="x")


def test_stop_while_waiting_for_supplement(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    d = services.dossier_request_supplement(
        actor=people.chi, dossier=d, items=ITEMS_ONE, at=local(2017, 3, 6, 10)
    )
    d = services.dossier_stop(actor=people.em, dossier=d, reason="Quá thời hạn bổ sung")
    assert d.status == DossierStatus.STOPPED and d.paused_at is None


def test_stop_not_before_reception(procedure: Any, people: Any) -> None:
    d = submitted(procedure, people.an, local(2017, 3, 6, 9))
    with pytest.raises(Conflict, match="Mới đăng ký"):
        services.dossier_stop(actor=people.em, dossier=d, reason="x")
