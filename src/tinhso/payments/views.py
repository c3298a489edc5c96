"""Payment pages: the applicant's "Thanh toán trực tuyến" button (POST → the gateway), the return page
(display only) and the gateway's IPN (JSON, the only authority)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from tinhso.core.errors import DomainError
from tinhso.onestop.models import Channel, Dossier, DossierStatus
from tinhso.payments import services, vnpay
from tinhso.payments.models import PaymentStatus


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "") or "127.0.0.1")


@login_required
@require_POST
def start(request: HttpRequest, code: str) -> HttpResponse:
    dossier = get_object_or_404(
        Dossier.objects.exclude(status=DossierStatus.DRAFT),
        code=code.strip().upper(),
        applicant_id=request.user.pk,
        channel=Channel.ONLINE,
    )
    try:
        started = services.payment_start(dossier=dossier, actor=request.user, client_ip=client_ip(request))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("onestop_public:detail", code=dossier.code)
    return redirect(started.pay_url)


@never_cache
@require_GET
def vnpay_return(request: HttpRequest) -> HttpResponse:
    """What the gateway says happened, and what the IPN has recorded. Never writes."""
    params = request.GET.dict()
    valid, payment = services.payment_return_check(params)
    code = params.get("vnp_ResponseCode", "")
    if not valid or payment is None:
        return render(
            request,
            "payments/return.html",
            {"valid": False, "title": "Kết quả thanh toán không hợp lệ"},
            status=400,
        )
    if payment.status == PaymentStatus.PAID:
        title, outcome = "Thanh toán thành công", "paid"
    elif code == "00" and payment.status == PaymentStatus.PENDING:
        title, outcome = "Đang chờ xác nhận thanh toán", "waiting"
    else:
        title, outcome = "Thanh toán không thành công", "failed"
    return render(
        request,
        "payments/return.html",
        {
            "valid": True,
            "title": title,
            "outcome": outcome,
            "payment": payment,
            "dossier": payment.dossier,
            "gateway_message": vnpay.response_message(code),
            "own": request.user.is_authenticated and request.user.pk == payment.dossier.applicant_id,
        },
    )


@csrf_exempt
@require_GET
def vnpay_ipn(request: HttpRequest) -> JsonResponse:
    reply = services.payment_confirm_ipn(request.GET.dict())
    return JsonResponse(reply.as_json())
