"""Paging of the API's lists: ``limit`` 1–500 and ``offset`` 0–1.000.000.000, checked in the schema.

django-ninja's ``LimitOffsetPagination`` takes any integer: a ``limit`` of 10^36 reached the database
and failed there (500). Out of range now answers 422 ``invalid_input``."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


class Paging(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Số dòng mỗi trang (1–{MAX_LIMIT})")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu dòng đầu")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)  # type: ignore[arg-type]
