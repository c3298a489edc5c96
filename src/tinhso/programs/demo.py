"""Demo programme data of Hậu Giang 2015–2017 (``programs_demo_load``, called by ``tinhso demo``).

From records, the 2016 review's figures: batch 1 delivered set-top boxes to 30,429 poor and near-poor
households; the batch-2 list (approved December 2016) holds 3,554 households; criterion 8: 53 xã
re-recognised and 1 newly recognised in 2016, 54/54. Besides, 640 registered households are not
eligible (each with its reason) and 8 pairs of possible duplicates await review.

Households go through the same importer as an officer's CSV file; batch lists, approval, start and
close go through the services; the 30,429 deliveries are written in bulk (one audit entry), as the
per-delivery service would take minutes. Idempotent: nothing is loaded twice.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from tinhso.core.audit import audit_record
from tinhso.core.vntext import fold
from tinhso.geo.models import Unit, UnitLevel
from tinhso.geo.selectors import population_by_code, units_valid_on
from tinhso.programs.importer import households_import_file, rows_to_csv
from tinhso.programs.models import Batch, BatchMember, Criterion8Assessment, Delivery
from tinhso.programs.selectors import communes_of_year
from tinhso.programs.services import (
    batch_add_eligible,
    batch_approve,
    batch_close,
    batch_create,
    batch_start_delivery,
    c8_assess,
    stock_receive,
)
from tinhso.sector.demo import split

BATCH1_DELIVERED = 30_429
BATCH2_LIST = 3_554
INELIGIBLE = {"has_receiver": 300, "no_tv": 200, "not_poor": 100, "no_pledge": 40}
TWIN_PAIRS = 8
NEWLY_RECOGNISED_2016 = "Xã Vĩnh Viễn A"

HO = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Trương",
    "Bùi",
    "Đặng",
    "Đỗ",
    "Ngô",
    "Hồ",
    "Dương",
    "Lâm",
    "Thạch",
    "Danh",
    "Lý",
    "Châu",
    "Tô",
]
DEM_NAM = ["Văn", "Hữu", "Minh", "Thanh", "Quốc", "Công", "Hoàng", "Đức"]
DEM_NU = ["Thị", "Ngọc", "Thị Kim", "Thị Thu", "Thị Bích", "Thị Mỹ"]
TEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Em",
    "Phúc",
    "Giàu",
    "Hải",
    "Hùng",
    "Khanh",
    "Lộc",
    "Mai",
    "Nam",
    "Nga",
    "Ơn",
    "Phương",
    "Quang",
    "Sang",
    "Tài",
    "Thắng",
    "Tư",
    "Út",
    "Vân",
    "Xuân",
    "Yến",
    "Hạnh",
    "Lành",
    "Mến",
    "Nhàn",
    "Sáu",
    "Bảy",
    "Tám",
    "Chín",
    "Mười",
    "Hiền",
    "Thảo",
    "Trí",
    "Tâm",
    "Thuận",
    "Lợi",
]
AP = [
    "Ấp 1",
    "Ấp 2",
    "Ấp 3",
    "Ấp 4",
    "Ấp 5",
    "Ấp 6",
    "Ấp 7",
    "Ấp Mỹ Hòa",
    "Ấp Tân Long",
    "Ấp Vĩnh Thạnh",
    "Ấp Thạnh Lợi",
    "Ấp Long Hòa",
    "Ấp Xẻo Vẹt",
    "Ấp Cái Sình",
    "Khu vực 1",
    "Khu vực 2",
]


def _people(
    rng: random.Random,
    communes: list[Unit],
    weights: dict[int, float],
    n: int,
    keys: set[tuple[str, str, str]],
) -> list[tuple[str, str, str]]:
    """``n`` (name, hamlet, commune code) with a (name, commune, hamlet) never used before."""
    per = split(n, {str(c.pk): weights[c.pk] for c in communes})
    by_pk = {str(c.pk): c for c in communes}
    out = []
    for pk, count in sorted(per.items()):
        unit = by_pk[pk]
        for _ in range(count):
            while True:
                female = rng.random() < 0.45
                name = f"{rng.choice(HO)} {rng.choice(DEM_NU if female else DEM_NAM)} {rng.choice(TEN)}"
                key = (name, unit.code, rng.choice(AP))
                folded = (fold(name), unit.code, fold(key[2]))
                if folded not in keys:
                    keys.add(folded)
                    out.append(key)
                    break
    return out


def _households_file(communes: list[Unit], weights: dict[int, float]) -> list[dict[str, Any]]:
    rng = random.Random(20161227)
    keys: set[tuple[str, str, str]] = set()
    ids = iter(rng.sample(range(360_000_000, 369_999_999), 40_000))
    rows: list[dict[str, Any]] = []

    def add(people: list[tuple[str, str, str]], **kw: str) -> None:
        for name, code, hamlet in people:
            base = {
                "head_name": name,
                "citizen_id": str(next(ids)),
                "hamlet": hamlet,
                "commune": code,
                "poverty": "Hộ nghèo" if rng.random() < 0.62 else "Hộ cận nghèo",
                "list_year": "2015",
                "has_analog_tv": "Có",
                "has_receiver": "Không",
                "pledge_signed": "Có",
            }
            base.update(kw)
            rows.append(base)

    add(_people(rng, communes, weights, BATCH1_DELIVERED, keys), list_year="2015")
    add(_people(rng, communes, weights, BATCH2_LIST, keys), list_year="2016")
    add(
        _people(rng, communes, weights, INELIGIBLE["has_receiver"], keys), list_year="2016", has_receiver="Có"
    )
    add(_people(rng, communes, weights, INELIGIBLE["no_tv"], keys), list_year="2016", has_analog_tv="Không")
    add(_people(rng, communes, weights, INELIGIBLE["not_poor"], keys), list_year="", poverty="Không")
    add(
        _people(rng, communes, weights, INELIGIBLE["no_pledge"], keys),
        list_year="2016",
        pledge_signed="Không",
    )
    twins = _people(rng, communes, weights, TWIN_PAIRS, keys)
    add(twins, list_year="2016")
    add([(name.upper(), code, hamlet) for name, code, hamlet in twins], list_year="2016")  # same folded key
    return rows


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def programs_demo_load(*, actor: Any = None) -> dict[str, int]:
    """Households, batches 1 and 2, stock, deliveries and criterion-8 assessments 2015–2017."""
    created = {"households": 0, "deliveries": 0, "assessments": 0}
    if not Batch.objects.filter(number=1).exists():
        created.update(_load_batches(actor=actor))
    created["assessments"] = _load_criterion8(actor=actor)
    return created


def _load_batches(*, actor: Any) -> dict[str, int]:
    communes = list(units_valid_on(dt.date(2016, 12, 31), level=UnitLevel.COMMUNE).select_related("parent"))
    pops = population_by_code(2016)
    per_district: dict[int, int] = {}
    for c in communes:
        per_district[c.parent_id or 0] = per_district.get(c.parent_id or 0, 0) + 1
    weights = {
        c.pk: (pops.get(c.parent.code, 50_000) if c.parent else 50_000)
        / per_district[c.parent_id or 0]
        * (1.3 if c.kind == "xa" else 0.6)
        for c in communes
    }
    rows = _households_file(communes, weights)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ho-ngheo-can-ngheo-2015-2016.csv"
        path.write_text(rows_to_csv(rows), encoding="utf-8")
        outcome = households_import_file(actor=actor, path=path, today=dt.date(2016, 12, 31))
    if not outcome.ok:
        raise RuntimeError(f"Dữ liệu mẫu hộ gia đình có lỗi: {outcome.errors[:3]}")

    with transaction.atomic():
        b1 = batch_create(
            actor=actor, number=1, name="Đợt 1 — hỗ trợ đầu thu DVB-T2 năm 2016", year=2016, list_year=2015
        )
        batch_add_eligible(actor=actor, batch=b1)
        b1 = batch_approve(
            actor=actor,
            batch=b1,
            decision="Quyết định 312/QĐ-UBND ngày 10/3/2016",
            at=_aware(dt.date(2016, 3, 10)),
        )
        b1 = batch_start_delivery(actor=actor, batch=b1)
        members = list(BatchMember.objects.filter(batch=b1).select_related("household").order_by("id"))
        by_commune: dict[int, int] = {}
        for m in members:
            by_commune[m.commune_id] = by_commune.get(m.commune_id, 0) + 1
        units = {u.pk: u for u in communes}
        for pk, count in sorted(by_commune.items()):
            stock_receive(
                actor=actor,
                batch=b1,
                commune=units[pk],
                quantity=count + 2,
                received_on=dt.date(2016, 3, 25),
                note="Nhận từ Bộ Thông tin và Truyền thông",
            )
        rng = random.Random(30429)
        start = dt.date(2016, 4, 5)
        deliveries = [
            Delivery(
                member=m,
                batch=b1,
                commune_id=m.commune_id,
                delivered_on=start + dt.timedelta(days=rng.randrange(0, 230)),
                serial=f"HG16DVB{i:06d}",
                receiver_name=m.household.head_name,
            )
            for i, m in enumerate(members, start=1)
        ]
        Delivery.objects.bulk_create(deliveries, batch_size=2_000)
        audit_record(
            actor=actor, action="programs.demo_deliveries", obj=b1, after={"deliveries": len(deliveries)}
        )
        batch_close(actor=actor, batch=b1, at=_aware(dt.date(2016, 12, 15)))

        b2 = batch_create(
            actor=actor, number=2, name="Đợt 2 — danh sách bổ sung năm 2016", year=2017, list_year=2016
        )
        batch_add_eligible(actor=actor, batch=b2)
        batch_approve(
            actor=actor,
            batch=b2,
            decision="Quyết định 2105/QĐ-UBND ngày 20/12/2016",
            at=_aware(dt.date(2016, 12, 20)),
        )
    return {"households": outcome.created, "deliveries": len(deliveries)}


def _load_criterion8(*, actor: Any) -> int:
    done = 0
    for year in (2015, 2016, 2017):
        xa = communes_of_year(year)
        have = set(Criterion8Assessment.objects.filter(year=year).values_list("commune__code", flat=True))
        newcomer = next((c for c in xa if c.name == NEWLY_RECOGNISED_2016), xa[-1] if xa else None)
        for c in xa:
            if c.code in have:
                continue
            not_met_2015 = year == 2015 and newcomer is not None and c.code == newcomer.code
            note = (
                "Chưa có hệ thống loa truyền thanh đến tất cả các ấp."
                if not_met_2015
                else "Biên bản kiểm tra, khảo sát của Sở Thông tin và Truyền thông."
            )
            c8_assess(
                actor=actor,
                commune=c,
                year=year,
                c81=True,
                c82=True,
                c83=not not_met_2015,
                c84=True,
                note=note,
                assessed_on=dt.date(year, 11, 30),
            )
            done += 1
    return done
