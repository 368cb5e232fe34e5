"""
Parameter parity between openapi.yaml and the facade, in both directions: every parameter the
spec gives an operation (path, query, non-standard headers, body and multipart fields) is
accepted by the facade method of that operation and reaches the wire, and the facade accepts
nothing the spec lacks except the client-side parameters declared below with their reason.
"""

from __future__ import annotations

import datetime
import inspect
import json
import re
import typing
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
import respx
import yaml

from aurous_async import AsyncAurous, AurousError, _types
from aurous_async._types import RequestOptions

from .conftest import API_KEY, BASE_URL

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))

#: Headers every method handles through its per-call options, not as parameters.
OPTION_HEADERS = {"Aurous-Version": "api_version", "Idempotency-Key": "idempotency_key"}

#: Spec parameters the facade takes under another name: (operation, spec name) -> facade name.
RENAMED = {
    ("download_video_output", "Range"): "byte_range",
}

#: Facade parameters the spec does not have, and why they exist.
CLIENT_SIDE: dict[tuple[str, str], str] = {
    ("delete_character", "missing_ok"): "idempotent delete: a 404 without evidence is fine",
    ("upload_file", "filename"): "names the multipart file part (the spec's `file` is binary)",
    ("save_image_output", "path"): "where the streamed download is written",
    ("save_video_output", "path"): "where the streamed download is written",
}

#: Facade methods that send another operation's request, checked against that operation.
SENDS: dict[str, str] = {
    "stream_image_output": "download_image_output",
    "save_image_output": "download_image_output",
    "stream_video_output": "download_video_output",
    "save_video_output": "download_video_output",
}

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def _resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _properties(schema: Any) -> dict[str, Any]:
    """Every property a body schema can carry, through $ref, allOf, oneOf and anyOf."""
    schema = _resolve(schema)
    found: dict[str, Any] = dict(schema.get("properties", {}))
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            found.update(_properties(part))
    return found


class Parameter(typing.NamedTuple):
    name: str
    where: str  # path, query, header, body, multipart
    schema: dict[str, Any]
    required: bool


def _operations() -> dict[str, tuple[str, str, list[Parameter]]]:
    operations: dict[str, tuple[str, str, list[Parameter]]] = {}
    for path, item in SPEC["paths"].items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method == "parameters":
                continue
            parameters: list[Parameter] = []
            for raw in [*shared, *operation.get("parameters", [])]:
                spec = _resolve(raw)
                if spec["in"] == "header" and spec["name"] in OPTION_HEADERS:
                    continue
                name = spec["name"].removesuffix("[]")
                schema = _resolve(spec.get("schema", {}))
                parameters.append(Parameter(name, spec["in"], schema, spec.get("required", False)))
            content = operation.get("requestBody", {}).get("content", {})
            for media, body in content.items():
                schema = _resolve(body["schema"])
                where = "multipart" if media.startswith("multipart/") else "body"
                required = set(schema.get("required", []))
                for name, prop in _properties(schema).items():
                    parameters.append(Parameter(name, where, _resolve(prop), name in required))
            operations[operation["operationId"]] = (method.upper(), path, parameters)
    return operations


OPERATIONS = _operations()


def _facade_parameters(method: Callable[..., Any]) -> set[str]:
    """The names a facade method accepts, its Unpack[...] TypedDict keys included."""
    signature = inspect.signature(inspect.unwrap(method))
    names: set[str] = set()
    for parameter in signature.parameters.values():
        if parameter.name == "self":
            continue
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            # Annotations are strings (from __future__ import annotations): Unpack[Name].
            match = re.fullmatch(r"Unpack\[(\w+)\]", str(parameter.annotation))
            assert match, f"{method.__name__}: **{parameter.name} is not Unpack[<TypedDict>]"
            names |= set(getattr(_types, match.group(1)).__annotations__)
        else:
            names.add(parameter.name)
    return names - set(RequestOptions.__annotations__)


def _methods() -> list[tuple[str, str]]:
    pairs = [(operation, operation) for operation in OPERATIONS]
    pairs += [(method, operation) for method, operation in SENDS.items()]
    return sorted(pairs)


@pytest.mark.parametrize(("method", "operation"), _methods(), ids=lambda v: v)
def test_facade_takes_every_spec_parameter_and_no_other(method: str, operation: str) -> None:
    """Missing spec parameters and unexplained facade parameters are named, both directions."""
    _, _, parameters = OPERATIONS[operation]
    accepted = _facade_parameters(getattr(AsyncAurous, method))
    expected = {RENAMED.get((operation, p.name), p.name) for p in parameters}
    missing = sorted(expected - accepted)
    declared = {name for (m, name) in CLIENT_SIDE if m == method}
    extra = sorted(accepted - expected - declared)
    assert not missing, (
        f"{method}() lacks spec parameter(s) {missing} of operation {operation}: add them as "
        "keyword arguments (or to its TypedDict in aurous_async/_types.py)"
    )
    assert not extra, (
        f"{method}() takes {extra}, which operation {operation} does not have in openapi.yaml: "
        "remove them, or declare them in CLIENT_SIDE in tests/test_parity.py with the reason"
    )


def test_client_side_parameters_are_still_there() -> None:
    """Each declared client-side parameter still exists (the list does not go stale)."""
    stale = [
        (method, name)
        for method, name in CLIENT_SIDE
        if name not in _facade_parameters(getattr(AsyncAurous, method))
    ]
    assert not stale, f"CLIENT_SIDE names parameters that no longer exist: {stale}"


def _sample(schema: dict[str, Any], name: str) -> Any:
    """A value of *schema* the facade accepts and that is recognisable on the wire."""
    schema = _resolve(schema)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return _sample(schema[key][0], name)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return next(value for value in schema["enum"] if value is not None)
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind == "string":
        if schema.get("format") == "date-time":
            return datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
        if schema.get("format") in ("binary", "byte"):
            return PNG
        if schema.get("format") == "uri" or name.endswith("url"):
            return f"https://example.com/{name}"
        return f"v-{name}"
    if kind == "integer":
        return max(int(schema.get("minimum", 1)), 1)
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return True
    if kind == "array":
        return [_sample(schema.get("items", {}), name)]
    return {}


#: Values the spec's schema cannot describe in the facade's terms.
SAMPLES: dict[tuple[str, str], Any] = {
    ("download_video_output", "Range"): (0, 9),
    ("upload_file", "metadata"): {"shoot": "42"},
    ("update_character", "attributes"): {"age": 30},
    ("create_character", "attributes"): {"age": 30},
}


def _arguments(method: str, operation: str, chosen: Parameter) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments: required ones, plus *chosen*."""
    _, _, parameters = OPERATIONS[operation]
    signature = inspect.signature(inspect.unwrap(getattr(AsyncAurous, method)))
    values: dict[str, Any] = {}
    for parameter in parameters:
        if parameter.required or parameter is chosen:
            facade = RENAMED.get((operation, parameter.name), parameter.name)
            values[facade] = SAMPLES.get((operation, parameter.name)) or _sample(
                parameter.schema, parameter.name
            )
    if "generate" in values and "upload_ids" in values:
        # Exactly one of the two may be sent (cross-field rule): keep the one under test.
        values.pop("upload_ids" if chosen.name != "upload_ids" else "generate")
    args: list[Any] = []
    for name, parameter in signature.parameters.items():
        if name == "self" or parameter.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
            continue
        if name in values:
            args.append(values.pop(name))
        elif name == "path":
            args.append(None)  # filled with tmp_path by the test
        elif name == "file":
            args.append(PNG)
    return args, values


def _wire_cases() -> list[tuple[str, str, str]]:
    return [
        (method, operation, parameter.name)
        for method, operation in _methods()
        for parameter in OPERATIONS[operation][2]
    ]


async def _invoke(
    client: AsyncAurous, method: str, args: list[Any], kwargs: dict[str, Any]
) -> None:
    result = getattr(client, method)(*args, **kwargs)
    if hasattr(result, "__aenter__"):
        async with result:
            return
    await result


def _on_the_wire(request: httpx.Request, parameter: Parameter, value: Any) -> bool:
    if parameter.where == "path":
        return str(value) in request.url.path
    if parameter.where == "query":
        keys = {key.removesuffix("[]") for key, _ in parse_qsl(request.url.query.decode())}
        return parameter.name in keys
    if parameter.where == "header":
        return parameter.name in request.headers
    if parameter.where == "body":
        return parameter.name in json.loads(request.content or b"{}")
    return re.search(rb'name="%s"' % parameter.name.encode(), request.content) is not None


@pytest.fixture
async def wire_client() -> AsyncIterator[AsyncAurous]:
    """A client whose retries and waits never slow the parity sweep."""
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as client:
        yield client


@pytest.mark.parametrize(("method", "operation", "name"), _wire_cases(), ids=lambda v: v)
async def test_every_spec_parameter_reaches_the_wire(
    wire_client: AsyncAurous, tmp_path: Path, method: str, operation: str, name: str
) -> None:
    """Passing a spec parameter to the facade puts it on the request, where the spec says."""
    _, _, parameters = OPERATIONS[operation]
    chosen = next(p for p in parameters if p.name == name)
    args, kwargs = _arguments(method, operation, chosen)
    args = [tmp_path / "out.bin" if arg is None else arg for arg in args]
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as mock:
        route = mock.route().respond(200, json={})
        try:
            await _invoke(wire_client, method, args, kwargs)
        except AurousError:
            pass  # the canned answer may not parse; only the request matters here
    assert route.called, f"{method}() sent nothing"
    request = route.calls.last.request
    facade = RENAMED.get((operation, name), name)
    value = args[0] if chosen.where == "path" and facade not in kwargs else kwargs.get(facade)
    if chosen.where == "path":
        value = next((a for a in args if isinstance(a, str | int)), value)
    assert _on_the_wire(request, chosen, value), (
        f"{method}(): spec {chosen.where} parameter {name!r} of {operation} was accepted but "
        "never reached the request"
    )


def test_spec_operation_count_is_not_hard_coded() -> None:
    """The parity sweep covers every operation of the spec, whatever their number."""
    assert {operation for _, operation in _methods()} == set(OPERATIONS)
