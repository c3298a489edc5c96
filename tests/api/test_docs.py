"""The API documentation page works offline: Swagger UI comes from the installed package, not a CDN."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_docs_page_uses_no_cdn(client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "https://" not in html
    assert "/static/ninja/swagger-ui-bundle.js" in html


@pytest.mark.django_db
def test_openapi_schema_is_served(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Tỉnh số API"
    assert "/api/v1/worktime/due" in schema["paths"]
