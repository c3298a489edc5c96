"""Back-office pages of awards: a decision with its recipients typed one a line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tinhso.emulation.models import AwardDecision

pytestmark = pytest.mark.django_db
BASE = "/quan-tri/thi-dua"


def test_award_decision_on_the_page(persona: Callable[[str], Any]) -> None:
    c = Client()
    c.force_login(persona("khanh"))
    data = {
        "number": "215/QĐ-STTTT",
        "decided_on": "26/12/2016",
        "issuer": "Giám đốc Sở",
        "form": "giay_khen",
        "emulation_year": "2016",
        "recipients": "Tập thể: Đài Truyền thanh huyện Long Mỹ\nTổ: sai",
    }
    r = c.post(f"{BASE}/khen-thuong/them/", data)
    assert r.status_code == 200 and "Dòng 2: bắt đầu bằng" in r.content.decode()
    r = c.post(
        f"{BASE}/khen-thuong/them/",
        {
            **data,
            "recipients": "Tập thể: Đài Truyền thanh huyện Long Mỹ\nCá nhân: Nguyễn Văn Bé | Phát thanh viên",
        },
    )
    assert r.status_code == 302
    d = AwardDecision.objects.get()
    assert [(x.kind, x.position) for x in d.recipients.all()] == [
        ("tap_the", ""),
        ("ca_nhan", "Phát thanh viên"),
    ]
    director = Client()
    director.force_login(persona("em"))
    assert "Nguyễn Văn Bé" in director.get(f"{BASE}/khen-thuong/").content.decode()
    assert director.get(f"{BASE}/khen-thuong/them/").status_code == 403
