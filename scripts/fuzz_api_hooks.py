"""schemathesis check for scripts/fuzz-api.sh: every error answer is JSON {"code", "message"} with a
Vietnamese message (the house rule for the API)."""

import json
import re

import schemathesis

VIETNAMESE = re.compile(r"[À-ỹĐđ]")


@schemathesis.check
def vietnamese_json_error(ctx, response, case):
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    if not content_type.startswith("application/json"):
        raise AssertionError(f"non-JSON {response.status_code}: {content_type}: {response.text[:200]}")
    body = json.loads(response.text)
    if not (isinstance(body, dict) and isinstance(body.get("code"), str) and isinstance(body.get("message"), str)):
        raise AssertionError(f"no code+message {response.status_code}: {response.text[:300]}")
    if not VIETNAMESE.search(body["message"]):
        raise AssertionError(f"English message {response.status_code} {body['code']}: {body['message'][:300]}")
    for detail in body.get("errors", []):  # a 422's wrong fields: {type, loc, message}
        if not (isinstance(detail, dict) and VIETNAMESE.search(str(detail.get("message", "")))):
            raise AssertionError(f"422 detail not in Vietnamese: {str(detail)[:300]}")
    return None
