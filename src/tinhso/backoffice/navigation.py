"""The back-office side navigation: items shown to staff according to their roles.

Apps add their pages with ``register(NavItem(...))`` from their ``AppConfig.ready``; an item appears
when the user holds one of its roles (or it has no roles) and its URL name resolves."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tinhso.org.models import Role

WORK_SECTION = _("Công việc")


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: every staff member
    section: str | Promise = WORK_SECTION
    order: int = 100
    superuser_only: bool = False


_ITEMS: list[NavItem] = [
    NavItem(_("Trang làm việc"), "backoffice:dashboard", order=0),
    NavItem(_("Thông tin cá nhân"), "accounts:profile", section=_("Tài khoản"), order=900),
    NavItem(_("Đổi mật khẩu"), "accounts:password_change", section=_("Tài khoản"), order=910),
    NavItem(
        _("Quản trị cấu hình"),
        "admin:index",
        roles=frozenset({Role.ADMINISTRATOR}),
        section=_("Hệ thống"),
        order=800,
    ),
]


def register(item: NavItem) -> None:
    if item not in _ITEMS:
        _ITEMS.append(item)


@dataclass(frozen=True)
class NavEntry:
    label: str
    url: str


@dataclass
class NavSection:
    title: str
    entries: list[NavEntry]


def nav_for(*, roles: Iterable[str], is_superuser: bool = False) -> list[NavSection]:
    held = set(roles)
    sections: dict[str, NavSection] = {}
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if item.superuser_only and not is_superuser:
            continue
        if item.roles and not (item.roles & held) and not is_superuser:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        title = str(item.section)
        sections.setdefault(title, NavSection(title=title, entries=[])).entries.append(
            NavEntry(label=str(item.label), url=url)
        )
    return list(sections.values())
