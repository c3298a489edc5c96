"""Exchange between two agencies of the platform: the Sở exports a signed document as an edXML
envelope, the clerk of UBND thành phố Vị Thanh imports it into their incoming register with the
signed PDF unchanged; malformed envelopes are refused with a Vietnamese message and nothing written."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from lxml import etree

from tinhso.core.errors import Conflict, InvalidInput
from tinhso.documents.edxml import NS, edxml_export, edxml_import, edxml_parse
from tinhso.documents.models import IncomingChannel, IncomingDocument, OutgoingDocument
from tinhso.signing.pdf import verify_pdf

pytestmark = pytest.mark.django_db

AT = dt.datetime(2016, 12, 27, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def envelope(make_outgoing: Callable[..., OutgoingDocument], em: Any, hoa: Any, vi_thanh: Any) -> bytes:
    doc = make_outgoing("Về việc triển khai Cổng thông tin điện tử cấp huyện", sign_by=em, at=AT)
    return edxml_export(actor=hoa, document=doc, to=vi_thanh)


def test_export_has_the_header_elements(envelope: bytes) -> None:
    root = etree.fromstring(envelope)
    ns = {"e": NS}
    header = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader", ns)
    assert header.findtext("e:From/e:OrganId", namespaces=ns) == "000.00.15.H30"
    assert header.findtext("e:To/e:OrganId", namespaces=ns) == "000.00.31.H30"
    assert header.findtext("e:Code/e:CodeNumber", namespaces=ns) == "01"
    assert header.findtext("e:Code/e:CodeNotation", namespaces=ns) == "QĐ-STTTT"
    assert header.findtext("e:PromulgationInfo/e:PromulgationDate", namespaces=ns) == "2016/12/27"
    assert header.findtext("e:DocumentType/e:TypeName", namespaces=ns) == "Quyết định"
    assert header.findtext("e:SignerInfo/e:FullName", namespaces=ns) == "Phạm Văn Em"
    assert root.find("e:edXMLEnvelope/e:edXMLBody/e:edXMLManifest/e:Reference", ns) is not None


def test_import_registers_an_incoming_document_with_the_signed_pdf(
    envelope: bytes, vi_thanh: Any, other_clerk: Any
) -> None:
    doc = edxml_import(actor=other_clerk, agency=vi_thanh, data=envelope, received_on=dt.date(2016, 12, 28))
    assert doc.agency == vi_thanh and (doc.year, doc.number) == (2016, 1)
    assert doc.original_number == "01/QĐ-STTTT" and doc.original_date == dt.date(2016, 12, 27)
    assert doc.sender_code == "000.00.15.H30"
    assert doc.sender_name == "Sở Thông tin và Truyền thông tỉnh Hậu Giang"
    assert doc.channel == IncomingChannel.EDXML and doc.doc_type == "QĐ"
    with doc.file.open("rb") as handle:
        check = verify_pdf(handle.read())
    assert check.valid and check.signer_name == "Phạm Văn Em"
    with pytest.raises(Conflict):
        edxml_import(actor=other_clerk, agency=vi_thanh, data=envelope)
    assert IncomingDocument.objects.count() == 1


def test_only_the_addressee_imports(envelope: bytes, so: Any, hoa: Any) -> None:
    with pytest.raises(InvalidInput) as info:
        edxml_import(actor=hoa, agency=so, data=envelope)
    assert info.value.code == "wrong_recipient"
    assert not IncomingDocument.objects.exists()


def _replace(envelope: bytes, path: str, text: str | None) -> bytes:
    root = etree.fromstring(envelope)
    node = root.find(path, {"e": NS})
    if text is None:
        node.getparent().remove(node)
    else:
        node.text = text
    return etree.tostring(root)


MH = "e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda env: b"<not xml", "Gói tin không phải XML hợp lệ (lỗi cú pháp ở dòng 1, cột"),
        (lambda env: b"<edXML xmlns='urn:other'><edXMLEnvelope/></edXML>", "Không có phần tử edXMLEnvelope"),
        (lambda env: _replace(env, MH + "/e:Code/e:CodeNumber", None), "thiếu Code/CodeNumber"),
        (lambda env: _replace(env, MH + "/e:Subject", ""), "thiếu Subject"),
        (
            lambda env: _replace(env, MH + "/e:PromulgationInfo/e:PromulgationDate", "27/12/2016"),
            "PromulgationDate phải có dạng yyyy/mm/dd",
        ),
        (lambda env: _replace(env, MH + "/e:DocumentType/e:TypeName", "Thư tay"), "không có trong danh mục"),
        (
            lambda env: _replace(env, "e:AttachmentEncoded/e:Attachment/e:ContentTransferEncoded", "!!!"),
            "base64",
        ),
        (
            lambda env: _replace(
                env,
                "e:AttachmentEncoded/e:Attachment/e:ContentTransferEncoded",
                base64.b64encode(b"MZ not a pdf").decode(),
            ),
            "không phải PDF",
        ),
        (
            lambda env: (
                b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                + env.split(b"?>", 1)[1]
            ),
            "DOCTYPE",
        ),
    ],
)
def test_malformed_envelopes_are_refused_and_nothing_is_written(
    envelope: bytes, vi_thanh: Any, other_clerk: Any, change: Callable[[bytes], bytes], message: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        edxml_import(actor=other_clerk, agency=vi_thanh, data=change(envelope))
    assert message in info.value.message
    assert info.value.status == 400
    assert not IncomingDocument.objects.exists()


def test_parse_reads_the_envelope(envelope: bytes) -> None:
    parsed = edxml_parse(envelope)
    assert parsed.number_symbol == "01/QĐ-STTTT" and parsed.attachment is not None
