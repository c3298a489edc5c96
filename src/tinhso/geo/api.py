"""Administrative units over the API: ``GET /api/v1/geo/units?on=2016-06-30&level=3``."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from tinhso.core.errors import InvalidInput
from tinhso.geo.models import UnitKind, UnitLevel
from tinhso.geo.selectors import units_valid_on

router = Router(tags=["Đơn vị hành chính"])


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str
    level: int
    parent_code: str | None
    valid_from: dt.date
    valid_to: dt.date | None


@router.get("/units", response=list[UnitOut], summary="Đơn vị hành chính có hiệu lực tại một ngày")
def units(
    request: HttpRequest,
    on: dt.date | None = None,
    level: int | None = None,
    kind: str | None = None,
    parent_code: str | None = None,
) -> list[UnitOut]:
    if level is not None and level not in UnitLevel.values:
        raise InvalidInput("Cấp đơn vị hành chính phải là 1, 2 hoặc 3.")
    if kind is not None and kind not in UnitKind.values:
        raise InvalidInput("Loại đơn vị hành chính không hợp lệ.")
    rows = units_valid_on(on or timezone.localdate(), level=level, kind=kind, parent_code=parent_code)
    return [
        UnitOut(
            code=u.code,
            name=u.name,
            kind=u.kind,
            kind_label=u.get_kind_display(),
            level=u.level,
            parent_code=u.parent.code if u.parent else None,
            valid_from=u.valid_from,
            valid_to=u.valid_to,
        )
        for u in rows
    ]
