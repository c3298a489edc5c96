"""The year-end review's sentence on documents is computed from the records: counts of outgoing
(and digitally signed) and incoming documents of the year; a change of the records changes it;
"chưa có số liệu" only without records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.documents import services
from tinhso.documents.models import DocType, IncomingDocument, OutgoingDocument
from tinhso.reports.annual.compose import documents_sentence
from tinhso.reports.annual.figures import annual_figures

pytestmark = pytest.mark.django_db

AT = dt.datetime(2016, 12, 20, 3, 0, tzinfo=dt.UTC)


def test_sentence_from_the_records(
    make_outgoing: Callable[..., OutgoingDocument],
    make_incoming: Callable[..., IncomingDocument],
    so: Any,
    em: Any,
    hoa: Any,
    ttbcxb: Any,
) -> None:
    af = annual_figures(2016)
    assert documents_sentence(af) == (
        "Văn bản đi, đến trên phần mềm quản lý văn bản và văn bản ký số: chưa có số liệu năm 2016 "
        "trên nền tảng."
    )
    assert af.figure("documents").value is None and af.figure("signatures").value is None
    for i in range(3):
        services.outgoing_record_paper(
            actor=hoa, agency=so, doc_type=DocType.NOTICE, summary=f"Thông báo {i}", recipients="Các phòng",
            signer=em, issued_on=dt.date(2016, 3, 1 + i),
        )  # fmt: skip
    make_incoming()
    make_incoming("Về việc khác", channel="electronic")
    assert documents_sentence(annual_figures(2016)) == (
        "Phần mềm quản lý văn bản: Sở đã ban hành 03 văn bản đi (chưa có văn bản ký số), tiếp nhận 02 văn "
        "bản đến (01 văn bản điện tử); chưa có văn bản đến nào được xử lý xong."
    )
    make_outgoing(sign_by=em, at=AT)
    make_outgoing("Dự thảo chưa ký", submit=True)  # not numbered: not counted
    make_outgoing("Ký năm sau", sign_by=em, at=dt.datetime(2017, 1, 5, 3, tzinfo=dt.UTC))  # another year
    doc = make_incoming("Về việc thứ ba")
    services.incoming_assign(actor=em, document=doc, handling_unit=ttbcxb)
    services.incoming_complete(actor=em, document=doc, note="Xong.")
    af = annual_figures(2016)
    assert documents_sentence(af) == (
        "Phần mềm quản lý văn bản: Sở đã ban hành 04 văn bản đi (trong đó 01 văn bản được ký số), tiếp nhận "
        "03 văn bản đến (01 văn bản điện tử); đã xử lý xong 01 văn bản đến."
    )
    assert af.figure("documents").value == 7 and af.figure("signatures").value == 1
    assert "ban hành 01 văn bản đi (trong đó 01 văn bản được ký số)" in documents_sentence(
        annual_figures(2017)
    )
