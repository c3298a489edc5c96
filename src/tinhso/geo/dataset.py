"""The Hậu Giang data set turned into unit rows with validity dates (pure data, no database).

The source is the GSO snapshot of 01/12/2019 (``data/hau-giang-units-2019.json``) plus
``data/hau-giang-history.json``, which records the changes around the snapshot:

* Xã Vĩnh Viễn → Thị trấn Vĩnh Viễn (2019), Thị xã Ngã Bảy → Thành phố Ngã Bảy and Xã Hiệp Lợi →
  Phường Hiệp Lợi (2020), each with the resolution that made it;
* 1 July 2025: the district level is abolished and Hậu Giang is merged into Cần Thơ. Every Hậu Giang
  row ends then (``valid_to`` 2025-07-01) and a row for the merged Thành phố Cần Thơ (code 92) starts.
  The new communes/wards of Cần Thơ formed by the 2025 commune-level merger are **not** modelled: the
  data set does not contain them, and they are not invented here.

How parents work: a row's parent is the row of the parent unit valid over the whole life of the child
row. When a parent changes (Ngã Bảy becomes a city on 01/02/2020) every child gets a new row from the
same date too, pointing to the new parent row. So ``parent`` is an ordinary foreign key, and on any date
D the units valid on D form a tree of rows that are all valid on D.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tinhso.geo.models import UnitLevel

DATA_DIR = Path(__file__).resolve().parent / "data"
HISTORY_FILE = DATA_DIR / "hau-giang-history.json"
BOUNDARIES_FILE = DATA_DIR / "hau-giang-districts.geojson"


@dataclass(frozen=True)
class UnitRow:
    """One desired row: a unit in one period of validity."""

    code: str
    name: str
    kind: str
    level: int
    valid_from: dt.date
    valid_to: dt.date | None
    parent_key: tuple[str, dt.date] | None  # (code, valid_from) of the parent row
    note: str = ""

    @property
    def key(self) -> tuple[str, dt.date]:
        return (self.code, self.valid_from)


@dataclass(frozen=True)
class PopulationRow:
    unit_key: tuple[str, dt.date]
    year: int
    population: int
    source: str


@dataclass(frozen=True)
class Dataset:
    units: list[UnitRow]
    populations: list[PopulationRow]


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _segments(*, start: dt.date, end: dt.date, breaks: set[dt.date]) -> list[tuple[dt.date, dt.date]]:
    points = sorted({start, end, *(b for b in breaks if start < b < end)})
    return list(itertools.pairwise(points))


def _state_on(
    *, code: str, name: str, kind: str, on: dt.date, snapshot: dt.date, changes: list[dict[str, Any]]
) -> tuple[str, str, str]:
    """Name, kind and the resolution that gave them, for the unit ``code`` on ``on``."""
    note = ""
    for change in changes:
        if change["code"] != code:
            continue
        change_on = _date(change["on"])
        if change_on <= snapshot and on < change_on:
            name, kind = change["before"]["name"], change["before"]["kind"]
        elif change_on > snapshot and on >= change_on:
            name, kind = change["after"]["name"], change["after"]["kind"]
        if on >= change_on:
            note = change["source"]
    return name, kind, note


def load_history(path: Path = HISTORY_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@cache
def hau_giang_dataset() -> Dataset:
    """Every row of the Hậu Giang history, parents before children."""
    history = load_history()
    with (DATA_DIR / history["units_file"]).open(encoding="utf-8") as fh:
        snapshot_data = json.load(fh)
    kinds: dict[str, str] = history["kind_labels"]
    fixes: dict[str, str] = history["name_fixes"]
    snapshot = _date(history["snapshot_date"])
    start = _date(history["record_start"])
    end = _date(history["end"]["on"])
    changes: list[dict[str, Any]] = history["changes"]
    change_dates: dict[str, set[dt.date]] = {}
    for change in changes:
        change_dates.setdefault(change["code"], set()).add(_date(change["on"]))

    province = snapshot_data["province"]
    province_row = UnitRow(
        code=province["level1_id"],
        name=province["name"],
        kind=kinds[province["type"]],
        level=UnitLevel.PROVINCE,
        valid_from=_date(history["province"]["valid_from"]),
        valid_to=end,
        parent_key=None,
        note=history["province"]["note"],
    )
    rows: list[UnitRow] = [province_row]
    children: list[UnitRow] = []
    for district in province["level2s"]:
        d_code = district["level2_id"]
        d_breaks = change_dates.get(d_code, set())
        d_rows: list[UnitRow] = []
        for seg_from, seg_to in _segments(start=start, end=end, breaks=d_breaks):
            name, kind, note = _state_on(
                code=d_code,
                name=fixes.get(d_code, district["name"]),
                kind=kinds[district["type"]],
                on=seg_from,
                snapshot=snapshot,
                changes=changes,
            )
            d_rows.append(
                UnitRow(
                    code=d_code,
                    name=name,
                    kind=kind,
                    level=UnitLevel.DISTRICT,
                    valid_from=seg_from,
                    valid_to=seg_to,
                    parent_key=province_row.key,
                    note=note,
                )
            )
        rows.extend(d_rows)
        for commune in district["level3s"]:
            c_code = commune["level3_id"]
            breaks = change_dates.get(c_code, set()) | d_breaks
            for seg_from, seg_to in _segments(start=start, end=end, breaks=breaks):
                name, kind, note = _state_on(
                    code=c_code,
                    name=fixes.get(c_code, commune["name"]),
                    kind=kinds[commune["type"]],
                    on=seg_from,
                    snapshot=snapshot,
                    changes=changes,
                )
                parent = next(r for r in d_rows if r.valid_from <= seg_from and (r.valid_to or end) >= seg_to)
                if not note and seg_from in d_breaks:
                    note = f"Bản ghi mới vì đơn vị cấp trên đổi thành {parent.name} từ {seg_from:%d/%m/%Y}."
                children.append(
                    UnitRow(
                        code=c_code,
                        name=name,
                        kind=kind,
                        level=UnitLevel.COMMUNE,
                        valid_from=seg_from,
                        valid_to=seg_to,
                        parent_key=parent.key,
                        note=note,
                    )
                )
    rows.extend(children)
    successor = history["successor"]
    rows.append(
        UnitRow(
            code=successor["code"],
            name=successor["name"],
            kind=successor["kind"],
            level=UnitLevel.PROVINCE,
            valid_from=_date(successor["valid_from"]),
            valid_to=None,
            parent_key=None,
            note=successor["note"],
        )
    )

    populations: list[PopulationRow] = []
    pop = history["population"]
    by_code: dict[str, list[UnitRow]] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    totals: dict[int, int] = {}
    for code, years in pop["districts"].items():
        for year_s, value in years.items():
            year = int(year_s)
            mid = dt.date(year, 6, 30)
            row = next(
                r for r in by_code[code] if r.valid_from <= mid and (r.valid_to is None or mid < r.valid_to)
            )
            populations.append(
                PopulationRow(unit_key=row.key, year=year, population=value, source=pop["source"])
            )
            totals[year] = totals.get(year, 0) + value
    for year, total in sorted(totals.items()):
        populations.append(
            PopulationRow(unit_key=province_row.key, year=year, population=total, source=pop["source"])
        )
    return Dataset(units=rows, populations=populations)


@cache
def district_boundaries() -> dict[str, dict[str, Any]]:
    """GeoJSON geometry of each district of Hậu Giang, by GSO code (boundaries as of 2025-03)."""
    with BOUNDARIES_FILE.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {f["properties"]["code"]: f["geometry"] for f in data["features"]}
