from __future__ import annotations

from typing import Any

import pytest
from django.forms import inlineformset_factory

from tinhso.catalog.admin import ProcessStepFormSet
from tinhso.catalog.models import ProcedureVersion, ProcessStep

pytestmark = pytest.mark.usefixtures("catalog")


def formset(version: ProcedureVersion, hours: list[int]) -> Any:
    factory = inlineformset_factory(
        ProcedureVersion,
        ProcessStep,
        formset=ProcessStepFormSet,
        fields=["order", "name", "role", "hours"],
        extra=0,
    )
    steps = list(version.steps.order_by("order"))
    data: dict[str, Any] = {
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(len(steps)),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for i, (step, h) in enumerate(zip(steps, hours, strict=True)):
        data.update(
            {
                f"steps-{i}-id": str(step.pk),
                f"steps-{i}-version": str(version.pk),
                f"steps-{i}-order": str(step.order),
                f"steps-{i}-name": step.name,
                f"steps-{i}-role": step.role,
                f"steps-{i}-hours": str(h),
            }
        )
    return factory(data, instance=version, prefix="steps")


def test_admin_rejects_steps_that_do_not_add_up() -> None:
    version = ProcedureVersion.objects.get(procedure__national_code="1.004494")
    hours = [s.hours for s in version.steps.order_by("order")]
    assert formset(version, hours).is_valid()
    hours[1] += 1
    bad = formset(version, hours)
    assert not bad.is_valid()
    assert "phải bằng thời hạn giải quyết × 8 = 120 giờ" in str(bad.non_form_errors())
