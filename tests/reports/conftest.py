"""The demo catalogue and staff, and a helper that plays dossier plans through the real services."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import override_settings

from tinhso.catalog.demo import catalog_load_demo
from tinhso.catalog.models import Procedure
from tinhso.core import worktime
from tinhso.onestop.demo import demo_applicants, demo_staff


@pytest.fixture(autouse=True)
def _fresh_calendar_and_media(tmp_path: Any) -> Iterator[None]:
    worktime.set_calendar(None)
    with override_settings(
        MEDIA_ROOT=tmp_path / "media", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        yield
    worktime.set_calendar(None)


@pytest.fixture
def world(demo_agencies: dict[str, Any], fast_password_hasher: None) -> Any:
    catalog_load_demo()
    procedures = {p.national_code: p for p in Procedure.objects.all()}
    applicants = {u.username: u for u in demo_applicants()}
    return SimpleNamespace(staff=demo_staff(), procedures=procedures, applicants=applicants)
