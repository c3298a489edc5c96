"""Values every template sees: the site, the agency running it and the province it serves."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

# GSO province codes (the same numbers open the 12-digit personal ID number): centrally-run cities.
_CENTRAL_CITIES = {"01", "31", "48", "79", "92"}


@dataclass(frozen=True)
class SiteAgency:
    name: str
    parent_name: str
    address: str
    phone: str
    email: str
    code: str


def province_name(code: str | None = None) -> str:
    """'Hậu Giang' for the configured province: from the administrative units when loaded, otherwise from
    the list of province codes."""
    from tinhso.accounts.identifiers import PROVINCE_CODES
    from tinhso.geo.models import Unit

    code = (code or settings.TINHSO_PROVINCE).strip()
    unit = Unit.objects.filter(code=code, level=1).order_by("-valid_from").only("name").first()
    if unit is not None:
        name = unit.name
        for prefix in ("Tỉnh ", "Thành phố "):
            name = name.removeprefix(prefix)
        return name
    return PROVINCE_CODES.get(code.zfill(3), code)


def province_label(code: str | None = None) -> str:
    code = (code or settings.TINHSO_PROVINCE).strip()
    name = province_name(code)
    if code.zfill(2) in _CENTRAL_CITIES:
        return _("thành phố %(name)s") % {"name": name}
    return _("tỉnh %(name)s") % {"name": name}


def site_agency() -> SiteAgency:
    """The department that runs the platform: the first active department-level agency (Sở), or a name
    built from the configured province when no agency is loaded yet."""
    from tinhso.org.models import Agency, AgencyKind

    agency = (
        Agency.objects.filter(kind=AgencyKind.DEPARTMENT, is_active=True)
        .select_related("parent")
        .order_by("order", "code")
        .first()
    )
    if agency is not None:
        return SiteAgency(
            name=agency.name,
            parent_name=agency.parent.name if agency.parent else "",
            address=agency.address,
            phone=agency.phone,
            email=agency.email,
            code=agency.code,
        )
    label = province_label()
    return SiteAgency(
        name=_("Sở Thông tin và Truyền thông %(province)s") % {"province": label},
        parent_name=_("Ủy ban nhân dân %(province)s") % {"province": label},
        address="",
        phone="",
        email="",
        code="",
    )


# The layout shows the agency on every page: keep it this many seconds per process instead of one query
# per page (an edit of the agency shows within a minute). Off under tests, where every test has its own data.
SITE_AGENCY_SECONDS = 0.0 if settings.TESTING else 60.0
_site_agency_kept: tuple[float, SiteAgency] | None = None


def site_agency_kept() -> SiteAgency:
    """``site_agency()``, reused for ``SITE_AGENCY_SECONDS``."""
    global _site_agency_kept
    now = time.monotonic()
    kept = _site_agency_kept
    if kept is not None and now - kept[0] < SITE_AGENCY_SECONDS:
        return kept[1]
    agency = site_agency()
    _site_agency_kept = (now, agency)
    return agency


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": "Tỉnh số",
        "SITE_URL": settings.SITE_URL,
        "TINHSO_PROVINCE": settings.TINHSO_PROVINCE,
        "SITE_AGENCY": SimpleLazyObject(site_agency_kept),
    }
