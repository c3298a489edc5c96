"""A citizen sees only their own dossiers: every page of someone else's dossier, a guessed code, a
draft's number or a file id answers 404, exactly like something that does not exist. Files go only to
the applicant and to staff of the handling agency."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tinhso.onestop.models import DossierFile

from .conftest import draft, local, submitted

pytestmark = pytest.mark.django_db


def _pages(code: str) -> list[str]:
    return [
        reverse("onestop_public:detail", args=[code]),
        reverse("onestop_public:receipt", args=[code]),
        reverse("onestop_public:supplement", args=[code]),
        reverse("onestop_public:withdraw", args=[code]),
    ]


def test_other_citizen_gets_404_everywhere(client: Any, procedure: Any, people: Any) -> None:
    mine = submitted(procedure, people.an, local(2017, 3, 6))
    my_draft = draft(procedure, people.an, local(2017, 3, 6))
    file_id = DossierFile.objects.filter(dossier=mine).values_list("pk", flat=True).first()
    client.force_login(people.phuc)
    assert people.phuc.kind != "staff"
    for url in _pages(mine.code):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    for url in (
        reverse("onestop_public:draft", args=[my_draft.pk]),
        reverse("onestop_public:review", args=[my_draft.pk]),
        reverse("onestop_public:file", args=[file_id]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("onestop_public:review", args=[my_draft.pk])).status_code == 404
    # a guessed neighbour code and a code that does not exist answer the same
    guessed = mine.code[:-4] + "0002"
    assert client.get(reverse("onestop_public:detail", args=[guessed])).status_code == 404
    listing = client.get(reverse("onestop_public:mine")).content.decode()
    assert mine.code not in listing and "Bạn chưa có hồ sơ nào." in listing
    mine.refresh_from_db()
    assert mine.withdraw_requested_at is None


def test_owner_sees_own_dossier_and_list(client: Any, procedure: Any, people: Any) -> None:
    mine = submitted(procedure, people.an, local(2017, 3, 6))
    other = submitted(procedure, people.phuc, local(2017, 3, 6))
    client.force_login(people.an)
    listing = client.get(reverse("onestop_public:mine")).content.decode()
    assert mine.code in listing and other.code not in listing
    assert client.get(reverse("onestop_public:detail", args=[mine.code.lower()])).status_code == 200
    assert client.get(reverse("onestop_public:detail", args=[other.code])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client: Any, procedure: Any, people: Any) -> None:
    mine = submitted(procedure, people.an, local(2017, 3, 6))
    file_id = DossierFile.objects.filter(dossier=mine).values_list("pk", flat=True).get()
    for url in [
        *_pages(mine.code),
        reverse("onestop_public:mine"),
        reverse("onestop_public:file", args=[file_id]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login")), url


def test_files_served_to_owner_and_agency_staff_only(client: Any, procedure: Any, people: Any) -> None:
    mine = submitted(procedure, people.an, local(2017, 3, 6))
    record = DossierFile.objects.get(dossier=mine)
    url = reverse("onestop_public:file", args=[record.pk])
    client.force_login(people.an)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(people.chi)  # specialist of a division of the handling department
    assert client.get(url).status_code == 200
    # nothing under MEDIA_URL is routed: the stored path cannot be fetched directly
    client.logout()
    assert client.get("/media/" + record.file.name).status_code == 404


def test_staff_do_not_see_citizens_drafts(client: Any, procedure: Any, people: Any) -> None:
    my_draft = draft(procedure, people.an, local(2017, 3, 6))
    record = DossierFile.objects.get(dossier=my_draft)
    client.force_login(people.binh)
    assert client.get(reverse("onestop_public:file", args=[record.pk])).status_code == 404
