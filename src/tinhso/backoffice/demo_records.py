"""Demo records of the registers (activities, inspections, emulation): read from an app's
``data/demo.json`` and written through the app's create services by one idempotent loop.

A section of the data is a list of records or ``{"defaults": {…}, "rows": […]}``. A record holds the
model's field values as JSON (dates as ISO text, parsed by the model's fields; administrative units as
GSO codes, looked up on the record's start date); keys named in ``nested`` are not fields and are passed
to the create service as they are. A record whose natural key already exists is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.db import models

from tinhso.geo.models import Unit
from tinhso.geo.selectors import unit_valid_on

M = TypeVar("M", bound=models.Model)

# Field names, or a function of the parsed values giving the lookup (e.g. a number within its year).
NaturalKey = tuple[str, ...] | Callable[[dict[str, Any]], dict[str, Any]]


def demo_data(path: Path) -> dict[str, Any]:
    """The demo data file of an app."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def section_rows(section: Any) -> list[dict[str, Any]]:
    """The records of a section: a list, or ``{"defaults": {…}, "rows": […]}``."""
    if isinstance(section, list):
        return section
    return [{**section.get("defaults", {}), **row} for row in section["rows"]]


def unit_on(code: str, on: dt.date) -> Unit:
    """The administrative unit with GSO ``code`` valid on ``on``."""
    unit = unit_valid_on(code, on)
    if unit is None:
        raise LookupError(f"Chưa có đơn vị hành chính {code}: hãy nạp dữ liệu địa giới trước.")
    return unit


def row_values(
    model: type[models.Model], row: Mapping[str, Any], on: dt.date | str = "starts_on"
) -> dict[str, Any]:
    """The JSON values of ``row`` as the model's: dates parsed, units (GSO codes) looked up on ``on`` —
    a date, or the name of the record's date field (by default its start)."""
    fields = {f.name: f for f in model._meta.concrete_fields}
    out: dict[str, Any] = {}
    for name, value in row.items():
        f = fields[name]
        if not f.is_relation:
            out[name] = f.to_python(value)
    for name, value in row.items():
        f = fields[name]
        if f.is_relation:
            if f.related_model is not Unit:
                raise TypeError(f"{model.__name__}.{name}: only administrative units are looked up.")
            day = on if isinstance(on, dt.date) else out[on]
            out[name] = None if value is None else unit_on(str(value), day)
    return out


@dataclass
class Loaded(Generic[M]):
    """The records of one section, existing or new, in the order of the data."""

    records: list[M] = field(default_factory=list)
    created: int = 0
    skipped: int = 0


def records_ensure(
    *,
    actor: Any,
    model: type[M],
    rows: Iterable[Mapping[str, Any]],
    natural_key: NaturalKey,
    create: Callable[..., M],
    on: dt.date | str = "starts_on",
    nested: tuple[str, ...] = (),
) -> Loaded[M]:
    """Each row's record: the existing one with the same natural key, or a new one from
    ``create(actor=actor, **values, **nested values)``."""
    loaded: Loaded[M] = Loaded()
    for row in rows:
        values = row_values(model, {k: v for k, v in row.items() if k not in nested}, on)
        lookup = natural_key(values) if callable(natural_key) else {k: values[k] for k in natural_key}
        existing = model._default_manager.filter(**lookup).first()
        if existing is not None:
            loaded.records.append(existing)
            loaded.skipped += 1
            continue
        loaded.records.append(create(actor=actor, **values, **{k: row[k] for k in nested if k in row}))
        loaded.created += 1
    return loaded
