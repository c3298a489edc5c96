"""The portal's header and footer are kept rendered for visitors who have not signed in
(``{% cache %}`` in portal/layout.html, the per-process "template_fragments" cache): what is kept must
be what would be rendered, per language and page, and never what a signed-in user sees."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

FRAGMENTS = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-default"},
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test-fragments",
    },
}


@pytest.fixture
def kept() -> Iterator[None]:
    with override_settings(CACHES=FRAGMENTS):
        caches["template_fragments"].clear()
        yield
        caches["template_fragments"].clear()


def _header(html: str) -> str:
    return html.split("<main", 1)[0]


def test_kept_header_and_footer_are_what_would_be_rendered(kept: None, demo_agencies: Any) -> None:
    url = reverse("catalog:directory")
    with override_settings(
        CACHES={**FRAGMENTS, "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ):
        fresh = Client().get(url).content.decode()
    first = Client().get(url).content.decode()  # renders and keeps
    assert len(caches["template_fragments"]._cache) == 2  # type: ignore[attr-defined]  # header + footer
    second = Client().get(url).content.decode()  # from the cache
    assert first == second == fresh
    assert 'aria-current="page">Thủ tục hành chính' in _header(second)


def test_each_page_and_language_has_its_own(kept: None, demo_agencies: Any) -> None:
    visitor = Client()
    home = visitor.get(reverse("portal:home")).content.decode()
    track = visitor.get(reverse("onestop_public:track")).content.decode()
    assert 'aria-current="page">Trang chủ' in _header(home)
    assert 'aria-current="page">Tra cứu hồ sơ' in _header(track)
    assert "next=/ho-so/tra-cuu/" in _header(track) and "next=/ho-so/tra-cuu/" not in _header(home)
    visitor.get(reverse("language_choose", args=["en"]), {"next": "/"})
    english = visitor.get(reverse("onestop_public:track")).content.decode()
    assert '<html lang="en">' in english and "Track a dossier" in _header(english)
    assert "Tra cứu hồ sơ" not in _header(english)
    assert "Tra cứu hồ sơ" in _header(Client().get(reverse("onestop_public:track")).content.decode())


def test_signed_in_users_never_get_or_leave_a_kept_header(kept: None, citizen_an: Any) -> None:
    url = reverse("onestop_public:track")
    Client().get(url)  # an anonymous visitor fills the cache
    user = Client()
    user.force_login(citizen_an)
    mine = user.get(url).content.decode()
    assert "Đăng xuất" in _header(mine) and citizen_an.full_name in _header(mine)
    assert "Đăng nhập" not in _header(mine)
    anonymous = Client().get(url).content.decode()
    assert citizen_an.full_name not in anonymous and "Đăng xuất" not in anonymous
    assert "Đăng nhập" in _header(anonymous)
    assert "csrfmiddlewaretoken" not in anonymous and "csrftoken" not in Client().get(url).cookies
