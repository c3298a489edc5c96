"""Outgoing documents: draft → submitted → signed (number of the year, signed PDF kept byte for byte
and verified) → issued; who may do what; numbering by year, shared by all types; a failed signature
takes no number; every transition audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.documents import services
from tinhso.documents.models import DocType, NumberSequence, OutgoingDocument, OutgoingStatus
from tinhso.signing.pdf import verify_pdf

pytestmark = pytest.mark.django_db

DEC_27 = dt.datetime(2016, 12, 27, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hậu Giang


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _stored(doc: OutgoingDocument) -> bytes:
    with doc.signed_pdf.open("rb") as handle:
        return handle.read()


def test_full_flow_numbers_signs_and_issues(
    make_outgoing: Callable[..., OutgoingDocument], chi: Any, em: Any, hoa: Any
) -> None:
    doc = make_outgoing(at=DEC_27)
    assert doc.status == OutgoingStatus.DRAFT and doc.number is None and doc.number_symbol == ""
    assert doc.symbol == "QĐ-STTTT"
    doc = services.outgoing_submit(actor=chi, document=doc, at=DEC_27)
    assert doc.status == OutgoingStatus.SUBMITTED
    doc = services.outgoing_sign(actor=em, document=doc, at=DEC_27)
    assert doc.status == OutgoingStatus.SIGNED
    assert (doc.year, doc.number, doc.number_symbol) == (2016, 1, "01/QĐ-STTTT")
    assert doc.issued_on == dt.date(2016, 12, 27)
    assert doc.signer == em and doc.signer_name == "Phạm Văn Em" and doc.signer_title == "Giám đốc Sở"
    stored = _stored(doc)
    assert hashlib.sha256(stored).hexdigest() == doc.signed_sha256
    check = verify_pdf(stored)
    assert check.valid and check.signer_name == "Phạm Văn Em" and check.signed_at == DEC_27
    text = _text(stored)
    assert "Số: 01/QĐ-STTTT" in text
    assert "Hậu Giang, ngày 27 tháng 12 năm 2016" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Phạm Văn Em" in text
    doc = services.outgoing_issue(actor=hoa, document=doc, at=DEC_27)
    assert doc.status == OutgoingStatus.ISSUED and doc.sent_at == DEC_27
    actions = list(
        AuditEntry.objects.filter(object_type="documents.outgoingdocument", object_id=str(doc.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["outgoing.create", "outgoing.submit", "outgoing.sign", "outgoing.issue"]
    sign_entry = AuditEntry.objects.get(action="outgoing.sign", object_id=str(doc.pk))
    assert sign_entry.after["number"] == 1 and sign_entry.before["status"] == "submitted"


def test_one_sequence_per_year_shared_by_every_type(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, giang: Any
) -> None:
    first = make_outgoing(sign_by=em, at=DEC_27)
    letter = make_outgoing(
        "Về việc đôn đốc báo cáo", doc_type=DocType.OFFICIAL_LETTER, sign_by=giang, at=DEC_27
    )
    assert letter.number_symbol == "02/STTTT-TTBCXB"
    assert letter.signer_title == "Phó Giám đốc Sở"
    text = _text(_stored(letter))
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "V/v Về việc đôn đốc báo cáo" in text
    new_year = dt.datetime(2016, 12, 31, 17, 30, tzinfo=dt.UTC)  # 00:30 on 1 January 2017 in Hậu Giang
    jan = make_outgoing("Về việc kế hoạch năm 2017", doc_type=DocType.PLAN, sign_by=em, at=new_year)
    assert (jan.year, jan.number, jan.number_symbol) == (2017, 1, "01/KH-STTTT")
    tenth = None
    for i in range(9):
        tenth = make_outgoing(f"Thông báo số {i}", doc_type=DocType.NOTICE, sign_by=em, at=new_year)
    assert tenth is not None and tenth.number_symbol == "10/TB-STTTT"
    assert first.number == 1


def test_only_signers_of_the_agency_sign_and_a_refusal_writes_nothing(
    make_outgoing: Callable[..., OutgoingDocument], dung: Any, hoa: Any, other_director: Any, em: Any
) -> None:
    doc = make_outgoing(submit=True)
    for actor in (dung, hoa, other_director):
        with pytest.raises(NotAllowed):
            services.outgoing_sign(actor=actor, document=doc)
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.SUBMITTED and doc.number is None and not doc.signed_pdf
    assert not NumberSequence.objects.exists()
    assert not AuditEntry.objects.filter(action="outgoing.sign").exists()
    assert services.outgoing_sign(actor=em, document=doc).number == 1


def test_a_failed_signature_takes_no_number(make_outgoing: Callable[..., OutgoingDocument], em: Any) -> None:
    broken = make_outgoing(body="", draft_pdf=b"%PDF-1.4\nthis is not really a PDF", submit=True)
    with pytest.raises(InvalidInput):
        services.outgoing_sign(actor=em, document=broken)
    broken.refresh_from_db()
    assert broken.status == OutgoingStatus.SUBMITTED and broken.number is None
    assert make_outgoing(sign_by=em).number == 1  # the number was not used up


def test_a_signature_rolled_back_leaves_no_signed_file(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signed PDF is written inside the signing transaction; when a later step fails the file goes
    with the row (core.filestore), not left orphaned in storage."""
    doc = make_outgoing(submit=True)
    written: list[Any] = []

    def failing_audit(**kw: Any) -> None:
        written.append((kw["obj"].signed_pdf.storage, kw["obj"].signed_pdf.name))
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "_audit", failing_audit)
    with pytest.raises(RuntimeError):
        services.outgoing_sign(actor=em, document=doc)
    [(storage, name)] = written
    assert name and not storage.exists(name)
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.SUBMITTED and not doc.signed_pdf


def test_uploaded_draft_is_signed_as_it_is(make_outgoing: Callable[..., OutgoingDocument], em: Any) -> None:
    from weasyprint import HTML

    draft = bytes(HTML(string="<p style='font-family: DejaVu Serif'>Kế hoạch tuyên truyền</p>").write_pdf())
    doc = make_outgoing(body="", draft_pdf=draft, doc_type=DocType.PLAN, sign_by=em)
    stored = _stored(doc)
    assert stored.startswith(draft)
    check = verify_pdf(stored)
    assert check.valid
    assert doc.number_symbol == "01/KH-STTTT"


def test_wrong_states_and_roles(
    make_outgoing: Callable[..., OutgoingDocument], chi: Any, em: Any, hoa: Any, binh: Any, other_clerk: Any
) -> None:
    doc = make_outgoing()
    with pytest.raises(Conflict):
        services.outgoing_sign(actor=em, document=doc)  # a draft is submitted first
    with pytest.raises(NotAllowed):
        services.outgoing_submit(actor=other_clerk, document=doc)
    with pytest.raises(NotAllowed):
        services.outgoing_submit(actor=binh, document=doc)  # one-stop clerk, not the drafter
    services.outgoing_submit(actor=chi, document=doc)
    with pytest.raises(Conflict):
        services.outgoing_submit(actor=chi, document=doc)
    with pytest.raises(Conflict):
        services.outgoing_issue(actor=hoa, document=doc)  # not signed yet
    doc = services.outgoing_sign(actor=em, document=doc)
    with pytest.raises(NotAllowed):
        services.outgoing_issue(actor=em, document=doc)  # the clerk issues
    with pytest.raises(NotAllowed):
        services.outgoing_issue(actor=other_clerk, document=doc)
    assert services.outgoing_issue(actor=hoa, document=doc).status == OutgoingStatus.ISSUED


def test_return_needs_a_reason_then_the_draft_is_edited_and_resubmitted(
    make_outgoing: Callable[..., OutgoingDocument], chi: Any, em: Any
) -> None:
    doc = make_outgoing(submit=True)
    with pytest.raises(InvalidInput):
        services.outgoing_return(actor=em, document=doc, reason="  ")
    doc = services.outgoing_return(actor=em, document=doc, reason="Sửa lại Điều 2")
    assert doc.status == OutgoingStatus.DRAFT
    entry = AuditEntry.objects.get(action="outgoing.return")
    assert entry.after["reason"] == "Sửa lại Điều 2"
    doc = services.outgoing_update(
        actor=chi, document=doc, changes={"summary": "Về việc ban hành Quy chế (sửa)"}
    )
    assert doc.summary.endswith("(sửa)")
    with pytest.raises(InvalidInput):
        services.outgoing_update(actor=chi, document=doc, changes={"number": 5})
    services.outgoing_submit(actor=chi, document=doc)
    assert services.outgoing_sign(actor=em, document=doc).number == 1


def test_bad_input_is_refused_with_every_message(so: Any, chi: Any) -> None:
    with pytest.raises(InvalidInput) as info:
        services.outgoing_create(actor=chi, agency=so, doc_type="XX", summary=" ", recipients="", body="x")
    message = info.value.message
    assert "Loại văn bản không hợp lệ." in message
    assert "Trích yếu không được để trống." in message
    assert "Cần ghi ít nhất một nơi nhận." in message
    with pytest.raises(InvalidInput):
        services.outgoing_create(
            actor=chi,
            agency=so,
            doc_type="QĐ",
            summary="Về việc",
            recipients="UBND tỉnh",
            draft_pdf=b"GIF89a",
        )
    assert not OutgoingDocument.objects.exists()


def test_paper_documents_share_the_sequence(
    make_outgoing: Callable[..., OutgoingDocument], so: Any, hoa: Any, em: Any, chi: Any
) -> None:
    paper = services.outgoing_record_paper(
        actor=hoa,
        agency=so,
        doc_type=DocType.INVITATION,
        summary="Mời họp giao ban tháng 12",
        recipients="Các phòng thuộc Sở",
        signer=em,
        issued_on=dt.date(2016, 12, 26),
    )
    assert paper.number_symbol == "01/GM-STTTT" and paper.status == OutgoingStatus.ISSUED
    assert not paper.digitally_signed
    assert make_outgoing(sign_by=em, at=DEC_27).number == 2
    with pytest.raises(NotAllowed):
        services.outgoing_record_paper(
            actor=chi,
            agency=so,
            doc_type="GM",
            summary="x",
            recipients="y",
            signer=em,
            issued_on=dt.date(2016, 12, 1),
        )
    with pytest.raises(InvalidInput):
        services.outgoing_record_paper(
            actor=hoa,
            agency=so,
            doc_type="GM",
            summary="x",
            recipients="y",
            signer=chi,
            issued_on=dt.date(2016, 12, 1),
        )
