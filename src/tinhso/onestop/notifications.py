"""Messages to the applicant after a status change (sent after commit, never inside a transaction)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from tinhso.onestop.models import DossierEvent, DossierStatus

logger = logging.getLogger(__name__)


def _fmt(value: object) -> str:
    return timezone.localtime(value).strftime("%H:%M ngày %d/%m/%Y") if value else ""  # type: ignore[arg-type]


def notify_applicant(event_id: int) -> None:
    """E-mail the applicant that their dossier changed status (plain text, Vietnamese)."""
    event = DossierEvent.objects.select_related("dossier", "dossier__procedure").filter(pk=event_id).first()
    if event is None or event.to_status is None:
        return
    dossier = event.dossier
    if not dossier.applicant_email:
        return
    status = DossierStatus(event.to_status).label
    lines = [
        f"Kính gửi {dossier.applicant_name},",
        "",
        f"Hồ sơ {dossier.code} — {dossier.procedure.name}",
        f"đã chuyển sang trạng thái: {status}.",
    ]
    if event.to_status in (DossierStatus.NEW, DossierStatus.PROCESSING) and dossier.tracking_secret:
        lines.append(f"Mã tra cứu hồ sơ: {dossier.tracking_secret}")
    if event.to_status == DossierStatus.PROCESSING and dossier.promised_at:
        lines.append(f"Ngày hẹn trả kết quả: {_fmt(dossier.promised_at)}.")
    if event.data.get("items"):
        lines.append("Các nội dung cần bổ sung:")
        lines.extend(f"  - {item}" for item in event.data["items"])
    if event.reason:
        lines.append(f"Lý do, ý kiến: {event.reason}")
    lines += ["", f"Tra cứu tại {settings.SITE_URL}/", "", "Đây là thư tự động, vui lòng không trả lời."]
    try:
        send_mail(
            subject=f"Hồ sơ {dossier.code}: {status}",
            message="\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[dossier.applicant_email],
        )
    except Exception:  # a mail server outage must not break the officer's action
        logger.exception("Không gửi được thư báo trạng thái hồ sơ %s", dossier.code)
