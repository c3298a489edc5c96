"""Public tracking by code + second factor: a wrong pair reveals nothing (same message, same status,
one query either way) and too many wrong pairs from one address are throttled."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tinhso.onestop.views_public import TRACKING_MAX_FAILURES

from .conftest import draft, local, received

pytestmark = pytest.mark.django_db
NOT_FOUND = "Không tìm thấy hồ sơ khớp với mã hồ sơ và mã tra cứu đã nhập."


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def _main(html: str) -> str:
    body = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r'value="[^"]*"', 'value=""', body)


def test_right_pair_shows_status_and_timeline(client: Any, procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 9))
    response = client.get(
        reverse("onestop_public:track"), {"ma": dossier.code, "mk": dossier.tracking_secret.lower()}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert dossier.procedure.name in html and "Đang xử lý" in html
    assert "Tiếp nhận hồ sơ" in html and "09/03/2017" in html  # promised date
    assert people.binh.full_name not in html  # officers' names are not public
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_wrong_pairs_are_indistinguishable(client: Any, procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 9))
    unsent = draft(procedure, people.an, local(2017, 3, 6))
    wrong_secret = client.get(reverse("onestop_public:track"), {"ma": dossier.code, "mk": "AAAAAAAA"})
    unknown_code = client.get(
        reverse("onestop_public:track"), {"ma": dossier.code[:-4] + "0099", "mk": dossier.tracking_secret}
    )
    empty_secret = client.get(reverse("onestop_public:track"), {"ma": dossier.code, "mk": "XXXXXXXX"})
    assert unsent.code is None
    for response in (wrong_secret, unknown_code, empty_secret):
        assert response.status_code == 200
        html = response.content.decode()
        assert NOT_FOUND in html and dossier.procedure.name not in html
    assert _main(wrong_secret.content.decode()) == _main(unknown_code.content.decode())
    with CaptureQueriesContext(connection) as known:
        client.get(reverse("onestop_public:track"), {"ma": dossier.code, "mk": "BBBBBBBB"})
    with CaptureQueriesContext(connection) as unknown:
        client.get(reverse("onestop_public:track"), {"ma": "000.00.15.H30-991231-9999", "mk": "BBBBBBBB"})
    assert len(known.captured_queries) == len(unknown.captured_queries)


def test_throttled_after_too_many_wrong_pairs(client: Any, procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 9))
    for _ in range(TRACKING_MAX_FAILURES):
        assert (
            client.get(reverse("onestop_public:track"), {"ma": dossier.code, "mk": "WRONG000"}).status_code
            == 200
        )
    response = client.get(
        reverse("onestop_public:track"), {"ma": dossier.code, "mk": dossier.tracking_secret}
    )
    assert response.status_code == 429
    assert "tra cứu sai nhiều lần" in response.content.decode()
    assert dossier.procedure.name not in response.content.decode()
    # another address is not affected
    other = client.get(
        reverse("onestop_public:track"),
        {"ma": dossier.code, "mk": dossier.tracking_secret},
        REMOTE_ADDR="10.1.2.3",
    )
    assert other.status_code == 200 and dossier.procedure.name in other.content.decode()


def test_form_validation(client: Any) -> None:
    assert client.get(reverse("onestop_public:track")).status_code == 200
    response = client.get(reverse("onestop_public:track"), {"ma": "", "mk": ""})
    assert response.status_code == 400
    response = client.get(reverse("onestop_public:track"), {"ma": "<script>", "mk": "X"})
    assert response.status_code == 400 and "<script>" not in response.content.decode().split("<main", 1)[1]


def test_bad_input_is_400_in_vietnamese_and_counts_no_failure(client: Any) -> None:
    for _ in range(TRACKING_MAX_FAILURES + 2):
        response = client.get(reverse("onestop_public:track"), {"ma": "<b>", "mk": ""})
        assert response.status_code == 400
    main = response.content.decode().split("<main", 1)[1]
    assert "Mã hồ sơ không đúng định dạng." in main and "Trường này là bắt buộc." in main
    assert 'aria-invalid="true"' in main
    # malformed input is not a wrong pair: it neither reaches the database nor fills the throttle
    assert cache.get("onestop:track-fail:127.0.0.1") is None
