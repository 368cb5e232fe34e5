"""
Closing the client stops it: calls in flight, queued behind the concurrency gate, paced by
the rate limiter or backing off all end with `ClientClosedError`; nothing more is sent and no
connection outlives the client.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from aurous_async import AsyncAurous, ClientClosedError, RateLimiter

from .conftest import API_KEY
from .loopback import Action, Request, serve
from .payloads import CHAR_ID, character_json

BOUND = 10.0


def _generation(id: str) -> dict[str, object]:
    created = "2026-05-15T10:00:00Z"
    return {"id": id, "object": "inference", "status": "pending", "created_at": created}


async def test_aclose_stops_calls_in_flight_and_queued() -> None:
    """40 calls (10 create_image) in flight or queued: after aclose nothing more is sent."""
    arrived: Counter[str] = Counter()

    async def handler(request: Request) -> Action:
        arrived[request.method] += 1
        await asyncio.sleep(5)
        if request.method == "POST":
            return Action(status=201, body=_generation("img_1"))
        return Action(body=character_json())

    async with serve(handler) as server:
        client = AsyncAurous(api_key=API_KEY, base_url=server.url, max_concurrency=5)
        calls = [client.get_character(CHAR_ID) for _ in range(30)]
        calls += [client.create_image(prompt="p") for _ in range(10)]
        tasks = [asyncio.create_task(call) for call in calls]  # type: ignore[arg-type]
        while sum(arrived.values()) < 5:
            await asyncio.sleep(0.01)
        await client.aclose()
        results = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), BOUND)
        await asyncio.sleep(0.2)  # a retry would have reached the server by now
        assert all(isinstance(r, ClientClosedError) for r in results), results
        assert sum(arrived.values()) == 5
        assert len(server.requests) == 5
        assert server.open_connections == 0


async def test_calls_backing_off_or_paced_end_at_close() -> None:
    """A call sleeping before its retry and one waiting for a rate-limit slot both end."""

    def handler(request: Request) -> Action:
        return Action(status=503, headers={"Retry-After": "30"}, body={"error": {}})

    limiter = RateLimiter(limits={"characters_get": (1 / 60, 1)}, burst_margin=0)
    async with serve(handler) as server:
        client = AsyncAurous(api_key=API_KEY, base_url=server.url, rate_limit=limiter)
        backing_off = asyncio.create_task(client.get_character(CHAR_ID))
        while not server.requests:
            await asyncio.sleep(0.01)
        paced = asyncio.create_task(client.get_character(CHAR_ID))
        await asyncio.sleep(0.05)
        await client.aclose()
        for task in (backing_off, paced):
            with pytest.raises(ClientClosedError):
                await asyncio.wait_for(task, BOUND)
    assert len(server.requests) == 1


async def test_waiter_sleeping_between_polls_ends_at_close() -> None:
    """wait_for_character between two polls ends with ClientClosedError when the client closes."""

    def handler(request: Request) -> Action:
        return Action(body=character_json(status="synthesizing"))

    async with serve(handler) as server:
        client = AsyncAurous(api_key=API_KEY, base_url=server.url)
        waiter = asyncio.create_task(client.wait_for_character(CHAR_ID, poll_interval=30))
        while not server.requests:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        await client.aclose()
        with pytest.raises(ClientClosedError):
            await asyncio.wait_for(waiter, BOUND)
    assert len(server.requests) == 1


async def test_stream_open_at_close_ends_with_client_closed_error() -> None:
    """A download being read when the client closes raises ClientClosedError, not httpx."""

    def handler(request: Request) -> Action:
        return Action(body=b"v" * 10_000, headers={"Content-Type": "video/mp4"}, body_stall=5)

    async with serve(handler) as server:
        client = AsyncAurous(api_key=API_KEY, base_url=server.url)

        async def read() -> None:
            async with client.stream_video_output("vid_1") as response:
                async for _ in response.aiter_bytes():
                    pass

        reader = asyncio.create_task(read())
        while not server.requests:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        await client.aclose()
        with pytest.raises(ClientClosedError):
            await asyncio.wait_for(reader, BOUND)
        await asyncio.sleep(0.05)
        assert server.open_connections == 0


async def test_calls_after_close_send_nothing() -> None:
    """A call started after aclose raises ClientClosedError at once, on copies too."""

    def handler(request: Request) -> Action:
        return Action(body=character_json())

    async with serve(handler) as server:
        client = AsyncAurous(api_key=API_KEY, base_url=server.url)
        await client.get_character(CHAR_ID)
        copy = client.with_options(max_retries=5)
        await client.aclose()
        for target in (client, copy):
            with pytest.raises(ClientClosedError):
                await target.get_character(CHAR_ID)
            with pytest.raises(ClientClosedError):
                await target.delete_character(CHAR_ID)
    assert len(server.requests) == 1
