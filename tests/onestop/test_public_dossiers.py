"""'Hồ sơ của tôi': the timeline read from the events, a requested supplement uploaded by the citizen,
the withdrawal request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tinhso.onestop import services
from tinhso.onestop.models import DossierEvent, DossierFile, DossierStatus, EventAction, FileKind

from .conftest import ITEMS_ONE, PDF, local, received, submitted

pytestmark = pytest.mark.django_db


def test_timeline_shows_status_changes(client: Any, procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 9))
    client.force_login(people.an)
    html = client.get(reverse("onestop_public:detail", args=[dossier.code])).content.decode()
    for text in (
        "Nộp hồ sơ",
        "Mới đăng ký",
        "Tiếp nhận hồ sơ",
        "Được tiếp nhận",
        "Đang xử lý",
        "09:00 06/03/2017",
    ):
        assert text in html, text
    assert "Cập nhật bản nháp" not in html and "Đính kèm tệp" not in html
    assert "Giấy tiếp nhận hồ sơ (PDF)" in html


def test_supplement_upload_restarts_processing(client: Any, procedure: Any, people: Any) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 9))
    services.dossier_request_supplement(
        actor=people.binh,
        dossier=dossier,
        items=[*ITEMS_ONE, "Sơ đồ mặt bằng xưởng in"],
        at=local(2017, 3, 7, 9),
    )
    client.force_login(people.an)
    detail = client.get(reverse("onestop_public:detail", args=[dossier.code])).content.decode()
    assert "Cơ quan yêu cầu bổ sung hồ sơ" in detail and "Sơ đồ mặt bằng xưởng in" in detail
    url = reverse("onestop_public:supplement", args=[dossier.code])
    # a refused file changes nothing
    response = client.post(url, {"tep_1": SimpleUploadedFile("gcn.pdf", b"not a pdf"), "note": ""})
    assert response.status_code == 400
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT
    assert not DossierFile.objects.filter(dossier=dossier, kind=FileKind.SUPPLEMENT).exists()
    # nothing attached at all
    assert client.post(url, {"note": "x"}).status_code == 400
    response = client.post(
        url,
        {
            "tep_1": SimpleUploadedFile("gcn.pdf", PDF),
            "tep_2": SimpleUploadedFile("so-do.pdf", PDF),
            "note": "Đã bổ sung đủ.",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    assert DossierFile.objects.filter(dossier=dossier, kind=FileKind.SUPPLEMENT).count() == 2
    assert DossierEvent.objects.filter(
        dossier=dossier, action=EventAction.SUPPLEMENT, actor=people.an
    ).exists()
    # no longer awaiting a supplement
    assert client.get(url).status_code == 302


def test_supplement_failure_leaves_no_file(
    client: Any, procedure: Any, people: Any, monkeypatch: Any
) -> None:
    dossier = received(procedure, people, local(2017, 3, 6, 9))
    services.dossier_request_supplement(
        actor=people.binh, dossier=dossier, items=ITEMS_ONE, at=local(2017, 3, 7)
    )
    before = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}

    def refuse(**kwargs: Any) -> Any:
        from tinhso.core.errors import Conflict

        raise Conflict("Hồ sơ vừa được người khác cập nhật.")

    monkeypatch.setattr(services, "dossier_supplement_submit", refuse)
    client.force_login(people.an)
    response = client.post(
        reverse("onestop_public:supplement", args=[dossier.code]),
        {"tep_1": SimpleUploadedFile("gcn.pdf", PDF)},
    )
    assert response.status_code == 400 and "vừa được người khác cập nhật" in response.content.decode()
    assert not DossierFile.objects.filter(dossier=dossier, kind=FileKind.SUPPLEMENT).exists()
    assert {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} == before


def test_withdrawal_request(client: Any, procedure: Any, people: Any) -> None:
    dossier = submitted(procedure, people.an, local(2017, 3, 6, 9))
    client.force_login(people.an)
    url = reverse("onestop_public:withdraw", args=[dossier.code])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Cơ sở đổi địa điểm, sẽ nộp lại sau."})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.withdraw_requested_at is not None and dossier.status == DossierStatus.NEW
    event = DossierEvent.objects.get(dossier=dossier, action=EventAction.WITHDRAW_REQUEST)
    assert event.actor == people.an and "đổi địa điểm" in event.reason
    html = client.get(reverse("onestop_public:detail", args=[dossier.code])).content.decode()
    assert "đã yêu cầu rút" in html and "Yêu cầu rút hồ sơ</a>" not in html
    # a second request is refused with the service's message
    response = client.post(url, {"reason": "lần nữa"})
    assert response.status_code == 400 and "đã có yêu cầu rút" in response.content.decode()


def test_list_filters_by_state(client: Any, procedure: Any, people: Any) -> None:
    from .conftest import draft

    open_one = submitted(procedure, people.an, local(2017, 3, 6, 9))
    a_draft = draft(procedure, people.an, local(2017, 3, 6, 10))
    client.force_login(people.an)
    html = client.get(reverse("onestop_public:mine"), {"trang-thai": "nhap"}).content.decode()
    assert f"Bản nháp #{a_draft.pk}" in html and open_one.code not in html
    html = client.get(reverse("onestop_public:mine"), {"trang-thai": "dang-giai-quyet"}).content.decode()
    assert open_one.code in html and f"Bản nháp #{a_draft.pk}" not in html
