"""Evaluation of the handling of administrative procedures (Decree 61/2018 art. 33, Circular
01/2018/TT-VPCP art. 13–14): the applicant's rating of one dossier, and the 9-index evaluation of an
agency for a period (each index 0, 1 or 2 points; 18 at most).

Each index is scored per dossier where the platform holds the data, and the agency's score is the mean
over the dossiers finished (status 9 reached) in the period, rounded to two decimals:

1. Tổng thời gian giải quyết so với quy định — computed: finished early 2, on time 1, late 0
   (``worktime.classify_finish`` of ``finished_at`` against the legal ``due_at``).
2. Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết — computed: no step of the
   internal process finished after its own due time 2, one late step 1, more 0.
3. Số lần phải liên hệ với nơi tiếp nhận để hoàn thiện hồ sơ — computed from the supplement
   requests: none 2, one 1, more 0.
4. Số lượng cơ quan, đơn vị phải liên hệ để hoàn thiện hồ sơ — entered by the evaluator.
5. Hình thức tiếp nhận hồ sơ, trả kết quả (dịch vụ công trực tuyến) — computed: submitted online 2,
   by post 1, at the desk 1.
6. Công khai thủ tục hành chính — entered by the evaluator.
7. Thái độ của cán bộ khi hướng dẫn, tiếp nhận, giải quyết — computed from the applicants' ratings:
   Rất hài lòng 2, Hài lòng 1, Không hài lòng 0 (mean over rated dossiers; with no rating in the period
   the evaluator's score is used).
8. Tiếp thu, giải trình ý kiến phản ánh, kiến nghị — entered by the evaluator.
9. Xin lỗi và hẹn lại khi trễ hạn — computed: not late 2, late with an apology (form 04) 1, late
   without one 0.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from tinhso.core import worktime
from tinhso.core.audit import audit_record
from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.onestop import access
from tinhso.onestop.models import (
    Dossier,
    DossierRating,
    DossierStatus,
    Satisfaction,
    ServiceEvaluation,
)
from tinhso.org.models import Agency

INDEX_NAMES = {
    1: "Tổng thời gian giải quyết thủ tục hành chính so với thời gian quy định",
    2: "Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết",
    3: "Số lần tổ chức, cá nhân phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ",
    4: "Số lượng cơ quan, đơn vị, tổ chức phải liên hệ để hoàn thiện hồ sơ",
    5: "Hình thức tiếp nhận hồ sơ, trả kết quả qua dịch vụ công trực tuyến",
    6: "Công khai thủ tục hành chính",
    7: "Thái độ của cán bộ, công chức khi hướng dẫn, tiếp nhận, giải quyết hồ sơ",
    8: "Tiếp thu, giải trình đối với ý kiến phản ánh, kiến nghị",
    9: "Xin lỗi và hẹn lại khi giải quyết quá hạn",
}
COMPUTED = (1, 2, 3, 5, 7, 9)
MANUAL_INDICES = [(n, INDEX_NAMES[n]) for n in (4, 6, 8)]
INDEX_HELP = {
    1: "Tự động: trước hạn 2, đúng hạn 1, quá hạn 0 điểm cho mỗi hồ sơ.",
    2: "Tự động: không bước nào quá hạn 2, một bước quá hạn 1, nhiều hơn 0.",
    3: "Tự động: không phải bổ sung 2, bổ sung một lần 1, nhiều lần 0.",
    4: "Người đánh giá nhập.",
    5: "Tự động: nộp trực tuyến 2, qua bưu chính hoặc trực tiếp 1.",
    6: "Người đánh giá nhập.",
    7: "Tự động từ đánh giá của người nộp: rất hài lòng 2, hài lòng 1, không hài lòng 0.",
    8: "Người đánh giá nhập.",
    9: "Tự động: không quá hạn 2, quá hạn có phiếu xin lỗi 1, quá hạn không xin lỗi 0.",
}
SATISFACTION_POINTS = {Satisfaction.VERY_SATISFIED: 2, Satisfaction.SATISFIED: 1, Satisfaction.UNSATISFIED: 0}
TWO_PLACES = Decimal("0.01")


@transaction.atomic
def dossier_rate(
    *, actor: Any, dossier: Dossier, satisfaction: str, comment: str = "", at: dt.datetime | None = None
) -> DossierRating:
    """The applicant rates a returned dossier (status 10), once."""
    at = at or timezone.now()
    if dossier.applicant_id is None or getattr(actor, "pk", None) != dossier.applicant_id:
        raise NotAllowed("Chỉ người nộp hồ sơ mới được đánh giá.")
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.status != DossierStatus.RETURNED:
        raise Conflict("Chỉ đánh giá được sau khi đã nhận kết quả.", code="invalid_transition")
    if satisfaction not in Satisfaction.values:
        raise InvalidInput("Mức độ hài lòng không hợp lệ.")
    try:
        with transaction.atomic():
            rating = DossierRating.objects.create(
                dossier=locked,
                satisfaction=satisfaction,
                comment=comment.strip(),
                rated_by=actor,
                rated_at=at,
            )
    except IntegrityError as exc:
        raise Conflict(
            "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.", code="already_rated"
        ) from exc
    audit_record(actor=actor, action="onestop.dossier.rate", obj=locked, after={"satisfaction": satisfaction})
    return rating


def _mean(points: list[int]) -> Decimal | None:
    if not points:
        return None
    return (Decimal(sum(points)) / Decimal(len(points))).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def dossier_scores(dossier: Dossier, *, late_steps: int, rating: str | None) -> dict[int, int | None]:
    """The per-dossier points of the computed indices (None: no data for this dossier)."""
    assert dossier.finished_at is not None and dossier.due_at is not None
    timeliness = worktime.classify_finish(dossier.finished_at, dossier.due_at)
    late = timeliness == worktime.Timeliness.LATE
    return {
        1: {worktime.Timeliness.EARLY: 2, worktime.Timeliness.ON_TIME: 1}.get(timeliness, 0),
        2: 2 if late_steps == 0 else 1 if late_steps == 1 else 0,
        3: 2 if dossier.supplement_count == 0 else 1 if dossier.supplement_count == 1 else 0,
        5: 2 if dossier.channel == "online" else 1,
        7: SATISFACTION_POINTS.get(rating) if rating else None,  # type: ignore[call-overload]
        9: 2 if not late else 1 if dossier.apologized_at else 0,
    }


def evaluation_scores(
    *, agency: Agency, period_from: dt.date, period_to: dt.date, manual_scores: dict[int, int]
) -> tuple[int, list[dict[str, Any]]]:
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(period_from, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(period_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    dossiers = list(
        Dossier.objects.filter(agency=agency, finished_at__gte=lo, finished_at__lt=hi, due_at__isnull=False)
        .annotate(
            late_steps=Count(
                "steps",
                filter=Q(steps__finished_at__isnull=False, steps__finished_at__gt=F("steps__due_at")),
            )
        )
        .select_related("rating")
    )
    points: dict[int, list[int]] = {n: [] for n in COMPUTED}
    for d in dossiers:
        rating = d.rating.satisfaction if hasattr(d, "rating") else None
        for number, value in dossier_scores(d, late_steps=d.late_steps, rating=rating).items():  # type: ignore[attr-defined]
            if value is not None:
                points[number].append(value)
    indices = []
    for number, name in INDEX_NAMES.items():
        mean = _mean(points[number]) if number in points else None
        if mean is not None:
            score, computed = mean, True
            basis = f"Trung bình của {len(points[number])} hồ sơ. {INDEX_HELP[number]}"
        else:
            value = manual_scores.get(number)
            if value is None or value not in (0, 1, 2):
                raise InvalidInput(
                    f"Chỉ số {number} ({name}) không tính được từ dữ liệu hồ sơ: cần nhập điểm 0, 1 hoặc 2.",
                    code="manual_score_required",
                )
            score, computed = Decimal(value), False
            basis = (
                "Người đánh giá nhập"
                + ("" if number not in COMPUTED else " (kỳ này chưa có dữ liệu hồ sơ)")
                + "."
            )
        indices.append(
            {"number": number, "name": name, "score": str(score), "computed": computed, "basis": basis}
        )
    return len(dossiers), indices


@transaction.atomic
def evaluation_compute(
    *, actor: Any, agency: Agency, period_from: dt.date, period_to: dt.date, manual_scores: dict[int, int]
) -> ServiceEvaluation:
    """Compute (or recompute) the 9-index evaluation of ``agency`` for the period and store it."""
    if not access.leads(actor, agency):
        raise NotAllowed(f"Chỉ lãnh đạo của {agency} mới được lập đánh giá.")
    if period_to < period_from:
        raise InvalidInput("«Đến ngày» phải sau «Từ ngày».", code="invalid_period")
    count, indices = evaluation_scores(
        agency=agency, period_from=period_from, period_to=period_to, manual_scores=manual_scores
    )
    total = sum((Decimal(i["score"]) for i in indices), Decimal(0))
    record, created = ServiceEvaluation.objects.select_for_update().get_or_create(
        agency=agency,
        period_from=period_from,
        period_to=period_to,
        defaults={
            "indices": indices,
            "total": total,
            "dossier_count": count,
            "computed_at": timezone.now(),
            "computed_by": actor,
        },
    )
    before = {} if created else {"total": str(record.total)}
    if not created:
        record.indices, record.total, record.dossier_count = indices, total, count
        record.computed_at, record.computed_by = timezone.now(), actor
        record.save(update_fields=["indices", "total", "dossier_count", "computed_at", "computed_by"])
    audit_record(
        actor=actor,
        action="onestop.evaluation.compute",
        obj=record,
        before=before,
        after={"total": str(total)},
    )
    return record
