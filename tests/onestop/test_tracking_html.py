"""The tracking page's fields and timeline, built in Python (onestop/tracking_html.py) for speed: the
markup is what the page's template and includes/form_field.html produced, and every value is escaped."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from tinhso.onestop import services, tracking_html
from tinhso.onestop.forms_public import TrackingForm
from tinhso.onestop.selectors import TrackedDossier, TrackingEvent

from .conftest import local, received

URL = "onestop_public:track"
HOSTILE = "<script>alert('x')</script> & \"q\""


def _event(**kw: Any) -> TrackingEvent:
    base: dict[str, Any] = {
        "at": dt.datetime(2017, 3, 6, 2, 5, tzinfo=dt.UTC),
        "action": "receive",
        "action_label": "Tiếp nhận hồ sơ",
        "status_label": "",
        "items": (),
        "new_promised": None,
    }
    return TrackingEvent(**{**base, **kw})


def _dossier(*events: TrackingEvent) -> TrackedDossier:
    return TrackedDossier(
        code="000.00.15.H30-170306-0001",
        status=4,
        status_label="Đang xử lý",
        procedure_name="Cấp giấy phép hoạt động in",
        agency_name="Sở Thông tin và Truyền thông",
        submitted_at=None,
        received_at=None,
        promised_at=None,
        events=events,
    )


def test_timeline_markup_and_local_times() -> None:
    html = tracking_html.timeline_html(
        _dossier(
            _event(),
            _event(
                action="request_supplement",
                action_label="Yêu cầu bổ sung",
                status_label="Chờ bổ sung",
                items=("Bản sao giấy phép", "Sơ đồ"),
            ),
            _event(
                action="apologize",
                action_label="Xin lỗi",
                new_promised=dt.datetime(2017, 3, 15, 9, tzinfo=dt.UTC),
            ),
        )
    )
    assert '<time datetime="2017-03-06T09:05:00+07:00">09:05 06/03/2017</time>' in html
    assert '<li class="timeline-item timeline-item--status">' in html
    assert "Yêu cầu bổ sung → <strong>Chờ bổ sung</strong>" in html
    assert '<ul class="timeline-items"><li>Bản sao giấy phép</li><li>Sơ đồ</li></ul>' in html
    assert "<p>Ngày hẹn trả kết quả mới: 16:00 15/03/2017</p>" in html
    assert html.count('<li class="timeline-item') == 3
    assert tracking_html.timeline_html(_dossier()) == '<li class="empty">Chưa có diễn biến.</li>'


def test_every_value_is_escaped() -> None:
    html = tracking_html.timeline_html(
        _dossier(_event(action_label=HOSTILE, status_label=HOSTILE, items=(HOSTILE,)))
    )
    assert "<script>" not in html and "&lt;script&gt;" in html and "&quot;q&quot;" in html
    entered = tracking_html.tracking_input({"ma": HOSTILE, "mk": HOSTILE})
    assert not entered.ok
    fields = tracking_html.fields_html(entered)
    assert "<script>" not in fields and 'value="&lt;script&gt;alert(&#x27;x&#x27;)' in fields


def test_fields_tie_labels_hints_and_errors() -> None:
    entered = tracking_html.tracking_input({"ma": "", "mk": "ABCD1234"})
    assert not entered.ok
    html = tracking_html.fields_html(entered)
    assert '<label for="id_ma">Mã hồ sơ<span class="req" aria-hidden="true"> *</span></label>' in html
    assert '<p class="field-error" id="id_ma-error">' in html
    assert 'aria-describedby="id_ma-help id_ma-error" aria-invalid="true"' in html
    assert 'name="mk" value="ABCD1234"' in html and 'aria-describedby="id_mk-help" required' in html
    assert html.count('class="field field--error"') == 1


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"ma": "", "mk": ""},
        {"ma": " 000.00.15.h30-170306-0001 ", "mk": " abcd1234 "},
        {"ma": "<script>", "mk": "X"},
        {"ma": "A" * 41, "mk": "B" * 13},
        {"ma": "000.00.15.H30-170306-0001"},
    ],
)
def test_light_check_agrees_with_the_form(data: dict[str, str] | None) -> None:
    """The page validates without building TrackingForm; it must accept, clean and refuse exactly as the
    form does, with the same messages."""
    form = TrackingForm(data)
    entered = tracking_html.tracking_input(data)
    assert entered.bound == form.is_bound
    assert entered.ok == form.is_valid()
    if form.is_bound:
        assert entered.errors == {k: list(v) for k, v in form.errors.items()}
        assert entered.cleaned == form.cleaned_data
        assert entered.values == {name: form[name].value() for name in form.fields}


def test_fixed_text_follows_the_language() -> None:
    with translation.override("en"):
        english = tracking_html.labels()
        history = tracking_html.timeline_html(_dossier())
    assert tracking_html.labels()["history"] == "Quá trình giải quyết"
    assert english["history"] != "Quá trình giải quyết" and english["title"] == "Track a dossier"
    assert "Chưa có diễn biến." not in history
    entered = tracking_html.tracking_input(None)
    with translation.override("en"):
        page = tracking_html.content_html(entered, None, throttled=True, window_minutes=15)
    assert '<label for="id_ma">Dossier code<span' in page and "Tracking code" in page
    assert "Too many failed lookups. Please try again in 15 minutes." in page
    page = tracking_html.content_html(entered, None, not_found=True)
    assert "<h1>Tra cứu hồ sơ</h1>" in page and "Mã tra cứu" in page
    assert "Không tìm thấy hồ sơ khớp với mã hồ sơ và mã tra cứu đã nhập." in page


# --- the page around the content kept for plain visitors (portal/shell.py) ---------------------------

KEPT = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t-default"},
    "template_fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t-frag"},
}


@pytest.fixture
def kept() -> Iterator[None]:
    with override_settings(CACHES=KEPT):
        caches["template_fragments"].clear()
        caches["default"].clear()
        yield
        caches["template_fragments"].clear()
        caches["default"].clear()


def _fresh(params: dict[str, str]) -> Any:
    none = {**KEPT, "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=none):
        return Client().get(reverse(URL), params)


@pytest.mark.django_db
def test_kept_shell_serves_what_rendering_serves(kept: None, procedure: Any, people: Any) -> None:
    one = received(procedure, people, local(2017, 3, 6, 9))
    two = services.dossier_request_supplement(
        actor=people.binh,
        dossier=received(procedure, people, local(2017, 3, 7, 9)),
        items=["Bản sao giấy phép"],
        at=local(2017, 3, 7, 10),
    )
    cases = [
        {"ma": one.code, "mk": one.tracking_secret},  # fills the shell
        {"ma": two.code, "mk": two.tracking_secret},  # from the shell, another dossier
        {"ma": two.code, "mk": "WRONG000"},  # not found
        {"ma": "", "mk": ""},  # 400
        {},
    ]
    for params in cases:
        kept_response = Client().get(reverse(URL), params)
        fresh = _fresh(params)
        assert kept_response.status_code == fresh.status_code
        assert kept_response.content.decode() == fresh.content.decode(), params
    assert any(k for k in caches["template_fragments"]._cache if "portal-shell" in k)  # type: ignore[attr-defined]
    html = Client().get(reverse(URL), cases[1]).content.decode()
    main = html.split("<main", 1)[1]
    assert f'<span class="code">{two.code}</span>' in main and "Bản sao giấy phép" in main
    assert f'<span class="code">{one.code}</span>' not in main


@pytest.mark.django_db
def test_signed_in_users_get_the_whole_page(kept: None, procedure: Any, people: Any) -> None:
    one = received(procedure, people, local(2017, 3, 6, 9))
    params = {"ma": one.code, "mk": one.tracking_secret}
    Client().get(reverse(URL), params)  # an anonymous visitor fills the shell
    user = Client()
    user.force_login(people.an)
    html = user.get(reverse(URL), params).content.decode()
    assert people.an.full_name in html and "Đăng xuất" in html
    assert people.an.full_name not in Client().get(reverse(URL), params).content.decode()
    assert re.search(r"Tra cứu hồ sơ", html)
