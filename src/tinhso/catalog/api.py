"""Procedure catalogue API: list with accent-insensitive search and filters, detail."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tinhso.api.pagination import Paging
from tinhso.catalog import selectors
from tinhso.catalog.models import Procedure
from tinhso.core.errors import NotFound

router = Router(tags=["Thủ tục hành chính"])


class DomainOut(Schema):
    code: str
    name: str


class DomainWithCount(DomainOut):
    procedure_count: int = Field(
        description="Số thủ tục đang áp dụng; 0: lĩnh vực không có thủ tục thuộc thẩm quyền của Sở."
    )


class ProcedureListItem(Schema):
    national_code: str
    code_verified: bool = Field(
        description="true: mã đã đối chiếu với một trang công khai (code_source); false: mã chưa đối chiếu"
    )
    name: str
    domain: DomainOut
    agency_code: str
    agency_name: str
    duration_days: int
    fee: int
    online_level: int
    online_class: str


class FormFieldOut(Schema):
    name: str
    label: str
    type: str
    required: bool
    choices: list[str] | None = None


class DocumentOut(Schema):
    order: int
    name: str
    form: str
    form_label: str
    copies: int
    required: bool
    template_name: str
    template_url: str | None


class ProcessStepOut(Schema):
    order: int
    name: str
    role: str
    role_label: str
    agency_code: str | None
    hours: int


class ProcedureDetailOut(Schema):
    national_code: str
    code_verified: bool
    code_source: str | None = Field(
        description="trang công khai ghi mã này cùng tên thủ tục; null: chưa đối chiếu"
    )
    code_note: str
    name: str
    domain: DomainOut
    agency_code: str
    agency_name: str
    effective_from: dt.date
    legal_basis: str
    duration_days: int
    fee: int
    fee_description: str
    result_type: str
    applicant: str
    online_level: int
    online_class: str
    form_fields: list[FormFieldOut]
    documents: list[DocumentOut]
    steps: list[ProcessStepOut]


class ProcedureFilter(Schema):
    q: str | None = None
    domain: str | None = None
    agency: str | None = None
    online_level: int | None = None
    online_class: str | None = None


@router.get("/domains", response=list[DomainWithCount], summary="Danh sách lĩnh vực")
def domain_list(request: HttpRequest) -> list[DomainWithCount]:
    return [
        DomainWithCount(code=d.code, name=d.name, procedure_count=getattr(d, "procedure_count", 0))
        for d in selectors.domain_list()
    ]


@router.get("", response=list[ProcedureListItem], summary="Tra cứu thủ tục hành chính")
@paginate(Paging)
def procedure_list(request: HttpRequest, filters: Query[ProcedureFilter]) -> list[ProcedureListItem]:
    """Tìm không phân biệt dấu (``giay phep in`` tìm thấy «Giấy phép in»); lọc theo lĩnh vực, cơ quan,
    mức độ."""
    return _ListRows(  # type: ignore[return-value]
        selectors.procedure_list(
            q=filters.q,
            domain=filters.domain,
            agency=filters.agency,
            online_level=filters.online_level,
            online_class=filters.online_class,
        )
    )


class _ListRows:
    """A lazy list for the paginator: slices the queryset, then loads the versions of the page at once."""

    def __init__(self, qs: object) -> None:
        self.qs = qs

    def count(self) -> int:
        return self.qs.count()  # type: ignore[attr-defined,no-any-return]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[ProcedureListItem]:
        rows: list[Procedure] = list(self.qs[item])  # type: ignore[index]
        versions = selectors.versions_by_id([p.current_version_id for p in rows])  # type: ignore[attr-defined]
        out = []
        for p in rows:
            v = versions[p.current_version_id]  # type: ignore[attr-defined]
            out.append(
                ProcedureListItem(
                    national_code=p.national_code,
                    code_verified=p.code_verified,
                    name=p.name,
                    domain=DomainOut(code=p.domain.code, name=p.domain.name),
                    agency_code=p.agency.code,
                    agency_name=p.agency.name,
                    duration_days=v.duration_days,
                    fee=v.fee,
                    online_level=v.online_level,
                    online_class=v.online_class,
                )
            )
        return out


@router.get("/{national_code}", response=ProcedureDetailOut, summary="Chi tiết thủ tục hành chính")
def procedure_detail(request: HttpRequest, national_code: str) -> ProcedureDetailOut:
    detail = selectors.procedure_detail(national_code=national_code)
    if detail is None:
        raise NotFound(f"Không tìm thấy thủ tục mã {national_code}.")
    p, v = detail.procedure, detail.version
    return ProcedureDetailOut(
        national_code=p.national_code,
        code_verified=p.code_verified,
        code_source=p.code_source or None,
        code_note=p.code_note,
        name=p.name,
        domain=DomainOut(code=p.domain.code, name=p.domain.name),
        agency_code=p.agency.code,
        agency_name=p.agency.name,
        effective_from=v.effective_from,
        legal_basis=v.legal_basis,
        duration_days=v.duration_days,
        fee=v.fee,
        fee_description=v.fee_description,
        result_type=v.result_type,
        applicant=v.applicant,
        online_level=v.online_level,
        online_class=v.online_class,
        form_fields=[FormFieldOut(**f) for f in v.form_fields],
        documents=[
            DocumentOut(
                order=d.order,
                name=d.name,
                form=d.form,
                form_label=d.get_form_display(),
                copies=d.copies,
                required=d.required,
                template_name=d.template_name,
                template_url=d.template.url if d.template else None,
            )
            for d in detail.documents
        ],
        steps=[
            ProcessStepOut(
                order=s.order,
                name=s.name,
                role=s.role,
                role_label=s.get_role_display(),
                agency_code=s.agency.code if s.agency else None,
                hours=s.hours,
            )
            for s in detail.steps
        ],
    )
