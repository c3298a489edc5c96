"""Two officers acting on one dossier at once: one wins, the other gets a clear Conflict."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from tinhso.accounts.services import user_create
from tinhso.core.errors import Conflict
from tinhso.onestop import services
from tinhso.onestop.models import Dossier, DossierEvent, DossierStatus, EventAction
from tinhso.org.models import Agency
from tinhso.org.services import staff_role_grant

from .conftest import local, received, submitted


def second_clerk() -> Any:
    user = user_create(
        actor=None, username="clerk2@stttt.vn", password=None, full_name="Đỗ Văn Tư", kind="staff"
    )
    staff_role_grant(actor=None, user=user, agency=Agency.objects.get(code="000.01.15.H30"), role="clerk")
    return user


@pytest.mark.django_db
def test_stale_version_is_a_conflict(procedure: Any, people: Any) -> None:
    d = submitted(procedure, people.an, local(2017, 3, 6, 9))
    other = second_clerk()
    seen = d.version  # both officers opened the dossier at this version
    services.dossier_receive(actor=people.binh, dossier=d, expected_version=seen)
    with pytest.raises(Conflict) as exc:
        services.dossier_request_supplement(actor=other, dossier=d, items=["Đơn"], expected_version=seen)
    assert exc.value.code == "stale"
    assert exc.value.status == 409
    assert exc.value.message == (
        f"Hồ sơ {d.code} vừa được người khác cập nhật (hiện ở trạng thái «Đang xử lý»). "
        "Vui lòng tải lại hồ sơ rồi thao tác lại."
    )
    d.refresh_from_db()
    assert d.status == DossierStatus.PROCESSING


@pytest.mark.django_db
def test_version_increases_with_every_change(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    before = d.version
    d = services.dossier_forward(actor=people.chi, dossier=d, expected_version=before)
    assert d.version == before + 1
    assert Dossier.objects.get(pk=d.pk).version == before + 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="cần PostgreSQL để hai cán bộ thao tác song song"
)
@pytest.mark.django_db(transaction=True)
def test_two_clerks_at_once_one_wins(procedure: Any, people: Any) -> None:
    d = submitted(procedure, people.an, local(2017, 3, 6, 9))
    other = second_clerk()
    seen = d.version
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def act(name: str, call: Any) -> None:
        try:
            barrier.wait()
            call()
            results[name] = "ok"
        except Conflict as exc:
            results[name] = exc.message
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=act,
            args=(
                "receive",
                lambda: services.dossier_receive(actor=people.binh, dossier=d, expected_version=seen),
            ),
        ),
        threading.Thread(
            target=act,
            args=(
                "refuse",
                lambda: services.dossier_refuse_reception(
                    actor=other, dossier=d, reason="Không thuộc thẩm quyền", expected_version=seen
                ),
            ),
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["receive", "refuse"]
    winners = [k for k, v in results.items() if v == "ok"]
    assert len(winners) == 1
    loser = next(v for k, v in results.items() if v != "ok")
    assert "vừa được người khác cập nhật" in loser
    d.refresh_from_db()
    assert d.status == (DossierStatus.PROCESSING if winners == ["receive"] else DossierStatus.NOT_RECEIVED)
    assert (
        DossierEvent.objects.filter(
            dossier=d, action__in=[EventAction.RECEIVE, EventAction.REFUSE_RECEPTION]
        ).count()
        == 1
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="cần PostgreSQL để hai cán bộ thao tác song song"
)
@pytest.mark.django_db(transaction=True)
def test_same_action_twice_at_once_without_version(procedure: Any, people: Any) -> None:
    d = submitted(procedure, people.an, local(2017, 3, 6, 9))
    other = second_clerk()
    barrier = threading.Barrier(2)
    results: list[str] = []

    def receive(actor: Any) -> None:
        try:
            barrier.wait()
            services.dossier_receive(actor=actor, dossier=d)
            results.append("ok")
        except Conflict as exc:
            results.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=receive, args=(u,)) for u in (people.binh, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["invalid_transition", "ok"]
    assert DossierEvent.objects.filter(dossier=d, action=EventAction.RECEIVE).count() == 1
