from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def catalog(demo_agencies: dict[str, Any]) -> None:
    """The demo catalogue (28 procedures of the Department), loaded through the services."""
    from tinhso.catalog.demo import catalog_load_demo

    catalog_load_demo()
