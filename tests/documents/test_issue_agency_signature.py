"""Issue with the agency's signature (Decree 30/2020 Appendix I): the leader signs (visible signature
between title and name, the number taken then), the records clerk issues, which adds the agency's
signature (its seal over the left third of the leader's image) as an incremental update. Both
signatures verify on the page, in the API and in the register; the leader-signed revision is kept with
its SHA-256 beside the issued file; a changed byte is reported; only the clerk may issue, and a failed
issue leaves no file."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from tinhso.core.errors import Conflict, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.documents import services
from tinhso.documents.models import DocType, OutgoingDocument, OutgoingStatus
from tinhso.signing import appearance
from tinhso.signing.pdf import AGENCY_FIELD_NAME, FIELD_NAME, signature_widget, verify_signatures

pytestmark = pytest.mark.django_db

SIGNED_AT = dt.datetime(2016, 12, 27, 2, 15, 30, tzinfo=dt.UTC)  # 09:15:30 in Hậu Giang
ISSUED_AT = dt.datetime(2016, 12, 27, 3, 40, 5, tzinfo=dt.UTC)  # 10:40:05


def _read(field: Any) -> bytes:
    with field.open("rb") as handle:
        return bytes(handle.read())


@pytest.fixture
def issued(make_outgoing: Callable[..., OutgoingDocument], em: Any, hoa: Any) -> OutgoingDocument:
    doc = make_outgoing(sign_by=em, at=SIGNED_AT)
    return services.outgoing_issue(actor=hoa, document=doc, at=ISSUED_AT)


def test_issue_adds_the_agency_signature_and_keeps_the_leader_revision(issued: OutgoingDocument) -> None:
    doc = issued
    assert doc.status == OutgoingStatus.ISSUED and doc.sent_at == ISSUED_AT
    signed, final = _read(doc.signed_pdf), _read(doc.issued_pdf)
    assert hashlib.sha256(signed).hexdigest() == doc.signed_sha256
    assert hashlib.sha256(final).hexdigest() == doc.issued_sha256 != doc.signed_sha256
    assert final.startswith(signed)  # an incremental update: the leader's bytes are untouched
    assert doc.final_pdf == doc.issued_pdf and doc.final_sha256 == doc.issued_sha256
    leader, agency = verify_signatures(final)
    assert leader.valid and agency.valid, (leader, agency)
    assert (leader.field_name, leader.signer_name, leader.signed_at) == (FIELD_NAME, "Phạm Văn Em", SIGNED_AT)
    assert not leader.is_agency and agency.is_agency and agency.field_name == AGENCY_FIELD_NAME
    assert (
        agency.signer_name == "Sở Thông tin và Truyền thông tỉnh Hậu Giang" and agency.signed_at == ISSUED_AT
    )
    entry = AuditEntry.objects.filter(action="outgoing.issue").get()
    assert entry.after["issued_sha256"] == doc.issued_sha256


def test_the_visible_signatures_are_in_the_signature_block(issued: OutgoingDocument) -> None:
    """The leader's widget is in the right half of the last page, below the title, the size the layout
    keeps; the seal overlaps the left third of the leader's signature image."""
    final = _read(issued.issued_pdf)
    leader = signature_widget(final)
    seal = signature_widget(final, AGENCY_FIELD_NAME)
    assert leader is not None and seal is not None and leader.page == seal.page == 0
    x1, y1, x2, y2 = leader.box
    a4_width = 595.28
    assert x1 > a4_width / 2 - 20 and x2 < a4_width - 15 * appearance.MM
    assert x2 - x1 == pytest.approx(appearance.LEADER_WIDTH, abs=0.5)
    assert y2 - y1 == pytest.approx(appearance.LEADER_HEIGHT, abs=0.5)
    image_left = x1 + (appearance.LEADER_WIDTH - appearance.IMAGE_WIDTH) / 2
    assert seal.box[0] < image_left < seal.box[2] == pytest.approx(image_left + appearance.IMAGE_WIDTH / 3)


def test_an_uploaded_draft_is_issued_with_both_signatures(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, hoa: Any
) -> None:
    from weasyprint import HTML

    draft = bytes(HTML(string="<p style='font-family: DejaVu Serif'>Kế hoạch tuyên truyền</p>").write_pdf())
    doc = make_outgoing(body="", draft_pdf=draft, doc_type=DocType.PLAN, sign_by=em)
    doc = services.outgoing_issue(actor=hoa, document=doc)
    final = _read(doc.issued_pdf)
    assert final.startswith(draft)
    assert [c.valid for c in verify_signatures(final)] == [True, True]


def test_page_api_and_register_show_both_signatures(issued: OutgoingDocument, em: Any) -> None:
    client = Client()
    client.force_login(em)
    page = client.get(f"/quan-tri/van-ban/di/{issued.pk}/").content.decode()
    assert "Các chữ ký hợp lệ." in page
    assert "Chữ ký số của người có thẩm quyền" in page and "Chữ ký số của cơ quan (văn thư phát hành)" in page
    assert "09:15:30 27/12/2016" in page and "10:40:05 27/12/2016" in page
    assert issued.signed_sha256 in page and issued.issued_sha256 in page
    assert "Tải tệp PDF đã phát hành" in page
    download = client.get(f"/quan-tri/van-ban/di/{issued.pk}/tep/")
    assert download.content == _read(issued.issued_pdf)

    data = client.get(f"/api/v1/documents/outgoing/{issued.pk}").json()
    assert data["issued_sha256"] == issued.issued_sha256 and data["signed_sha256"] == issued.signed_sha256
    kinds = [(s["kind"], s["state"], s["valid"], s["signer_name"]) for s in data["signatures"]]
    assert kinds == [
        ("person", "valid", True, "Phạm Văn Em"),
        ("agency", "valid", True, "Sở Thông tin và Truyền thông tỉnh Hậu Giang"),
    ]
    assert data["signature"]["kind"] == "agency"

    register = client.get("/quan-tri/van-ban/di/").content.decode()
    assert "Người ký: Phạm Văn Em, 09:15:30 27/12/2016 — <strong>Nguyên vẹn</strong>" in register
    agency = "Cơ quan: Sở Thông tin và Truyền thông tỉnh Hậu Giang"
    assert f"{agency}, 10:40:05 27/12/2016 — <strong>Nguyên vẹn</strong>" in register


def test_a_changed_byte_is_reported_everywhere(issued: OutgoingDocument, em: Any) -> None:
    final = bytearray(_read(issued.issued_pdf))
    signed_length = len(_read(issued.signed_pdf))
    final[signed_length // 2] ^= 0x01  # a byte both signatures cover
    storage, name = issued.issued_pdf.storage, issued.issued_pdf.name
    storage.delete(name)
    assert storage.save(name, ContentFile(bytes(final))) == name
    assert not any(c.valid for c in verify_signatures(bytes(final)))
    client = Client()
    client.force_login(em)
    page = client.get(f"/quan-tri/van-ban/di/{issued.pk}/").content.decode()
    assert "Tài liệu đã bị thay đổi sau khi ký." in page and "Các chữ ký hợp lệ." not in page
    data = client.get(f"/api/v1/documents/outgoing/{issued.pk}").json()
    assert [s["state"] for s in data["signatures"]] == ["changed", "changed"]
    assert "<strong>Đã bị thay đổi</strong>" in client.get("/quan-tri/van-ban/di/").content.decode()


def test_a_changed_signed_file_is_not_issued(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, hoa: Any
) -> None:
    doc = make_outgoing(sign_by=em)
    data = bytearray(_read(doc.signed_pdf))
    data[len(data) // 3] ^= 0x01
    storage, name = doc.signed_pdf.storage, doc.signed_pdf.name
    storage.delete(name)
    storage.save(name, ContentFile(bytes(data)))
    with pytest.raises(Conflict) as info:
        services.outgoing_issue(actor=hoa, document=doc)
    assert info.value.code == "signed_file_changed"
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.SIGNED and not doc.issued_pdf


def test_only_the_clerk_issues_and_a_refusal_writes_nothing(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, chi: Any, other_clerk: Any
) -> None:
    doc = make_outgoing(sign_by=em)
    for actor in (em, chi):
        with pytest.raises(NotAllowed):
            services.outgoing_issue(actor=actor, document=doc)
    with pytest.raises(NotAllowed):
        services.outgoing_issue(actor=None, document=doc)  # the agency's signature needs its clerk
    client = Client()
    client.force_login(em)
    refused = client.post(f"/quan-tri/van-ban/di/{doc.pk}/phat-hanh/")
    assert refused.status_code == 403
    assert "Chỉ văn thư cơ quan mới phát hành văn bản." in refused.content.decode()
    api = client.post(f"/api/v1/documents/outgoing/{doc.pk}/issue")
    assert api.status_code == 403 and api.json()["message"] == "Chỉ văn thư cơ quan mới phát hành văn bản."
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.SIGNED and not doc.issued_pdf and doc.issued_sha256 == ""
    assert not AuditEntry.objects.filter(action="outgoing.issue").exists()


def test_an_issue_rolled_back_leaves_no_issued_file(
    make_outgoing: Callable[..., OutgoingDocument], em: Any, hoa: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = make_outgoing(sign_by=em)
    written: list[Any] = []

    def failing_audit(**kw: Any) -> None:
        written.append((kw["obj"].issued_pdf.storage, kw["obj"].issued_pdf.name))
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "_audit", failing_audit)
    with pytest.raises(RuntimeError):
        services.outgoing_issue(actor=hoa, document=doc)
    [(storage, name)] = written
    assert name and not storage.exists(name)
    doc.refresh_from_db()
    assert doc.status == OutgoingStatus.SIGNED and not doc.issued_pdf


def test_the_pages_in_english(issued: OutgoingDocument, em: Any, hoa: Any) -> None:
    """With the language switched to English the fixed text of the documents pages is English; the
    records (names, summaries) stay as written."""
    client = Client()
    client.force_login(hoa)
    client.cookies["django_language"] = "en"
    register = client.get("/quan-tri/van-ban/di/").content.decode()
    assert "Outgoing documents register" in register and "Sổ đăng ký văn bản đi" not in register
    assert "Signer: Phạm Văn Em, 09:15:30 27/12/2016 — <strong>Intact</strong>" in register
    page = client.get(f"/quan-tri/van-ban/di/{issued.pk}/").content.decode()
    assert "Document no. 01/QĐ-STTTT" in page and "The signatures are valid." in page
    assert "The agency&#x27;s digital signature (applied by the records clerk at issue)" in page
    assert "Download the issued PDF" in page and "Về việc ban hành Quy chế" in page
    assert "Thông tin văn bản" not in page
    incoming = client.get("/quan-tri/van-ban/den/").content.decode()
    assert "Incoming documents register" in incoming and "Register an incoming document" in incoming
    assert "Sổ đăng ký văn bản đến" not in incoming
