from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tinhso.accounts.services import citizen_register
from tinhso.portal.selectors import province_figures

pytestmark = pytest.mark.django_db
NAV = ["Trang chủ", "Thủ tục hành chính", "Tra cứu hồ sơ", "Tin tức", "Thống kê"]


def test_home_without_any_data_names_the_department_from_the_configuration(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="vi">' in html
    assert "Sở Thông tin và Truyền thông tỉnh Hậu Giang" in html
    for label in NAV:
        assert label in html
    assert 'href="#main"' in html and 'id="main"' in html  # skip link
    assert 'href="/ngon-ngu/en/?next=/"' in html  # the switcher is a plain link: no form, no token
    assert "csrfmiddlewaretoken" not in html
    assert "<script" not in html  # the shell needs no JavaScript
    assert "Chưa nạp dữ liệu đơn vị hành chính." in html


def test_home_with_the_demo_province(client, demo_agencies):
    html = client.get(reverse("portal:home")).content.decode()
    assert "Sở Thông tin và Truyền thông tỉnh Hậu Giang" in html
    assert "Ủy ban nhân dân tỉnh Hậu Giang" in html
    assert "stttt@haugiang.gov.vn" in html
    assert "Dân số (năm 2017)" in html and "773.820" in html  # a year is not grouped, a count is


def test_figures_are_counted_from_the_units(demo_agencies):
    figures = province_figures(on=dt.date(2016, 6, 30))
    assert (figures.districts, figures.communes) == (8, 76)
    assert (figures.rural_communes, figures.wards, figures.townships) == (54, 12, 10)
    assert figures.agencies == len(demo_agencies)
    # Hậu Giang no longer exists after 1 July 2025: the default date is its last day
    assert province_figures().on == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    "name", ["catalog:directory", "onestop_public:track", "portal:news", "portal:statistics"]
)
def test_public_pages_render_and_mark_the_current_nav_item(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert f'href="{reverse(name)}" aria-current="page"' in response.content.decode()


def test_old_addresses_redirect_to_the_real_pages(client):
    r = client.get(reverse("portal:procedures"), {"q": "giay phep in"})
    assert r.status_code == 301 and r.url == reverse("catalog:directory") + "?q=giay+phep+in"
    r = client.get(reverse("portal:tracking"), {"ma": "000.00.15.H30-170120-0001", "mk": "x"})
    assert r.status_code == 301 and r.url.startswith(reverse("onestop_public:track") + "?ma=")


def test_my_dossiers_is_the_citizen_home(client):
    user = citizen_register(
        full_name="Lê Thị Mười",
        citizen_id="093190001010",
        password="Hau-Giang-2017!",
        email="muoi@example.vn",
    )
    assert client.get(reverse("onestop_public:mine")).status_code == 302
    client.force_login(user)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("onestop_public:mine")
    html = response.content.decode()
    assert "Hồ sơ của tôi" in html
    assert "Đăng xuất" in html


def test_english_is_switchable_without_javascript(client):
    response = client.get(reverse("language_choose", args=["en"]), {"next": reverse("portal:news")})
    assert response.status_code == 302 and response.url == reverse("portal:news")
    html = client.get(reverse("portal:news")).content.decode()
    assert '<html lang="en">' in html
    assert (
        "News" in html
        and "Administrative procedures" in html
        and "No articles have been published yet." in html
    )
    assert "Department of Information and Communications of Hậu Giang province" in html


def test_numbers_and_dates_are_vietnamese():
    with translation.override("vi"):
        out = Template("{% load tinhso_ui %}{{ n }}|{{ d|date:'SHORT_DATE_FORMAT' }}|{{ m|dong }}").render(
            Context({"n": 30429, "d": dt.date(2017, 1, 20), "m": 64000000})
        )
    assert out == "30.429|20/01/2017|64.000.000 đồng"


def test_error_pages_are_vietnamese(client):
    r = client.get("/khong-co-trang-nay/")
    assert r.status_code == 404 and "Không tìm thấy trang" in r.content.decode()


@override_settings(DEBUG=False)
def test_500_page_renders_without_context():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Lỗi hệ thống" in html and "Sở Thông tin và Truyền thông" in html
