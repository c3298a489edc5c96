"""``tinhso demo``: the whole demo data set, in order, each step idempotent."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.db import transaction

from tinhso.demo.agencies import demo_agencies_load
from tinhso.demo.users import demo_personas_load
from tinhso.geo.services import units_load

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


def demo_load(*, dry_run: bool = False, say: Say = print) -> None:
    """Load the province (units and population), the agencies, the calendar overrides and the
    persona users. With ``dry_run`` everything runs in one transaction that is rolled back."""
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
            if dry_run:
                raise _DryRun
    except _DryRun:
        say("Chạy thử: không có thay đổi nào được ghi.")
