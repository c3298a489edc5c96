"""Incoming documents: registered by the clerk with the incoming number of the year, assigned to a
division (and a person), handled; who may do what; bad input refused with nothing written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.documents import services
from tinhso.documents.models import IncomingDocument, IncomingStatus

pytestmark = pytest.mark.django_db


def test_incoming_numbers_per_year(make_incoming: Callable[..., IncomingDocument]) -> None:
    a = make_incoming()
    b = make_incoming("Về việc báo cáo số liệu viễn thông", original_number="56/UBND-VP")
    c = make_incoming("Về việc nghỉ Tết", received_on=dt.date(2017, 1, 3), original_date=dt.date(2017, 1, 2))
    assert [(d.year, d.number) for d in (a, b, c)] == [(2016, 1), (2016, 2), (2017, 1)]
    assert a.status == IncomingStatus.REGISTERED
    assert AuditEntry.objects.filter(action="incoming.register").count() == 3


def test_register_is_for_the_clerk_of_the_agency(
    make_incoming: Callable[..., IncomingDocument], chi: Any, em: Any, other_clerk: Any
) -> None:
    for actor in (chi, em, other_clerk):
        with pytest.raises(NotAllowed):
            make_incoming(actor=actor)
    assert not IncomingDocument.objects.exists()


def test_bad_input_every_message_nothing_written(make_incoming: Callable[..., IncomingDocument]) -> None:
    with pytest.raises(InvalidInput) as info:
        make_incoming(
            " ", sender_name="", original_number="", doc_type="??", original_date=dt.date(2017, 1, 5),
            received_on=dt.date(2017, 1, 4),
        )  # fmt: skip
    for text in (
        "Cần ghi cơ quan ban hành.",
        "Cần ghi số, ký hiệu văn bản.",
        "Loại văn bản không hợp lệ.",
        "Trích yếu không được để trống.",
        "Ngày văn bản không được sau ngày đến.",
    ):
        assert text in info.value.message
    assert not IncomingDocument.objects.exists()


def test_assign_and_handle(
    make_incoming: Callable[..., IncomingDocument],
    ttbcxb: Any,
    vi_thanh: Any,
    chi: Any,
    dung: Any,
    em: Any,
    hoa: Any,
    binh: Any,
) -> None:
    doc = make_incoming()
    with pytest.raises(Conflict):
        services.incoming_complete(actor=em, document=doc, note="Đã xong")  # not assigned yet
    with pytest.raises(NotAllowed):
        services.incoming_assign(actor=chi, document=doc, handling_unit=ttbcxb)
    with pytest.raises(InvalidInput):
        services.incoming_assign(actor=em, document=doc, handling_unit=vi_thanh)
    with pytest.raises(InvalidInput):
        services.incoming_assign(
            actor=em, document=doc, handling_unit=ttbcxb, handler=binh
        )  # not of the unit
    doc = services.incoming_assign(
        actor=em, document=doc, handling_unit=ttbcxb, handler=chi, due_on=dt.date(2016, 12, 30)
    )
    assert doc.status == IncomingStatus.ASSIGNED and doc.handler == chi
    assert doc.is_overdue(dt.date(2016, 12, 31)) and not doc.is_overdue(dt.date(2016, 12, 29))
    with pytest.raises(NotAllowed):
        services.incoming_complete(actor=binh, document=doc, note="Đã xong")
    with pytest.raises(InvalidInput):
        services.incoming_complete(actor=chi, document=doc, note=" ")
    doc = services.incoming_complete(
        actor=dung, document=doc, note="Đã tham mưu Công văn số 12/STTTT-TTBCXB."
    )
    assert doc.status == IncomingStatus.HANDLED and not doc.is_overdue(dt.date(2017, 1, 5))
    assert list(
        AuditEntry.objects.filter(object_id=str(doc.pk), object_type="documents.incomingdocument")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["incoming.register", "incoming.assign", "incoming.complete"]
    # the clerk forwards too
    other = make_incoming("Về việc khác")
    assert (
        services.incoming_assign(actor=hoa, document=other, handling_unit=ttbcxb).status
        == IncomingStatus.ASSIGNED
    )
