"""
The fake keeps up with openapi.yaml: every operation has a route with the same method and
path, every documented body field is accepted, and answers parse as the spec's models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aurous_async.testing._contract import body_keys, enum_values
from aurous_async.testing._routing import ROUTES

yaml = pytest.importorskip("yaml")
SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "openapi.yaml").read_text(encoding="utf-8")
)
METHODS = ("get", "post", "put", "patch", "delete")


def spec_operations() -> dict[str, tuple[str, str]]:
    return {
        operation["operationId"]: (method.upper(), path)
        for path, item in SPEC["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_every_operation_has_a_route() -> None:
    """Each operationId is served at its method and path (the fake names routes the same)."""
    routes = {r.operation: (r.method, r.template) for r in ROUTES.routes}
    operations = spec_operations()
    assert operations
    missing = {op: where for op, where in operations.items() if routes.get(op) != where}
    assert missing == {}


def test_only_idempotent_routes_honour_the_key() -> None:
    """Idempotency-Key is honoured exactly where the spec declares the header."""
    declared = {
        operation["operationId"]
        for item in SPEC["paths"].values()
        for method, operation in item.items()
        if method in METHODS
        and any(
            p.get("$ref", "").endswith("/IdempotencyKey") for p in operation.get("parameters", [])
        )
    }
    assert declared == {r.operation for r in ROUTES.routes if r.idempotent}


REQUEST_BODIES = (
    "CreateCharacterRequest",
    "UpdateCharacterRequest",
    "ResynthesizeCharacterRequest",
    "RegenerateCharacterRefRequest",
    "InitCharacterUploadRequest",
    "ClassifyCharacterUploadRequest",
    "CreateImageRequest",
    "CreateVideoRequest",
    "UploadFileRequest",
    "CreateWebhookEndpointRequest",
    "TestWebhookEndpointRequest",
)


@pytest.mark.parametrize("schema", REQUEST_BODIES)
def test_documented_body_fields_are_accepted(schema: str) -> None:
    """The fake rejects unknown keys, so it must know every key the spec documents."""
    properties = set(SPEC["components"]["schemas"][schema]["properties"])
    assert properties == set(body_keys(schema))


def test_webhook_event_types_match_the_spec() -> None:
    """The fake knows the same event types as the spec."""
    enum = SPEC["components"]["schemas"]["KnownWebhookEventType"]["enum"]
    assert set(enum) == set(enum_values("KnownWebhookEventType"))


def test_public_names_are_sorted_and_importable() -> None:
    """aurous_async.testing.__all__ follows the package's order and every name resolves."""
    import aurous_async.testing as testing

    names = list(testing.__all__)
    assert names == sorted(names, key=str.casefold)
    assert all(hasattr(testing, name) for name in names)
    assert testing.FakeAurous.__module__ == "aurous_async.testing"
