"""
Conveniences: the request id of every result, create-and-wait helpers, wait_for_video,
close()/is_closed, the typed raw-response proxy at run time, UNSET as a true singleton, and
WaitTimeoutError carrying the last model seen.
"""

from __future__ import annotations

import copy
import json
import pickle

import httpx
import pytest
import respx

import aurous_async
from aurous_async import (
    UNSET,
    APIResponse,
    AsyncAurous,
    ClientClosedError,
    DeleteResult,
    InvalidArgumentError,
    Unset,
    WaitTimeoutError,
    request_id,
)
from aurous_async._generated import types as generated_types
from aurous_async.models import Character, CharacterList, GenerationResponse
from aurous_async.testing import FakeAurous

from .conftest import BASE_URL
from .test_transport import CHARACTER


def last_record(fake: FakeAurous, operation: str) -> str:
    """The request id the fake gave its last answer to *operation*."""
    return [r for r in fake.requests if r.operation == operation][-1].request_id


# -- request ids ---------------------------------------------------------------------------


async def test_request_id_of_a_model_is_the_answers_header() -> None:
    """request_id(model) is the Aurous-Request-Id the fake sent with that answer."""
    async with FakeAurous() as fake:
        client = fake.client()
        character = await client.create_character(name="Mia", generate=True, attributes={})
        fetched = await client.get_character(character.id)

        assert request_id(character) == last_record(fake, "create_character")
        assert request_id(fetched) == last_record(fake, "get_character")
        assert request_id(character) != request_id(fetched)


async def test_request_id_never_reaches_the_model_itself() -> None:
    """The id lives beside the model: to_dict(), == and repr are those of the plain model."""
    async with FakeAurous() as fake:
        client = fake.client()
        character = await client.create_character(name="Mia", generate=True, attributes={})
        rid = request_id(character)
        plain = Character.from_dict(character.to_dict())

        assert rid is not None
        assert rid not in json.dumps(character.to_dict())
        assert rid not in repr(character)
        assert plain == character
        assert request_id(plain) is None


async def test_request_id_of_a_delete_result_and_of_a_page() -> None:
    """A DeleteResult and a list page carry the id of their own answer."""
    async with FakeAurous() as fake:
        client = fake.client()
        character = await client.create_character(name="Mia", generate=True, attributes={})
        page = await client.list_characters(limit=1)
        gone = await client.delete_character(character.id)

        assert isinstance(gone, DeleteResult)
        assert request_id(gone) == last_record(fake, "delete_character")
        assert isinstance(page, CharacterList)
        assert request_id(page) == last_record(fake, "list_characters")


async def test_request_id_of_an_api_response_and_of_what_has_none() -> None:
    """An APIResponse gives its header; a plain list, bytes or an unrelated object gives None."""
    async with FakeAurous() as fake:
        client = fake.client()
        raw = await client.with_raw_response.get_team()
        loras = await client.list_loras()

        assert request_id(raw) == raw.headers["Aurous-Request-Id"]
        assert request_id(loras) is None
        assert request_id(b"bytes") is None
        assert request_id(object()) is None


async def test_a_remembered_request_id_is_dropped_with_its_result() -> None:
    """The side table holds no result alive: once a model is gone, its entry is gone too."""
    from aurous_async import _response

    async with FakeAurous() as fake:
        client = fake.client()
        before = len(_response._REQUEST_IDS)
        team = await client.get_team()
        assert len(_response._REQUEST_IDS) == before + 1
        del team

        assert len(_response._REQUEST_IDS) == before


# -- create and wait -----------------------------------------------------------------------


async def test_create_image_and_wait_returns_the_finished_generation() -> None:
    """One create, then polls until succeeded; the fake's team holds exactly one image."""
    async with FakeAurous(queue_seconds=2, image_seconds=5) as fake:
        client = fake.client()
        image = await client.create_image_and_wait(prompt="a lighthouse", poll_interval=1)

        assert isinstance(image, GenerationResponse)
        assert image.status == "succeeded"
        assert fake.count("create_image") == 1
        assert fake.count("get_image") >= 2
        assert len(fake.team().images) == 1


async def test_create_image_and_wait_sends_the_key_on_the_create_only() -> None:
    """The caller's idempotency_key goes with the POST; the polls carry none."""
    async with FakeAurous(image_seconds=3) as fake:
        client = fake.client()
        await client.create_image_and_wait(
            prompt="a lighthouse", idempotency_key="job-1", poll_interval=1
        )

        keys = {(r.operation, r.idempotency_key) for r in fake.requests}
        assert ("create_image", "job-1") in keys
        assert {key for op, key in keys if op == "get_image"} == {None}


async def test_wait_for_video_polls_the_generation_route() -> None:
    """A video is polled through GET /v1/images/{id} until it succeeds."""
    async with FakeAurous(video_seconds=30) as fake:
        client = fake.client()
        video = await client.create_video(video_lora_id="seedance-1-pro", prompt="waves")
        assert video.id.startswith("vid_")

        done = await client.wait_for_video(video.id, poll_interval=10)

        assert done.status == "succeeded"
        assert done.id == video.id
        assert fake.count("GET /v1/images/{id}") >= 2


async def test_create_video_and_wait_returns_the_finished_video() -> None:
    """One create_video, then polls until the video reaches a terminal status."""
    async with FakeAurous(video_seconds=20) as fake:
        client = fake.client()
        fake.next_outcome("video", "failed", error_message="boom")

        video = await client.create_video_and_wait(
            video_lora_id="seedance-1-pro", prompt="waves", poll_interval=5
        )

        assert video.status == "failed"
        assert fake.count("create_video") == 1


async def test_create_character_and_wait_stops_at_reviewing() -> None:
    """A synthesized character is created with generate=True and returned once reviewing."""
    async with FakeAurous(synthesis_seconds=10) as fake:
        client = fake.client()
        character = await client.create_character_and_wait(
            name="Mia", attributes={"age": 28}, poll_interval=2
        )

        assert character.status == "reviewing"
        assert fake.team().characters[character.id].status == "reviewing"
        assert fake.count("create_character") == 1
        assert fake.count("get_character") >= 2


async def test_create_and_wait_helpers_check_their_keywords() -> None:
    """A misspelled keyword or a bad poll interval is refused before anything is sent."""
    async with FakeAurous() as fake:
        client = fake.client()
        with pytest.raises(TypeError, match="poll_intervall"):
            await client.create_image_and_wait(prompt="x", poll_intervall=1)  # type: ignore[call-arg]
        with pytest.raises(InvalidArgumentError, match="poll_interval"):
            await client.create_character_and_wait(name="x", poll_interval="1")  # type: ignore[arg-type]

        assert fake.count("*") == 0


@pytest.mark.respx(base_url=BASE_URL)
async def test_wait_timeout_carries_the_last_model(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """WaitTimeoutError.last is the last Character seen, also after a pickle round trip."""
    respx_mock.get("/v1/characters/char_1").mock(
        return_value=httpx.Response(200, json={**CHARACTER, "status": "synthesizing"})
    )
    with pytest.raises(WaitTimeoutError) as caught:
        await client.wait_for_character("char_1", poll_interval=0.01, max_wait=0.05)

    assert isinstance(caught.value.last, Character)
    assert caught.value.last.id == "char_1"
    copied = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(copied.last, Character)
    assert copied.last == caught.value.last
    assert copied.status == "synthesizing"


# -- close, is_closed, raw responses ------------------------------------------------------


async def test_close_is_an_alias_of_aclose_and_is_closed_follows() -> None:
    """close() closes the client; is_closed turns True on it and on its with_options copy."""
    async with FakeAurous() as fake:
        client = fake.client()
        copy_ = client.with_options(timeout=5)
        assert not client.is_closed and not copy_.is_closed

        await client.close()

        assert client.is_closed and copy_.is_closed
        with pytest.raises(ClientClosedError):
            await client.get_team()
        await client.close()  # idempotent


async def test_raw_response_proxy_returns_an_api_response_of_the_result() -> None:
    """with_raw_response.<method> gives parsed, status and request id of that one call."""
    async with FakeAurous() as fake:
        client = fake.client()
        character = await client.create_character(name="Mia", generate=True, attributes={})

        raw = await client.with_raw_response.get_character(character.id)
        page = await client.with_raw_response.list_characters(limit=1)

        assert isinstance(raw, APIResponse)
        assert isinstance(raw.parsed, Character)
        assert raw.parsed.id == character.id
        assert raw.status_code == 200
        assert raw.request_id == last_record(fake, "get_character") == request_id(raw.parsed)
        assert isinstance(page.parsed, CharacterList)
        assert (
            aurous_async.AsyncAurous.get_character.__doc__
            == type(client.with_raw_response).get_character.__doc__
        )


async def test_raw_response_proxy_runs_the_copys_method() -> None:
    """with_options(...).with_raw_response sends with the copy's settings (its version pin)."""
    async with FakeAurous() as fake:
        client = fake.client()
        pinned = client.with_options(api_version=None)

        raw = await pinned.with_raw_response.get_team()

        assert raw.http_response is not None
        assert "Aurous-Version" not in raw.http_response.request.headers


# -- UNSET --------------------------------------------------------------------------------


def test_unset_is_exported_and_is_the_generated_singleton() -> None:
    """aurous_async.UNSET and Unset are the generated ones; UNSET is falsy and reads UNSET."""
    assert UNSET is generated_types.UNSET
    assert Unset is generated_types.Unset
    assert isinstance(UNSET, Unset)
    assert not UNSET
    assert repr(UNSET) == "UNSET"


@pytest.mark.parametrize(
    "duplicate",
    [copy.copy, copy.deepcopy, lambda value: pickle.loads(pickle.dumps(value))],
    ids=["copy", "deepcopy", "pickle"],
)
def test_unset_survives_copies_as_itself(duplicate: object) -> None:
    """copy, deepcopy and pickle give back the very same UNSET."""
    assert duplicate(UNSET) is UNSET  # type: ignore[operator]


@pytest.mark.parametrize(
    "duplicate",
    [copy.copy, copy.deepcopy, lambda value: pickle.loads(pickle.dumps(value))],
    ids=["copy", "deepcopy", "pickle"],
)
def test_a_copied_model_equals_the_original_and_serialises(duplicate: object) -> None:
    """A copy of a model with absent fields is == the original and json.dumps its to_dict()."""
    original = GenerationResponse.from_dict(
        {"id": "img_1", "status": "pending", "created_at": "2026-01-01T00:00:00Z"}
    )
    assert original.prompt is UNSET

    copied = duplicate(original)  # type: ignore[operator]

    assert copied == original
    assert copied.prompt is UNSET
    assert json.loads(json.dumps(copied.to_dict())) == original.to_dict()
