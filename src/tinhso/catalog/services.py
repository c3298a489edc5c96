"""Every write to the procedure catalogue goes through these services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from tinhso.catalog.models import (
    DocumentForm,
    Domain,
    OnlineClass,
    Procedure,
    ProcedureDocument,
    ProcedureVersion,
    ProcessStep,
)
from tinhso.core.audit import audit_record
from tinhso.core.errors import InvalidInput
from tinhso.core.vntext import search_text
from tinhso.org.models import Agency, Role

FIELD_TYPES = {"text", "textarea", "number", "date", "email", "phone", "select"}


class DocumentSpec(TypedDict, total=False):
    name: str
    form: str
    copies: int
    required: bool
    template_name: str


class StepSpec(TypedDict, total=False):
    name: str
    role: str
    hours: int
    agency: Agency | None


def procedure_search_text(*, national_code: str, name: str, domain_name: str) -> str:
    return search_text(national_code, name, domain_name)


def validate_form_fields(fields: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check the e-form field list: unique names, a label, a known type, a boolean ``required``."""
    seen: set[str] = set()
    clean: list[dict[str, Any]] = []
    for i, field in enumerate(fields, start=1):
        name = str(field.get("name", "")).strip()
        label = str(field.get("label", "")).strip()
        kind = field.get("type", "text")
        if not name or not name.isidentifier():
            raise InvalidInput(f"Trường thứ {i} của tờ khai cần tên hợp lệ (chữ không dấu, số, gạch dưới).")
        if name in seen:
            raise InvalidInput(f"Tên trường «{name}» của tờ khai bị trùng.")
        if not label:
            raise InvalidInput(f"Trường «{name}» của tờ khai cần nhãn hiển thị.")
        if kind not in FIELD_TYPES:
            raise InvalidInput(f"Kiểu «{kind}» của trường «{name}» không được hỗ trợ.")
        seen.add(name)
        item: dict[str, Any] = {
            "name": name,
            "label": label,
            "type": kind,
            "required": bool(field.get("required")),
        }
        if kind == "select":
            choices = field.get("choices") or []
            if not choices:
                raise InvalidInput(f"Trường chọn «{name}» cần danh sách lựa chọn.")
            item["choices"] = [str(c) for c in choices]
        clean.append(item)
    return clean


def validate_steps(*, duration_days: int, steps: Sequence[StepSpec]) -> None:
    """The internal process must have steps whose working hours add up to the legal duration × 8."""
    if not steps:
        raise InvalidInput("Quy trình nội bộ cần ít nhất một bước.")
    for i, step in enumerate(steps, start=1):
        if step.get("role") not in Role.values:
            raise InvalidInput(f"Bước {i} của quy trình có vai trò không hợp lệ: {step.get('role')!r}.")
        if int(step.get("hours", 0)) < 1:
            raise InvalidInput(f"Bước {i} của quy trình cần ít nhất 1 giờ làm việc.")
    total = sum(int(s["hours"]) for s in steps)
    if total != duration_days * 8:
        raise InvalidInput(
            f"Tổng thời gian các bước của quy trình ({total} giờ) phải bằng thời hạn giải quyết "
            f"{duration_days} ngày làm việc × 8 = {duration_days * 8} giờ."
        )


@transaction.atomic
def domain_create(*, actor: Any, code: str, name: str, order: int = 0) -> Domain:
    domain = Domain.objects.create(code=code, name=name, order=order)
    audit_record(actor=actor, action="catalog.domain.create", obj=domain, after={"code": code, "name": name})
    return domain


def _code_source(url: str) -> str:
    """A source for the national code is a public http(s) page, or nothing (code not verified)."""
    url = url.strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InvalidInput(
            f"Nguồn đối chiếu mã thủ tục phải là địa chỉ trang web (http hoặc https): {url[:100]}",
            code="invalid_code_source",
        ) from None
    return url


@transaction.atomic
def procedure_create(
    *,
    actor: Any,
    national_code: str,
    name: str,
    domain: Domain,
    agency: Agency,
    order: int = 0,
    code_source: str = "",
    code_note: str = "",
) -> Procedure:
    national_code = national_code.strip()
    if Procedure.objects.filter(national_code=national_code).exists():
        raise InvalidInput(f"Mã thủ tục {national_code} đã có trong danh mục.", code="duplicate")
    procedure = Procedure.objects.create(
        national_code=national_code,
        code_source=_code_source(code_source),
        code_note=code_note.strip(),
        name=name.strip(),
        domain=domain,
        agency=agency,
        order=order,
        search_text=procedure_search_text(national_code=national_code, name=name, domain_name=domain.name),
    )
    audit_record(
        actor=actor,
        action="catalog.procedure.create",
        obj=procedure,
        after={
            "national_code": national_code,
            "code_source": procedure.code_source,
            "name": procedure.name,
            "domain": domain.code,
            "agency": agency.code,
        },
    )
    return procedure


@transaction.atomic
def procedure_update(
    *,
    actor: Any,
    procedure: Procedure,
    name: str | None = None,
    domain: Domain | None = None,
    agency: Agency | None = None,
    is_active: bool | None = None,
    code_source: str | None = None,
    code_note: str | None = None,
) -> Procedure:
    procedure = Procedure.objects.select_for_update().select_related("domain").get(pk=procedure.pk)
    fields = {
        "name": "name",
        "domain": "domain_id",
        "agency": "agency_id",
        "is_active": "is_active",
        "code_source": "code_source",
        "code_note": "code_note",
    }
    before = {key: getattr(procedure, attr) for key, attr in fields.items()}
    if code_source is not None:
        procedure.code_source = _code_source(code_source)
    if code_note is not None:
        procedure.code_note = code_note.strip()
    if name is not None:
        procedure.name = name.strip()
    if domain is not None:
        procedure.domain = domain
    if agency is not None:
        procedure.agency = agency
    if is_active is not None:
        procedure.is_active = is_active
    procedure.search_text = procedure_search_text(
        national_code=procedure.national_code, name=procedure.name, domain_name=procedure.domain.name
    )
    procedure.save(
        update_fields=["name", "domain", "agency", "is_active", "search_text", "code_source", "code_note"]
    )
    after = {key: getattr(procedure, attr) for key, attr in fields.items()}
    audit_record(actor=actor, action="catalog.procedure.update", obj=procedure, before=before, after=after)
    return procedure


@transaction.atomic
def procedure_version_create(
    *,
    actor: Any,
    procedure: Procedure,
    effective_from: dt.date,
    legal_basis: str,
    duration_days: int,
    result_type: str,
    online_level: int,
    online_class: str,
    documents: Sequence[DocumentSpec],
    steps: Sequence[StepSpec],
    fee: int = 0,
    fee_description: str = "",
    applicant: str = "",
    form_fields: Sequence[dict[str, Any]] = (),
    note: str = "",
) -> ProcedureVersion:
    """Create a version with its documents and internal process, all valid or nothing saved."""
    if duration_days < 1:
        raise InvalidInput("Thời hạn giải quyết phải từ 1 ngày làm việc trở lên.")
    if online_level not in (1, 2, 3, 4):
        raise InvalidInput("Mức độ dịch vụ công trực tuyến phải từ 1 đến 4.")
    if online_class not in OnlineClass.values:
        raise InvalidInput("Loại dịch vụ công trực tuyến phải là toàn trình hoặc một phần.")
    if fee < 0:
        raise InvalidInput("Phí, lệ phí không được âm.")
    if not documents:
        raise InvalidInput("Thủ tục cần ít nhất một thành phần hồ sơ.")
    validate_steps(duration_days=duration_days, steps=steps)
    fields = validate_form_fields(form_fields)
    if ProcedureVersion.objects.filter(procedure=procedure, effective_from=effective_from).exists():
        raise InvalidInput(
            f"Thủ tục {procedure.national_code} đã có phiên bản áp dụng từ ngày {effective_from:%d/%m/%Y}.",
            code="duplicate",
        )
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        effective_from=effective_from,
        legal_basis=legal_basis,
        duration_days=duration_days,
        fee=fee,
        fee_description=fee_description,
        result_type=result_type,
        applicant=applicant,
        online_level=online_level,
        online_class=online_class,
        form_fields=fields,
        note=note,
    )
    for i, doc in enumerate(documents, start=1):
        form = doc.get("form", DocumentForm.ORIGINAL)
        if form not in DocumentForm.values:
            raise InvalidInput(f"Hình thức giấy tờ không hợp lệ: {form!r}.")
        if int(doc.get("copies", 1)) < 1:
            raise InvalidInput(f"Số bản của giấy tờ «{doc['name']}» phải từ 1 trở lên.")
        ProcedureDocument.objects.create(
            version=version,
            order=i,
            name=doc["name"],
            form=form,
            copies=int(doc.get("copies", 1)),
            required=bool(doc.get("required", True)),
            template_name=doc.get("template_name", ""),
        )
    for i, step in enumerate(steps, start=1):
        ProcessStep.objects.create(
            version=version,
            order=i,
            name=step["name"],
            role=step["role"],
            hours=int(step["hours"]),
            agency=step.get("agency"),
        )
    audit_record(
        actor=actor,
        action="catalog.version.create",
        obj=version,
        after={
            "procedure": procedure.national_code,
            "effective_from": effective_from,
            "duration_days": duration_days,
            "fee": fee,
            "online_level": online_level,
            "online_class": online_class,
            "documents": len(documents),
            "steps": len(steps),
        },
    )
    return version
