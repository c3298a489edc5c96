"""The audit log in the Django admin: visible, never editable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tinhso.core.audit import audit_record
from tinhso.core.models import AuditEntry


@pytest.fixture
def entry(db) -> AuditEntry:
    return audit_record(
        actor=None,
        action="dossier.receive",
        object_type="onestop.dossier",
        object_id=12,
        object_repr="Hồ sơ 000.00.15.H30-170120-0001",
        before={"status": "new"},
        after={"status": "received"},
    )


def test_list_and_detail_are_read_only(admin_client, entry) -> None:
    changelist = admin_client.get(reverse("admin:core_auditentry_changelist"))
    assert changelist.status_code == 200
    html = changelist.content.decode()
    assert "Hồ sơ 000.00.15.H30-170120-0001" in html
    assert reverse("admin:core_auditentry_add") not in html
    detail = admin_client.get(reverse("admin:core_auditentry_change", args=[entry.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "&quot;received&quot;" in html and entry.hash in html
    assert 'name="_save"' not in html


def test_writes_through_the_admin_are_refused(admin_client, entry) -> None:
    assert admin_client.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    response = admin_client.post(
        reverse("admin:core_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302, 403)
    assert AuditEntry.objects.filter(pk=entry.pk, action="dossier.receive").exists()


def test_search_by_object(admin_client, entry) -> None:
    audit_record(actor=None, action="dossier.receive", object_type="onestop.dossier", object_id=13)
    response = admin_client.get(reverse("admin:core_auditentry_changelist"), {"q": "12"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
