"""
Waiters poll until a resource settles, and give up with WaitTimeoutError.
"""

from __future__ import annotations

import httpx
import pytest
import respx

from aurous_async import AsyncAurous, NotFoundError, WaitTimeoutError

from .conftest import BASE_URL
from .test_transport import CHARACTER


def _character(status: str) -> httpx.Response:
    return httpx.Response(200, json={**CHARACTER, "status": status})


@pytest.mark.respx(base_url=BASE_URL)
async def test_wait_for_character_stops_at_the_first_settled_state(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """synthesizing, synthesizing, reviewing: three polls, the reviewing character returned."""
    route = respx_mock.get("/v1/characters/char_1").mock(
        side_effect=[
            _character("synthesizing"),
            _character("synthesizing"),
            _character("reviewing"),
        ]
    )
    character = await client.wait_for_character("char_1", poll_interval=0)
    assert character.status == "reviewing"
    assert route.call_count == 3


@pytest.mark.respx(base_url=BASE_URL)
async def test_wait_for_character_waits_for_the_requested_status(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """With status="ready", reviewing does not stop the wait."""
    respx_mock.get("/v1/characters/char_1").mock(
        side_effect=[_character("reviewing"), _character("ready")]
    )
    character = await client.wait_for_character("char_1", status="ready", poll_interval=0)
    assert character.status == "ready"


@pytest.mark.respx(base_url=BASE_URL)
async def test_wait_for_character_gives_up_after_max_wait(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A character that never settles raises WaitTimeoutError carrying the last status."""
    respx_mock.get("/v1/characters/char_1").mock(return_value=_character("synthesizing"))
    with pytest.raises(WaitTimeoutError) as caught:
        await client.wait_for_character("char_1", poll_interval=0.01, max_wait=0.05)
    assert caught.value.status == "synthesizing"


@pytest.mark.respx(base_url=BASE_URL)
async def test_wait_for_character_raises_when_it_vanishes(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 404 while waiting (hard-deleted) is raised, not waited out."""
    respx_mock.get("/v1/characters/char_1").mock(
        side_effect=[_character("synthesizing"), httpx.Response(404, json={"error": {}})]
    )
    with pytest.raises(NotFoundError):
        await client.wait_for_character("char_1", poll_interval=0)
