"""The one NinjaAPI object. Each app contributes a router from its own ``api.py``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError, ValidationErrorContext
from ninja.openapi.schema import OpenAPISchema

from tinhso.api.errors import ninja_error, status_error
from tinhso.api.validation import ERROR_DETAIL_SCHEMA, INVALID_INPUT, error_details, sent_loc
from tinhso.core.errors import DomainError

ERROR_SCHEMA = {
    "title": "ErrorOut",
    "type": "object",
    "description": 'Mọi lỗi của API. Lỗi 422 (code "invalid_input") có thêm errors: từng trường sai.',
    "properties": {
        "code": {"title": "Code", "type": "string", "description": "Mã lỗi ổn định, ví dụ invalid_input."},
        "message": {"title": "Message", "type": "string", "description": "Thông báo tiếng Việt."},
        "errors": {
            "title": "Errors",
            "type": "array",
            "items": {"$ref": "#/components/schemas/ErrorDetailOut"},
            "description": "Chỉ ở lỗi 422: mỗi trường sai một mục.",
        },
    },
    "required": ["code", "message"],
}


class TinhSoAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        """Every operation documents its error answers: any 4xx is ``ErrorOut`` (422 adds ``errors``)."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ErrorOut"] = ERROR_SCHEMA
        components["ErrorDetailOut"] = ERROR_DETAIL_SCHEMA
        error = {
            "description": 'Lỗi: JSON {"code": mã ổn định, "message": thông báo tiếng Việt}',
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation.setdefault("responses", {}).setdefault("4XX", error)
        return schema

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        """django-ninja's errors, with each ``loc`` as the client sent the field (see ``sent_loc``)."""
        errors: list[dict[str, Any]] = []
        for context in error_contexts:
            model = context.model
            source = model.__ninja_param_source__
            single_body = getattr(model, "__read_from_single_attr__", None)
            for error in context.pydantic_validation_error.errors(include_url=False, include_input=False):
                loc = model.__ninja_flatten_map_reverse__.get(error["loc"], error["loc"])
                errors.append(
                    {
                        "type": error["type"],
                        "loc": sent_loc(source, loc, single_body),
                        "ctx": error.get("ctx", {}),
                    }
                )
        return ValidationError(errors)


api = TinhSoAPI(
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
    code, message = INVALID_INPUT
    return api.create_response(
        request, {"code": code, "message": message, "errors": error_details(exc.errors)}, status=422
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
    """django-ninja's own errors (CSRF check, unreadable body, throttling) carry English text."""
    code, message = ninja_error(exc.status_code, str(exc))
    return api.create_response(request, {"code": code, "message": message}, status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    code, _ = status_error(404)
    return api.create_response(
        request, {"code": code, "message": "Không tìm thấy đối tượng được yêu cầu."}, status=404
    )


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
