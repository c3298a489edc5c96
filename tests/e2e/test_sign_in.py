from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tinhso.accounts.models import LoginAttempt, User
from tinhso.demo.personas import DEMO_PASSWORD, PERSONAS

from .conftest import PHONE, sign_in

STAFF_HOME = "/quan-tri/"
CITIZEN_HOME = "/ho-so/"


@pytest.mark.parametrize("key", [p.key for p in PERSONAS])
def test_each_persona_signs_in_and_lands_on_their_home(page, screenshot, persona, key):
    user = persona(key)
    sign_in(page, user.email or user.phone, DEMO_PASSWORD)
    if user.kind == "staff":
        expect(page).to_have_url(re.compile(re.escape(STAFF_HOME) + "$"))
        expect(page.get_by_role("heading", name="Trang làm việc")).to_be_visible()
        role = user.staff_roles.get()
        expect(page.locator("table")).to_contain_text(role.get_role_display())
        expect(page.locator("table")).to_contain_text(role.agency.name)
    else:
        expect(page).to_have_url(re.compile(re.escape(CITIZEN_HOME) + "$"))
        expect(page.get_by_role("heading", name="Hồ sơ của tôi")).to_be_visible()
        expect(page.get_by_text("Bạn chưa có hồ sơ nào.")).to_be_visible()
    expect(page.get_by_text(f"Xin chào {user.full_name}.")).to_be_visible()
    screenshot(f"home-{key}")


def test_a_citizen_registers(page, screenshot):
    page.goto("/")
    page.get_by_role("link", name="Đăng ký", exact=True).first.click()
    expect(page.get_by_role("heading", name="Đăng ký tài khoản công dân")).to_be_visible()
    page.get_by_label("Họ và tên").fill("Trương Thị Thu")
    page.get_by_label("Số định danh cá nhân (số CCCD)").fill("093 195 012 345")
    page.get_by_label("Thư điện tử").fill("thu@example.vn")
    page.get_by_label("Số điện thoại di động").fill("0939 012 345")
    page.get_by_label(re.compile("^Mật khẩu")).fill("Hau-Giang-2017!")
    page.get_by_label("Nhập lại mật khẩu").fill("Hau-Giang-2017!")
    screenshot("register-filled")
    page.get_by_role("button", name="Đăng ký").click()
    expect(page).to_have_url(re.compile(re.escape(CITIZEN_HOME) + "$"))
    expect(page.get_by_text("Đăng ký thành công. Chào mừng Trương Thị Thu!")).to_be_visible()
    user = User.objects.get(email="thu@example.vn")
    assert (user.citizen_id, user.phone) == ("093195012345", "0939012345")


def test_registration_errors_are_shown_next_to_the_fields(page, screenshot):
    page.goto("/tai-khoan/dang-ky/")
    page.get_by_label("Họ và tên").fill("Trương Thị Thu")
    page.get_by_label("Số định danh cá nhân (số CCCD)").fill("097195012345")
    page.get_by_label(re.compile("^Mật khẩu")).fill("12345678")
    page.get_by_label("Nhập lại mật khẩu").fill("12345678")
    page.get_by_role("button", name="Đăng ký").click()
    expect(page.get_by_text("Ba chữ số đầu (097) không phải mã tỉnh, thành phố hợp lệ.")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Cần nhập thư điện tử hoặc số điện thoại")
    expect(page.get_by_label("Số định danh cá nhân (số CCCD)")).to_have_attribute("aria-invalid", "true")
    screenshot("register-errors")
    assert not User.objects.exists()


def test_wrong_password_shows_the_vietnamese_error(page, screenshot, citizen_an):
    sign_in(page, "an@example.vn", "mat-khau-sai")
    expect(page.get_by_role("alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    expect(page).to_have_url(re.compile("/tai-khoan/dang-nhap/$"))
    screenshot("login-wrong-password")


def test_throttling_after_too_many_failures(page, screenshot, citizen_an, settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_LOCK_MINUTES = 15
    for _ in range(3):
        sign_in(page, "0912345678", "mat-khau-sai")
        expect(page.get_by_role("alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("an@example.vn")
    page.get_by_label(re.compile("^Mật khẩu")).fill(DEMO_PASSWORD)
    with page.expect_response(
        lambda r: r.url.endswith("/tai-khoan/dang-nhap/") and r.request.method == "POST"
    ) as info:
        page.get_by_role("button", name="Đăng nhập").click()
    assert info.value.status == 429
    expect(page.get_by_role("alert")).to_have_text(
        "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."
    )
    screenshot("login-throttled")
    assert LoginAttempt.objects.filter(success=False).count() == 3


def test_keyboard_reaches_the_skip_link_and_the_sign_in_button(page, screenshot, citizen_an):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    screenshot("keyboard-skip-link", full_page=False)
    # from the top of the page, through the header links, to the sign-in link and the form
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Đăng nhập":
            break
    else:
        pytest.fail("Tab never reached the sign-in link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/tai-khoan/dang-nhap/$"))
    # the identifier field has autofocus
    assert page.evaluate("document.activeElement.name") == "identifier"
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("(e => [e.tagName, e.type, e.textContent.trim()])(document.activeElement)")
        if focused == ["BUTTON", "submit", "Đăng nhập"]:
            break
    else:
        pytest.fail("Tab never reached the sign-in button")
    screenshot("keyboard-sign-in-button", full_page=False)
    # fill and submit with the keyboard only
    page.get_by_label("Thư điện tử hoặc số điện thoại").focus()
    page.keyboard.type("an@example.vn")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(CITIZEN_HOME) + "$"))


def test_sign_in_and_out_without_javascript(new_context, screenshot, clerk_binh):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "binh@stttt.haugiang.gov.vn", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(re.escape(STAFF_HOME) + "$"))
    expect(page.locator("#panel-reception")).to_contain_text("Chưa có hồ sơ.")
    page.locator("summary").click()  # the user menu is a <details>: no script needed
    screenshot("no-js-backoffice-menu", of=page)
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("Bạn đã đăng xuất.")).to_be_visible()


def test_back_office_on_a_phone(new_context, screenshot, director_em, specialist_chi):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(page, "em@stttt.haugiang.gov.vn", DEMO_PASSWORD)
    expect(page.locator("#panel-staff")).to_contain_text("Chuyên viên")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot("phone-backoffice-em", of=page)


def test_profile_and_password_change(page, screenshot, citizen_an):
    sign_in(page, "an@example.vn", DEMO_PASSWORD)
    page.get_by_role("link", name="Nguyễn Văn An").click()
    expect(page.get_by_role("heading", name="Thông tin cá nhân", exact=True)).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("093089001234")
    page.get_by_label("Địa chỉ").fill("Phường V, thành phố Vị Thanh")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu thông tin cá nhân.")).to_be_visible()
    screenshot("profile-an")
    page.get_by_role("link", name="Đổi mật khẩu").click()
    page.get_by_label("Mật khẩu hiện tại").fill(DEMO_PASSWORD)
    page.get_by_label("Mật khẩu mới", exact=False).first.fill("Vi-Thanh-2018#")
    page.get_by_label("Nhập lại mật khẩu mới").fill("Vi-Thanh-2018#")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.get_by_text("Đã đổi mật khẩu.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, "0912345678", "Vi-Thanh-2018#")
    expect(page).to_have_url(re.compile(re.escape(CITIZEN_HOME) + "$"))
