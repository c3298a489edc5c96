from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

NAV = ["Trang chủ", "Thủ tục hành chính", "Tra cứu hồ sơ", "Tin tức", "Thống kê"]


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_portal_home(new_context, screenshot, demo_agencies, name, viewport):
    page = new_context(viewport=viewport, is_mobile=name == "phone", has_touch=name == "phone").new_page()
    page.goto("/")
    expect(page.locator(".brand-name")).to_have_text("Sở Thông tin và Truyền thông tỉnh Hậu Giang")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    for label in NAV:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    expect(nav.get_by_role("link", name="Trang chủ")).to_have_attribute("aria-current", "page")
    # nothing wider than the screen: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # our stylesheet is loaded (the navy top bar)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundColor")
        == "rgb(11, 42, 74)"
    )
    expect(page.locator(".figure-list")).to_contain_text("76")
    screenshot(f"portal-home-{name}", of=page)


def test_portal_loads_nothing_from_other_hosts(new_context, live_server):
    page = new_context().new_page()
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert hosts == {live_server.url.split("/")[2]}


def test_switch_to_english_and_back(page, screenshot):
    page.goto("/tin-tuc/")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="News")).to_be_visible()
    expect(page.get_by_role("link", name="Administrative procedures")).to_be_visible()
    screenshot("portal-news-english")
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page.get_by_role("heading", name="Tin tức")).to_be_visible()


def test_unknown_page_is_a_vietnamese_404(page, screenshot):
    response = page.goto("/khong-co/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
    expect(page.get_by_role("link", name="Về trang chủ")).to_be_visible()
    screenshot("error-404")
