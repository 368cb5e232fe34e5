"""
Waiters treat settled states as an open set: a status the SDK does not know stops a default
wait, while an explicitly requested status is still waited for.
"""

from __future__ import annotations

import pickle

import httpx
import pytest
import respx

from aurous_async import AsyncAurous, WaitTimeoutError
from aurous_async._resources.characters import CHARACTER_SETTLED
from aurous_async._resources.images import GENERATION_TERMINAL

from .conftest import BASE_URL
from .test_transport import CHARACTER

GENERATION = {"id": "img_1", "status": "pending", "created_at": "2026-05-15T10:00:00Z"}


def _character(status: str) -> httpx.Response:
    return httpx.Response(200, json={**CHARACTER, "status": status})


def _generation(status: str) -> httpx.Response:
    return httpx.Response(200, json={**GENERATION, "status": status})


@pytest.mark.respx(base_url=BASE_URL)
async def test_an_unknown_character_status_ends_a_default_wait(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """synthesizing, then archived (a status added later): two polls, the model returned."""
    route = respx_mock.get("/v1/characters/char_1").mock(
        side_effect=[_character("synthesizing"), _character("archived"), _character("ready")]
    )
    character = await client.wait_for_character("char_1", poll_interval=0)
    assert character.status == "archived"
    assert route.call_count == 2


@pytest.mark.respx(base_url=BASE_URL)
async def test_an_unknown_status_does_not_end_a_wait_for_a_named_one(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """With status="ready", archived is polled past until ready arrives."""
    route = respx_mock.get("/v1/characters/char_1").mock(
        side_effect=[_character("archived"), _character("ready")]
    )
    character = await client.wait_for_character("char_1", status="ready", poll_interval=0)
    assert character.status == "ready"
    assert route.call_count == 2


@pytest.mark.respx(base_url=BASE_URL)
async def test_generations_poll_only_while_in_progress(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """queued, pending, processing keep polling; an unknown status then ends the wait."""
    route = respx_mock.get("/v1/images/img_1").mock(
        side_effect=[
            _generation("queued"),
            _generation("pending"),
            _generation("processing"),
            _generation("archived"),
            _generation("succeeded"),
        ]
    )
    generation = await client.wait_for_image("img_1", poll_interval=0)
    assert generation.status == "archived"
    assert route.call_count == 4


@pytest.mark.respx(base_url=BASE_URL)
async def test_a_timeout_names_the_in_progress_states(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A generation stuck in processing times out, and the message says what would stop it."""
    respx_mock.get("/v1/images/img_1").mock(return_value=_generation("processing"))
    with pytest.raises(WaitTimeoutError) as caught:
        await client.wait_for_image("img_1", poll_interval=0.01, max_wait=0.05)
    assert caught.value.status == "processing"
    assert "any status but ['pending', 'processing', 'queued']" in str(caught.value)


def test_settled_sets_keep_their_known_members_and_survive_pickling() -> None:
    """The open sets list today's settled states and round-trip through pickle intact."""
    assert set(CHARACTER_SETTLED) == {"reviewing", "ready", "failed", "cancelled", "deleted"}
    assert "synthesizing" not in CHARACTER_SETTLED and "archived" in CHARACTER_SETTLED
    copy = pickle.loads(pickle.dumps(GENERATION_TERMINAL))
    assert "processing" not in copy and "archived" in copy and "succeeded" in copy
