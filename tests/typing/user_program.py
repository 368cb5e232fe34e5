"""
A user's program touching every public surface; it must pass mypy and pyright in strict mode.

Type-checked by ``tests/test_typing.py``, never run or collected by pytest. Each
``assert_type`` pins what a user's editor shows, so a surface turning into ``Any`` fails.
"""

from __future__ import annotations

import copy
import json
from typing import assert_type

import httpx

import aurous_async
from aurous_async import (
    UNSET,
    APIResponse,
    APIStatusError,
    AsyncAurous,
    AsyncPaginator,
    DeleteResult,
    NotFoundError,
    RateLimit,
    RateLimiter,
    RateLimitError,
    Unset,
    WaitTimeoutError,
    request_id,
)
from aurous_async.models import (
    Character,
    CharacterList,
    GenerationList,
    GenerationResponse,
    Lora,
    RegenerateCharacterRefRequestPose,
    UsageEvent,
)
from aurous_async.testing import FakeAurous, use_clock
from aurous_async.webhooks import (
    CharacterCompletedEvent,
    Event,
    ImageCompletedEvent,
    WebhookEvent,
    WebhookVerificationError,
    construct_event,
    sign,
)


def completed_at(image: GenerationResponse) -> str:
    """Narrow a three-state field: absent (UNSET), null (None) or a value."""
    when = image.completed_at
    if when is UNSET:
        return "not sent"
    if when is None:
        return "not finished"
    return when.isoformat()


def prompt_of(image: GenerationResponse) -> str:
    """Narrow with isinstance as well."""
    prompt = image.prompt
    if isinstance(prompt, Unset) or prompt is None:
        return ""
    return prompt


async def models_and_results(client: AsyncAurous) -> None:
    """Results are the generated models, with their real attributes."""
    character = await client.create_character(name="Mina", generate=True, attributes={"age": 28})
    assert_type(character, Character)
    assert_type(character.name, str)
    pose: RegenerateCharacterRefRequestPose = "side"
    character = await client.regenerate_character_ref(character.id, pose=pose)
    character = await client.create_character_and_wait(name="Mina", attributes={}, max_wait=60)
    character = await client.wait_for_character(character.id, status="reviewing")

    image = await client.create_image(prompt="a lighthouse", size="2k_16_9", idempotency_key="k")
    assert_type(image, GenerationResponse)
    image = await client.wait_for_image(image.id, max_wait=30)
    image = await client.create_image_and_wait(prompt="a harbour", poll_interval=0.5)
    video = await client.create_video_and_wait(video_lora_id="seedance-1-pro", duration=5)
    video = await client.wait_for_video(video.id, max_wait=900)
    print(completed_at(image), prompt_of(video))

    gone = await client.delete_character(character.id, missing_ok=True)
    assert_type(gone, DeleteResult)
    assert_type(gone.already_gone, bool)
    assert_type(request_id(gone), str | None)
    assert_type(request_id(image), str | None)

    loras = await client.list_loras()
    assert_type(loras, list[Lora])
    png = await client.download_image_output(image.id, 0)
    assert_type(png, bytes)

    duplicate = copy.deepcopy(image)
    assert duplicate == image
    print(json.dumps(duplicate.to_dict()))


async def paginators(client: AsyncAurous) -> None:
    """Await a paginator for one page; iterate it for every item."""
    pages = client.list_characters(limit=10)
    assert_type(pages, AsyncPaginator[CharacterList, Character])
    first = await pages
    assert_type(first, CharacterList)
    async for character in client.list_characters(status="ready"):
        assert_type(character, Character)
    async for page in client.list_images(limit=100).pages():
        assert_type(page, GenerationList)
    async for event in client.list_usage_events(start_time=first.data[0].created_at):
        assert_type(event, UsageEvent)


async def raw_responses(client: AsyncAurous) -> None:
    """with_raw_response gives the same parameters and an APIResponse of the same result."""
    raw = await client.with_raw_response.get_image("img_1", timeout=5)
    assert_type(raw, APIResponse[GenerationResponse])
    assert_type(raw.parsed.id, str)
    assert_type(raw.request_id, str | None)
    assert_type(raw.headers, httpx.Headers)
    listed = await client.with_raw_response.list_characters(limit=1)
    assert_type(listed.parsed, CharacterList)
    deleted = await client.with_raw_response.delete_character("char_1")
    assert_type(deleted.parsed, DeleteResult)
    waited = await client.with_raw_response.create_image_and_wait(prompt="x")
    assert_type(waited.parsed, GenerationResponse)


async def errors(client: AsyncAurous) -> None:
    """Exceptions carry typed fields; a waiter's timeout carries the last model seen."""
    try:
        await client.get_character("char_1")
    except NotFoundError as exc:
        assert_type(exc.status_code, int)
        assert_type(exc.request_id, str | None)
    except RateLimitError as exc:
        assert_type(exc.retry_after, float | None)
    except APIStatusError as exc:
        print(exc.code, exc.message)
    try:
        await client.wait_for_image("img_1", max_wait=1)
    except WaitTimeoutError as exc:
        last = exc.last
        if isinstance(last, GenerationResponse):
            print(last.status)
        elif isinstance(last, Character):
            print(last.name)
        assert_type(exc.status, str)


def webhooks(body: bytes, secret: str) -> str:
    """Verify a delivery and read the event."""
    header = sign(body, secret)
    try:
        event = construct_event(body, header, secret)
    except WebhookVerificationError:
        return "rejected"
    assert_type(event, Event)
    if isinstance(event, ImageCompletedEvent):
        assert_type(event.data, GenerationResponse)
        assert_type(event.synthetic, bool)
        return event.data.id
    match event:
        case CharacterCompletedEvent(data=character):
            assert_type(character, Character)
            return character.name
        case WebhookEvent():
            return str(event.type_)
        case _:
            return str(event["type"])  # the delivered JSON, by key, as before


async def unwrap_delivery(client: AsyncAurous, body: bytes, headers: httpx.Headers) -> str:
    """The client-bound helper reads the secret from AUROUS_WEBHOOK_SECRET."""
    event = client.webhooks.unwrap(body, headers)
    assert_type(event, Event)
    return event.type_


async def with_the_fake() -> None:
    """The fake hands out a real AsyncAurous, configured with the same keywords."""
    async with FakeAurous(image_seconds=5) as fake:
        client = fake.client(max_retries=5, timeout=2.0, rate_limit=True)
        assert_type(client, AsyncAurous)
        image = await client.create_image(prompt="a lighthouse")
        fake.advance(5)
        assert (await client.get_image(image.id)).status == "succeeded"
        assert not client.is_closed
        await client.close()
        assert client.is_closed
    print(aurous_async.API_VERSION)


async def on_fake_time() -> float:
    """One bucket value everywhere, and the clock seam for a client of one's own."""
    bucket = RateLimit(per_minute=30, burst=60)
    assert_type(bucket.per_second, float)
    async with FakeAurous(rate_limits={"files": bucket}) as fake:
        limiter = RateLimiter(limits={"files": bucket, "get": (10.0, 100)})
        client = AsyncAurous(api_key=fake.api_key, rate_limit=limiter)
        use_clock(client, clock=fake.clock.now, sleep=fake.sleep)
        await fake.sleep(1.5)
        await client.aclose()
        return fake.clock.now()
