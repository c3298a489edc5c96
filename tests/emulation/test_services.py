"""Movements and award decisions through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.emulation.models import AwardDecision, Recipient
from tinhso.emulation.selectors import award_decision_list, awards_of_year
from tinhso.emulation.services import (
    RecipientInput,
    award_decision_create,
    award_decision_update,
    movement_create,
)

pytestmark = pytest.mark.django_db

TEAMS = [
    RecipientInput(kind="tap_the", name="Đài Truyền thanh huyện Long Mỹ"),
    RecipientInput(kind="ca_nhan", name="Nguyễn Văn Bé", position="Phát thanh viên"),
]


def _decision(actor: Any, **kw: Any) -> AwardDecision:
    values: dict[str, Any] = dict(
        number="215/QĐ-STTTT",
        decided_on=dt.date(2016, 12, 26),
        issuer="Giám đốc Sở Thông tin và Truyền thông",
        form="giay_khen",
        emulation_year=2016,
        recipients=TEAMS,
    )
    values.update(kw)
    return award_decision_create(actor=actor, **values)


def test_decision_with_recipients_and_counts(persona: Callable[[str], Any]) -> None:
    khanh = persona("khanh")
    m = movement_create(
        actor=khanh,
        year=2016,
        title="Phong trào thi đua 2016",
        launched_on=dt.date(2015, 12, 29),
        launched_by="Sở TT&TT",
    )
    d = _decision(khanh, movement=m)
    a = awards_of_year(emulation_year=2016)
    assert (a["collectives"], a["individuals"], a["movements"]) == (1, 1, 1)
    row = award_decision_list(year=2016).get(pk=d.pk)
    assert (row.collectives, row.individuals) == (1, 1)
    award_decision_update(
        actor=khanh,
        decision=d,
        changes={"form": "bang_khen_tinh"},
        recipients=[RecipientInput(kind="tap_the", name="Phòng Văn hóa và Thông tin huyện Long Mỹ")],
    )
    a = awards_of_year(emulation_year=2016)
    assert a["by_form"] == {"bang_khen_tinh": {"tap_the": 1}}


def test_bad_decisions_are_refused_whole(persona: Callable[[str], Any]) -> None:
    khanh = persona("khanh")
    with pytest.raises(InvalidInput, match="không đúng dạng"):
        _decision(khanh, number="215-STTTT")
    with pytest.raises(InvalidInput, match="bị trùng trong danh sách"):
        _decision(
            khanh, recipients=[*TEAMS, RecipientInput(kind="tap_the", name="Đài Truyền thanh huyện Long Mỹ")]
        )
    with pytest.raises(InvalidInput, match="ít nhất một"):
        _decision(khanh, recipients=[])
    with pytest.raises(InvalidInput, match="Năm thành tích không được sau"):
        _decision(khanh, emulation_year=2017)
    assert not AwardDecision.objects.exists() and not Recipient.objects.exists()
    _decision(khanh)
    with pytest.raises(Conflict, match="đã được dùng trong năm 2016"):
        _decision(khanh)
    m = movement_create(
        actor=khanh,
        year=2015,
        title="Phong trào 2015",
        launched_on=dt.date(2015, 1, 5),
        launched_by="Sở TT&TT",
    )
    with pytest.raises(InvalidInput, match="khác năm thành tích"):
        _decision(khanh, number="216/QĐ-STTTT", movement=m)


def test_only_the_sector_officer_edits(persona: Callable[[str], Any]) -> None:
    for key in ("long", "em", "chi"):
        with pytest.raises(NotAllowed, match="thi đua, khen thưởng"):
            _decision(persona(key))
