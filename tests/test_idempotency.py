"""
Replay safety comes from each operation's spec: an Idempotency-Key is accepted only where the
API honours it, and only those POSTs are ever sent twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
import respx

from aurous_async import AsyncAurous, InternalServerError, InvalidArgumentError

from .conftest import BASE_URL
from .payloads import CHAR_ID, character_json, error_json

Call = Callable[..., Awaitable[Any]]

# Operations whose spec does not declare Idempotency-Key, with a valid call of each.
KEYLESS: dict[str, Callable[[AsyncAurous], Call]] = {
    "create_character": lambda c: lambda **o: c.create_character(name="Mia", generate=True, **o),
    "create_webhook_endpoint": lambda c: (
        lambda **o: c.create_webhook_endpoint(url="https://example.com/h", events=["*"], **o)
    ),
    "test_webhook_endpoint": lambda c: (
        lambda **o: c.test_webhook_endpoint("we_1", event_type="image.completed", **o)
    ),
    "save_character": lambda c: lambda **o: c.save_character(CHAR_ID, **o),
    "cancel_image": lambda c: lambda **o: c.cancel_image("img_1", **o),
    "get_character": lambda c: lambda **o: c.get_character(CHAR_ID, **o),
}


@pytest.mark.parametrize("operation", sorted(KEYLESS))
@pytest.mark.parametrize("form", ["argument", "extra_headers"])
@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
async def test_idempotency_key_is_refused_where_the_spec_has_none(
    client: AsyncAurous, respx_mock: respx.MockRouter, operation: str, form: str
) -> None:
    """A key on an operation the API does not deduplicate raises, naming it; nothing is sent."""
    route = respx_mock.route().respond(500)
    options: dict[str, Any] = (
        {"idempotency_key": "job-1"}
        if form == "argument"
        else {"extra_headers": {"idempotency-key": "job-1"}}
    )
    with pytest.raises(InvalidArgumentError, match=operation):
        await KEYLESS[operation](client)(**options)
    assert route.call_count == 0


@pytest.mark.respx(base_url=BASE_URL)
async def test_keyless_create_character_is_sent_once_after_a_500(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """create_character(generate=True) charges 4 generations: a 500 is never replayed."""
    route = respx_mock.post("/v1/characters").respond(500, json=error_json("internal"))
    with pytest.raises(InternalServerError):
        await client.create_character(name="Mia", generate=True)
    assert route.call_count == 1
    assert "Idempotency-Key" not in route.calls.last.request.headers


@pytest.mark.respx(base_url=BASE_URL)
async def test_header_named_like_a_key_does_not_make_a_post_replay_safe(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Even a redirect's header cannot make save_character retryable: the spec decides."""
    route = respx_mock.post(f"/v1/characters/{CHAR_ID}/save").respond(503, json=error_json("down"))
    with pytest.raises(InternalServerError):
        await client.save_character(CHAR_ID, extra_headers={"X-Idempotency-Key": "x"})
    assert route.call_count == 1


@pytest.mark.parametrize("status", [200, 202])
@pytest.mark.respx(base_url=BASE_URL)
async def test_other_2xx_with_a_matching_body_parses(
    client: AsyncAurous, respx_mock: respx.MockRouter, status: int
) -> None:
    """A documented 201 answered as 200 or 202 parses when the body matches the spec."""
    respx_mock.post("/v1/images").respond(
        status,
        json={
            "id": "img_1",
            "object": "inference",
            "status": "pending",
            "created_at": "2026-05-15T10:00:00Z",
        },
    )
    image = await client.create_image(prompt="a lighthouse")
    assert image.id == "img_1"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_answered_201_still_parses(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A documented 200 answered as 201 parses too."""
    respx_mock.get(f"/v1/characters/{CHAR_ID}").mock(
        return_value=httpx.Response(201, json=character_json())
    )
    assert (await client.get_character(CHAR_ID)).id == CHAR_ID
