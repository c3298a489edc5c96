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


@pytest.mark.django_db
def test_language_links_switch_and_come_back_to_the_page() -> None:
    client = Client()
    response = client.get("/ngon-ngu/en/", {"next": "/ho-so/tra-cuu/"})
    assert response.status_code == 302 and response.url == "/ho-so/tra-cuu/"
    assert client.get("/")["Content-Language"] == "en"
    response = client.get("/ngon-ngu/vi/", {"next": "/"})
    assert response.status_code == 302 and client.get("/")["Content-Language"] == "vi"


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_language_link_never_sends_the_visitor_elsewhere(target: str) -> None:
    response = Client().get("/ngon-ngu/en/", {"next": target})
    assert response.status_code == 302 and response.url == "/"


@pytest.mark.django_db
def test_unknown_language_link_is_404_and_sets_nothing() -> None:
    client = Client()
    response = client.get("/ngon-ngu/fr/", {"next": "/"})
    assert response.status_code == 404
    assert "django_language" not in response.cookies
    assert client.get("/")["Content-Language"] == "vi"


@pytest.mark.django_db
def test_the_switcher_keeps_the_path_but_never_the_query() -> None:
    """The tracking page's query holds the tracking secret: the language links must not repeat it."""
    html = Client().get("/ho-so/tra-cuu/", {"ma": "X", "mk": "SECRET99"}).content.decode()
    assert 'href="/ngon-ngu/en/?next=/ho-so/tra-cuu/"' in html
    assert "SECRET99" not in html.split("<main")[0]
