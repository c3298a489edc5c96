"""The panels of the back-office dashboard, one set per role.

Each panel is built from real queries where the data exists. Where the module that will feed a panel
is not built yet the panel says so plainly ("Chưa có hồ sơ"), it never shows invented numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tinhso.accounts.models import LoginAttempt, User, UserKind
from tinhso.core.models import AuditEntry, CalendarOverride
from tinhso.org.models import Agency, Role, StaffRole
from tinhso.org.selectors import agency_subtree_ids


@dataclass
class Stat:
    label: str
    value: int


@dataclass
class Panel:
    key: str
    title: str
    stats: list[Stat] = field(default_factory=list)
    empty: str = ""  # shown when there is nothing to list


def _agency_tree_ids(roles: list[StaffRole]) -> set[int]:
    """The agencies of these roles and every agency below them."""
    result: set[int] = set()
    for role in roles:
        result |= agency_subtree_ids(role.agency)
    return result


def _clerk(roles: list[StaffRole]) -> list[Panel]:
    return [Panel("reception", _("Hồ sơ chờ tiếp nhận"), empty=_("Chưa có hồ sơ."))]


def _specialist(roles: list[StaffRole]) -> list[Panel]:
    return [Panel("appraisal", _("Hồ sơ cần thẩm định"), empty=_("Chưa có hồ sơ."))]


def _division_head(roles: list[StaffRole]) -> list[Panel]:
    return [
        Panel("review", _("Hồ sơ chờ duyệt"), empty=_("Chưa có hồ sơ.")),
        _staff_panel(roles, _("Cán bộ trong đơn vị")),
    ]


def _director(roles: list[StaffRole]) -> list[Panel]:
    return [
        Panel("signature", _("Hồ sơ, văn bản chờ ký"), empty=_("Chưa có hồ sơ, văn bản nào chờ ký.")),
        _staff_panel(roles, _("Cán bộ trong cơ quan")),
    ]


def _staff_panel(roles: list[StaffRole], title: str) -> Panel:
    ids = _agency_tree_ids(roles)
    rows = (
        StaffRole.objects.filter(agency_id__in=ids, is_active=True, user__is_active=True)
        .values("role")
        .annotate(n=Count("user", distinct=True))
        .order_by("role")
    )
    labels = dict(Role.choices)
    stats = [Stat(str(labels.get(r["role"], r["role"])), r["n"]) for r in rows]
    return Panel("staff", title, stats=stats, empty=_("Chưa có cán bộ nào được phân vai trò."))


def _document_clerk(roles: list[StaffRole]) -> list[Panel]:
    return [Panel("incoming", _("Văn bản đến chờ vào sổ"), empty=_("Chưa có văn bản."))]


def _sector_officer(roles: list[StaffRole]) -> list[Panel]:
    return [Panel("indicators", _("Số liệu viễn thông kỳ này"), empty=_("Chưa có số liệu."))]


def _inspector(roles: list[StaffRole]) -> list[Panel]:
    return [
        Panel(
            "inspections",
            _("Cuộc thanh tra, kiểm tra đang thực hiện"),
            empty=_("Chưa có cuộc thanh tra nào."),
        )
    ]


def _editor(roles: list[StaffRole]) -> list[Panel]:
    from tinhso.news.models import Article, ArticleStatus
    from tinhso.org.selectors import agency_department

    departments = {agency_department(r.agency).pk for r in roles}
    counts = dict(
        Article.objects.filter(agency_id__in=departments)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    stats = [Stat(str(label), counts[value]) for value, label in ArticleStatus.choices if counts.get(value)]
    return [Panel("articles", _("Tin bài cổng thông tin"), stats=stats, empty=_("Chưa có tin bài."))]


def _administrator(roles: list[StaffRole]) -> list[Panel]:
    since = timezone.now() - dt.timedelta(hours=24)
    by_kind = dict(User.objects.filter(is_active=True).values_list("kind").annotate(n=Count("id")))
    return [
        Panel(
            "accounts",
            _("Tài khoản"),
            stats=[
                Stat(str(UserKind.CITIZEN.label), by_kind.get(UserKind.CITIZEN, 0)),
                Stat(str(UserKind.BUSINESS.label), by_kind.get(UserKind.BUSINESS, 0)),
                Stat(str(UserKind.STAFF.label), by_kind.get(UserKind.STAFF, 0)),
                Stat(
                    _("Đăng nhập sai trong 24 giờ qua"),
                    LoginAttempt.objects.filter(success=False, at__gte=since).count(),
                ),
            ],
        ),
        Panel(
            "system",
            _("Hệ thống"),
            stats=[
                Stat(_("Cơ quan, đơn vị"), Agency.objects.filter(is_active=True).count()),
                Stat(_("Ngày nghỉ, ngày làm bù đã khai báo"), CalendarOverride.objects.count()),
                Stat(_("Bản ghi nhật ký thay đổi"), AuditEntry.objects.count()),
            ],
        ),
    ]


PANELS: dict[str, Callable[[list[StaffRole]], list[Panel]]] = {
    Role.CLERK: _clerk,
    Role.SPECIALIST: _specialist,
    Role.DIVISION_HEAD: _division_head,
    Role.DIRECTOR: _director,
    Role.DEPUTY_DIRECTOR: _director,
    Role.DOCUMENT_CLERK: _document_clerk,
    Role.SECTOR_OFFICER: _sector_officer,
    Role.INSPECTOR: _inspector,
    Role.EDITOR: _editor,
    Role.ADMINISTRATOR: _administrator,
}


def panels_for(roles: list[StaffRole], *, is_superuser: bool = False) -> list[Panel]:
    """The panels of every role the user holds, each panel once, in the order of ``PANELS``."""
    held = {r.role for r in roles}
    if is_superuser:
        held.add(Role.ADMINISTRATOR)
    panels: list[Panel] = []
    keys: set[str] = set()
    for role, build in PANELS.items():
        if role not in held:
            continue
        for panel in build([r for r in roles if r.role == role] or roles):
            if panel.key not in keys:
                keys.add(panel.key)
                panels.append(panel)
    return panels
