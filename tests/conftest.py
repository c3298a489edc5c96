"""Base fixtures shared by every test module."""

from __future__ import annotations

import os

os.environ.setdefault("TINHSO_TESTING", "1")
os.environ.setdefault("EMAIL_URL", "locmem://")


# --- demo agencies and the named personas: citizen An, clerk Bình, specialist Chi, head Dũng, director Em
from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def demo_agencies(db: None) -> dict[str, Any]:
    """The administrative units of Hậu Giang and the demo agency tree; returns {code: Agency}."""
    from tinhso.demo.agencies import demo_agencies_load
    from tinhso.geo.services import units_load
    from tinhso.org.models import Agency

    units_load(actor=None)
    demo_agencies_load(actor=None)
    return {a.code: a for a in Agency.objects.all()}


@pytest.fixture
def fast_password_hasher(settings: Any) -> None:
    """MD5 first, so that creating users in tests costs microseconds instead of an Argon2 hash each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


@pytest.fixture
def persona(demo_agencies: dict[str, Any], fast_password_hasher: None) -> Callable[[str], Any]:
    """Factory: ``persona("binh")`` → the persona's user with its role, built through the services
    (the same code as ``tinhso demo``). Calling it twice returns the same user."""
    from tinhso.demo.users import demo_persona_ensure

    def make(key: str) -> Any:
        return demo_persona_ensure(persona=key)

    return make


@pytest.fixture
def citizen_an(persona: Callable[[str], Any]) -> Any:
    return persona("an")


@pytest.fixture
def clerk_binh(persona: Callable[[str], Any]) -> Any:
    return persona("binh")


@pytest.fixture
def specialist_chi(persona: Callable[[str], Any]) -> Any:
    return persona("chi")


@pytest.fixture
def head_dung(persona: Callable[[str], Any]) -> Any:
    return persona("dung")


@pytest.fixture
def director_em(persona: Callable[[str], Any]) -> Any:
    return persona("em")
