"""
openapi.yaml itself: valid OpenAPI 3.1 and true to the project's rules.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

import aurous_async

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [
    (method, path, op)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if method in METHODS
]
IDEMPOTENT = {
    "create_image",
    "create_video",
    "upload_file",
    "resynthesize_character",
    "regenerate_character_ref",
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/parameters/{name}"}


def test_spec_is_valid_openapi_3_1() -> None:
    """A real validator accepts the document."""
    assert SPEC["openapi"].startswith("3.1")
    validate(SPEC)


def test_version_is_a_quoted_date_equal_to_the_sdk_pin() -> None:
    """info.version stays a string (not a YAML date) and equals aurous_async.API_VERSION."""
    assert SPEC["info"]["version"] == aurous_async.API_VERSION
    pin = re.escape(aurous_async.API_VERSION)
    assert re.search(rf'^  version: "{pin}"$', SPEC_PATH.read_text(), re.M)


def test_operation_ids_are_unique_snake_case() -> None:
    """Every operationId is snake_case and used once (it names a module and a method)."""
    ids = [op["operationId"] for _, _, op in OPERATIONS]
    # No hard-coded count: a new operation must not fail here (test_spec_coverage names it).
    assert ids and len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


@pytest.mark.parametrize(
    "method,path,op", OPERATIONS, ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_operation_takes_the_version_header(
    method: str, path: str, op: dict[str, Any]
) -> None:
    """Aurous-Version is a parameter of every operation; Idempotency-Key only where documented."""
    params = op.get("parameters", [])
    assert _ref("AurousVersion") in params
    assert (_ref("IdempotencyKey") in params) == (op["operationId"] in IDEMPOTENT)


@pytest.mark.parametrize(
    "method,path,op", OPERATIONS, ids=lambda v: v if isinstance(v, str) else ""
)
def test_error_responses_share_the_envelope(method: str, path: str, op: dict[str, Any]) -> None:
    """Every documented 4xx/5xx reuses a components response carrying ErrorResponse."""
    errors = {code: r for code, r in op["responses"].items() if str(code)[0] in "45"}
    assert errors, "no error response documented"
    for response in errors.values():
        name = response["$ref"].rsplit("/", 1)[1]
        schema = SPEC["components"]["responses"][name]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorResponse"}


def _walk(node: Any, where: str) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        if "default" in node:
            found.append(where)
        for key, value in node.items():
            found += _walk(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _walk(value, f"{where}[{index}]")
    return found


def test_no_schema_default_is_ever_sent() -> None:
    """No `default` anywhere: the generator would send it though the caller did not."""
    assert _walk(SPEC, "spec") == []


def test_pattern_of_the_version_header() -> None:
    """The version header is optional with the documented date pattern."""
    param = SPEC["components"]["parameters"]["AurousVersion"]
    assert param["in"] == "header" and param["required"] is False
    assert param["schema"]["pattern"] == r"^\d{4}-\d{2}-\d{2}$"
    assert SPEC["components"]["securitySchemes"]["apiKey"] == {
        **SPEC["components"]["securitySchemes"]["apiKey"],
        "type": "apiKey",
        "in": "header",
        "name": "X-Api-Key",
    }
