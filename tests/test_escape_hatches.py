"""
Escape hatches for what the spec does not have yet: per-call ``extra_query`` and
``extra_body``, and the typed raw calls ``get`` / ``post`` / ``patch`` / ``delete`` through
the same transport (key, version, retries, errors, close).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncAurous,
    ClientClosedError,
    InvalidArgumentError,
    NotFoundError,
)
from aurous_async.models import Character

from .conftest import API_KEY, BASE_URL
from .payloads import CHAR_ID, character_json, error_json

PAGE = {"object": "list", "data": [], "has_more": False, "next_cursor": None}


def sent_json(route: respx.Route, index: int = 0) -> Any:
    """The JSON body of the *index*-th request *route* saw."""
    return json.loads(route.calls[index].request.content)


# ------------------------------------------------------------------------ extra_query


async def test_extra_query_is_merged_into_the_query(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """extra_query adds parameters next to the ones named, lists as repeated parameters."""
    route = respx_mock.get(url__startswith=f"{BASE_URL}/v1/characters").respond(json=PAGE)

    await client.list_characters(limit=3, extra_query={"beta": True, "tag": ["a", "b"]})

    params = route.calls[0].request.url.params
    assert params["limit"] == "3" and params["beta"] == "true"
    assert params.get_list("tag") == ["a", "b"]


async def test_extra_query_never_replaces_a_named_parameter(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A name the call already sets raises InvalidArgumentError and nothing is sent."""
    route = respx_mock.route().respond(json=PAGE)

    with pytest.raises(InvalidArgumentError) as caught:
        await client.list_characters(limit=3, extra_query={"limit": 50})

    assert caught.value.argument == "extra_query['limit']"
    assert not route.called


@pytest.mark.parametrize("bad", [["limit"], {"x": object()}, {"x": float("nan")}, {1: "a"}])
async def test_extra_query_values_are_checked(
    bad: object, client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """extra_query must map names to str, int, float or bool (or lists of them)."""
    route = respx_mock.route().respond(json=PAGE)

    with pytest.raises(InvalidArgumentError):
        await client.list_characters(extra_query=bad)  # type: ignore[arg-type]

    assert not route.called


# ------------------------------------------------------------------------ extra_body


async def test_extra_body_adds_fields_to_the_generated_body(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """extra_body's fields reach the JSON body after the fields the call sets."""
    route = respx_mock.post(f"{BASE_URL}/v1/characters").respond(201, json=character_json())

    await client.create_character(
        name="Mia", upload_ids=["upl_1"], extra_body={"beta_style": {"grain": 0.2}}
    )

    assert sent_json(route) == {
        "name": "Mia",
        "upload_ids": ["upl_1"],
        "beta_style": {"grain": 0.2},
    }


async def test_extra_body_never_replaces_a_field_the_call_sends(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A field already in the body raises InvalidArgumentError; nothing is sent."""
    route = respx_mock.route().respond(201, json=character_json())

    with pytest.raises(InvalidArgumentError) as caught:
        await client.create_character(name="Mia", upload_ids=["u"], extra_body={"name": "X"})

    assert caught.value.argument == "extra_body['name']"
    assert not route.called


@pytest.mark.parametrize("method", ["get_character", "delete_character"])
async def test_extra_body_is_refused_without_a_json_body(
    method: str, client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """extra_body on an operation that sends no JSON body raises before sending."""
    route = respx_mock.route().respond(200, json=character_json())

    with pytest.raises(InvalidArgumentError, match="sends no JSON body"):
        await getattr(client, method)(CHAR_ID, extra_body={"x": 1})

    assert not route.called


async def test_extra_body_must_encode_as_json(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A value JSON cannot carry is refused, naming the field."""
    route = respx_mock.route().respond(201, json=character_json())

    with pytest.raises(InvalidArgumentError) as caught:
        await client.create_character(name="Mia", upload_ids=["u"], extra_body={"x": {1, 2}})

    assert caught.value.argument == "extra_body['x']"
    assert not route.called


# ------------------------------------------------------------------------ raw calls


async def test_raw_get_parses_into_a_model_with_auth_and_version(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """get(path, cast_to=Model) sends the key and version pin and parses the model."""
    route = respx_mock.get(f"{BASE_URL}/v1/characters/{CHAR_ID}").respond(
        json=character_json(), headers={"Aurous-Request-Id": "req_1"}
    )

    character = await client.get(
        f"/v1/characters/{CHAR_ID}",
        cast_to=Character,
        params={"expand": "refs"},
        headers={"X-Beta": "1"},
    )

    assert isinstance(character, Character) and character.id == CHAR_ID
    request = route.calls[0].request
    assert request.headers["x-api-key"] == API_KEY
    assert request.headers["aurous-version"] == client.api_version
    assert request.headers["x-beta"] == "1"
    assert request.url.params["expand"] == "refs"
    from aurous_async import request_id

    assert request_id(character) == "req_1"


@pytest.mark.parametrize(
    ("cast_to", "expected"),
    [(dict, {"a": 1}), (bytes, b'{"a":1}'), (None, None)],
)
async def test_raw_get_casts_to_dict_bytes_or_nothing(
    cast_to: Any, expected: object, client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """cast_to=dict parses JSON, bytes gives the body, None ignores it."""
    respx_mock.get(f"{BASE_URL}/v1/beta/thing").respond(content=b'{"a":1}')

    assert await client.get("/v1/beta/thing", cast_to=cast_to) == expected


async def test_raw_get_answer_of_the_wrong_shape_is_a_validation_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A list where cast_to=dict was asked raises APIResponseValidationError."""
    respx_mock.get(f"{BASE_URL}/v1/beta/thing").respond(json=[1, 2])

    with pytest.raises(APIResponseValidationError):
        await client.get("/v1/beta/thing", cast_to=dict)


async def test_raw_get_is_retried_and_errors_are_typed(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A raw GET is retried on 503 like any read, and a 404 raises NotFoundError."""
    flaky = respx_mock.get(f"{BASE_URL}/v1/beta/flaky").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=[1])]
    )
    respx_mock.get(f"{BASE_URL}/v1/beta/gone").respond(404, json=error_json("not_found"))

    assert await client.get("/v1/beta/flaky", cast_to=list) == [1]
    with pytest.raises(NotFoundError):
        await client.get("/v1/beta/gone", cast_to=dict)

    assert flaky.call_count == 2


async def test_raw_post_without_a_key_is_not_replayed_after_it_may_have_been_sent(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A raw POST whose connection dropped after sending is not sent again without a key."""
    route = respx_mock.post(f"{BASE_URL}/v1/beta/jobs").mock(
        side_effect=[httpx.ReadError("reset"), httpx.Response(201, json={"id": "j"})]
    )

    with pytest.raises(APIConnectionError):
        await client.post("/v1/beta/jobs", cast_to=dict, body={"n": 1})

    assert route.call_count == 1


async def test_raw_post_with_a_key_is_replayed_with_the_same_key_and_body(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """With idempotency_key the caller vouches for replays: retried with the same key."""
    route = respx_mock.post(f"{BASE_URL}/v1/beta/jobs").mock(
        side_effect=[httpx.ReadError("reset"), httpx.Response(201, json={"id": "j"})]
    )

    result = await client.post(
        "/v1/beta/jobs",
        cast_to=dict,
        body={"n": 1},
        idempotency_key="job-1",
        extra_body={"beta": True},
    )

    assert result == {"id": "j"} and route.call_count == 2
    for call in route.calls:
        assert call.request.headers["idempotency-key"] == "job-1"
        assert json.loads(call.request.content) == {"n": 1, "beta": True}


async def test_raw_patch_and_delete_send_their_methods(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """patch sends its JSON body, delete sends none; both carry the key."""
    patched = respx_mock.patch(f"{BASE_URL}/v1/beta/x").respond(json={"ok": True})
    deleted = respx_mock.delete(f"{BASE_URL}/v1/beta/x").respond(204)

    assert await client.patch("/v1/beta/x", cast_to=dict, body={"a": 1}) == {"ok": True}
    assert await client.delete("/v1/beta/x", cast_to=None) is None

    assert sent_json(patched) == {"a": 1}
    assert deleted.calls[0].request.content == b""
    assert deleted.calls[0].request.headers["x-api-key"] == API_KEY


@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example/v1/characters",
        "//evil.example/v1/characters",
        "/v2/characters",
        "v1/characters",
        "/v1/../admin",
        "/v1/characters?limit=1",
        "/v1/caractères",
    ],
)
async def test_raw_call_path_must_be_a_v1_route_on_the_base_url(
    path: str, client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An absolute URL, another prefix, dot segments or a query in the path are refused."""
    route = respx_mock.route().respond(200, json={})

    with pytest.raises(InvalidArgumentError) as caught:
        await client.get(path, cast_to=dict)

    assert caught.value.argument == "path"
    assert not route.called


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"cast_to": str}, "cast_to"),
        ({"cast_to": dict, "idempotency_key": "k"}, "idempotency_key"),
        ({"cast_to": dict, "headers": {"X-Api-Key": "x"}}, "headers['X-Api-Key']"),
        ({"cast_to": dict, "params": {"a": object()}}, "params['a']"),
        ({"cast_to": dict, "extra_body": {"a": 1}}, "extra_body"),
    ],
)
async def test_raw_get_arguments_are_checked_before_sending(
    kwargs: dict[str, Any], argument: str, client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Bad cast_to, a key on a GET, reserved headers and bad params raise before sending."""
    route = respx_mock.route().respond(200, json={})

    with pytest.raises(InvalidArgumentError) as caught:
        await client.get("/v1/beta/x", **kwargs)

    assert caught.value.argument == argument
    assert not route.called


async def test_raw_post_body_must_encode_as_json(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A body JSON cannot carry raises InvalidArgumentError naming body."""
    route = respx_mock.route().respond(200, json={})

    with pytest.raises(InvalidArgumentError) as caught:
        await client.post("/v1/beta/x", cast_to=dict, body={"x": float("inf")})

    assert caught.value.argument == "body"
    assert not route.called


async def test_raw_call_on_a_closed_client_raises(respx_mock: respx.MockRouter) -> None:
    """A raw call after close raises ClientClosedError and sends nothing."""
    route = respx_mock.route().respond(200, json={})
    client = AsyncAurous(api_key=API_KEY, base_url=BASE_URL)
    await client.close()

    with pytest.raises(ClientClosedError):
        await client.get("/v1/beta/x", cast_to=dict)

    assert not route.called


async def test_raw_call_of_a_copy_uses_its_key_and_version(respx_mock: respx.MockRouter) -> None:
    """A with_options copy's raw call sends the copy's key and version pin."""
    route = respx_mock.get("https://eu.aurous.test/v1/beta/x").respond(json={})
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        copy = client.with_options(
            api_key="al_live_" + "e" * 64, base_url="https://eu.aurous.test", api_version=None
        )
        await copy.get("/v1/beta/x", cast_to=dict)

    request = route.calls[0].request
    assert request.headers["x-api-key"] == "al_live_" + "e" * 64
    assert "aurous-version" not in request.headers


async def test_raw_call_through_with_raw_response_reports_the_answer(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """client.with_raw_response.get(...) gives the status and headers of a raw call."""
    respx_mock.get(f"{BASE_URL}/v1/beta/x").respond(json={"a": 1}, headers={"X-Seen": "1"})

    raw = await client.with_raw_response.get("/v1/beta/x", cast_to=dict)  # type: ignore[attr-defined]

    assert raw.parsed == {"a": 1} and raw.status_code == 200
    assert raw.headers["x-seen"] == "1"
