"""Vietnamese first: the browser's language does not switch the UI; the switcher does."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_english_browser_still_gets_vietnamese() -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert 'lang="vi"' in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_chooses_english_then_back() -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.get("/")["Content-Language"] == "en"
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert client.get("/")["Content-Language"] == "vi"


@pytest.mark.django_db
def test_unknown_language_cookie_falls_back_to_vietnamese() -> None:
    client = Client()
    client.cookies["django_language"] = "fr"
    assert client.get("/")["Content-Language"] == "vi"
