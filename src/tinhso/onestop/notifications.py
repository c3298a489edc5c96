"""Messages to the applicant after a status change (sent after commit, never inside a transaction):
an e-mail from the Vietnamese template ``onestop/email/status_change.txt`` and a short SMS through
the adapter in ``sms.py``. An online submission (draft → 1) gets one e-mail only: the receipt with
form 01 attached (``receipt.receipt_mail_send``), whichever way it was submitted (page or API). The
receipt is not made here: rendering form 01 costs a WeasyPrint run, so it is a background task
(``tasks.receipt_mail_send_task``, run by ``db_worker``) enqueued here, after commit."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tinhso.onestop.models import Channel, DossierEvent, DossierStatus, EventAction
from tinhso.onestop.tasks import receipt_mail_send_task

logger = logging.getLogger(__name__)


def _fmt(value: object) -> str:
    return timezone.localtime(value).strftime("%H:%M ngày %d/%m/%Y") if value else ""  # type: ignore[arg-type]


def _url(name: str, *args: str) -> str:
    try:
        return f"{settings.SITE_URL}{reverse(name, args=args)}"
    except NoReverseMatch:
        return f"{settings.SITE_URL}/"


def notify_applicant(event_id: int, *, event: DossierEvent | None = None) -> None:
    """E-mail (and SMS) the applicant that their dossier changed status. ``event``: the event with its
    dossier, procedure and agency already in memory (a service that has just written them), so that
    they are not read again."""
    from tinhso.onestop.sms import send_sms

    if event is None:
        event = (
            DossierEvent.objects.select_related("dossier", "dossier__procedure", "dossier__agency")
            .filter(pk=event_id)
            .first()
        )
    if event is None or event.to_status is None:
        return
    dossier = event.dossier
    status = str(DossierStatus(event.to_status).label)
    if dossier.applicant_phone:
        send_sms(dossier.applicant_phone, f"Hồ sơ {dossier.code}: {status}. Tra cứu: {settings.SITE_URL}")
    if not dossier.applicant_email:
        return
    if event.action == EventAction.SUBMIT and dossier.channel == Channel.ONLINE:
        try:
            receipt_mail_send_task.enqueue(dossier.pk)
        except Exception:  # the submission has committed; the receipt stays downloadable from its page
            logger.exception("Không đưa được việc gửi giấy tiếp nhận hồ sơ %s vào hàng đợi", dossier.code)
        return
    show_secret = event.to_status in (DossierStatus.NEW, DossierStatus.PROCESSING) and dossier.tracking_secret
    body = render_to_string(
        "onestop/email/status_change.txt",
        {
            "dossier": dossier,
            "status": status,
            "status_code": event.to_status,
            "at": _fmt(event.at),
            "promised": _fmt(dossier.promised_at),
            "outcome": dossier.get_outcome_display() if dossier.outcome else "",
            "items": [str(i) for i in event.data.get("items") or []],
            "reason": event.reason,
            "secret": dossier.tracking_secret if show_secret else "",
            "tracking_url": _url("onestop_public:track"),
            "rating_url": _url("onestop_rating:rate", dossier.code or ""),
        },
    )
    try:
        send_mail(
            subject=f"Hồ sơ {dossier.code}: {status}",
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[dossier.applicant_email],
        )
    except Exception:  # a mail server outage must not break the officer's action
        logger.exception("Không gửi được thư báo trạng thái hồ sơ %s", dossier.code)
