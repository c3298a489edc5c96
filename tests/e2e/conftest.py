"""Browser tests: pytest-django's live server driven by Playwright in Debian's headless chromium.

No browser is ever downloaded: chromium is ``/usr/bin/chromium`` (``apt-get install chromium``); when it
is missing every test of this directory is skipped with the reason shown. Screenshots go to
``test-artifacts/screenshots/`` (not in git)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    missing = not os.access(CHROMIUM, os.X_OK)
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def new_context(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Factory of browser contexts on the live server (Vietnamese locale, desktop size by default)."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "vi-VN")
        options.setdefault("timezone_id", "Asia/Ho_Chi_Minh")
        ctx = browser.new_context(base_url=live_server.url, **options)
        ctx.set_default_timeout(20_000)  # generous: the live server may share a busy machine
        contexts.append(ctx)
        return ctx

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(new_context: Callable[..., Any]) -> Any:
    return new_context().new_page()


@pytest.fixture
def screenshot(page: Any) -> Callable[..., Path]:
    """``screenshot("login-binh")`` saves the page (or ``of=another_page``) as a full-page PNG."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, *, of: Any = None, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        (of or page).screenshot(path=str(path), full_page=full_page)
        return path

    return take


def sign_in(page: Any, identifier: str, password: str) -> None:
    """Sign in through the form, as a person would."""
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill(identifier)
    page.get_by_label(re.compile("^Mật khẩu")).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
