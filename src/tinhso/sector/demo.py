"""Demo telecom figures of Hậu Giang 2015–2017 (``sector_demo_load``, called by ``tinhso demo``).

The province totals are chosen so that the 2016 review's figures come out of the records:
BTS stations 2016 − 2015 = +35, telephone subscribers (fixed + mobile) 2016 − 2015 = +41,684; and the
2017 targets are 96 telephone and 6 fixed-broadband subscribers per 100 inhabitants. Totals are split
over operators by market share and over districts by population weighted by how urban the district is
(``URBAN``): the city of Vị Thanh and the town of Ngã Bảy have more stations and subscribers per 100
inhabitants than the rural districts Phụng Hiệp and Long Mỹ, fixed lines and fixed broadband much more
so than mobile, Viettel reaches further into the countryside than the others, and mobile services grow
faster in the rural districts. Largest-remainder rounding keeps every sum exact. Idempotent: existing
rows are left as they are.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.db import transaction

from tinhso.core.audit import audit_record
from tinhso.geo.selectors import population_by_code
from tinhso.sector.models import (
    Indicator,
    IndicatorReport,
    Operator,
    OperatorKind,
    Period,
    Target,
    TargetMode,
)
from tinhso.sector.selectors import districts, province_unit
from tinhso.sector.services import operator_create, target_set

OPERATORS = [
    ("vnpt", "Viễn thông Hậu Giang (VNPT Hậu Giang)", "VNPT", OperatorKind.TELECOM),
    ("viettel", "Chi nhánh Viettel Hậu Giang", "Viettel", OperatorKind.TELECOM),
    ("mobifone", "MobiFone tỉnh Hậu Giang", "MobiFone", OperatorKind.TELECOM),
    ("vietnamobile", "Vietnamobile Hậu Giang", "Vietnamobile", OperatorKind.TELECOM),
    ("gtel", "Gtel Mobile Hậu Giang", "Gtel", OperatorKind.TELECOM),
    ("fpt", "FPT Telecom Hậu Giang", "FPT Telecom", OperatorKind.ISP),
    ("sctv", "SCTV Hậu Giang", "SCTV", OperatorKind.ISP),
]

# province totals at the end of each year
TOTALS: dict[int, dict[str, int]] = {
    2015: {
        "bts_stations": 760,
        "fixed_subscribers": 24_310,
        "mobile_subscribers": 636_950,
        "fixed_broadband": 33_400,
        "mobile_broadband": 168_000,
    },
    2016: {
        "bts_stations": 795,
        "fixed_subscribers": 22_140,
        "mobile_subscribers": 680_804,
        "fixed_broadband": 40_150,
        "mobile_broadband": 231_500,
    },
    2017: {
        "bts_stations": 842,
        "fixed_subscribers": 20_900,
        "mobile_subscribers": 722_700,
        "fixed_broadband": 46_700,
        "mobile_broadband": 290_000,
    },
}

# operator shares of each figure
SHARES: dict[str, dict[str, float]] = {
    "bts_stations": {"vnpt": 0.30, "viettel": 0.42, "mobifone": 0.20, "vietnamobile": 0.05, "gtel": 0.03},
    "fixed_subscribers": {"vnpt": 0.82, "viettel": 0.18},
    "mobile_subscribers": {
        "vnpt": 0.27,
        "viettel": 0.48,
        "mobifone": 0.18,
        "vietnamobile": 0.05,
        "gtel": 0.02,
    },
    "fixed_broadband": {"vnpt": 0.46, "viettel": 0.33, "fpt": 0.15, "sctv": 0.06},
    "mobile_broadband": {"vnpt": 0.25, "viettel": 0.52, "mobifone": 0.19, "vietnamobile": 0.04},
}

# how urban each district is, 0 (rural) … 1 (the provincial city)
URBAN: dict[str, float] = {
    "930": 1.0,  # Thành phố Vị Thanh
    "931": 0.85,  # Thị xã Ngã Bảy
    "937": 0.55,  # Thị xã Long Mỹ
    "932": 0.45,  # Huyện Châu Thành A (industrial parks)
    "933": 0.35,  # Huyện Châu Thành
    "935": 0.25,  # Huyện Vị Thuỷ
    "934": 0.1,  # Huyện Phụng Hiệp
    "936": 0.0,  # Huyện Long Mỹ
}
URBAN_MEAN = 0.4
# how strongly each figure leans to the towns (per inhabitant)
URBAN_SKEW: dict[str, float] = {
    "bts_stations": 0.6,
    "fixed_subscribers": 1.6,
    "mobile_subscribers": 0.5,
    "fixed_broadband": 1.8,
    "mobile_broadband": 0.9,
}
# operators reaching further into the countryside (> 0) or staying in the towns (< 0)
RURAL_REACH: dict[str, float] = {
    "vnpt": -0.2,
    "viettel": 0.3,
    "mobifone": -0.3,
    "vietnamobile": -0.4,
    "gtel": -0.2,
    "fpt": -0.8,
    "sctv": -0.6,
}
# mobile services catching up in the countryside, per year after 2015
RURAL_CATCH_UP: dict[str, float] = {"mobile_subscribers": 0.05, "mobile_broadband": 0.15}

# the targets the province assigned for 2017 (the review: "02 chỉ tiêu được giao"); the annual report
# counts every province target of the next year as assigned, so no internal plan is recorded here
TARGETS_2017 = [
    (
        Indicator.TELEPHONE,
        TargetMode.PER_100,
        Decimal("96"),
        "Chỉ tiêu năm 2017: 96 thuê bao điện thoại/100 dân (Hội nghị tổng kết ngày 27/12/2016).",
    ),
    (
        Indicator.FIXED_BROADBAND,
        TargetMode.PER_100,
        Decimal("6"),
        "Chỉ tiêu năm 2017: 06 thuê bao Internet băng thông rộng/100 dân "
        "(Hội nghị tổng kết ngày 27/12/2016).",
    ),
]


def split(total: int, weights: dict[str, float]) -> dict[str, int]:
    """``total`` split by ``weights`` with largest-remainder rounding (the parts add up to ``total``)."""
    scale = sum(weights.values())
    raw = {k: total * w / scale for k, w in weights.items()}
    parts = {k: int(v) for k, v in raw.items()}
    left = total - sum(parts.values())
    for k in sorted(raw, key=lambda k: (raw[k] - parts[k], k), reverse=True)[:left]:
        parts[k] += 1
    return parts


def district_weights(year: int, field: str, operator: str, populations: dict[str, float]) -> dict[str, float]:
    """Weights of the districts for ``operator``'s ``field`` in ``year``: population × how much the
    figure leans to the towns. The lean stays positive for every operator, so a more urban district
    always has more per 100 inhabitants."""
    lean = (
        URBAN_SKEW[field]
        - RURAL_REACH.get(operator, 0.0)
        - RURAL_CATCH_UP.get(field, 0.0) * max(0, year - 2015)
    )
    return {
        code: pop * math.exp(lean * (URBAN.get(code, URBAN_MEAN) - URBAN_MEAN))
        for code, pop in populations.items()
    }


@transaction.atomic
def sector_demo_load(*, actor: Any = None) -> dict[str, int]:
    """Operators, yearly reports 2015–2017 per operator × district, and the 2017 targets."""
    created = {"operators": 0, "reports": 0, "targets": 0}
    existing_ops = {op.code: op for op in Operator.objects.all()}
    for order, (code, name, short, kind) in enumerate(OPERATORS, start=1):
        if code not in existing_ops:
            existing_ops[code] = operator_create(
                actor=actor, code=code, name=name, short_name=short, kind=kind, order=order
            )
            created["operators"] += 1
    have = set(
        IndicatorReport.objects.filter(period=Period.YEAR).values_list(
            "year", "operator__code", "district__code"
        )
    )
    rows: list[IndicatorReport] = []
    for year, totals in TOTALS.items():
        units = districts(year)
        pops = population_by_code(year, codes=[u.code for u in units])
        populations = {u.code: float(pops.get(u.code, 1)) for u in units}
        by_code = {u.code: u for u in units}
        cells: dict[tuple[str, str], dict[str, int]] = {}
        for field, total in totals.items():
            for op_code, op_total in split(total, SHARES[field]).items():
                weights = district_weights(year, field, op_code, populations)
                for d_code, value in split(op_total, weights).items():
                    cells.setdefault((op_code, d_code), {})[field] = value
        for (op_code, d_code), values in sorted(cells.items()):
            if (year, op_code, d_code) in have:
                continue
            rows.append(
                IndicatorReport(
                    year=year,
                    period=Period.YEAR,
                    operator=existing_ops[op_code],
                    district=by_code[d_code],
                    note="Số liệu mẫu",
                    **values,
                )
            )
    if rows:
        IndicatorReport.objects.bulk_create(rows)
        created["reports"] = len(rows)
        audit_record(
            actor=actor,
            action="sector.demo_load",
            object_type="sector.indicatorreport",
            object_id="demo",
            after={"reports": len(rows), "years": sorted(TOTALS)},
        )
    province = province_unit(2017)
    if province is not None:
        for indicator, mode, amount, note in TARGETS_2017:
            if not Target.objects.filter(year=2017, unit=province, indicator=indicator).exists():
                target_set(
                    actor=actor,
                    year=2017,
                    unit=province,
                    indicator=indicator,
                    mode=mode,
                    value=amount,
                    note=note,
                )
                created["targets"] += 1
    return created
