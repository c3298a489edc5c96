"""``tinhso demo``: the whole demo data set, in order, each step idempotent."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.db import transaction

from tinhso.activities.demo import activities_demo_load
from tinhso.catalog.demo import catalog_load_demo
from tinhso.demo.agencies import demo_agencies_load
from tinhso.demo.users import demo_personas_load
from tinhso.documents.demo import documents_demo_load
from tinhso.emulation.demo import emulation_demo_load
from tinhso.geo.services import units_load
from tinhso.inspections.demo import inspections_demo_load
from tinhso.news.demo import news_demo_load
from tinhso.onestop.demo import onestop_demo_load
from tinhso.programs.demo import programs_demo_load
from tinhso.reports.demo import reports_demo_fill
from tinhso.sector.demo import sector_demo_load

Say = Callable[[str], None]


class _DryRun(Exception):
    pass


def _install_calendar(say: Say) -> None:
    try:
        module = importlib.import_module("tinhso.core.calendar_data")
    except ImportError:
        say("Lịch nghỉ, ngày làm bù: bỏ qua (chưa có tinhso.core.calendar_data).")
        return
    install: Any = getattr(module, "calendar_overrides_install_defaults", None)
    if install is None:
        say("Lịch nghỉ, ngày làm bù: bỏ qua (chưa có calendar_overrides_install_defaults).")
        return
    created = install(actor=None)
    say(f"Lịch nghỉ, ngày làm bù: tạo {created}.")


# The sector and one-stop data, after the province, agencies and personas, in this order.
DATA_STEPS: list[tuple[str, Callable[..., Any]]] = [
    ("Thủ tục hành chính", catalog_load_demo),
    ("Hồ sơ một cửa 2016–2017", onestop_demo_load),
    ("Bảng số liệu Biểu II.06a", reports_demo_fill),
    ("Chỉ tiêu viễn thông", sector_demo_load),
    ("Hỗ trợ đầu thu, tiêu chí số 8", programs_demo_load),
    ("Thanh tra, kiểm tra", inspections_demo_load),
    ("Hoạt động, sự kiện, tập huấn", activities_demo_load),
    ("Thi đua, khen thưởng", emulation_demo_load),
    ("Tin tức Cổng thông tin 2016–2017", news_demo_load),
    ("Văn bản đi, đến 2016–2017", documents_demo_load),
]


def _describe(result: Any) -> str:
    if isinstance(result, dict):
        return ", ".join(f"{k} {v}" for k, v in result.items()) or "không thay đổi"
    return str(result) if result is not None else "xong"


def demo_load(
    *, dry_run: bool = False, say: Say = print, with_data: bool = True, dossiers: int | None = None
) -> None:
    """Load the province (units and population), the agencies, the calendar overrides and the
    persona users, then (``with_data``) the sector and one-stop data (``dossiers``: how many demo
    dossiers, default ``onestop.demo.DEFAULT_COUNT``). With ``dry_run`` everything runs in one
    transaction that is rolled back."""
    try:
        with transaction.atomic():
            geo = units_load(actor=None)
            say(
                f"Đơn vị hành chính: tạo {geo.units_created}, cập nhật {geo.units_updated}, "
                f"giữ nguyên {geo.units_unchanged}; dân số: tạo {geo.populations_created}, "
                f"cập nhật {geo.populations_updated}."
            )
            agencies = demo_agencies_load(actor=None)
            say(
                f"Cơ quan, đơn vị: tạo {agencies.created}, cập nhật {agencies.updated}, "
                f"giữ nguyên {agencies.unchanged}."
            )
            _install_calendar(say)
            personas = demo_personas_load(actor=None)
            say(
                f"Tài khoản mẫu: tạo {personas.users_created}, giao {personas.roles_granted} vai trò, "
                f"giữ nguyên {personas.unchanged}."
            )
            for label, load in DATA_STEPS if with_data else []:
                extra = {"count": dossiers} if load is onestop_demo_load and dossiers is not None else {}
                result = load(actor=None, **extra)
                say(f"{label}: {_describe(result)}.")
            if dry_run:
                raise _DryRun
    except _DryRun:
        say("Chạy thử: không có thay đổi nào được ghi.")
