from __future__ import annotations

import pytest

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.programs.eligibility import REASON_HAS_RECEIVER, REASON_NO_PLEDGE, REASON_NOT_POOR
from tinhso.programs.models import Household, Poverty, ReviewStatus
from tinhso.programs.services import household_create, household_review, household_update

pytestmark = pytest.mark.django_db


def _make(actor, unit, **kw):
    values = dict(
        head_name="Nguyễn Văn Tư",
        citizen_id="363123456",
        hamlet="Ấp 1",
        commune=unit,
        poverty=Poverty.POOR,
        list_year=2016,
        has_analog_tv=True,
        has_receiver=False,
        pledge_signed=True,
    )
    values.update(kw)
    return household_create(actor=actor, **values)


def test_eligible_household(officer_khanh, xa_codes, commune):
    h = _make(officer_khanh, commune(xa_codes[0]))
    assert h.eligible and h.ineligible_reason == ""
    assert h.review_status == ReviewStatus.NONE


def test_every_reason_is_recorded(officer_khanh, xa_codes, commune):
    h = _make(
        officer_khanh,
        commune(xa_codes[0]),
        poverty=Poverty.NONE,
        list_year=None,
        has_receiver=True,
        pledge_signed=False,
    )
    assert not h.eligible
    assert h.ineligible_reason == "; ".join([REASON_NOT_POOR, REASON_HAS_RECEIVER, REASON_NO_PLEDGE])
    # fixing the facts makes it eligible, and the reason goes away
    h = household_update(
        actor=officer_khanh,
        household=h,
        poverty=Poverty.NEAR_POOR,
        list_year=2016,
        has_analog_tv=True,
        has_receiver=False,
        pledge_signed=True,
    )
    assert h.eligible and h.ineligible_reason == ""


def test_same_id_refused_same_name_flagged(officer_khanh, xa_codes, commune):
    unit = commune(xa_codes[0])
    first = _make(officer_khanh, unit)
    with pytest.raises(Conflict, match="đã có trong sổ hộ"):
        _make(officer_khanh, unit, head_name="Lê Thị Năm")
    # same name written without tone marks, other ID → both flagged for review
    twin = _make(officer_khanh, unit, head_name="nguyen van  tu", citizen_id="363999999", hamlet="ấp 1")
    first.refresh_from_db()
    assert twin.review_status == first.review_status == ReviewStatus.PENDING
    # same name in another hamlet → not a twin
    other = _make(officer_khanh, unit, citizen_id="363888888", hamlet="Ấp 2")
    assert other.review_status == ReviewStatus.NONE
    household_review(actor=officer_khanh, household=twin, decision=ReviewStatus.DISTINCT)
    twin.refresh_from_db()
    assert twin.review_status == ReviewStatus.DISTINCT
    with pytest.raises(Conflict):
        household_review(actor=officer_khanh, household=other, decision=ReviewStatus.DISTINCT)


def test_validation_and_permissions(officer_khanh, director_em, xa_codes, commune):
    with pytest.raises(InvalidInput, match="9 chữ số"):
        _make(officer_khanh, commune(xa_codes[0]), citizen_id="12345")
    district = commune(xa_codes[0]).parent
    with pytest.raises(InvalidInput, match="cấp xã"):
        _make(officer_khanh, district)
    with pytest.raises(NotAllowed):
        _make(director_em, commune(xa_codes[0]))
    assert Household.objects.count() == 0
