"""The one NinjaAPI object. Each app contributes a router from its own ``api.py``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tinhso.core.errors import DomainError

api = NinjaAPI(
    title="Tỉnh số API",
    version="1",
    description='API của nền tảng Tỉnh số. Lỗi trả về JSON: {"code": …, "message": …} (tiếng Việt).',
    urls_namespace="api-1",
)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"code": exc.code, "message": exc.message}, status=exc.status)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request,
        {"code": "invalid_input", "message": "Dữ liệu gửi lên không hợp lệ.", "errors": exc.errors},
        status=422,
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"code": "unauthenticated", "message": "Bạn cần đăng nhập để thực hiện thao tác này."},
        status=401,
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"code": "http_error", "message": str(exc)}, status=exc.status_code)


def _register_routers() -> None:
    from tinhso.core.api import router as core_router

    api.add_router("/", core_router)
    api.add_router("/geo", "tinhso.geo.api.router")
    api.add_router("/org", "tinhso.org.api.router")
    api.add_router("/procedures", "tinhso.catalog.api.router")
    api.add_router("/inspections", "tinhso.inspections.api.router")
    api.add_router("/activities", "tinhso.activities.api.router")
    api.add_router("/emulation", "tinhso.emulation.api.router")
    api.add_router("/sector", "tinhso.sector.api.router")
    api.add_router("/programs", "tinhso.programs.api.router")
    api.add_router("/auth", "tinhso.onestop.api.auth_router")
    api.add_router("/dossiers", "tinhso.onestop.api.router")
    api.add_router("/tracking", "tinhso.onestop.api.tracking_router")
    api.add_router("/reports", "tinhso.reports.api.router")
    api.add_router("/news", "tinhso.news.api.router")
    api.add_router("/payments", "tinhso.payments.api.router")
    api.add_router("/documents", "tinhso.documents.api.router")


_register_routers()
