"""The repeated parts of the public tracking page — its two fields and the found dossier with its timeline —
as HTML built here.

The tracking page is the busiest public page and its target is tight (≥ 1,000 lookups/s, ≥ 0.7 of a bare
view running the same query: bench/bench_onestop_tracking.py). In a Django template every variable and tag
costs a few microseconds, and ``format_html`` little less (each value goes through the lazy-aware
``conditional_escape``); a timeline of eight milestones is some sixty values. Here every value is escaped
with ``html.escape`` (``&``, ``<``, ``>``, ``"`` and ``'``) and the markup is joined once — the same HTML at
a fraction of the cost. The page's template keeps the structure and the fixed text;
tests/onestop/test_tracking_html.py pins the markup and the escaping.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape as _e
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tinhso.onestop.forms_public import TrackingForm
from tinhso.onestop.selectors import TrackedDossier

# The fixed text of the page: translated and escaped once per language and process.
_LABELS = {
    "title": gettext_noop("Tra cứu hồ sơ"),
    "search": gettext_noop("Tra cứu"),
    "dossier": gettext_noop("Hồ sơ"),
    "procedure": gettext_noop("Thủ tục"),
    "agency": gettext_noop("Cơ quan giải quyết"),
    "status": gettext_noop("Trạng thái"),
    "submitted": gettext_noop("Ngày nộp"),
    "received": gettext_noop("Ngày tiếp nhận"),
    "promised": gettext_noop("Hẹn trả kết quả"),
    "history": gettext_noop("Quá trình giải quyết"),
    "no_events": gettext_noop("Chưa có diễn biến."),
    "new_date": gettext_noop("Ngày hẹn trả kết quả mới"),
    "not_found": gettext_noop(
        "Không tìm thấy hồ sơ khớp với mã hồ sơ và mã tra cứu đã nhập. Vui lòng kiểm tra lại hai mã in trên "
        "Giấy tiếp nhận hồ sơ."
    ),
    "throttled": gettext_noop("Bạn đã tra cứu sai nhiều lần. Vui lòng thử lại sau %(window_minutes)s phút."),
}


@functools.cache
def _labels_in(language: str) -> dict[str, str]:
    with translation.override(language):
        return {key: _(msgid) for key, msgid in _LABELS.items()}


@functools.cache
def _escaped_in(language: str) -> dict[str, str]:
    return {key: _e(text) for key, text in _labels_in(language).items()}


def labels() -> dict[str, str]:
    """The page's fixed text in the active language."""
    return _labels_in(translation.get_language() or "vi")


# Action and status labels, dossier-independent: escaped once (bounded: labels come from two enumerations).
_e_label = functools.lru_cache(maxsize=1024)(_e)


def shown(at: dt.datetime | None, tz: dt.tzinfo | None = None) -> str:
    """'14:05 06/03/2017' in local time — what ``|date:"H:i d/m/Y"`` prints, at a tenth of its cost."""
    if at is None:
        return ""
    local = at.astimezone(tz or timezone.get_current_timezone())
    return f"{local.hour:02d}:{local.minute:02d} {local.day:02d}/{local.month:02d}/{local.year}"


@dataclass(frozen=True)
class TrackingInput:
    """The two fields of the tracking form as ``TrackingForm`` would see them: the raw values shown back,
    the errors per field and the cleaned values (``ok`` when there is no error)."""

    bound: bool
    values: dict[str, str | None]
    errors: dict[str, list[str]]
    cleaned: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.bound and not self.errors


def tracking_input(data: Mapping[str, Any] | None) -> TrackingInput:
    """``TrackingForm(data)`` validated, without building the form: each field of ``TrackingForm.base_fields``
    cleans its value (the same messages and validators; the form has no clean methods of its own). A
    bound form deep-copies its fields first, a cost the busiest page does not need. tests/onestop/
    test_tracking_html.py checks that both agree."""
    fields = TrackingForm.base_fields
    if data is None:
        return TrackingInput(bound=False, values=dict.fromkeys(fields), errors={}, cleaned={})
    values: dict[str, str | None] = {}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name, field in fields.items():
        raw = data.get(name)
        values[name] = raw
        try:
            cleaned[name] = field.clean(raw)
        except ValidationError as exc:
            errors[name] = [str(m) for m in exc.messages]
    return TrackingInput(bound=True, values=values, errors=errors, cleaned=cleaned)


@functools.cache
def _field_parts_in(language: str) -> tuple[tuple[str, str, str, str], ...]:
    """Per field of ``TrackingForm``, the escaped markup that does not depend on the input: its name, id,
    the label and hint lines, and maxlength (translated to ``language`` where a translation exists)."""
    parts = []
    with translation.override(language):
        for name, field in TrackingForm.base_fields.items():
            fid = f"id_{name}"
            label, hint = _e(_(str(field.label))), _e(_(str(field.help_text)))
            head = (
                f'      <label for="{fid}">{label}<span class="req" aria-hidden="true"> *</span></label>\n'
                f'      <p class="hint" id="{fid}-help">{hint}</p>\n'
            )
            maxlength = _e(str(getattr(field, "max_length", "") or ""))
            parts.append((name, fid, head, maxlength))
    return tuple(parts)


def fields_html(entered: TrackingInput, language: str | None = None) -> SafeString:
    """Each field as ``includes/form_field.html`` lays it out: label, hint and error tied to the input by
    ``aria-describedby``; the value kept; ``aria-invalid`` when in error."""
    out = []
    for name, fid, head, maxlength in _field_parts_in(language or translation.get_language() or "vi"):
        messages = entered.errors.get(name)
        errors = _e(" ".join(messages)) if messages else ""
        value = entered.values.get(name)
        error_p = f'<p class="field-error" id="{fid}-error">{errors}</p>\n      ' if errors else ""
        value_attr = f' value="{_e(str(value))}"' if value else ""
        described = f"{fid}-help {fid}-error" if errors else f"{fid}-help"
        invalid = ' aria-invalid="true"' if errors else ""
        out.append(
            f'<div class="field{" field--error" if errors else ""}">\n'
            f"{head}"
            f"      {error_p}"
            f'<input type="text" name="{name}"{value_attr}'
            ' autocomplete="off" spellcheck="false"'
            f' maxlength="{maxlength}" aria-describedby="{described}"{invalid} required id="{fid}">\n'
            "    </div>"
        )
    return SafeString("\n    ".join(out))


def timeline_html(
    dossier: TrackedDossier, tz: dt.tzinfo | None = None, language: str | None = None
) -> SafeString:
    """The public milestones, oldest first: when (``<time datetime>``), what, the new status, the documents
    a supplement request lists, the new promised date of an apology."""
    t = _escaped_in(language or translation.get_language() or "vi")
    if not dossier.events:
        return SafeString(f'<li class="empty">{t["no_events"]}</li>')
    tz = tz or timezone.get_current_timezone()
    items = []
    for e in dossier.events:
        local = e.at.astimezone(tz)
        when = f"{local.hour:02d}:{local.minute:02d} {local.day:02d}/{local.month:02d}/{local.year}"
        what = _e_label(e.action_label)
        if e.status_label:
            what += f" → <strong>{_e_label(e.status_label)}</strong>"
            opening = '<li class="timeline-item timeline-item--status">'
        else:
            opening = '<li class="timeline-item">'
        listed = (
            '\n    <ul class="timeline-items">' + "".join(f"<li>{_e(i)}</li>" for i in e.items) + "</ul>"
            if e.items
            else ""
        )
        promised = f"\n    <p>{t['new_date']}: {shown(e.new_promised, tz)}</p>" if e.new_promised else ""
        items.append(
            f"{opening}\n"
            f'    <time datetime="{local.isoformat()}">{when}</time>\n'
            f'    <p class="timeline-what">{what}</p>{listed}{promised}\n'
            "  </li>"
        )
    return SafeString("\n  ".join(items))


def result_html(dossier: TrackedDossier, language: str | None = None) -> SafeString:
    """The found dossier: code, procedure, agency, status, dates and its timeline."""
    language = language or translation.get_language() or "vi"
    t = _escaped_in(language)
    tz = timezone.get_current_timezone()
    rows = [
        f"<dt>{t['procedure']}</dt><dd>{_e(dossier.procedure_name)}</dd>",
        f"<dt>{t['agency']}</dt><dd>{_e(dossier.agency_name)}</dd>",
        f'<dt>{t["status"]}</dt><dd><span class="status status--{int(dossier.status)}">'
        f"{_e_label(dossier.status_label)}</span></dd>",
        f"<dt>{t['submitted']}</dt><dd>{shown(dossier.submitted_at, tz)}</dd>",
    ]
    if dossier.received_at:
        rows.append(f"<dt>{t['received']}</dt><dd>{shown(dossier.received_at, tz)}</dd>")
    if dossier.promised_at:
        rows.append(f"<dt>{t['promised']}</dt><dd>{shown(dossier.promised_at, tz)}</dd>")
    facts = "\n    ".join(rows)
    return SafeString(
        '<section class="card" aria-labelledby="h-result">\n'
        f'  <h2 id="h-result">{t["dossier"]} <span class="code">{_e(dossier.code)}</span></h2>\n'
        f'  <dl class="facts">\n    {facts}\n  </dl>\n'
        f"  <h3>{t['history']}</h3>\n"
        f'  <ol class="timeline">\n  {timeline_html(dossier, tz, language)}\n  </ol>\n'
        "</section>"
    )


def content_html(
    entered: TrackingInput,
    dossier: TrackedDossier | None,
    *,
    not_found: bool = False,
    throttled: bool = False,
    window_minutes: int = 0,
    language: str | None = None,
) -> SafeString:
    """The page's ``content`` block: the heading, the form with its two fields, then the throttle message,
    the not-found message or the found dossier."""
    language = language or translation.get_language() or "vi"
    t = _escaped_in(language)
    if throttled:
        outcome = (
            '<p class="alert alert--error" role="alert">'
            f"{_e(_labels_in(language)['throttled'] % {'window_minutes': window_minutes})}</p>"
        )
    elif not_found:
        outcome = f'<p class="alert alert--error" role="alert">{t["not_found"]}</p>'
    elif dossier is not None:
        outcome = result_html(dossier, language)
    else:
        outcome = ""
    return SafeString(
        f"<h1>{t['title']}</h1>\n"
        '<form method="get" class="card track-form" novalidate>\n'
        '  <div class="track-fields">\n'
        f"    {fields_html(entered, language)}\n"
        "  </div>\n"
        f'  <button type="submit" class="button button--primary">{t["search"]}</button>\n'
        "</form>\n"
        f"{outcome}\n"
    )
