"""The emulation API: an award decision with recipients."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_award_decision_through_the_api(persona: Callable[[str], Any], demo_agencies: dict[str, Any]) -> None:
    c = Client()
    c.force_login(persona("khanh"))
    body = {
        "number": "215/QĐ-STTTT",
        "decided_on": "2016-12-26",
        "issuer": "Giám đốc Sở",
        "form": "giay_khen",
        "emulation_year": 2016,
        "recipients": [
            {
                "kind": "tap_the",
                "name": "Đài Truyền thanh huyện Long Mỹ",
                "agency_id": demo_agencies["000.20.37.H30"].pk,
            }
        ],
    }
    r = c.post("/api/v1/emulation/decisions", data=json.dumps(body), content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["recipients"][0]["agency_id"] == demo_agencies["000.20.37.H30"].pk
    r = c.post("/api/v1/emulation/decisions", data=json.dumps(body), content_type="application/json")
    assert r.status_code == 409
    d = Client()
    d.force_login(persona("em"))
    assert d.get("/api/v1/emulation/summary/2016").json()["collectives"] == 1
    assert (
        d.post(
            "/api/v1/emulation/decisions", data=json.dumps(body), content_type="application/json"
        ).status_code
        == 403
    )
