"""Agencies over the API: ``GET /api/v1/org/agencies`` and ``GET /api/v1/org/agencies/{code}``."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from tinhso.core.errors import NotFound
from tinhso.org.models import Agency
from tinhso.org.selectors import agency_by_code, agency_tree

router = Router(tags=["Cơ quan, đơn vị"])


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_code: str | None
    depth: int | None = None


def _out(agency: Agency, parent_code: str | None, depth: int | None = None) -> AgencyOut:
    return AgencyOut(
        code=agency.code,
        name=agency.name,
        short_name=agency.short_name,
        kind=agency.kind,
        kind_label=agency.get_kind_display(),
        parent_code=parent_code,
        depth=depth,
    )


@router.get("/agencies", response=list[AgencyOut], summary="Danh sách cơ quan, đơn vị (theo cây)")
def agencies(request: HttpRequest) -> list[AgencyOut]:
    tree = agency_tree()
    codes = {a.pk: a.code for _, a in tree}
    return [
        _out(a, codes.get(a.parent_id) if a.parent_id else None, depth) for depth, a in tree if a.is_active
    ]


@router.get("/agencies/{code}", response=AgencyOut, summary="Một cơ quan, đơn vị theo mã định danh")
def agency(request: HttpRequest, code: str) -> AgencyOut:
    found = agency_by_code(code)
    if found is None:
        raise NotFound(f"Không tìm thấy cơ quan có mã {code}.")
    return _out(found, found.parent.code if found.parent else None)
