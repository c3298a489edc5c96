"""The set-top-box programme and criterion 8 over the API (``/api/v1/programs/…``). Staff session
required; the sector officer writes (households, duplicate reviews, imports, batches, stock,
deliveries, criterion-8 assessments and evidence), the director approves batches and reads everything —
the same services and checks as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from tinhso.api.fields import Year
from tinhso.api.pagination import MAX_OFFSET
from tinhso.core.errors import InvalidInput, NotAllowed, NotFound
from tinhso.geo.selectors import unit_valid_on
from tinhso.programs import selectors
from tinhso.programs.models import Batch, Criterion8Assessment, Criterion8Evidence, Household, HouseholdImport
from tinhso.programs.permissions import can_read_programs
from tinhso.programs.services import (
    batch_add_eligible,
    batch_approve,
    batch_close,
    batch_create,
    batch_start_delivery,
    c8_assess,
    c8_evidence_add,
    c8_evidence_delete,
    delivery_record,
    household_create,
    household_import_start,
    household_review,
    stock_receive,
)

router = Router(tags=["Hỗ trợ đầu thu DVB-T2, Tiêu chí số 8"], auth=django_auth)


def _read(request: HttpRequest) -> None:
    if not can_read_programs(request.user):
        raise NotAllowed("Bạn không có quyền xem dữ liệu chương trình.")


class HouseholdOut(Schema):
    id: int
    head_name: str
    citizen_id: str
    hamlet: str
    commune_code: str
    poverty: str
    list_year: int | None
    eligible: bool
    ineligible_reason: str
    review_status: str


class HouseholdIn(Schema):
    head_name: str
    citizen_id: str
    hamlet: str
    commune_code: str
    poverty: str
    list_year: Year | None = None
    has_analog_tv: bool = True
    has_receiver: bool = False
    pledge_signed: bool = False


class HouseholdImportOut(Schema):
    id: int
    status: str
    total_rows: int
    processed_rows: int
    percent: int
    created_count: int
    flagged_count: int
    ineligible_count: int
    error_count: int
    errors: list[dict[str, object]]
    message: str


class BatchOut(Schema):
    id: int
    number: int
    name: str
    year: int
    list_year: int
    status: str
    members: int
    delivered: int


class BatchIn(Schema):
    number: int = Field(..., ge=1, le=32767, description="Đợt số (1–32767)")
    name: str
    year: Year
    list_year: Year


class AddedOut(Schema):
    added: int


class ReviewIn(Schema):
    decision: str


class StockIn(Schema):
    commune_code: str
    quantity: int
    received_on: dt.date
    note: str = ""


class StockOut(Schema):
    id: int
    batch: int
    commune_code: str
    quantity: int
    received_on: dt.date


class EvidenceOut(Schema):
    id: int
    sub_criterion: str
    note: str
    file: str
    uploaded_at: dt.datetime


class C8RowOut(Schema):
    commune_code: str
    commune_name: str
    district_code: str
    year: int
    assessed: bool
    c81: bool | None
    c82: bool | None
    c83: bool | None
    c84: bool | None
    status: str | None
    note: str
    evidence: list[EvidenceOut]


class ApproveIn(Schema):
    decision: str = ""


class DeliveryIn(Schema):
    batch: int
    citizen_id: str
    serial: str
    receiver_name: str
    delivered_on: dt.date


class DeliveryOut(Schema):
    id: int
    serial: str
    batch: int
    household: int
    delivered_on: dt.date


class C8In(Schema):
    commune_code: str
    year: Year
    c81: bool
    c82: bool
    c83: bool
    c84: bool
    note: str = ""


class C8Out(Schema):
    commune_code: str
    year: int
    status: str


class C8SummaryOut(Schema):
    year: int
    communes: int
    met: int
    new: int
    rerecognised: int
    not_met: int
    not_assessed: int
    percent: float
    sentence: str


def _household(h: Household) -> HouseholdOut:
    return HouseholdOut(
        id=h.pk,
        head_name=h.head_name,
        citizen_id=h.citizen_id,
        hamlet=h.hamlet,
        commune_code=h.commune.code,
        poverty=h.poverty,
        list_year=h.list_year,
        eligible=h.eligible,
        ineligible_reason=h.ineligible_reason,
        review_status=h.review_status,
    )


def _import(r: HouseholdImport) -> HouseholdImportOut:
    return HouseholdImportOut(
        id=r.pk,
        status=r.status,
        total_rows=r.total_rows,
        processed_rows=r.processed_rows,
        percent=r.percent,
        created_count=r.created_count,
        flagged_count=r.flagged_count,
        ineligible_count=r.ineligible_count,
        error_count=r.error_count,
        errors=list(r.errors or []),
        message=r.message,
    )


HOUSEHOLD_PAGE_SIZE = 1000
# A page beyond the offset the lists allow made an offset SQLite cannot take (OverflowError, 500).
HouseholdPage = Annotated[
    int, Field(ge=1, le=MAX_OFFSET // HOUSEHOLD_PAGE_SIZE, description="Trang (1.000 hộ mỗi trang)")
]


@router.get("/households", response=list[HouseholdOut], summary="Sổ hộ gia đình (tối đa 1.000 hộ mỗi trang)")
def households(
    request: HttpRequest,
    q: str = "",
    district: str = "",
    commune: str = "",
    eligible: bool | None = None,
    review: str | None = None,
    page: HouseholdPage = 1,
) -> list[HouseholdOut]:
    _read(request)
    qs = selectors.household_list(q=q, district=district, commune=commune, eligible=eligible, review=review)
    start = (page - 1) * HOUSEHOLD_PAGE_SIZE
    return [_household(h) for h in qs[start : start + HOUSEHOLD_PAGE_SIZE]]


@router.post("/households", response={201: HouseholdOut}, summary="Thêm hộ; tự xét điều kiện và so trùng")
def households_create(request: HttpRequest, payload: HouseholdIn) -> Status[HouseholdOut]:
    on = dt.date(payload.list_year, 12, 31) if payload.list_year else timezone.localdate()
    commune = unit_valid_on(payload.commune_code, on)
    if commune is None:
        raise InvalidInput(f"Không có xã, phường, thị trấn mã “{payload.commune_code}”.")
    h = household_create(
        actor=request.user,
        head_name=payload.head_name,
        citizen_id=payload.citizen_id,
        hamlet=payload.hamlet,
        commune=commune,
        poverty=payload.poverty,
        list_year=payload.list_year,
        has_analog_tv=payload.has_analog_tv,
        has_receiver=payload.has_receiver,
        pledge_signed=payload.pledge_signed,
    )
    return Status(201, _household(h))


@router.post(
    "/households/import",
    response={202: HouseholdImportOut},
    summary="Nhập danh sách hộ (CSV/Excel) trong nền; theo dõi tiến độ ở /imports/{id}",
)
def households_import(request: HttpRequest, file: File[UploadedFile]) -> Status[HouseholdImportOut]:
    record = household_import_start(actor=request.user, upload=file)
    return Status(202, _import(record))


@router.get("/imports/{import_id}", response=HouseholdImportOut, summary="Tiến độ và kết quả một lần nhập")
def import_status(request: HttpRequest, import_id: int) -> HouseholdImportOut:
    _read(request)
    record = HouseholdImport.objects.filter(pk=import_id).first()
    if record is None:
        raise NotFound("Không có lần nhập này.")
    return _import(record)


def _batch_out(b: Batch) -> BatchOut:
    counted = selectors.batches().filter(pk=b.pk).first()
    return BatchOut(
        id=b.pk,
        number=b.number,
        name=b.name,
        year=b.year,
        list_year=b.list_year,
        status=b.status,
        members=getattr(counted, "member_count", 0),
        delivered=getattr(counted, "delivered_count", 0),
    )


def _batch(batch_id: int) -> Batch:
    batch = Batch.objects.filter(pk=batch_id).first()
    if batch is None:
        raise NotFound("Không có đợt này.")
    return batch


@router.post("/households/{household_id}/review", response=HouseholdOut, summary="Kết luận so trùng một hộ")
def households_review(request: HttpRequest, household_id: int, payload: ReviewIn) -> HouseholdOut:
    household = Household.objects.select_related("commune").filter(pk=household_id).first()
    if household is None:
        raise NotFound("Không có hộ này.")
    return _household(household_review(actor=request.user, household=household, decision=payload.decision))


@router.get("/batches", response=list[BatchOut], summary="Các đợt hỗ trợ")
def batches(request: HttpRequest) -> list[BatchOut]:
    _read(request)
    return [
        BatchOut(
            id=b.pk,
            number=b.number,
            name=b.name,
            year=b.year,
            list_year=b.list_year,
            status=b.status,
            members=getattr(b, "member_count", 0),
            delivered=getattr(b, "delivered_count", 0),
        )
        for b in selectors.batches()
    ]


@router.post("/batches", response={201: BatchOut}, summary="Tạo đợt hỗ trợ (dự thảo)")
def batches_create(request: HttpRequest, payload: BatchIn) -> Status[BatchOut]:
    batch = batch_create(
        actor=request.user,
        number=payload.number,
        name=payload.name,
        year=payload.year,
        list_year=payload.list_year,
    )
    return Status(201, _batch_out(batch))


@router.post(
    "/batches/{batch_id}/add-eligible",
    response=AddedOut,
    summary="Thêm vào danh sách dự thảo mọi hộ đủ điều kiện của năm danh sách",
)
def batches_add_eligible(request: HttpRequest, batch_id: int) -> AddedOut:
    return AddedOut(added=batch_add_eligible(actor=request.user, batch=_batch(batch_id)))


@router.post("/batches/{batch_id}/start", response=BatchOut, summary="Bắt đầu cấp phát (đợt đã phê duyệt)")
def batches_start(request: HttpRequest, batch_id: int) -> BatchOut:
    return _batch_out(batch_start_delivery(actor=request.user, batch=_batch(batch_id)))


@router.post("/batches/{batch_id}/close", response=BatchOut, summary="Kết thúc đợt")
def batches_close(request: HttpRequest, batch_id: int) -> BatchOut:
    return _batch_out(batch_close(actor=request.user, batch=_batch(batch_id)))


@router.post(
    "/batches/{batch_id}/stock", response={201: StockOut}, summary="Ghi nhận xã nhận đầu thu vào kho"
)
def batches_stock(request: HttpRequest, batch_id: int, payload: StockIn) -> Status[StockOut]:
    batch = _batch(batch_id)
    commune = unit_valid_on(payload.commune_code, payload.received_on)
    if commune is None:
        raise InvalidInput(f"Không có xã mã “{payload.commune_code}” vào ngày nhận.")
    receipt = stock_receive(
        actor=request.user,
        batch=batch,
        commune=commune,
        quantity=payload.quantity,
        received_on=payload.received_on,
        note=payload.note,
    )
    return Status(
        201,
        StockOut(
            id=receipt.pk,
            batch=batch.pk,
            commune_code=commune.code,
            quantity=receipt.quantity,
            received_on=receipt.received_on,
        ),
    )


@router.post("/batches/{batch_id}/approve", response=BatchOut, summary="Phê duyệt đợt (khóa danh sách hộ)")
def batches_approve(request: HttpRequest, batch_id: int, payload: ApproveIn) -> BatchOut:
    batch = Batch.objects.filter(pk=batch_id).first()
    if batch is None:
        raise NotFound("Không có đợt này.")
    return _batch_out(batch_approve(actor=request.user, batch=batch, decision=payload.decision))


@router.post("/deliveries", response={201: DeliveryOut}, summary="Ghi nhận giao đầu thu cho một hộ")
def deliveries_create(request: HttpRequest, payload: DeliveryIn) -> Status[DeliveryOut]:
    batch = Batch.objects.filter(pk=payload.batch).first()
    household = Household.objects.filter(citizen_id=payload.citizen_id).first()
    if batch is None or household is None:
        raise NotFound("Không có đợt hoặc hộ này.")
    d = delivery_record(
        actor=request.user,
        batch=batch,
        household=household,
        serial=payload.serial,
        receiver_name=payload.receiver_name,
        delivered_on=payload.delivered_on,
    )
    return Status(
        201,
        DeliveryOut(
            id=d.pk, serial=d.serial, batch=batch.pk, household=household.pk, delivered_on=d.delivered_on
        ),
    )


@router.post("/criterion8", response=C8Out, summary="Đánh giá Tiêu chí số 8 của một xã trong một năm")
def criterion8_assess(request: HttpRequest, payload: C8In) -> C8Out:
    commune = unit_valid_on(payload.commune_code, dt.date(payload.year, 12, 31))
    if commune is None:
        raise InvalidInput(f"Không có xã mã “{payload.commune_code}” trong năm {payload.year}.")
    a = c8_assess(
        actor=request.user,
        commune=commune,
        year=payload.year,
        c81=payload.c81,
        c82=payload.c82,
        c83=payload.c83,
        c84=payload.c84,
        note=payload.note,
    )
    return C8Out(commune_code=commune.code, year=a.year, status=a.status)


@router.get("/criterion8/summary", response=C8SummaryOut, summary="Tổng hợp Tiêu chí số 8 toàn tỉnh")
def criterion8_summary(request: HttpRequest, year: Year) -> C8SummaryOut:
    _read(request)
    s = selectors.c8_summary(year)
    return C8SummaryOut(
        year=year,
        communes=s.communes,
        met=s.met,
        new=s.new,
        rerecognised=s.rerecognised,
        not_met=s.not_met,
        not_assessed=s.not_assessed,
        percent=float(s.percent),
        sentence=s.sentence,
    )


def _evidence(e: Criterion8Evidence) -> EvidenceOut:
    return EvidenceOut(
        id=e.pk, sub_criterion=e.sub_criterion, note=e.note, file=e.file.name or "", uploaded_at=e.uploaded_at
    )


@router.get(
    "/criterion8",
    response=list[C8RowOut],
    summary="Tiêu chí số 8 của từng xã trong một năm, với minh chứng",
)
def criterion8_list(request: HttpRequest, year: Year, district: str = "", status: str = "") -> list[C8RowOut]:
    _read(request)
    return [
        C8RowOut(
            commune_code=c.code,
            commune_name=c.name,
            district_code=c.parent.code if c.parent else "",
            year=year,
            assessed=a is not None,
            c81=a.c81 if a else None,
            c82=a.c82 if a else None,
            c83=a.c83 if a else None,
            c84=a.c84 if a else None,
            status=a.status if a else None,
            note=a.note if a else "",
            evidence=[_evidence(e) for e in a.evidence.all()] if a else [],
        )
        for c, a in selectors.c8_rows(year, district=district, status=status)
    ]


@router.post(
    "/criterion8/{commune_code}/{year}/evidence",
    response={201: EvidenceOut},
    summary="Thêm minh chứng (mô tả và/hoặc tệp) cho đánh giá Tiêu chí số 8 của một xã",
)
def criterion8_evidence_add(
    request: HttpRequest,
    commune_code: str,
    year: Year,
    sub_criterion: Form[str],
    note: Form[str] = "",
    file: File[UploadedFile | None] = None,
) -> Status[EvidenceOut]:
    assessment = Criterion8Assessment.objects.filter(commune__code=commune_code, year=year).first()
    if assessment is None:
        raise NotFound(f"Xã mã “{commune_code}” chưa được đánh giá Tiêu chí số 8 năm {year}.")
    evidence = c8_evidence_add(
        actor=request.user, assessment=assessment, sub_criterion=sub_criterion, note=note, upload=file
    )
    return Status(201, _evidence(evidence))


@router.delete(
    "/criterion8/evidence/{evidence_id}", response={204: None}, summary="Xóa một minh chứng Tiêu chí số 8"
)
def criterion8_evidence_delete(request: HttpRequest, evidence_id: int) -> Status[None]:
    evidence = Criterion8Evidence.objects.filter(pk=evidence_id).first()
    if evidence is None:
        raise NotFound("Không có minh chứng này.")
    c8_evidence_delete(actor=request.user, evidence=evidence)
    return Status(204, None)
