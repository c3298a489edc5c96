from __future__ import annotations

import pytest

from tinhso.core.errors import InvalidInput, NotAllowed
from tinhso.geo.selectors import unit_valid_on
from tinhso.programs.models import C8Status
from tinhso.programs.selectors import c8_summary, communes_of_year
from tinhso.programs.services import c8_assess, c8_evidence_add

pytestmark = pytest.mark.django_db

ALL = {"c81": True, "c82": True, "c83": True, "c84": True}


def test_there_are_54_xa_in_2016_and_53_in_2019(demo_agencies):
    assert len(communes_of_year(2016)) == 54
    assert "31489" in {u.code for u in communes_of_year(2016)}  # Xã Vĩnh Viễn, a town from 2019
    assert len(communes_of_year(2019)) == 53


def test_status_and_summary_follow_records(officer_khanh, commune, xa_codes):
    for code in xa_codes[:53]:
        c8_assess(actor=officer_khanh, commune=commune(code), year=2015, **ALL)
    c8_assess(actor=officer_khanh, commune=commune(xa_codes[53]), year=2015, **{**ALL, "c83": False})
    s2015 = c8_summary(2015)
    assert (s2015.met, s2015.communes, s2015.new, s2015.not_met) == (53, 54, 53, 1)
    for code in xa_codes:
        a = c8_assess(actor=officer_khanh, commune=commune(code), year=2016, **ALL)
    assert a.status == C8Status.NEW
    s = c8_summary(2016)
    assert (s.rerecognised, s.new, s.met, s.communes) == (53, 1, 54, 54)
    assert s.sentence == "54/54 xã đạt tiêu chí số 8, tỉ lệ 100%"

    # a correction of the 2016 record changes the summary
    c8_assess(
        actor=officer_khanh,
        commune=commune(xa_codes[0]),
        year=2016,
        **{**ALL, "c84": False},
        note="Chưa có phần mềm quản lý văn bản",
    )
    s = c8_summary(2016)
    assert s.sentence == "53/54 xã đạt tiêu chí số 8, tỉ lệ 98,1%"
    # and correcting 2015 turns the 2016 status of that commune from new into re-recognised
    c8_assess(actor=officer_khanh, commune=commune(xa_codes[53]), year=2015, **ALL)
    assert c8_summary(2016).new == 0


def test_only_xa_and_editors(officer_khanh, director_em, commune, xa_codes):
    ward = unit_valid_on("31321", commune(xa_codes[0]).valid_from)  # a phường of Vị Thanh
    assert ward is not None and ward.kind != "xa"
    with pytest.raises(InvalidInput, match="chỉ áp dụng cho xã"):
        c8_assess(actor=officer_khanh, commune=ward, year=2016, **ALL)
    with pytest.raises(NotAllowed):
        c8_assess(actor=director_em, commune=commune(xa_codes[0]), year=2016, **ALL)


def test_evidence(officer_khanh, commune, xa_codes):
    a = c8_assess(actor=officer_khanh, commune=commune(xa_codes[0]), year=2016, **ALL)
    e = c8_evidence_add(actor=officer_khanh, assessment=a, sub_criterion="c83", note="Biên bản kiểm tra đài")
    assert a.evidence.get() == e
    with pytest.raises(InvalidInput):
        c8_evidence_add(actor=officer_khanh, assessment=a, sub_criterion="c85", note="x")
