"""Forms 02–06 of Circular 01/2018/TT-VPCP as PDFs, the generated result notice, and the register
(form 06) as an Excel workbook. Every PDF goes through ``pdf.render_pdf`` (DejaVu Serif, chosen
explicitly). Form 05 is read from the dossier's events, never from a separate table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from tinhso.core import worktime
from tinhso.onestop import pdf
from tinhso.onestop.models import Dossier, DossierEvent, DossierStatus, DossierStep, EventAction
from tinhso.org.models import Role

if TYPE_CHECKING:
    from tinhso.signing.pdf import Placement

HANDOFF_ACTIONS = (
    EventAction.RECEIVE,
    EventAction.FORWARD,
    EventAction.APPROVE,
    EventAction.REFUSE,
    EventAction.FINISH,
    EventAction.RETURN,
)


def _last_event(dossier: Dossier, action: str) -> DossierEvent | None:
    return (
        DossierEvent.objects.filter(dossier=dossier, action=action)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


def _base(dossier: Dossier, day: dt.date) -> dict[str, Any]:
    return {
        "dossier": dossier,
        "header": pdf.agency_header(dossier),
        "place_date": pdf.place_date(pdf.province_of(dossier), day),
    }


def _day(event: DossierEvent | None) -> dt.date:
    return timezone.localtime(event.at).date() if event else timezone.localdate()


def form02_pdf(dossier: Dossier) -> bytes:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: everything missing, listed at once."""
    event = _last_event(dossier, EventAction.REQUEST_SUPPLEMENT)
    if event is None:
        raise ValueError("Hồ sơ chưa có yêu cầu bổ sung.")
    context = _base(dossier, _day(event)) | {
        "items": list(event.data.get("items") or []),
        "reason": event.reason,
        "officer": event.actor_label,
        "officer_phone": dossier.agency.phone,
        "at": pdf.when(event.at),
        "stage": event.data.get("stage", ""),
    }
    return pdf.render_pdf("onestop/pdf/form02.html", context)


def form03_pdf(dossier: Dossier) -> bytes:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason."""
    event = _last_event(dossier, EventAction.REFUSE_RECEPTION)
    if event is None:
        raise ValueError("Hồ sơ chưa bị từ chối tiếp nhận.")
    context = _base(dossier, _day(event)) | {"reason": event.reason, "officer": event.actor_label}
    return pdf.render_pdf("onestop/pdf/form03.html", context)


def form04_pdf(dossier: Dossier) -> bytes:
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả: old date, reason, new date."""
    event = _last_event(dossier, EventAction.APOLOGIZE)
    if event is None:
        raise ValueError("Hồ sơ chưa có phiếu xin lỗi.")
    context = _base(dossier, _day(event)) | {
        "reason": event.reason,
        "officer": event.actor_label,
        "old": pdf.when(_parse(event.data.get("old_promised_at"))),
        "new": pdf.when(_parse(event.data.get("new_promised_at"))),
        "received_at": pdf.when(dossier.received_at),
    }
    return pdf.render_pdf("onestop/pdf/form04.html", context)


def _parse(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else None


@dataclass
class ControlRow:
    step: str
    giver: str
    giver_unit: str
    receiver: str
    receiver_unit: str
    at: dt.datetime
    due: dt.datetime | None
    result: str
    note: str


def control_rows(dossier: Dossier) -> list[ControlRow]:
    """The rows of form 05, one per hand-off event (reception, forward, decisions, result, return):
    who handed over, to whom, when, and whether the handing step finished early, on time or late
    against its own due time."""
    steps = list(
        DossierStep.objects.filter(dossier=dossier)
        .select_related("agency", "assignee", "finished_by")
        .order_by("started_at", "id")
    )
    following: dict[int, DossierStep | None] = {}
    for i, s in enumerate(steps):
        following[s.pk] = steps[i + 1] if i + 1 < len(steps) else None
    events = (
        DossierEvent.objects.filter(dossier=dossier, action__in=HANDOFF_ACTIONS)
        .select_related("step", "step__agency")
        .order_by("at", "id")
    )
    rows: list[ControlRow] = []
    for e in events:
        step = e.step
        if e.action == EventAction.RECEIVE and step is None:
            step_name, giver_unit, due = "Tiếp nhận hồ sơ", dossier.agency.name, None
        elif step is None:
            step_name, giver_unit, due = e.get_action_display(), dossier.agency.name, None
        else:
            step_name, giver_unit, due = step.name, step.agency.name, step.due_at
        if e.action == EventAction.RETURN:
            receiver, receiver_unit = dossier.applicant_name, "Tổ chức, cá nhân"
        else:
            nxt = following.get(step.pk) if step is not None else (steps[0] if steps else None)
            if nxt is None:
                receiver, receiver_unit = "", ""
            else:
                receiver = nxt.assignee.full_name if nxt.assignee else str(Role(nxt.role).label)
                receiver_unit = nxt.agency.name
        result = worktime.classify_finish(e.at, due).label if due else "Đúng hạn"
        rows.append(
            ControlRow(
                step=step_name,
                giver=e.actor_label,
                giver_unit=giver_unit,
                receiver=receiver,
                receiver_unit=receiver_unit,
                at=e.at,
                due=due,
                result=str(result),
                note=e.reason,
            )
        )
    return rows


def form05_pdf(dossier: Dossier) -> bytes:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ, from the events."""
    context = _base(dossier, timezone.localdate()) | {
        "rows": [{**r.__dict__, "at": pdf.when(r.at), "due": pdf.when(r.due)} for r in control_rows(dossier)],
        "received_at": pdf.when(dossier.received_at),
        "promised_at": pdf.when(dossier.promised_at),
    }
    return pdf.render_pdf("onestop/pdf/form05.html", context)


@dataclass(frozen=True)
class ResultSigner:
    """The signature block of a result (Decree 30): ``GIÁM ĐỐC`` alone, or ``KT. GIÁM ĐỐC`` over
    ``PHÓ GIÁM ĐỐC``, the place of the visible signature, then the signer's name."""

    name: str
    authority: str
    title: str = ""

    @classmethod
    def of(cls, name: str, role: str, title: str) -> ResultSigner:
        if role == Role.DEPUTY_DIRECTOR:
            deputy = (title or "Phó Giám đốc").removesuffix(" Sở").upper()
            return cls(name=name, authority="KT. GIÁM ĐỐC", title=deputy)
        return cls(name=name, authority=(title or "Giám đốc").removesuffix(" Sở").upper())


SIGNATURE_ANCHOR = "chu-ky"


def _result_context(dossier: Dossier, day: dt.date | None, signer: ResultSigner | None) -> dict[str, Any]:
    from tinhso.signing.appearance import LEADER_HEIGHT, LEADER_WIDTH

    approved = dossier.outcome == "approved"
    return _base(dossier, day or timezone.localdate()) | {
        "approved": approved,
        "title": "Thông báo kết quả giải quyết hồ sơ" if approved else "Thông báo từ chối giải quyết hồ sơ",
        "note": dossier.outcome_note,
        "version": dossier.procedure_version,
        "signer": signer,
        "anchor": SIGNATURE_ANCHOR,
        "sign_width_pt": f"{LEADER_WIDTH:.3f}",
        "sign_height_pt": f"{LEADER_HEIGHT:.3f}",
    }


def result_pdf(dossier: Dossier, *, day: dt.date | None = None) -> bytes:
    """The notice generated at «có kết quả» when no signed result exists (the final decision was not
    taken by a holder of a certificate): the approval notice (with the result type of the procedure)
    or the refusal letter with the reason, marked as drawn up by the system without a signature."""
    return pdf.render_pdf("onestop/pdf/result.html", _result_context(dossier, day, None))


def result_pdf_to_sign(dossier: Dossier, *, day: dt.date, signer: ResultSigner) -> tuple[bytes, Placement]:
    """The result of the final decision with the signer's block (Decree 30), and where the leader's
    visible signature goes: the place kept between the title and the name (``#chu-ky``,
    ``signing.appearance.LEADER_WIDTH`` × ``LEADER_HEIGHT``, room above and left for the agency's seal
    added at issue), read from WeasyPrint's layout."""
    content, placement = pdf.render_pdf_placing(
        "onestop/pdf/result.html", _result_context(dossier, day, signer), anchor=SIGNATURE_ANCHOR
    )
    if placement is None:  # pragma: no cover - the template always has the element with a signer
        raise RuntimeError("Mẫu kết quả thiếu chỗ ký (#chu-ky).")
    return content, placement


# --------------------------------------------------------------------------------------------------
# form 06: the register


def register_rows(dossiers: QuerySet[Dossier]) -> list[dict[str, Any]]:
    rows = []
    for i, d in enumerate(dossiers, start=1):
        rows.append(
            {
                "no": i,
                "code": d.code,
                "procedure": d.procedure.name,
                "applicant": d.applicant_name,
                "contact": ", ".join(x for x in (d.applicant_address, d.applicant_phone) if x),
                "channel": d.get_channel_display(),
                "received_at": timezone.localtime(d.received_at) if d.received_at else None,
                "promised_at": timezone.localtime(d.promised_at) if d.promised_at else None,
                "finished_at": timezone.localtime(d.finished_at) if d.finished_at else None,
                "returned_at": timezone.localtime(d.returned_at) if d.returned_at else None,
                "status": d.get_status_display(),
                "timeliness": (
                    worktime.classify_finish(d.finished_at, d.due_at).label
                    if d.finished_at and d.due_at
                    else ""
                ),
            }
        )
    return rows


REGISTER_HEADERS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Tên tổ chức, cá nhân",
    "Địa chỉ, số điện thoại",
    "Hình thức nộp",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Trạng thái",
    "Đánh giá thời hạn",
]


def _fmt(value: dt.datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


def register_pdf(
    *, title: str, agency_name: str, parent: str, period: str, rows: list[dict[str, Any]]
) -> bytes:
    context = {
        "header": {"parent": parent, "name": agency_name, "unit": "Bộ phận tiếp nhận và trả kết quả"},
        "place_date": "",
        "title": title,
        "period": period,
        "rows": [
            {**r, **{k: _fmt(r[k]) for k in ("received_at", "promised_at", "finished_at", "returned_at")}}
            for r in rows
        ],
    }
    return pdf.render_pdf("onestop/pdf/form06.html", context, page_size="A4 landscape")


def register_xlsx(*, title: str, period: str, rows: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "So theo doi"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([period])
    ws.append([])
    ws.append(REGISTER_HEADERS)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    date_cols = ("received_at", "promised_at", "finished_at", "returned_at")
    for r in rows:
        ws.append(
            [
                r["no"],
                r["code"],
                r["procedure"],
                r["applicant"],
                r["contact"],
                r["channel"],
                *[r[k].replace(tzinfo=None) if r[k] else None for k in date_cols],
                r["status"],
                str(r["timeliness"]),
            ]
        )
    for row in ws.iter_rows(min_row=5, min_col=7, max_col=10):
        for cell in row:
            cell.number_format = "DD/MM/YYYY HH:MM"
    for letter, width in zip("ABCDEFGHIJKL", (5, 26, 48, 28, 32, 14, 17, 17, 17, 17, 22, 14), strict=True):
        ws.column_dimensions[letter].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def is_closed(dossier: Dossier) -> bool:
    return dossier.status in (
        DossierStatus.RETURNED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.NOT_RECEIVED,
    )
