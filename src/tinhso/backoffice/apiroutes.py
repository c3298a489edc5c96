"""API routes of one register (list with filters, read one, create, partial update), generated from
its ``RegisterWrites`` (model, editable fields, policy, create and update) and its selector. Used by the
``activities``, ``inspections`` and ``emulation`` routers.

No ``from __future__ import annotations`` here: django-ninja reads the handlers' annotations, which
refer to schemas built at run time."""

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, Optional

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.orm import create_schema
from ninja.orm.fields import get_schema_field
from pydantic import create_model

from tinhso.backoffice.access import RegisterWrites
from tinhso.core.errors import InvalidInput, NotFound


class ErrorOut(Schema):
    code: str
    message: str


ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def resolve_foreign_keys(model: type[models.Model], data: Mapping[str, Any]) -> dict[str, Any]:
    """``{"district_id": 7}`` → ``{"district": <Unit 7>}`` for the foreign keys of ``model``; an unknown
    id is a Vietnamese 400."""
    out = dict(data)
    for f in model._meta.concrete_fields:
        if not f.is_relation:
            continue
        if f.attname in out:
            pk = out.pop(f.attname)
        elif f.name in out and not isinstance(out[f.name], models.Model):
            pk = out.pop(f.name)  # ninja's schemas name the id after the field
        else:
            continue
        if pk is None:
            out[f.name] = None
            continue
        related = f.related_model
        assert related is not None and not isinstance(related, str)
        obj = related._default_manager.filter(pk=pk).first()
        if obj is None:
            raise InvalidInput(f"Không tìm thấy {related._meta.verbose_name} có mã số {pk}.")
        out[f.name] = obj
    return out


def integer_ranges(
    model: type[models.Model], names: Sequence[str], *, optional: Sequence[str] = ()
) -> list[tuple[str, Any, Any]]:
    """``custom_fields`` for ``create_schema``: each integer field of ``model`` among ``names`` accepts
    only what the column can store (Django's ranges, those of PostgreSQL). Unbounded, a large number
    reached the database and answered 500 ("integer out of range"); now it is a 422."""
    out: list[tuple[str, Any, Any]] = []
    for name in names:
        field = model._meta.get_field(name)
        if not isinstance(field, models.Field) or field.is_relation:
            continue
        bounds = BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type())
        if bounds is None:
            continue
        python_type, info = get_schema_field(field, optional=name in optional)
        bounded: Any = Annotated[int, Field(ge=bounds[0], le=bounds[1])]
        out.append((name, bounded if python_type is int else Optional[bounded], info))  # noqa: UP045
    return out


def _drop_unset(model: type[models.Model], data: dict[str, Any]) -> dict[str, Any]:
    """Leave out the ``None`` values of fields that cannot be null, so the services' defaults apply
    (the schema lets blank text fields be omitted)."""
    return {
        k: v for k, v in data.items() if v is not None or getattr(model._meta.get_field(k), "null", False)
    }


def get_or_404(model: type[models.Model], pk: int, label: str) -> Any:
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise NotFound(f"Không tìm thấy {label} số {pk}.")
    return obj


def add_register_routes(
    router: Router,
    *,
    path: str,
    writes: RegisterWrites[Any],
    label: str,
    list_selector: Callable[..., Any],
    filters: Mapping[str, Any],
    create: Callable[..., Any] | None = None,
    update: Callable[..., Any] | None = None,
    create_fields: Sequence[str] | None = None,
    optional_fields: Sequence[str] = (),
) -> type[Schema]:
    """Add ``GET path``, ``POST path``, ``GET path/{id}`` and ``PATCH path/{id}``; returns the output
    schema. ``create`` (keyword values) and ``update`` (``actor``, ``obj``, ``changes``) default to
    those of ``writes``."""
    model, fields, policy = writes.model, writes.fields, writes.policy
    create = create or writes.create
    update = update or writes.update
    name = model.__name__
    out_schema = create_schema(model, name=f"{name}Out")
    in_fields = list(create_fields or fields)
    in_schema = create_schema(
        model,
        name=f"{name}In",
        fields=in_fields,
        optional_fields=list(optional_fields) or None,
        custom_fields=integer_ranges(model, in_fields, optional=optional_fields),
    )
    patch_schema = create_schema(
        model,
        name=f"{name}Patch",
        fields=list(fields),
        optional_fields="__all__",  # type: ignore[arg-type]
        custom_fields=integer_ranges(model, fields, optional=fields),
    )
    filter_schema: Any = create_model(  # type: ignore[call-overload]
        f"{name}Filter", **{k: (v | None, None) for k, v in filters.items()}
    )

    def list_items(request: HttpRequest, q: Any) -> list[Any]:
        policy.ensure_read(request.user)
        return list(list_selector(**{k: v for k, v in q.model_dump().items() if v is not None}))

    def read_item(request: HttpRequest, item_id: int) -> Any:
        policy.ensure_read(request.user)
        return get_or_404(model, item_id, label)

    def create_item(request: HttpRequest, payload: Any) -> Any:
        policy.ensure_edit(request.user)
        data = _drop_unset(model, resolve_foreign_keys(model, payload.model_dump()))
        return Status(201, create(actor=request.user, **data))

    def update_item(request: HttpRequest, item_id: int, payload: Any) -> Any:
        policy.ensure_edit(request.user)
        obj = get_or_404(model, item_id, label)
        changes = resolve_foreign_keys(model, payload.model_dump(exclude_unset=True))
        for key, value in changes.items():
            model_field: Any = model._meta.get_field(key)
            if value is None and not model_field.null:
                raise InvalidInput(f"Trường {model_field.verbose_name} không được để trống.")
        return update(actor=request.user, obj=obj, changes=changes)

    # The schemas are built at run time; django-ninja reads them from the annotations.
    list_items.__annotations__["q"] = Query[filter_schema]  # type: ignore[misc]
    create_item.__annotations__["payload"] = in_schema
    update_item.__annotations__["payload"] = patch_schema
    plural = str(model._meta.verbose_name_plural)
    router.add_api_operation(
        path,
        ["GET"],
        list_items,
        response={200: list[out_schema], **ERRORS},  # type: ignore[valid-type]
        summary=f"Danh sách {plural}",
        operation_id=f"{name.lower()}_list",
    )
    router.add_api_operation(
        path,
        ["POST"],
        create_item,
        response={201: out_schema, **ERRORS},
        summary=f"Thêm {label}",
        operation_id=f"{name.lower()}_create",
    )
    router.add_api_operation(
        f"{path}/{{item_id}}",
        ["GET"],
        read_item,
        response={200: out_schema, **ERRORS},
        summary=f"Xem {label}",
        operation_id=f"{name.lower()}_read",
    )
    router.add_api_operation(
        f"{path}/{{item_id}}",
        ["PATCH"],
        update_item,
        response={200: out_schema, **ERRORS},
        summary=f"Sửa {label}",
        operation_id=f"{name.lower()}_update",
    )
    return out_schema
