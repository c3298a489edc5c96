"""The receipt (form 01) e-mailed to an online applicant after the submission commits, by the background
task ``tasks.receipt_mail_send_task`` (a WeasyPrint run is too slow for the submitting request)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage

from tinhso.onestop import pdf
from tinhso.onestop.models import Dossier

logger = logging.getLogger(__name__)


def receipt_mail_send(dossier_id: int) -> bool:
    """Send form 01 as a PDF attachment to the applicant's e-mail; True when a message left.

    Runs in the task worker, enqueued after commit; a mail outage is logged, never raised: the
    receipt stays downloadable from "Hồ sơ của tôi" (rendered there on demand)."""
    dossier = (
        Dossier.objects.select_related(
            "procedure", "procedure_version", "agency", "agency__parent", "received_by"
        )
        .filter(pk=dossier_id)
        .first()
    )
    if dossier is None or not dossier.code or not dossier.applicant_email:
        return False
    body = "\n".join(
        [
            f"Kính gửi {dossier.applicant_name},",
            "",
            f"{dossier.agency} đã nhận hồ sơ trực tuyến của Ông/Bà:",
            f"  Thủ tục: {dossier.procedure.name}",
            f"  Mã hồ sơ: {dossier.code}",
            f"  Mã tra cứu: {dossier.tracking_secret}",
            "",
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả được đính kèm thư này (tệp PDF).",
            f"Theo dõi tiến độ giải quyết: {pdf.tracking_url(dossier)}",
            "",
            "Đây là thư tự động, vui lòng không trả lời.",
        ]
    )
    try:
        message = EmailMessage(
            subject=f"Giấy tiếp nhận hồ sơ {dossier.code}",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[dossier.applicant_email],
        )
        message.attach(pdf.form01_filename(dossier), pdf.form01_pdf(dossier), "application/pdf")
        message.send()
    except Exception:
        logger.exception("Không gửi được giấy tiếp nhận hồ sơ %s", dossier.code)
        return False
    return True
