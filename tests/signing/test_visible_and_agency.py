"""Visible signatures in the Decree 30 layout and the agency's signature: the leader signs with a
visible widget (their signature image, name, agency and time), the records clerk adds the agency's
signature (the seal) in a second incremental update; both verify, one changed byte breaks both; only
the agency's clerk may use the agency's certificate; the images are PNGs with transparency."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.x509.oid import NameOID
from PIL import Image

from tinhso.core.errors import NotAllowed
from tinhso.org.models import Agency
from tinhso.signing import appearance
from tinhso.signing.ca import agency_credentials, demo_ca
from tinhso.signing.pdf import (
    AGENCY_FIELD_NAME,
    FIELD_NAME,
    Placement,
    seal_placement,
    sign_pdf,
    signature_widget,
    verify_signatures,
)

pytestmark = pytest.mark.django_db
SO = "000.00.15.H30"
AT = dt.datetime(2016, 12, 27, 2, 15, 30, tzinfo=dt.UTC)  # 09:15:30 in Hậu Giang
LATER = dt.datetime(2016, 12, 27, 3, 40, 5, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    from weasyprint import HTML

    html = (
        "<html><body style='font-family: \"DejaVu Serif\"'><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>"
        "<p>Quyết định về việc ban hành Quy chế quản lý văn bản điện tử</p></body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


@pytest.fixture
def people(persona: Callable[[str], Any]) -> dict[str, Any]:
    return {key: persona(key) for key in ("em", "hoa", "chi")}


@pytest.fixture
def so(demo_agencies: dict[str, Agency]) -> Agency:
    return demo_agencies[SO]


LEADER_BOX = (300.0, 200.0, 300.0 + appearance.LEADER_WIDTH, 200.0 + appearance.LEADER_HEIGHT)


def _both(pdf_bytes: bytes, people: dict[str, Any], so: Agency) -> tuple[bytes, bytes]:
    leader = sign_pdf(
        pdf_bytes, people["em"], "Ban hành văn bản số 01/QĐ-STTTT", "Hậu Giang", at=AT,
        placement=Placement(page=-1, box=LEADER_BOX),
    )  # fmt: skip
    issued = sign_pdf(
        leader, people["hoa"], "Phát hành văn bản số 01/QĐ-STTTT", "Hậu Giang", at=LATER,
        placement=seal_placement(leader), agency=so,
    )  # fmt: skip
    return leader, issued


def test_leader_then_agency_both_signatures_valid(
    pdf_bytes: bytes, people: dict[str, Any], so: Agency
) -> None:
    leader, issued = _both(pdf_bytes, people, so)
    assert leader.startswith(pdf_bytes) and issued.startswith(leader)  # incremental updates only
    first, second = verify_signatures(issued)
    assert first.field_name == FIELD_NAME and second.field_name == AGENCY_FIELD_NAME
    assert first.valid and second.valid, (first, second)
    assert first.intact and not first.whole_file and first.later_signatures_only
    assert second.whole_file
    assert first.signer_name == "Phạm Văn Em" and not first.is_agency
    assert second.is_agency and second.signer_name == "Sở Thông tin và Truyền thông tỉnh Hậu Giang"
    assert first.signed_at == AT and second.signed_at == LATER
    # the leader's widget is where it was asked; the seal overlaps the left third of its image
    assert signature_widget(issued) == Placement(page=0, box=pytest.approx(LEADER_BOX, abs=0.01))  # type: ignore[arg-type]
    seal = signature_widget(issued, AGENCY_FIELD_NAME)
    assert seal is not None
    image_left = LEADER_BOX[0] + (appearance.LEADER_WIDTH - appearance.IMAGE_WIDTH) / 2
    assert seal.box[2] == pytest.approx(image_left + appearance.IMAGE_WIDTH / 3, abs=0.01)
    assert seal.box[2] - seal.box[0] == pytest.approx(appearance.SEAL_DIAMETER, abs=0.01)


def test_a_changed_byte_breaks_both_signatures(pdf_bytes: bytes, people: dict[str, Any], so: Agency) -> None:
    _, issued = _both(pdf_bytes, people, so)
    changed = bytearray(issued)
    # a byte of the original content stream, covered by both signatures
    i = pdf_bytes.index(b"stream") + 40
    changed[i] ^= 0x01
    checks = verify_signatures(bytes(changed))
    assert len(checks) == 2 and not any(c.valid for c in checks)
    assert all(c.verdict == "Tài liệu đã bị thay đổi sau khi ký." for c in checks)


def test_bytes_added_after_the_agency_signature_break_it(
    pdf_bytes: bytes, people: dict[str, Any], so: Agency
) -> None:
    _, issued = _both(pdf_bytes, people, so)
    _first, second = verify_signatures(issued + b"\n% added\n")
    assert not second.valid and second.intact and not second.whole_file


def test_appearance_text_has_the_name_agency_and_iso_time(
    pdf_bytes: bytes, people: dict[str, Any], so: Agency
) -> None:
    leader, _ = _both(pdf_bytes, people, so)
    assert appearance.vn_time(AT) == "27/12/2016 09:15:30 +07:00"
    # the appearance is a WeasyPrint page imported as a form XObject: its text is in a ToUnicode map;
    # check through pypdf's text extraction of the widget's appearance
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(leader))
    annots = [a.get_object() for a in reader.pages[-1]["/Annots"]]
    widget = next(a for a in annots if a.get("/T") == FIELD_NAME)
    normal = widget["/AP"]["/N"].get_object()
    text = _xobject_text(normal)
    assert "Ký bởi: Phạm Văn Em / Sở Thông tin và Truyền thông tỉnh Hậu Giang" in text, text
    assert "Thời gian ký: 27/12/2016 09:15:30 +07:00" in text, text


def _xobject_text(xobj: Any) -> str:
    """The text drawn by a form XObject and the forms it draws (pypdf's extraction of a page made of it)."""
    from pypdf import PageObject

    parts: list[str] = []
    stack = [xobj]
    while stack:
        current = stack.pop()
        page = PageObject.create_blank_page(width=1000, height=1000)
        page.replace_contents(current)  # type: ignore[arg-type]
        page[__import__("pypdf").generic.NameObject("/Resources")] = current.get("/Resources", {})
        parts.append(page.extract_text())
        for inner in (current.get("/Resources", {}) or {}).get("/XObject", {}).values():
            inner = inner.get_object()
            if inner.get("/Subtype") == "/Form":
                stack.append(inner)
    return " ".join(" ".join(parts).split())


def test_only_the_agency_clerk_may_use_the_agency_certificate(
    pdf_bytes: bytes, people: dict[str, Any], so: Agency, demo_agencies: dict[str, Agency]
) -> None:
    for key in ("em", "chi"):
        with pytest.raises(NotAllowed) as info:
            sign_pdf(pdf_bytes, people[key], "Phát hành", "Hậu Giang", agency=so)
        assert info.value.message == (
            "Chỉ văn thư của cơ quan mới được dùng chữ ký số của cơ quan để phát hành văn bản."
        )
    other = demo_agencies["000.00.31.H30"]  # UBND thành phố Vị Thanh: Hoa is not its clerk
    with pytest.raises(NotAllowed):
        agency_credentials(people["hoa"], other)
    cert = agency_credentials(people["hoa"], so).certificate
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == so.name
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_IDENTIFIER)[0].value == so.code
    assert cert.issuer == demo_ca()[1].subject
    assert agency_credentials(people["hoa"], so).certificate == cert  # issued once, then reused


def test_images_are_transparent_pngs_of_the_right_colour_and_size() -> None:
    hand = Image.open(io.BytesIO(appearance.handwriting_png("Phạm Văn Em")))
    seal = Image.open(io.BytesIO(appearance.seal_png("Sở Thông tin và Truyền thông tỉnh Hậu Giang")))
    for image in (hand, seal):
        assert image.format == "PNG" and image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # transparent background
    inked = [p for p in hand.get_flattened_data() if p[3] > 200]
    assert inked and all(p[2] > p[0] for p in inked)  # blue
    inked = [p for p in seal.get_flattened_data() if p[3] > 200]
    assert inked and all(p[0] > 150 and p[1] < 60 for p in inked)  # red
    # actual size: 34 mm across at the drawing's resolution
    assert seal.width == round(appearance.SEAL_DIAMETER / appearance.MM * appearance.PX_PER_MM)
    assert appearance.handwriting_png("Phạm Văn Em") == appearance.handwriting_png("Phạm  Văn Em")
    assert appearance.handwriting_png("Phạm Văn Em") != appearance.handwriting_png("Huỳnh Thị Giang")
