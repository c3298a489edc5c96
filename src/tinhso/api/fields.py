"""Constrained input types shared by the apps' API schemas and query parameters.

A year is bounded in the schema (and so in the OpenAPI document): an unbounded ``int`` reached
``datetime.date(year, 12, 31)`` or a ``__year`` lookup and failed there with a 500; out of range it
now answers 422 ``invalid_input`` before anything is read or written."""

from __future__ import annotations

from typing import Annotated

from ninja import Field

MIN_YEAR, MAX_YEAR = 1900, 2100

Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR, description=f"Năm ({MIN_YEAR}–{MAX_YEAR})")]

# The id of a row (BigAutoField range): a larger number reached ``pk__in`` or a foreign-key filter
# (``district_id=…``; Django bounds only the lookups of plain integer columns) and overflowed SQLite.
Id = Annotated[int, Field(ge=1, le=2**63 - 1, description="Mã số")]

# A PositiveSmallIntegerField (the database's CHECK refused a negative number with a 500).
SmallNumber = Annotated[int, Field(ge=0, le=32767)]
