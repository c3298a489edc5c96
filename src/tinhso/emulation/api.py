"""Emulation and awards over the API (``/api/v1/emulation/…``)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from tinhso.api.fields import Year
from tinhso.backoffice.apiroutes import ERRORS, add_register_routes, get_or_404, resolve_foreign_keys
from tinhso.emulation import selectors, services
from tinhso.emulation.models import AwardDecision, Recipient

router = Router(tags=["Thi đua, khen thưởng"], auth=django_auth)
POLICY = services.POLICY

add_register_routes(
    router,
    path="/movements",
    writes=services.MOVEMENT_WRITES,
    label="phong trào thi đua",
    list_selector=selectors.movement_list,
    filters={"year": Year},
    create=services.movement_create,
)


class RecipientSchema(Schema):
    kind: str
    name: str
    position: str = ""
    agency_id: int | None = None


class DecisionOut(Schema):
    id: int
    number: str
    decided_on: dt.date
    year: int
    issuer: str
    form: str
    form_label: str
    emulation_year: int
    movement_id: int | None
    reason: str
    recipients: list[RecipientSchema]


class DecisionIn(Schema):
    number: str
    decided_on: dt.date
    issuer: str
    form: str
    emulation_year: Year
    movement_id: int | None = None
    reason: str = ""
    recipients: list[RecipientSchema]


class DecisionPatch(Schema):
    number: str | None = None
    decided_on: dt.date | None = None
    issuer: str | None = None
    form: str | None = None
    emulation_year: Year | None = None
    movement_id: int | None = None
    reason: str | None = None
    recipients: list[RecipientSchema] | None = None


def _out(d: AwardDecision) -> DecisionOut:
    return DecisionOut(
        id=d.pk,
        number=d.number,
        decided_on=d.decided_on,
        year=d.year,
        issuer=d.issuer,
        form=d.form,
        form_label=d.get_form_display(),
        emulation_year=d.emulation_year,
        movement_id=d.movement_id,
        reason=d.reason,
        recipients=[
            RecipientSchema(kind=r.kind, name=r.name, position=r.position, agency_id=r.agency_id)
            for r in d.recipients.all()
        ],
    )


def _recipients(rows: list[RecipientSchema]) -> list[services.RecipientInput]:
    out = []
    for r in rows:
        data = resolve_foreign_keys(Recipient, {"agency_id": r.agency_id})
        out.append(
            services.RecipientInput(kind=r.kind, name=r.name, position=r.position, agency=data["agency"])
        )
    return out


@router.get(
    "/decisions", response={200: list[DecisionOut], **ERRORS}, summary="Danh sách quyết định khen thưởng"
)
def decisions(
    request: HttpRequest,
    year: Year | None = None,
    form: str | None = None,
    emulation_year: Year | None = None,
) -> list[DecisionOut]:
    POLICY.ensure_read(request.user)
    return [
        _out(d) for d in selectors.award_decision_list(year=year, form=form, emulation_year=emulation_year)
    ]


@router.get(
    "/decisions/{item_id}", response={200: DecisionOut, **ERRORS}, summary="Xem quyết định khen thưởng"
)
def decision(request: HttpRequest, item_id: int) -> DecisionOut:
    POLICY.ensure_read(request.user)
    return _out(get_or_404(AwardDecision, item_id, "quyết định khen thưởng"))


@router.post("/decisions", response={201: DecisionOut, **ERRORS}, summary="Thêm quyết định khen thưởng")
def decision_create(request: HttpRequest, payload: DecisionIn) -> Status:
    POLICY.ensure_edit(request.user)
    data = resolve_foreign_keys(AwardDecision, payload.model_dump(exclude={"recipients"}))
    created = services.award_decision_create(
        actor=request.user, recipients=_recipients(payload.recipients), **data
    )
    return Status(201, _out(created))


@router.patch(
    "/decisions/{item_id}", response={200: DecisionOut, **ERRORS}, summary="Sửa quyết định khen thưởng"
)
def decision_update(request: HttpRequest, item_id: int, payload: DecisionPatch) -> DecisionOut:
    POLICY.ensure_edit(request.user)
    obj = get_or_404(AwardDecision, item_id, "quyết định khen thưởng")
    changes = resolve_foreign_keys(
        AwardDecision, payload.model_dump(exclude_unset=True, exclude={"recipients"})
    )
    recipients = _recipients(payload.recipients) if payload.recipients is not None else None
    return _out(
        services.award_decision_update(
            actor=request.user, decision=obj, changes=changes, recipients=recipients
        )
    )


@router.get("/summary/{year}", response={200: dict, **ERRORS}, summary="Khen thưởng theo năm thành tích")
def summary(request: HttpRequest, year: Year) -> dict[str, object]:
    POLICY.ensure_read(request.user)
    return selectors.awards_of_year(emulation_year=year)
