"""Inspections, violations and sanction decisions through the services; totals against the plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.inspections.models import Inspection, SanctionDecision, SanctionDecree, Violation
from tinhso.inspections.selectors import year_summary
from tinhso.inspections.services import (
    decision_create,
    decision_record_payment,
    decision_update,
    decree_for_date,
    inspection_update,
    plan_set,
    violation_create,
    violation_update,
)

pytestmark = pytest.mark.django_db


def _violation(inspection: Inspection, actor: Any, **kw: Any) -> Violation:
    values: dict[str, Any] = {
        "violator": "Đại lý Internet Minh Tâm",
        "violator_kind": "ca_nhan",
        "act": "Không niêm yết nội quy sử dụng dịch vụ tại điểm truy nhập Internet công cộng",
        "occurred_on": inspection.start_date,
        "provision": "điểm a khoản 1 Điều 34",
    }
    values.update(kw)
    return violation_create(actor=actor, inspection=inspection, **values)


def _fine(violation: Violation, actor: Any, number: str = "01/QĐ-XPHC", **kw: Any) -> SanctionDecision:
    values: dict[str, Any] = {
        "number": number,
        "decided_on": violation.occurred_on + dt.timedelta(days=5),
        "record_number": "01/BB-VPHC",
        "decider": "Chánh Thanh tra Sở",
        "penalty": "phat_tien",
        "fine_amount": 2_000_000,
        "payment_deadline": violation.occurred_on + dt.timedelta(days=15),
    }
    values.update(kw)
    return decision_create(actor=actor, violation=violation, **values)


def test_decree_is_chosen_by_the_violation_date(make_inspection: Any, inspector_long: Any) -> None:
    assert decree_for_date(dt.date(2020, 4, 14)).code == "174/2013/NĐ-CP"
    assert decree_for_date(dt.date(2020, 4, 15)).code == "15/2020/NĐ-CP"
    old = make_inspection(start_date=dt.date(2016, 5, 10), end_date=dt.date(2016, 5, 12))
    assert _violation(old, inspector_long).decree.code == "174/2013/NĐ-CP"
    new = make_inspection(start_date=dt.date(2020, 6, 1), end_date=dt.date(2020, 6, 3))
    assert _violation(new, inspector_long).decree.code == "15/2020/NĐ-CP"


def test_a_decree_not_in_force_on_the_date_is_refused(make_inspection: Any, inspector_long: Any) -> None:
    inspection = make_inspection(start_date=dt.date(2020, 4, 10), end_date=dt.date(2020, 4, 20))
    new_decree = SanctionDecree.objects.get(code="15/2020/NĐ-CP")
    with pytest.raises(InvalidInput, match=r"14/04/2020 phải áp dụng Nghị định 174/2013/NĐ-CP"):
        _violation(inspection, inspector_long, occurred_on=dt.date(2020, 4, 14), decree=new_decree)
    assert not Violation.objects.exists()
    ok = _violation(inspection, inspector_long, occurred_on=dt.date(2020, 4, 15), decree=new_decree)
    # Moving the date back re-resolves the decree.
    moved = violation_update(
        actor=inspector_long, violation=ok, changes={"occurred_on": dt.date(2020, 4, 14)}
    )
    assert moved.decree.code == "174/2013/NĐ-CP"


def test_violation_after_the_inspection_end_is_refused(make_inspection: Any, inspector_long: Any) -> None:
    inspection = make_inspection()
    with pytest.raises(InvalidInput, match="không được sau ngày kết thúc"):
        _violation(inspection, inspector_long, occurred_on=dt.date(2016, 5, 13))


def test_decision_number_format_and_uniqueness_per_year(make_inspection: Any, inspector_long: Any) -> None:
    inspection = make_inspection()
    v1 = _violation(inspection, inspector_long)
    v2 = _violation(inspection, inspector_long, violator="Cửa hàng điện thoại Phương Nam")
    with pytest.raises(InvalidInput, match="không đúng dạng …/QĐ-XPHC"):
        _fine(v1, inspector_long, number="01/QĐ-UBND")
    _fine(v1, inspector_long, number="01/QĐ-XPHC")
    with pytest.raises(Conflict, match="01/QĐ-XPHC đã được dùng trong năm 2016"):
        _fine(v2, inspector_long, number="01/QĐ-XPHC")
    with pytest.raises(Conflict, match="đã có quyết định xử phạt"):
        _fine(v1, inspector_long, number="02/QĐ-XPHC")
    # The same number in another year is another decision.
    other = make_inspection(start_date=dt.date(2017, 3, 1), end_date=dt.date(2017, 3, 2))
    v3 = _violation(other, inspector_long)
    assert _fine(v3, inspector_long, number="01/QĐ-XPHC").year == 2017


def test_decision_fine_and_payment_rules(make_inspection: Any, inspector_long: Any) -> None:
    v = _violation(make_inspection(), inspector_long)
    with pytest.raises(InvalidInput, match="lớn hơn 0"):
        _fine(v, inspector_long, fine_amount=0)
    with pytest.raises(InvalidInput, match="cảnh cáo không có số tiền phạt"):
        _fine(v, inspector_long, penalty="canh_cao", fine_amount=500_000)
    with pytest.raises(InvalidInput, match="không được trước ngày vi phạm"):
        _fine(v, inspector_long, decided_on=dt.date(2016, 5, 1))
    with pytest.raises(InvalidInput, match="phải có ngày nộp"):
        _fine(v, inspector_long, payment_status="da_nop")
    assert not SanctionDecision.objects.exists()
    decision = _fine(v, inspector_long)
    assert decision.payment_status == "chua_nop"
    with pytest.raises(InvalidInput, match="không được trước ngày quyết định"):
        decision_record_payment(actor=inspector_long, decision=decision, paid_on=dt.date(2016, 5, 1))
    paid = decision_record_payment(actor=inspector_long, decision=decision, paid_on=dt.date(2016, 5, 20))
    assert (paid.payment_status, paid.paid_on) == ("da_nop", dt.date(2016, 5, 20))
    with pytest.raises(Conflict, match="đã nộp"):
        decision_record_payment(actor=inspector_long, decision=paid, paid_on=dt.date(2016, 5, 21))


def test_summary_follows_the_records(make_inspection: Any, inspector_long: Any) -> None:
    plan_set(actor=inspector_long, year=2016, counts={"vien_thong": 2, "xuat_ban": 1})
    s = year_summary(year=2016)
    assert (s.planned, s.conducted, s.violations, s.fines_decided) == (3, 0, 0, 0)

    a = make_inspection()
    b = make_inspection(field="xuat_ban", basis="dot_xuat", subject="Cơ sở in Tân Tiến")
    v = _violation(a, inspector_long)
    _violation(b, inspector_long, violator="Cơ sở in Tân Tiến", violator_kind="to_chuc")
    d = _fine(v, inspector_long, fine_amount=7_500_000)
    s = year_summary(year=2016)
    assert (s.planned, s.conducted, s.conducted_planned, s.conducted_ad_hoc) == (3, 2, 1, 1)
    assert (s.violations, s.decisions) == (2, 1)
    assert (s.fines_decided, s.fines_paid, s.fines_unpaid) == (7_500_000, 0, 7_500_000)
    by_field = {r.field: (r.planned, r.conducted) for r in s.by_field}
    assert by_field == {"vien_thong": (2, 1), "xuat_ban": (1, 1)}

    decision_record_payment(actor=inspector_long, decision=d, paid_on=dt.date(2016, 5, 25))
    decision_update(actor=inspector_long, decision=d, changes={"fine_amount": 8_000_000})
    s = year_summary(year=2016)
    assert (s.fines_decided, s.fines_paid, s.fines_unpaid) == (8_000_000, 8_000_000, 0)

    # Moving an inspection to 2017 moves it out of the 2016 totals.
    inspection_update(
        actor=inspector_long,
        inspection=b,
        changes={"start_date": dt.date(2017, 1, 5), "end_date": dt.date(2017, 1, 6)},
    )
    assert year_summary(year=2016).conducted == 1
    assert year_summary(year=2017).conducted == 1
    assert year_summary(year=2016).over_plan == -2


def test_summary_query_count(make_inspection: Any, django_assert_num_queries: Any) -> None:
    make_inspection()
    with django_assert_num_queries(4):
        year_summary(year=2016)


def test_plan_set_replaces_the_lines(inspector_long: Any) -> None:
    plan_set(actor=inspector_long, year=2016, counts={"vien_thong": 3, "internet": 2})
    plan_set(actor=inspector_long, year=2016, counts={"vien_thong": 4})
    s = year_summary(year=2016)
    assert s.planned == 4
    with pytest.raises(InvalidInput, match="Lĩnh vực không hợp lệ"):
        plan_set(actor=inspector_long, year=2016, counts={"bong_da": 1})
    assert year_summary(year=2016).planned == 4


def test_only_the_inspector_edits(make_inspection: Any, director_em: Any, officer_khanh: Any) -> None:
    inspection = make_inspection()
    for who in (director_em, officer_khanh):
        with pytest.raises(NotAllowed, match="không có quyền cập nhật dữ liệu thanh tra"):
            inspection_update(actor=who, inspection=inspection, changes={"subject": "X"})
    assert Inspection.objects.get(pk=inspection.pk).subject == "Viễn thông Hậu Giang (VNPT)"


def test_conclusion_rules_and_audit(make_inspection: Any, inspector_long: Any) -> None:
    inspection = make_inspection()
    with pytest.raises(InvalidInput, match="Kết luận không được để trống"):
        inspection_update(actor=inspector_long, inspection=inspection, changes={"status": "da_ket_luan"})
    done = inspection_update(
        actor=inspector_long,
        inspection=inspection,
        changes={
            "status": "da_ket_luan",
            "conclusion": "Chấp hành tốt quy định.",
            "conclusion_date": dt.date(2016, 5, 30),
        },
    )
    assert done.status == "da_ket_luan"
    entry = AuditEntry.objects.filter(action="inspections.inspection_update").latest("id")
    assert entry.before == {"status": "dang_tien_hanh", "conclusion": "", "conclusion_date": None}
    assert entry.after["status"] == "da_ket_luan"
    with pytest.raises(InvalidInput, match="Ngày kết thúc phải sau"):
        inspection_update(actor=inspector_long, inspection=done, changes={"end_date": dt.date(2016, 5, 1)})
