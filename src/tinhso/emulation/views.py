"""Back-office pages of emulation movements and award decisions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from tinhso.backoffice.registers import Column, Register, YearFilterForm, col, model_form, register_for
from tinhso.emulation import selectors, services
from tinhso.emulation.models import AwardDecision, AwardForm, RecipientKind

APP = "emulation"
POLICY = services.POLICY
KIND_PREFIX = {"tập thể": RecipientKind.COLLECTIVE, "cá nhân": RecipientKind.INDIVIDUAL}


class DecisionFilter(YearFilterForm):
    form = forms.ChoiceField(label="Hình thức", required=False, choices=[("", "Tất cả"), *AwardForm.choices])


def parse_recipients(text: str) -> list[services.RecipientInput]:
    """One recipient a line: ``Tập thể: Đài Truyền thanh huyện Long Mỹ`` or
    ``Cá nhân: Nguyễn Văn A | chức vụ``."""
    out: list[services.RecipientInput] = []
    for i, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        prefix, sep, rest = line.partition(":")
        kind = KIND_PREFIX.get(prefix.strip().lower()) if sep else None
        if kind is None:
            raise forms.ValidationError(f"Dòng {i}: bắt đầu bằng “Tập thể:” hoặc “Cá nhân:”.")
        name, _, position = rest.partition("|")
        out.append(services.RecipientInput(kind=kind, name=name.strip(), position=position.strip()))
    return out


class RecipientsField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 6})

    def clean(self, value: Any) -> Any:
        return parse_recipients(super().clean(value) or "")


def _recipients_text(d: AwardDecision) -> str:
    label = {RecipientKind.COLLECTIVE: "Tập thể", RecipientKind.INDIVIDUAL: "Cá nhân"}
    return "\n".join(
        f"{label[RecipientKind(r.kind)]}: {r.name}" + (f" | {r.position}" if r.position else "")
        for r in d.recipients.all()
    )


DecisionForm = model_form(
    AwardDecision,
    services.DECISION_FIELDS,
    name="AwardDecisionForm",
    extra={
        "recipients": RecipientsField(
            label="Tập thể, cá nhân được khen",
            help_text="Mỗi dòng một: “Tập thể: tên” hoặc “Cá nhân: họ tên | chức vụ, đơn vị”.",
        )
    },
)


def _decision_update(*, actor: Any, obj: AwardDecision, changes: Mapping[str, Any]) -> AwardDecision:
    changes = dict(changes)
    recipients = changes.pop("recipients", None)
    return services.award_decision_update(actor=actor, decision=obj, changes=changes, recipients=recipients)


MOVEMENTS = register_for(
    services.MOVEMENT_WRITES,
    create=services.movement_create,
    slug="phong-trao",
    name="movement",
    title="Phong trào thi đua",
    singular="phong trào thi đua",
    columns=[
        col("Năm", "year"),
        col("Tên phong trào", "title"),
        col("Ngày phát động", "launched_on", "date"),
        col("Cơ quan phát động", "launched_by"),
        col("Số quyết định khen", "decision_count", "int"),
    ],
    selector=selectors.movement_list,
    search=lambda o: f"{o.title} {o.content}",
)
DECISIONS = Register(
    slug="khen-thuong",
    name="decision",
    title="Quyết định khen thưởng",
    singular="quyết định khen thưởng",
    model=AwardDecision,
    policy=POLICY,
    form_class=DecisionForm,
    filter_form=DecisionFilter,
    columns=[
        col("Số quyết định", "number"),
        col("Ngày", "decided_on", "date"),
        col("Hình thức", "get_form_display"),
        col("Cấp khen", "issuer"),
        col("Năm thành tích", "emulation_year"),
        col("Tập thể", "collectives", "int"),
        col("Cá nhân", "individuals", "int"),
        Column("Danh sách", lambda d: "; ".join(r.name for r in d.recipients.all())),
    ],
    selector=selectors.award_decision_list,
    create=services.award_decision_create,
    update=_decision_update,
    search=lambda d: f"{d.number} {d.reason} " + " ".join(r.name for r in d.recipients.all()),
    edit_initial=lambda d: {
        **{f: getattr(d, f) for f in services.DECISION_FIELDS},
        "recipients": _recipients_text(d),
    },
)
REGISTERS = [MOVEMENTS, DECISIONS]
