"""A bounded, derandomized schemathesis run against the WSGI app, in the normal suite.

Property: whatever schemathesis generates from the OpenAPI document — valid or not — the API never
answers 5xx, every error is JSON ``{"code", "message"}`` with a Vietnamese message, and answers match
the documented schema. The operations are those where fuzzing found 500s, English or HTML errors,
and a mis-documented answer; the full run over every operation and persona is in docs/testing.md."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

pytestmark = pytest.mark.django_db

VIETNAMESE = re.compile(r"[À-ỹĐđ]")
CSRF = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"  # 32 characters: a valid CSRF secret, sent as cookie and header

OPERATIONS = (
    r"^/api/v1/(news/|procedures|geo/units|org/agencies|worktime/|tracking|reports/annual"
    r"|sector/(targets|reports|figures)|programs/criterion8|programs/batches$|programs/households$"
    r"|activities/(summary/\{year\}|trainings$|sessions$)|emulation/summary|inspections/summary)"
)


def vietnamese_json_error(ctx: Any, response: Any, case: Any) -> None:
    if response.status_code < 400:
        return
    assert response.headers.get("content-type", [""])[0].startswith("application/json"), response.text[:200]
    body = json.loads(response.text)
    assert isinstance(body.get("code"), str) and isinstance(body.get("message"), str), body
    assert VIETNAMESE.search(body["message"]), body
    for detail in body.get("errors", []):  # a 422's wrong fields
        assert VIETNAMESE.search(detail["message"]) and isinstance(detail["type"], str), body


@pytest.fixture
def officer_session(persona: Any) -> str:
    client = Client()
    client.force_login(persona("khanh"))
    return client.cookies["sessionid"].value


_django = get_wsgi_application()


def wsgi_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """The project's WSGI app as Django's test client runs it: the test's database connection stays
    open across requests (the request signals would close it, and with it the test transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = _django(environ, start_response)
        try:
            return [b"".join(result)]
        finally:
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app).include(path_regex=OPERATIONS)


@schema.parametrize()
@settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_bad_input_with_a_vietnamese_4xx(case: Any, officer_session: str) -> None:
    case.call_and_validate(
        cookies={"sessionid": officer_session, "csrftoken": CSRF},
        headers={"X-CSRFToken": CSRF},
        checks=[
            not_a_server_error,
            status_code_conformance,
            response_schema_conformance,
            vietnamese_json_error,
        ],
    )
