"""The demo catalogue: real procedures of a provincial Department of Information and Communications.

``catalog_load_demo`` reads ``data/procedures_hau_giang.json`` and creates what is missing through the
catalogue services; running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from tinhso.catalog.models import Domain, Procedure, ProcedureVersion
from tinhso.catalog.services import (
    domain_create,
    procedure_create,
    procedure_update,
    procedure_version_create,
)
from tinhso.core.errors import InvalidInput
from tinhso.org.models import Agency

DEMO_FILE = Path(__file__).resolve().parent / "data" / "procedures_hau_giang.json"


@dataclass
class LoadResult:
    domains: int = 0
    procedures: int = 0
    versions: int = 0


def demo_catalog_data(path: Path = DEMO_FILE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _agency(code: str, cache: dict[str, Agency]) -> Agency:
    if code not in cache:
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise InvalidInput(
                f"Chưa có cơ quan mã {code}. Hãy nạp dữ liệu cơ quan, đơn vị (tinhso demo) trước.",
                code="missing_agency",
            )
        cache[code] = agency
    return cache[code]


def _demo_procedure(item: dict[str, Any]) -> Procedure | None:
    """The procedure already loaded for a demo item: by its code, else by one of its ``former_codes``
    with the same name (a database loaded before the code was corrected), so that a reload does not
    add the procedure a second time under its new code."""
    by_code = Procedure.objects.filter(national_code=item["national_code"]).first()
    if by_code is not None and by_code.name == item["name"]:
        return by_code
    former = item.get("former_codes", [])
    if not former:
        return by_code
    earlier = Procedure.objects.filter(national_code__in=former, name=item["name"]).first()
    return earlier or by_code


@transaction.atomic
def catalog_load_demo(*, actor: Any = None, path: Path = DEMO_FILE, dry_run: bool = False) -> LoadResult:
    """Create the demo domains, procedures and versions that do not exist yet. Idempotent."""
    data = demo_catalog_data(path)
    result = LoadResult()
    agencies: dict[str, Agency] = {}
    domains = {d.code: d for d in Domain.objects.all()}
    for item in data["domains"]:
        if item["code"] not in domains:
            domains[item["code"]] = domain_create(
                actor=actor, code=item["code"], name=item["name"], order=item.get("order", 0)
            )
            result.domains += 1
    for order, item in enumerate(data["procedures"], start=1):
        procedure = _demo_procedure(item)
        if procedure is None:
            procedure = procedure_create(
                actor=actor,
                national_code=item["national_code"],
                name=item["name"],
                domain=domains[item["domain"]],
                agency=_agency(item["agency"], agencies),
                order=order,
                code_source=item.get("code_source", ""),
                code_note=item.get("code_note", ""),
            )
            result.procedures += 1
        elif (procedure.code_source, procedure.code_note) != (
            item.get("code_source", ""),
            item.get("code_note", ""),
        ):
            procedure_update(
                actor=actor,
                procedure=procedure,
                code_source=item.get("code_source", ""),
                code_note=item.get("code_note", ""),
            )
        existing = set(
            ProcedureVersion.objects.filter(procedure=procedure).values_list("effective_from", flat=True)
        )
        for v in item["versions"]:
            effective_from = dt.date.fromisoformat(v["effective_from"])
            if effective_from in existing:
                continue
            procedure_version_create(
                actor=actor,
                procedure=procedure,
                effective_from=effective_from,
                legal_basis=v["legal_basis"],
                duration_days=v["duration_days"],
                result_type=v["result_type"],
                online_level=v["online_level"],
                online_class=v["online_class"],
                fee=v.get("fee", 0),
                fee_description=v.get("fee_description", ""),
                applicant=v.get("applicant", ""),
                form_fields=v.get("form_fields", []),
                documents=v["documents"],
                steps=[
                    {
                        "name": s["name"],
                        "role": s["role"],
                        "hours": s["hours"],
                        "agency": _agency(s["agency"], agencies) if s.get("agency") else None,
                    }
                    for s in v["steps"]
                ],
            )
            result.versions += 1
    if dry_run:
        transaction.set_rollback(True)
    return result
