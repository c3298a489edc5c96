"""The demo agency tree, read from ``demo/data/agencies.json`` and written through ``org.services``."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from tinhso.core.errors import InvalidInput
from tinhso.geo.models import Unit
from tinhso.geo.selectors import valid_on_q
from tinhso.org.models import Agency
from tinhso.org.services import agency_create, agency_update

AGENCIES_FILE = Path(__file__).resolve().parent / "data" / "agencies.json"
_FIELDS = ("name", "short_name", "symbol", "kind", "address", "phone", "email", "order")


@dataclass
class AgenciesResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class _DryRun(Exception):
    pass


def load_agency_config(path: Path = AGENCIES_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def demo_agencies_load(
    *, actor: Any = None, path: Path = AGENCIES_FILE, dry_run: bool = False
) -> AgenciesResult:
    """Create the agencies of ``path`` that are missing and bring changed ones back to the file.

    Parents must come before their children in the file. Each agency's ``unit`` is the GSO code of its
    area, resolved to the unit row valid on ``units_on``; the administrative units must be loaded first
    (``tinhso geo load``). A second run reads two tables and writes nothing.
    """
    config = load_agency_config(path)
    result = AgenciesResult()
    try:
        with transaction.atomic():
            _load(actor=actor, config=config, result=result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _load(*, actor: Any, config: dict[str, Any], result: AgenciesResult) -> None:
    on = dt.date.fromisoformat(config["units_on"])
    unit_codes = {row["unit"] for row in config["agencies"] if row.get("unit")}
    units = {u.code: u for u in Unit.objects.filter(valid_on_q(on), code__in=unit_codes)}
    missing = sorted(unit_codes - set(units))
    if missing:
        raise InvalidInput(
            f"Chưa có đơn vị hành chính {', '.join(missing)} (hiệu lực {on:%d/%m/%Y}): "
            "hãy chạy “tinhso geo load” trước."
        )
    agencies = {a.code: a for a in Agency.objects.all()}
    for row in config["agencies"]:
        values: dict[str, Any] = {name: row.get(name, 0 if name == "order" else "") for name in _FIELDS}
        parent_code = row.get("parent")
        if parent_code and parent_code not in agencies:
            raise InvalidInput(
                f"Cơ quan cấp trên {parent_code} của {row['code']} phải đứng trước trong tệp cấu hình."
            )
        values["parent"] = agencies[parent_code] if parent_code else None
        values["unit"] = units[row["unit"]] if row.get("unit") else None
        current = agencies.get(row["code"])
        if current is None:
            agencies[row["code"]] = agency_create(actor=actor, code=row["code"], **values)
            result.created += 1
            continue
        differs = any(getattr(current, name) != values[name] for name in _FIELDS) or (
            current.parent_id != (values["parent"].pk if values["parent"] else None)
            or current.unit_id != (values["unit"].pk if values["unit"] else None)
        )
        if differs:
            agencies[row["code"]] = agency_update(actor=actor, agency=current, **values)
            result.updated += 1
        else:
            result.unchanged += 1
