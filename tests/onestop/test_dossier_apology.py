"""Form 04: apology and new date — at least one working day before the due time, once per dossier."""

from __future__ import annotations

from typing import Any

import pytest

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.onestop import services
from tinhso.onestop.models import DossierEvent, EventAction

from .conftest import local, received, to_director

pytestmark = pytest.mark.django_db

REASON = "Cần xác minh thực tế tại cơ sở in"


@pytest.fixture
def dossier(procedure: Any, people: Any) -> Any:
    return received(procedure, people, local(2017, 3, 6, 9))  # due Thu 09/03 09:00


def test_apology_one_working_day_before(dossier: Any, people: Any) -> None:
    # Wed 09:00 → Thu 09:00 is exactly 8 working hours: still allowed.
    d = services.dossier_apologize(
        actor=people.chi,
        dossier=dossier,
        new_promised_at=local(2017, 3, 14, 9),
        reason=REASON,
        at=local(2017, 3, 8, 9),
    )
    assert d.promised_at == local(2017, 3, 14, 9)
    assert d.due_at == local(2017, 3, 9, 9)  # the legal due time does not move
    assert d.apologized_at == local(2017, 3, 8, 9)
    event = DossierEvent.objects.get(dossier=d, action=EventAction.APOLOGIZE)
    assert event.reason == REASON and event.to_status is None


def test_apology_too_late(dossier: Any, people: Any) -> None:
    with pytest.raises(InvalidInput, match=r"trước 01 ngày làm việc .*09:00 ngày 09/03/2017"):
        services.dossier_apologize(
            actor=people.chi,
            dossier=dossier,
            new_promised_at=local(2017, 3, 14, 9),
            reason=REASON,
            at=local(2017, 3, 8, 9, 1),
        )


def test_apology_once_per_dossier(dossier: Any, people: Any) -> None:
    services.dossier_apologize(
        actor=people.chi,
        dossier=dossier,
        new_promised_at=local(2017, 3, 14, 9),
        reason=REASON,
        at=local(2017, 3, 7, 9),
    )
    with pytest.raises(Conflict, match="một lần"):
        services.dossier_apologize(
            actor=people.dung,
            dossier=dossier,
            new_promised_at=local(2017, 3, 20, 9),
            reason=REASON,
            at=local(2017, 3, 7, 10),
        )


def test_apology_needs_reason_later_date_and_agency_staff(dossier: Any, people: Any) -> None:
    with pytest.raises(InvalidInput, match="lý do"):
        services.dossier_apologize(
            actor=people.chi,
            dossier=dossier,
            new_promised_at=local(2017, 3, 14),
            reason="",
            at=local(2017, 3, 7, 9),
        )
    with pytest.raises(InvalidInput, match="sau ngày hẹn hiện tại"):
        services.dossier_apologize(
            actor=people.chi,
            dossier=dossier,
            new_promised_at=local(2017, 3, 9, 8),
            reason=REASON,
            at=local(2017, 3, 7, 9),
        )
    with pytest.raises(NotAllowed):
        services.dossier_apologize(
            actor=people.an,
            dossier=dossier,
            new_promised_at=local(2017, 3, 14),
            reason=REASON,
            at=local(2017, 3, 7, 9),
        )


def test_apology_does_not_turn_late_into_on_time(dossier: Any, people: Any) -> None:
    d = services.dossier_apologize(
        actor=people.chi,
        dossier=dossier,
        new_promised_at=local(2017, 3, 14, 9),
        reason=REASON,
        at=local(2017, 3, 7, 9),
    )
    d = to_director(d, people, local(2017, 3, 10, 9))
    d = services.dossier_approve(actor=people.em, dossier=d, at=local(2017, 3, 13, 9))
    d = services.dossier_finish(actor=people.hoa, dossier=d, at=local(2017, 3, 13, 10))  # before the new date
    assert DossierEvent.objects.get(dossier=d, action=EventAction.FINISH).data["timeliness"] == "late"


def test_on_time_and_early(procedure: Any, people: Any) -> None:
    on_time = to_director(received(procedure, people, local(2017, 3, 6, 9)), people, local(2017, 3, 9, 7))
    on_time = services.dossier_approve(actor=people.em, dossier=on_time, at=local(2017, 3, 9, 8))
    on_time = services.dossier_finish(actor=people.hoa, dossier=on_time, at=local(2017, 3, 9, 9))
    assert (
        DossierEvent.objects.get(dossier=on_time, action=EventAction.FINISH).data["timeliness"] == "on_time"
    )
