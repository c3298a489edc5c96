"""Hand-offs along the internal process, decisions, result and return."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.onestop import services
from tinhso.onestop.models import DossierEvent, DossierStatus, DossierStep, EventAction, Outcome, StepResult
from tinhso.onestop.notifications import notify_applicant

from .conftest import local, received, run_queued_tasks, submitted, to_director

pytestmark = pytest.mark.django_db


def test_full_path_to_return(procedure: Any, people: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        d = submitted(procedure, people.an, local(2017, 3, 6, 9))
    run_queued_tasks()  # the receipt: a background task enqueued after commit
    with django_capture_on_commit_callbacks(execute=True):
        d = services.dossier_receive(
            actor=people.binh, dossier=d, at=local(2017, 3, 6, 9), assignee=people.chi
        )
        d = services.dossier_forward(
            actor=people.chi, dossier=d, assignee=people.dung, note="Đủ điều kiện", at=local(2017, 3, 6, 14)
        )
        d = services.dossier_approve(
            actor=people.dung, dossier=d, note="Trình Giám đốc", at=local(2017, 3, 7, 8)
        )
        assert d.outcome == Outcome.APPROVED and d.status == DossierStatus.PROCESSING
        d = services.dossier_approve(actor=people.em, dossier=d, at=local(2017, 3, 7, 9))
        assert d.current_step.role == "document_clerk"
        d = services.dossier_finish(
            actor=people.hoa, dossier=d, note="Đã cấp giấy phép", at=local(2017, 3, 7, 10)
        )
        assert d.status == DossierStatus.FINISHED and d.finished_at == local(2017, 3, 7, 10)
        assert d.current_step.role == "clerk"
        d = services.dossier_return(actor=people.binh, dossier=d, at=local(2017, 3, 8, 8))
    assert d.status == DossierStatus.RETURNED and d.returned_at == local(2017, 3, 8, 8)
    assert d.current_step is None
    steps = list(DossierStep.objects.filter(dossier=d).order_by("order"))
    assert [s.order for s in steps] == [1, 2, 3, 4, 5, 6]
    assert all(s.finished_at is not None for s in steps)
    assert [s.result for s in steps] == ["done", "done", "approved", "approved", "finished", "finished"]
    assert steps[2].note == "Trình Giám đốc"
    statuses = list(
        DossierEvent.objects.filter(dossier=d)
        .exclude(to_status=None)
        .order_by("id")
        .values_list("to_status", flat=True)
    )
    assert statuses == [0, 1, 2, 4, 4, 4, 4, 9, 10]
    finish = DossierEvent.objects.get(dossier=d, action=EventAction.FINISH)
    assert finish.data["timeliness"] == "early"
    assert AuditEntry.objects.filter(object_type="onestop.dossier", object_id=str(d.pk)).count() >= 7
    # The applicant got one e-mail per status change: 1, 2, 4, 9, 10 (the 2 is folded into the start);
    # for the online submission (1) that one e-mail is the receipt with form 01 attached.
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        f"Giấy tiếp nhận hồ sơ {d.code}",
        f"Hồ sơ {d.code}: Đang xử lý",
        f"Hồ sơ {d.code}: Đã xử lý xong",
        f"Hồ sơ {d.code}: Đã trả kết quả",
    ]
    assert d.tracking_secret in mail.outbox[0].body
    assert [a[2] for a in mail.outbox[0].attachments] == ["application/pdf"]


def test_mail_only_after_commit(procedure: Any, people: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        received(procedure, people, local(2017, 3, 6, 9))
    assert mail.outbox == []
    assert not DBTaskResult.objects.exists()  # the receipt is enqueued by the notification, after commit
    notifications = [c for c in callbacks if getattr(c, "func", None) is notify_applicant]
    assert len(notifications) == 2  # submitted (1), processing (4); the rest keeps the uploaded file


def test_refusal_by_director_ends_in_9_refused(procedure: Any, people: Any) -> None:
    d = to_director(received(procedure, people, local(2017, 3, 6)), people, local(2017, 3, 6, 10))
    with pytest.raises(InvalidInput, match="lý do"):
        services.dossier_refuse(actor=people.em, dossier=d, reason="  ")
    d = services.dossier_refuse(actor=people.em, dossier=d, reason="Mặt bằng không bảo đảm an ninh trật tự")
    assert d.outcome == Outcome.REFUSED
    d = services.dossier_finish(actor=people.hoa, dossier=d)
    assert d.status == DossierStatus.FINISHED and d.outcome == Outcome.REFUSED
    assert d.outcome_note == "Mặt bằng không bảo đảm an ninh trật tự"
    assert DossierStep.objects.get(dossier=d, order=4).result == StepResult.REFUSED


def test_deputy_director_may_sign(procedure: Any, people: Any) -> None:
    d = to_director(received(procedure, people, local(2017, 3, 6)), people, local(2017, 3, 6, 10))
    d = services.dossier_approve(actor=people.giang, dossier=d)
    assert d.current_step.role == "document_clerk"


def test_roles_are_checked_at_every_step(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6))
    for actor in (people.an, people.binh, people.dung, people.em, people.khanh):
        with pytest.raises(NotAllowed):
            services.dossier_forward(actor=actor, dossier=d)
    with pytest.raises(Conflict, match="bước xem xét"):
        services.dossier_approve(actor=people.dung, dossier=d)
    d = services.dossier_forward(actor=people.chi, dossier=d)
    with pytest.raises(InvalidInput, match="ý kiến đồng ý"):
        services.dossier_forward(actor=people.dung, dossier=d)
    for actor in (people.chi, people.em, people.an):
        with pytest.raises(NotAllowed):
            services.dossier_approve(actor=actor, dossier=d)
    d = services.dossier_approve(actor=people.dung, dossier=d)
    for actor in (people.dung, people.chi):
        with pytest.raises(NotAllowed):
            services.dossier_approve(actor=actor, dossier=d)
    with pytest.raises(InvalidInput, match="ý kiến của lãnh đạo"):
        services.dossier_finish(actor=people.em, dossier=d)
    d = services.dossier_approve(actor=people.em, dossier=d)
    with pytest.raises(NotAllowed):
        services.dossier_finish(actor=people.binh, dossier=d)  # issuance is the document clerk's step
    d = services.dossier_finish(actor=people.hoa, dossier=d)
    with pytest.raises(NotAllowed):
        services.dossier_return(actor=people.hoa, dossier=d)
    with pytest.raises(NotAllowed):
        services.dossier_return(actor=people.an, dossier=d)


def test_assignment_restricts_the_step(procedure: Any, people: Any, persona: Any) -> None:
    from tinhso.accounts.services import user_create
    from tinhso.org.models import Agency
    from tinhso.org.services import staff_role_grant

    other = user_create(
        actor=None, username="cv2@stttt.vn", password=None, full_name="Chuyên viên Hai", kind="staff"
    )
    staff_role_grant(
        actor=None, user=other, agency=Agency.objects.get(code="000.05.15.H30"), role="specialist"
    )
    d = received(procedure, people, local(2017, 3, 6), assignee=people.chi)
    with pytest.raises(NotAllowed, match="đã được giao cho Lê Thị Chi"):
        services.dossier_forward(actor=other, dossier=d)
    d = services.dossier_assign(actor=people.dung, dossier=d, assignee=other, note="Chi nghỉ phép")
    assert d.current_step.assignee == other
    with pytest.raises(NotAllowed):
        services.dossier_forward(actor=people.chi, dossier=d)
    services.dossier_forward(actor=other, dossier=d)
    with pytest.raises(InvalidInput):
        services.dossier_assign(
            actor=people.dung, dossier=d, assignee=people.chi
        )  # head's step, not a specialist


def test_forbidden_transitions(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6))
    with pytest.raises(Conflict):
        services.dossier_return(actor=people.binh, dossier=d)
    with pytest.raises(InvalidInput, match="chưa có ý kiến phê duyệt"):
        services.dossier_finish(actor=people.chi, dossier=d)
    with pytest.raises(Conflict):
        services.dossier_refuse_reception(actor=people.binh, dossier=d, reason="x")
    with pytest.raises(Conflict):
        services.dossier_supplement_submit(actor=people.an, dossier=d)
    d = to_director(d, people, local(2017, 3, 6, 10))
    d = services.dossier_approve(actor=people.em, dossier=d)
    d = services.dossier_finish(actor=people.hoa, dossier=d)
    for call in (
        lambda: services.dossier_forward(actor=people.binh, dossier=d),
        lambda: services.dossier_approve(actor=people.em, dossier=d),
        lambda: services.dossier_finish(actor=people.binh, dossier=d),
        lambda: services.dossier_request_supplement(actor=people.binh, dossier=d, items=["x"]),
        lambda: services.dossier_stop(actor=people.em, dossier=d, reason="x"),
        lambda: services.dossier_receive(actor=people.binh, dossier=d),
    ):
        with pytest.raises(Conflict):
            call()
    d = services.dossier_return(actor=people.binh, dossier=d)
    with pytest.raises(Conflict, match="Đã trả kết quả"):
        services.dossier_return(actor=people.binh, dossier=d)
    with pytest.raises(Conflict):
        services.dossier_withdraw_request(actor=people.an, dossier=d, reason="x")
