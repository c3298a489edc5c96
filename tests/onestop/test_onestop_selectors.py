from __future__ import annotations

from typing import Any

import pytest

from tinhso.onestop.selectors import dossier_events, dossier_for_tracking

from .conftest import draft, local, received

pytestmark = pytest.mark.django_db


def test_tracking_needs_code_and_secret(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    assert dossier_for_tracking(code=d.code, secret=d.tracking_secret) == d
    assert dossier_for_tracking(code=d.code.lower(), secret=f" {d.tracking_secret.lower()} ") == d
    assert dossier_for_tracking(code=d.code, secret="") is None
    assert dossier_for_tracking(code=d.code, secret="AAAAAAAA") is None
    assert dossier_for_tracking(code="000.00.15.H30-170306-0999", secret=d.tracking_secret) is None


def test_drafts_are_never_tracked(procedure: Any, people: Any) -> None:
    d = draft(procedure, people.an, local(2017, 3, 6, 9))
    assert dossier_for_tracking(code="", secret="") is None
    assert d.tracking_secret == ""


def test_events_in_order(procedure: Any, people: Any) -> None:
    d = received(procedure, people, local(2017, 3, 6, 9))
    assert [e.action for e in dossier_events(d)] == ["create", "file_add", "submit", "receive", "start"]
