"""Exchange of documents between agencies as edXML envelopes (QCVN 102:2016/BTTTT, Circular
10/2016/TT-BTTTT).

The envelope written here: a root ``edXML`` holding ``edXMLEnvelope`` → ``edXMLHeader`` (``MessageHeader``:
From, To, DocumentId, Code (CodeNumber, CodeNotation), PromulgationInfo (Place, PromulgationDate
``yyyy/mm/dd``), DocumentType (Type, TypeName), Subject, Content, SignerInfo (Competence, Position,
FullName), DueDate, ToPlaces, OtherInfo; ``TraceHeaderList``) and ``edXMLBody`` (``edXMLManifest`` with
one ``Reference`` per attachment), followed by ``AttachmentEncoded`` with the attachments in base64
(the self-contained form used when the envelope travels as one file rather than as MIME parts).

Sending between two agencies of the platform is ``edxml_export`` by the sender and ``edxml_import``
by the receiver's document clerk. Import checks everything before writing: a malformed envelope is
refused with a Vietnamese message and nothing is registered.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from lxml import etree

from tinhso.core.errors import Conflict, InvalidInput
from tinhso.documents import access, services
from tinhso.documents.models import (
    DocType,
    IncomingChannel,
    IncomingDocument,
    OutgoingDocument,
    OutgoingStatus,
)
from tinhso.org.models import Agency, Role

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
E = "{%s}" % NS  # noqa: UP031 - the Clark notation prefix
MAX_ENVELOPE = 30 * 1024 * 1024
DATE_FORMAT = "%Y/%m/%d"  # for strftime; reading splits the text
# The platform's codes for DocumentType/Type (TypeName carries the name, which import reads).
TYPE_CODES = {value: str(i) for i, value in enumerate(DocType.values, start=1)}


@dataclass(frozen=True)
class Envelope:
    from_code: str
    from_name: str
    to_code: str
    code_number: str
    code_notation: str
    place: str
    promulgation_date: dt.date
    doc_type: str
    subject: str
    signer_name: str
    attachment_name: str
    attachment: bytes | None

    @property
    def number_symbol(self) -> str:
        return f"{self.code_number}/{self.code_notation}"


def _sub(parent: Any, tag: str, text: str | None = None) -> Any:
    element = etree.SubElement(parent, E + tag)
    if text is not None:
        element.text = text
    return element


def _organ(parent: Any, tag: str, agency: Agency) -> None:
    node = _sub(parent, tag)
    _sub(node, "OrganId", agency.code)
    in_charge = agency.parent.name if agency.parent_id and agency.parent else agency.name
    _sub(node, "OrganizationInCharge", in_charge)
    _sub(node, "OrganName", agency.name)
    _sub(node, "OrganAdd", agency.address)
    _sub(node, "Email", agency.email)
    _sub(node, "Telephone", agency.phone)


def edxml_export(*, actor: Any, document: OutgoingDocument, to: Agency) -> bytes:
    """The envelope of a signed (or issued) document for ``to``, with the signed PDF attached."""
    access.ensure_read(actor, document.agency)
    if document.status not in (OutgoingStatus.SIGNED, OutgoingStatus.ISSUED) or not document.final_pdf:
        raise Conflict("Chỉ gửi liên thông được văn bản đã ký số.", code="not_signed")
    with document.final_pdf.open("rb") as handle:  # as issued (with the agency's signature) once issued
        pdf = handle.read()
    assert document.issued_on is not None and document.number is not None
    root = etree.Element(E + "edXML", nsmap={"edXML": NS})
    envelope = _sub(root, "edXMLEnvelope")
    header = _sub(envelope, "edXMLHeader")
    message = _sub(header, "MessageHeader")
    _organ(message, "From", document.agency)
    _organ(message, "To", to)
    _sub(
        message,
        "DocumentId",
        f"{document.agency.code},{document.issued_on:{DATE_FORMAT}},{document.number_symbol}",
    )
    code = _sub(message, "Code")
    _sub(code, "CodeNumber", f"{document.number:02d}")
    _sub(code, "CodeNotation", document.symbol)
    promulgation = _sub(message, "PromulgationInfo")
    from tinhso.core.context_processors import province_name

    _sub(promulgation, "Place", province_name())
    _sub(promulgation, "PromulgationDate", document.issued_on.strftime(DATE_FORMAT))
    kind = _sub(message, "DocumentType")
    _sub(kind, "Type", TYPE_CODES[document.doc_type])
    _sub(kind, "TypeName", str(DocType(document.doc_type).label))
    _sub(message, "Subject", document.summary)
    _sub(message, "Content", document.summary)
    signer = _sub(message, "SignerInfo")
    deputy = document.signer_title.startswith("Phó")
    _sub(signer, "Competence", "KT. GIÁM ĐỐC" if deputy else "")
    _sub(signer, "Position", document.signer_title or str(Role.DIRECTOR.label))
    _sub(signer, "FullName", document.signer_name)
    _sub(message, "DueDate", "")
    places = _sub(message, "ToPlaces")
    for recipient in document.recipient_list():
        _sub(places, "Place", recipient)
    other = _sub(message, "OtherInfo")
    _sub(other, "Priority", "0")
    _sub(other, "PromulgationAmount", str(document.copies))
    traces = _sub(header, "TraceHeaderList")
    trace = _sub(traces, "TraceHeader")
    _sub(trace, "OrganId", document.agency.code)
    _sub(trace, "Timestamp", timezone.localtime(timezone.now()).strftime("%Y/%m/%d %H:%M:%S"))
    body = _sub(envelope, "edXMLBody")
    manifest = _sub(body, "edXMLManifest")
    manifest.set("version", "1.0")
    name = f"{document.number:02d}-{document.symbol}.pdf"
    reference = _sub(manifest, "Reference")
    _sub(reference, "ContentId", "cid:1")
    _sub(reference, "ContentType", "application/pdf")
    _sub(reference, "Description", document.summary[:255])
    _sub(reference, "AttachmentName", name)
    encoded = _sub(root, "AttachmentEncoded")
    attachment = _sub(encoded, "Attachment")
    _sub(attachment, "ContentId", "cid:1")
    _sub(attachment, "AttachmentName", name)
    _sub(attachment, "ContentType", "application/pdf")
    _sub(attachment, "ContentTransferEncoded", base64.b64encode(pdf).decode("ascii"))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


# --- reading ---------------------------------------------------------------------------------------
def _text(node: Any, path: str) -> str:
    found = node.find(path, {"e": NS})
    return " ".join((found.text or "").split()) if found is not None else ""


def _doc_type(type_name: str, notation: str) -> str | None:
    by_label = {str(label).lower(): value for value, label in DocType.choices}
    if type_name:
        return by_label.get(type_name.lower())
    prefix = notation.split("-", 1)[0]
    if prefix in DocType.values and "-" in notation:
        return prefix
    return None


def edxml_parse(data: bytes) -> Envelope:
    """Read and check an envelope; ``InvalidInput`` (code ``invalid_edxml``) lists what is wrong."""
    if not data:
        raise InvalidInput("Tệp gói tin edXML trống.", code="invalid_edxml")
    if len(data) > MAX_ENVELOPE:
        raise InvalidInput("Gói tin edXML lớn quá 30 MB.", code="invalid_edxml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        raise InvalidInput(
            f"Gói tin không phải XML hợp lệ (lỗi cú pháp ở dòng {line}, cột {column}).", code="invalid_edxml"
        ) from exc
    if root.getroottree().docinfo.doctype:
        raise InvalidInput("Gói tin edXML không được chứa khai báo DOCTYPE.", code="invalid_edxml")
    envelope = root if root.tag == E + "edXMLEnvelope" else root.find("e:edXMLEnvelope", {"e": NS})
    if envelope is None:
        raise InvalidInput(
            f"Không có phần tử edXMLEnvelope thuộc không gian tên {NS} (QCVN 102:2016).", code="invalid_edxml"
        )
    message = envelope.find("e:edXMLHeader/e:MessageHeader", {"e": NS})
    if message is None:
        raise InvalidInput("Gói tin thiếu edXMLHeader/MessageHeader.", code="invalid_edxml")
    values = {
        "From/OrganId": _text(message, "e:From/e:OrganId"),
        "From/OrganName": _text(message, "e:From/e:OrganName"),
        "Code/CodeNumber": _text(message, "e:Code/e:CodeNumber"),
        "Code/CodeNotation": _text(message, "e:Code/e:CodeNotation"),
        "PromulgationInfo/PromulgationDate": _text(message, "e:PromulgationInfo/e:PromulgationDate"),
        "Subject": _text(message, "e:Subject"),
    }
    errors = [f"thiếu {name}" for name, value in values.items() if not value]
    promulgation_date: dt.date | None = None
    if values["PromulgationInfo/PromulgationDate"]:
        try:
            year, month, day = values["PromulgationInfo/PromulgationDate"].split("/")
            if len(year) != 4 or len(month) != 2 or len(day) != 2:
                raise ValueError(values["PromulgationInfo/PromulgationDate"])
            promulgation_date = dt.date(int(year), int(month), int(day))
        except ValueError:
            errors.append("PromulgationDate phải có dạng yyyy/mm/dd")
    type_name = _text(message, "e:DocumentType/e:TypeName")
    doc_type = _doc_type(type_name, values["Code/CodeNotation"])
    if doc_type is None:
        errors.append(f"loại văn bản «{type_name or '(trống)'}» không có trong danh mục")
    if len(values["Subject"]) > services.SUMMARY_MAX:
        errors.append(f"Subject dài quá {services.SUMMARY_MAX} ký tự")
    attachment: bytes | None = None
    attachment_name = ""
    encoded = root.find("e:AttachmentEncoded/e:Attachment", {"e": NS})
    if encoded is None:
        encoded = root.find("AttachmentEncoded/Attachment")
    if encoded is not None:
        raw = encoded.find("e:ContentTransferEncoded", {"e": NS})
        attachment_name = _text(encoded, "e:AttachmentName") or " ".join(
            (encoded.findtext("AttachmentName") or "").split()
        )
        try:
            attachment = base64.b64decode((raw.text or "") if raw is not None else "", validate=True)
        except (binascii.Error, ValueError):
            errors.append("tệp đính kèm không phải base64 hợp lệ")
        else:
            if not attachment.startswith(b"%PDF-"):
                errors.append("tệp đính kèm không phải PDF")
    if errors:
        raise InvalidInput("Gói tin edXML không hợp lệ: " + "; ".join(errors) + ".", code="invalid_edxml")
    assert promulgation_date is not None and doc_type is not None
    return Envelope(
        from_code=values["From/OrganId"],
        from_name=values["From/OrganName"],
        to_code=_text(message, "e:To/e:OrganId"),
        code_number=values["Code/CodeNumber"],
        code_notation=values["Code/CodeNotation"],
        place=_text(message, "e:PromulgationInfo/e:Place"),
        promulgation_date=promulgation_date,
        doc_type=doc_type,
        subject=values["Subject"],
        signer_name=_text(message, "e:SignerInfo/e:FullName"),
        attachment_name=attachment_name,
        attachment=attachment,
    )


def edxml_import(
    *,
    actor: Any,
    agency: Agency,
    data: bytes,
    received_on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> IncomingDocument:
    """Register a received envelope in ``agency``'s incoming register (the document clerk)."""
    envelope = edxml_parse(data)
    agency = services.document_department(agency)
    if envelope.to_code and envelope.to_code != agency.code:
        raise InvalidInput(
            f"Gói tin gửi cho cơ quan mã {envelope.to_code}, không phải {agency.name} ({agency.code}).",
            code="wrong_recipient",
        )
    with transaction.atomic():
        duplicate = IncomingDocument.objects.filter(
            agency=agency,
            sender_code=envelope.from_code,
            original_number=envelope.number_symbol,
            original_date=envelope.promulgation_date,
        ).first()
        if duplicate is not None:
            raise Conflict(
                f"Văn bản {envelope.number_symbol} của {envelope.from_name} đã vào sổ "
                f"(số đến {duplicate.number}/{duplicate.year}).",
                code="already_registered",
            )
        return services.incoming_register(
            actor=actor,
            agency=agency,
            sender_name=envelope.from_name,
            sender_code=envelope.from_code[:20],
            original_number=envelope.number_symbol[:60],
            original_date=envelope.promulgation_date,
            doc_type=envelope.doc_type,
            summary=envelope.subject,
            received_on=received_on,
            channel=IncomingChannel.EDXML,
            file=envelope.attachment,
            note=f"Người ký: {envelope.signer_name}" if envelope.signer_name else "",
            at=at,
        )
