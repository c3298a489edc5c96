"""The shared rule of the decision registers (award decisions, sanction decisions): a decision takes the
year of its date, and its number is unique within that year and register."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tinhso.backoffice.access import require_number_free_in_year
from tinhso.core.errors import Conflict
from tinhso.emulation.models import AwardDecision
from tinhso.emulation.services import RecipientInput, award_decision_create, award_decision_update
from tinhso.inspections.models import SanctionDecision
from tinhso.inspections.services import decision_create, inspection_create, violation_create

pytestmark = pytest.mark.django_db

D = dt.date


def _whole(message: str) -> str:
    return f"^{re.escape(message)}$"


def _award(number: str, decided_on: dt.date) -> AwardDecision:
    return award_decision_create(
        actor=None,
        number=number,
        decided_on=decided_on,
        issuer="Giám đốc Sở Thông tin và Truyền thông",
        form="giay_khen",
        emulation_year=decided_on.year,
        recipients=[RecipientInput(kind="ca_nhan", name="Võ Thị Mai")],
    )


def _sanction(number: str, decided_on: dt.date) -> SanctionDecision:
    inspection = inspection_create(
        actor=None,
        kind="kiem_tra",
        field="internet",
        basis="dot_xuat",
        subject="Điểm Internet công cộng",
        start_date=decided_on - dt.timedelta(days=10),
        end_date=decided_on - dt.timedelta(days=8),
        team_leader="Trương Văn Long",
    )
    violation = violation_create(
        actor=None,
        inspection=inspection,
        violator="Điểm Internet Lan Anh",
        violator_kind="ca_nhan",
        act="Không niêm yết nội quy sử dụng dịch vụ Internet",
        occurred_on=inspection.start_date,
        provision="điểm a khoản 1 Điều 34",
    )
    return decision_create(
        actor=None,
        violation=violation,
        number=number,
        decided_on=decided_on,
        record_number="01/BB-VPHC",
        decider="Chánh Thanh tra Sở",
        penalty="canh_cao",
    )


def test_the_year_is_taken_from_the_decision_date() -> None:
    _award("12/QĐ-STTTT", D(2016, 12, 26))
    new = AwardDecision(number="12/QĐ-STTTT", decided_on=D(2017, 1, 5))
    require_number_free_in_year(new)  # used in 2016 only
    assert new.year == 2017


def test_a_number_used_in_the_same_year_is_refused() -> None:
    _award("12/QĐ-STTTT", D(2016, 3, 1))
    new = AwardDecision(number="12/QĐ-STTTT", decided_on=D(2016, 12, 26))
    with pytest.raises(Conflict, match=_whole("Số quyết định 12/QĐ-STTTT đã được dùng trong năm 2016.")):
        require_number_free_in_year(new)
    with pytest.raises(Conflict, match="đã được dùng trong năm 2016"):
        _award("12/QĐ-STTTT", D(2016, 12, 26))
    assert AwardDecision.objects.count() == 1


def test_a_decision_does_not_conflict_with_itself_and_moves_with_its_date() -> None:
    first = _award("12/QĐ-STTTT", D(2016, 3, 1))
    require_number_free_in_year(first)
    _award("12/QĐ-STTTT", D(2017, 3, 1))
    with pytest.raises(Conflict, match="đã được dùng trong năm 2017"):
        award_decision_update(actor=None, decision=first, changes={"decided_on": D(2017, 5, 2)})
    moved = award_decision_update(actor=None, decision=first, changes={"decided_on": D(2016, 5, 2)})
    assert (moved.year, AwardDecision.objects.get(pk=first.pk).decided_on) == (2016, D(2016, 5, 2))


def test_each_register_has_its_own_numbers() -> None:
    _sanction("05/QĐ-XPHC", D(2016, 6, 20))
    with pytest.raises(Conflict, match=_whole("Số quyết định 05/QĐ-XPHC đã được dùng trong năm 2016.")):
        require_number_free_in_year(SanctionDecision(number="05/QĐ-XPHC", decided_on=D(2016, 9, 1)))
    award = _award("05/QĐ-XPHC", D(2016, 9, 1))  # the same number in the awards register
    again = _sanction("05/QĐ-XPHC", D(2017, 1, 20))  # and in the next year of the sanctions
    assert (award.year, again.year) == (2016, 2017)
    assert SanctionDecision.objects.filter(number="05/QĐ-XPHC").count() == 2
