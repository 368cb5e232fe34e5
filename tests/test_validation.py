"""
Checks on what is sent, run before any request leaves: ids, path encoding, header values.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
import respx

from aurous_async import AsyncAurous, InvalidArgumentError
from tests.conftest import BASE_URL
from tests.payloads import CHAR_ID, character_json, deleted_json

IdMethod = Callable[[AsyncAurous, Any], Awaitable[object]]

# Every method that puts an id into the path, called with the least it needs.
ID_METHODS: dict[str, IdMethod] = {
    "get_character": lambda c, id: c.get_character(id),
    "update_character": lambda c, id: c.update_character(id, name="Mia"),
    "delete_character": lambda c, id: c.delete_character(id),
    "save_character": lambda c, id: c.save_character(id),
    "resynthesize_character": lambda c, id: c.resynthesize_character(id),
    "regenerate_character_ref": lambda c, id: c.regenerate_character_ref(id, pose="front"),
}

BAD_IDS = [
    pytest.param("", id="empty"),
    pytest.param(" ", id="space"),
    pytest.param("a b", id="inner-space"),
    pytest.param("a\nb", id="newline"),
    pytest.param("char_1\r\n", id="trailing-crlf"),
    pytest.param("a\tb", id="tab"),
    pytest.param("\x00", id="nul"),
    pytest.param("a\x85b", id="c1-control"),
    pytest.param(".", id="dot"),
    pytest.param("..", id="dot-dot"),
    pytest.param(None, id="none"),
    pytest.param(42, id="int"),
    pytest.param(b"char_1", id="bytes"),
]


def catch_all(mock: respx.MockRouter) -> respx.Route:
    """A route that answers every request to the API with a plausible success."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "DELETE":
            return httpx.Response(200, json=deleted_json(CHAR_ID))
        return httpx.Response(200, json=character_json())

    return mock.route(host="api.aurous-labs.com").mock(side_effect=answer)


@pytest.mark.parametrize("bad_id", BAD_IDS)
@pytest.mark.parametrize("method", ID_METHODS.values(), ids=ID_METHODS.keys())
@pytest.mark.respx(assert_all_called=False)
async def test_invalid_id_rejected_before_sending(
    client: AsyncAurous, respx_mock: respx.MockRouter, method: IdMethod, bad_id: object
) -> None:
    """A bad id raises InvalidArgumentError naming id, and no request leaves."""
    route = catch_all(respx_mock)

    with pytest.raises(InvalidArgumentError) as caught:
        await method(client, bad_id)

    assert isinstance(caught.value, ValueError)
    assert caught.value.argument == "id"
    assert str(caught.value).startswith("id:")
    assert not route.called
    assert not respx_mock.calls


@pytest.mark.parametrize(
    ("raw_id", "segment"),
    [
        pytest.param("../balance", b"..%2Fbalance", id="dot-dot-slash"),
        pytest.param("a/b", b"a%2Fb", id="slash"),
        pytest.param("a?b=1", b"a%3Fb%3D1", id="query"),
        pytest.param("a#b", b"a%23b", id="fragment"),
        pytest.param("%2e%2e", b"%252e%252e", id="pre-encoded"),
        pytest.param("é", b"%C3%A9", id="non-ascii"),
    ],
)
async def test_id_percent_encoded_into_one_segment(
    client: AsyncAurous, respx_mock: respx.MockRouter, raw_id: str, segment: bytes
) -> None:
    """An id with path or query characters stays ONE percent-encoded path segment."""
    route = catch_all(respx_mock)

    await client.get_character(raw_id)

    request = route.calls.last.request
    assert request.url.raw_path == b"/v1/characters/" + segment
    assert request.url.query == b""


@pytest.mark.parametrize("method", ID_METHODS.values(), ids=ID_METHODS.keys())
async def test_id_dot_dot_slash_stays_under_the_character(
    client: AsyncAurous, respx_mock: respx.MockRouter, method: IdMethod
) -> None:
    """For every id method, ../balance never escapes /v1/characters/{id}."""
    route = catch_all(respx_mock)

    await method(client, "../balance")

    raw_path = route.calls.last.request.url.raw_path
    assert raw_path.startswith(b"/v1/characters/..%2Fbalance")
    assert b"/balance" not in raw_path.replace(b"%2Fbalance", b"")


async def test_id_dot_dot_slash_raw_path_exact(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """get_character("../balance") requests exactly /v1/characters/..%2Fbalance."""
    route = respx_mock.get(url__regex=rf"^{BASE_URL}/").respond(200, json=character_json())

    await client.get_character("../balance")

    assert route.calls.last.request.url.raw_path == b"/v1/characters/..%2Fbalance"


BAD_HEADER_VALUES = [
    pytest.param("a\r\nX-Evil: 1", id="crlf-injection"),
    pytest.param("a\nb", id="lf"),
    pytest.param("a\rb", id="cr"),
    pytest.param("a\x00b", id="nul"),
]


@pytest.mark.parametrize("value", BAD_HEADER_VALUES)
@pytest.mark.respx(assert_all_called=False)
async def test_extra_headers_value_with_control_chars_rejected(
    client: AsyncAurous, respx_mock: respx.MockRouter, value: str
) -> None:
    """An extra_headers value with CR, LF or NUL is refused before sending."""
    route = catch_all(respx_mock)

    with pytest.raises(InvalidArgumentError) as caught:
        await client.get_character(CHAR_ID, extra_headers={"X-Trace": value})

    assert "extra_headers" in caught.value.argument
    assert not route.called


@pytest.mark.parametrize("name", BAD_HEADER_VALUES)
@pytest.mark.respx(assert_all_called=False)
async def test_extra_headers_name_with_control_chars_rejected(
    client: AsyncAurous, respx_mock: respx.MockRouter, name: str
) -> None:
    """An extra_headers name with CR, LF or NUL is refused before sending."""
    route = catch_all(respx_mock)

    with pytest.raises(InvalidArgumentError):
        await client.get_character(CHAR_ID, extra_headers={name: "v"})

    assert not route.called


@pytest.mark.parametrize("value", BAD_HEADER_VALUES)
@pytest.mark.parametrize(
    "method",
    [
        pytest.param(lambda c, **o: c.resynthesize_character(CHAR_ID, **o), id="key-operation"),
        pytest.param(lambda c, **o: c.get_character(CHAR_ID, **o), id="keyless-operation"),
        pytest.param(lambda c, **o: c.delete_character(CHAR_ID, **o), id="delete"),
    ],
)
@pytest.mark.respx(assert_all_called=False)
async def test_idempotency_key_with_control_chars_rejected(
    client: AsyncAurous,
    respx_mock: respx.MockRouter,
    method: Callable[..., Awaitable[object]],
    value: str,
) -> None:
    """An idempotency_key with CR, LF or NUL is refused before sending."""
    route = catch_all(respx_mock)

    with pytest.raises(InvalidArgumentError) as caught:
        await method(client, idempotency_key=value)

    assert caught.value.argument == "idempotency_key"
    assert not route.called


async def test_extra_headers_are_sent(client: AsyncAurous, respx_mock: respx.MockRouter) -> None:
    """Valid extra_headers reach the wire unchanged."""
    route = catch_all(respx_mock)

    await client.get_character(CHAR_ID, extra_headers={"X-Trace": "abc 123"})

    assert route.calls.last.request.headers["X-Trace"] == "abc 123"


@pytest.mark.parametrize(
    "value",
    [pytest.param(-1, id="negative"), pytest.param("2", id="str"), pytest.param(1.5, id="float")],
)
@pytest.mark.respx(assert_all_called=False)
async def test_max_retries_per_call_must_be_non_negative_int(
    client: AsyncAurous, respx_mock: respx.MockRouter, value: object
) -> None:
    """A bad per-call max_retries is an InvalidArgumentError naming it; nothing is sent."""
    route = catch_all(respx_mock)

    with pytest.raises(InvalidArgumentError) as caught:
        await client.get_character(CHAR_ID, max_retries=value)  # type: ignore[arg-type]

    assert caught.value.argument == "max_retries"
    assert not route.called
