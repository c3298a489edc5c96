"""The demo awards: Giấy khen to 6 collectives (radio stations, culture and information offices) for 2016."""

from __future__ import annotations

from typing import Any

import pytest

from tinhso.emulation.demo import emulation_demo_load
from tinhso.emulation.models import AwardDecision, Recipient
from tinhso.emulation.selectors import awards_of_year

pytestmark = pytest.mark.django_db


def test_demo_awards_of_2016(demo_agencies: Any) -> None:
    emulation_demo_load()
    a = awards_of_year(emulation_year=2016)
    assert a["by_form"]["giay_khen"]["tap_the"] == 6 == a["collectives"]
    names = Recipient.objects.filter(decision__emulation_year=2016, kind="tap_the").values_list(
        "name", flat=True
    )
    assert all(n.startswith(("Đài Truyền thanh", "Phòng Văn hóa và Thông tin")) for n in names)
    assert Recipient.objects.filter(kind="tap_the", agency__isnull=True).count() == 0
    assert awards_of_year(emulation_year=2017)["movements"] == 1
    count = AwardDecision.objects.count()
    again = emulation_demo_load()
    assert (again.movements_created, again.decisions_created) == (0, 0)
    assert AwardDecision.objects.count() == count
