from __future__ import annotations

import datetime as dt

import pytest

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.programs.models import Batch, Poverty
from tinhso.programs.selectors import batch_report
from tinhso.programs.services import (
    batch_add_eligible,
    batch_add_households,
    batch_approve,
    batch_close,
    batch_create,
    batch_remove_household,
    batch_start_delivery,
    delivery_record,
    household_create,
    stock_receive,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def households(officer_khanh, xa_codes, commune):
    out = []
    for i in range(4):
        out.append(
            household_create(
                actor=officer_khanh,
                head_name=f"Hộ {i}",
                citizen_id=f"36300000{i}",
                hamlet="Ấp 3",
                commune=commune(xa_codes[i % 2]),
                poverty=Poverty.POOR,
                list_year=2016,
                has_analog_tv=True,
                has_receiver=False,
                pledge_signed=i != 3,
            )
        )
    return out


def test_batch_lifecycle(officer_khanh, director_em, households, commune, xa_codes):
    batch = batch_create(actor=officer_khanh, number=1, name="Đợt 1 năm 2016", year=2016, list_year=2016)
    with pytest.raises(InvalidInput, match="không đủ điều kiện"):
        batch_add_households(actor=officer_khanh, batch=batch, households=households)
    assert batch.members.count() == 0  # all or nothing
    assert batch_add_eligible(actor=officer_khanh, batch=batch) == 3
    batch_remove_household(actor=officer_khanh, batch=batch, household=households[2])

    with pytest.raises(NotAllowed):
        batch_approve(actor=officer_khanh, batch=batch)
    batch = batch_approve(actor=director_em, batch=batch, decision="123/QĐ-UBND")
    assert batch.status == Batch.Status.APPROVED
    # the list is frozen
    with pytest.raises(Conflict):
        batch_add_households(actor=officer_khanh, batch=batch, households=[households[2]])
    with pytest.raises(Conflict):
        batch_remove_household(actor=officer_khanh, batch=batch, household=households[0])
    with pytest.raises(Conflict):
        batch_approve(actor=director_em, batch=batch)

    with pytest.raises(Conflict, match="chưa bắt đầu"):
        delivery_record(
            actor=officer_khanh,
            batch=batch,
            household=households[0],
            serial="SN1",
            receiver_name="Hộ 0",
            delivered_on=dt.date(2016, 10, 1),
        )
    batch = batch_start_delivery(actor=officer_khanh, batch=batch)
    with pytest.raises(Conflict, match="hết đầu thu"):
        delivery_record(
            actor=officer_khanh,
            batch=batch,
            household=households[0],
            serial="SN1",
            receiver_name="Hộ 0",
            delivered_on=dt.date(2016, 10, 1),
        )
    stock_receive(
        actor=officer_khanh,
        batch=batch,
        commune=commune(xa_codes[0]),
        quantity=5,
        received_on=dt.date(2016, 9, 20),
    )
    delivery_record(
        actor=officer_khanh,
        batch=batch,
        household=households[0],
        serial="sn1",
        receiver_name="Hộ 0",
        delivered_on=dt.date(2016, 10, 1),
    )
    with pytest.raises(Conflict, match="đã nhận"):
        delivery_record(
            actor=officer_khanh,
            batch=batch,
            household=households[0],
            serial="SN2",
            receiver_name="Hộ 0",
            delivered_on=dt.date(2016, 10, 1),
        )
    with pytest.raises(InvalidInput, match="không có trong danh sách"):
        delivery_record(
            actor=officer_khanh,
            batch=batch,
            household=households[2],
            serial="SN3",
            receiver_name="Hộ 2",
            delivered_on=dt.date(2016, 10, 1),
        )

    report = batch_report(batch)
    c0 = next(r for r in report.communes if r.code == xa_codes[0])
    assert (c0.members, c0.delivered, c0.received, c0.stock) == (1, 1, 5, 4)
    assert report.total.members == 2 and report.total.delivered == 1
    assert sum(d.members for d in report.districts) == 2

    batch = batch_close(actor=officer_khanh, batch=batch)
    assert batch.status == Batch.Status.CLOSED
    actions = set(AuditEntry.objects.filter(object_type="programs.batch").values_list("action", flat=True))
    assert {"programs.batch_approve", "programs.batch_start_delivery", "programs.batch_close"} <= actions


def test_serial_is_unique(officer_khanh, director_em, households, commune, xa_codes):
    batch = batch_create(actor=officer_khanh, number=1, name="Đợt 1", year=2016, list_year=2016)
    batch_add_eligible(actor=officer_khanh, batch=batch)
    batch_approve(actor=director_em, batch=batch)
    batch_start_delivery(actor=officer_khanh, batch=batch)
    stock_receive(
        actor=officer_khanh,
        batch=batch,
        commune=commune(xa_codes[0]),
        quantity=5,
        received_on=dt.date(2016, 9, 20),
    )
    delivery_record(
        actor=officer_khanh,
        batch=batch,
        household=households[0],
        serial="DVB-001",
        receiver_name="Hộ 0",
        delivered_on=dt.date(2016, 10, 1),
    )
    with pytest.raises(Conflict, match="DVB-001"):
        delivery_record(
            actor=officer_khanh,
            batch=batch,
            household=households[2],
            serial="dvb-001",
            receiver_name="Hộ 2",
            delivered_on=dt.date(2016, 10, 1),
        )
