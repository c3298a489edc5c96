"""Every write to administrative units and populations goes through these services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from tinhso.core.audit import audit_record
from tinhso.core.errors import InvalidInput
from tinhso.geo.dataset import Dataset, hau_giang_dataset
from tinhso.geo.models import Population, Unit

_UNIT_FIELDS = ("name", "kind", "level", "valid_to", "parent_id", "note")


@dataclass
class LoadResult:
    units_created: int = 0
    units_updated: int = 0
    units_unchanged: int = 0
    populations_created: int = 0
    populations_updated: int = 0
    dry_run: bool = False
    changed_codes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.units_created or self.units_updated or self.populations_created or self.populations_updated
        )


class _DryRun(Exception):
    pass


def units_load(*, actor: Any, dataset: Dataset | None = None, dry_run: bool = False) -> LoadResult:
    """Create or update the unit rows and populations of ``dataset`` (default: Hậu Giang 2015–2025).

    Idempotent: rows are matched by (code, valid_from); a second run changes nothing and issues only a
    few queries. Rows of the same codes that are not in the data set are left alone. With ``dry_run``
    everything is computed and written inside a transaction that is rolled back, so the counts are
    exactly what a real run would do.
    """
    dataset = dataset or hau_giang_dataset()
    result = LoadResult(dry_run=dry_run)
    try:
        with transaction.atomic():
            _units_load(actor=actor, dataset=dataset, result=result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _units_load(*, actor: Any, dataset: Dataset, result: LoadResult) -> None:
    codes = {row.code for row in dataset.units}
    existing: dict[tuple[str, dt.date], Unit] = {
        (u.code, u.valid_from): u for u in Unit.objects.filter(code__in=codes)
    }
    for level in sorted({row.level for row in dataset.units}):
        to_create: list[Unit] = []
        to_update: list[Unit] = []
        for row in (r for r in dataset.units if r.level == level):
            parent_id = existing[row.parent_key].pk if row.parent_key else None
            wanted = {
                "name": row.name,
                "kind": row.kind,
                "level": row.level,
                "valid_to": row.valid_to,
                "parent_id": parent_id,
                "note": row.note,
            }
            unit = existing.get(row.key)
            if unit is None:
                unit = Unit(code=row.code, valid_from=row.valid_from, **wanted)
                to_create.append(unit)
                result.changed_codes.append(row.code)
            elif any(getattr(unit, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(unit, k, v)
                to_update.append(unit)
                result.changed_codes.append(row.code)
            else:
                result.units_unchanged += 1
        if to_create:
            Unit.objects.bulk_create(to_create, batch_size=500)
            if any(u.pk is None for u in to_create):  # a backend that cannot return ids
                fetched = {
                    (u.code, u.valid_from): u for u in Unit.objects.filter(code__in=codes, level=level)
                }
                to_create = [fetched[(u.code, u.valid_from)] for u in to_create]
            for unit in to_create:
                existing[(unit.code, unit.valid_from)] = unit
        if to_update:
            Unit.objects.bulk_update(to_update, list(_UNIT_FIELDS), batch_size=500)
        result.units_created += len(to_create)
        result.units_updated += len(to_update)

    unit_ids = {key: unit.pk for key, unit in existing.items()}
    pops = {
        (p.unit_id, p.year): p
        for p in Population.objects.filter(unit_id__in=[unit_ids[p.unit_key] for p in dataset.populations])
    }
    pop_create: list[Population] = []
    pop_update: list[Population] = []
    for prow in dataset.populations:
        unit_id = unit_ids[prow.unit_key]
        current = pops.get((unit_id, prow.year))
        if current is None:
            pop_create.append(
                Population(unit_id=unit_id, year=prow.year, population=prow.population, source=prow.source)
            )
        elif (current.population, current.source) != (prow.population, prow.source):
            current.population, current.source = prow.population, prow.source
            pop_update.append(current)
    if pop_create:
        Population.objects.bulk_create(pop_create)
    if pop_update:
        Population.objects.bulk_update(pop_update, ["population", "source"])
    result.populations_created = len(pop_create)
    result.populations_updated = len(pop_update)

    if result.changed:
        audit_record(
            actor=actor,
            action="geo.units_load",
            object_type="geo.unit",
            object_id="dataset",
            after={
                "units_created": result.units_created,
                "units_updated": result.units_updated,
                "populations_created": result.populations_created,
                "populations_updated": result.populations_updated,
                "codes": sorted(set(result.changed_codes)),
            },
        )


@transaction.atomic
def population_set(*, actor: Any, unit: Unit, year: int, population: int, source: str = "") -> Population:
    """Record the population of ``unit`` in ``year`` (creates or replaces the figure)."""
    if population < 0:
        raise InvalidInput("Dân số không được âm.")
    if not 1900 <= year <= 2200:
        raise InvalidInput("Năm không hợp lệ.")
    row = Population.objects.select_for_update().filter(unit=unit, year=year).first()
    before = {"population": row.population, "source": row.source} if row else None
    if row is None:
        row = Population.objects.create(unit=unit, year=year, population=population, source=source)
    else:
        row.population, row.source = population, source
        row.save(update_fields=["population", "source"])
    audit_record(
        actor=actor,
        action="geo.population_set",
        obj=row,
        before=before,
        after={"unit": unit.code, "year": year, "population": population, "source": source},
    )
    return row


@transaction.atomic
def unit_update(
    *,
    actor: Any,
    unit: Unit,
    name: str | None = None,
    valid_to: dt.date | None = None,
    clear_valid_to: bool = False,
    note: str | None = None,
) -> Unit:
    """Correct a unit row: its name, note or end of validity (the admin uses this)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = {"name": unit.name, "valid_to": unit.valid_to, "note": unit.note}
    if name is not None:
        if not name.strip():
            raise InvalidInput("Tên đơn vị hành chính không được để trống.")
        unit.name = name.strip()
    if clear_valid_to:
        unit.valid_to = None
    elif valid_to is not None:
        if valid_to <= unit.valid_from:
            raise InvalidInput("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
        unit.valid_to = valid_to
    if note is not None:
        unit.note = note
    after = {"name": unit.name, "valid_to": unit.valid_to, "note": unit.note}
    if after != before:
        unit.save(update_fields=["name", "valid_to", "note"])
        audit_record(actor=actor, action="geo.unit_update", obj=unit, before=before, after=after)
    return unit
