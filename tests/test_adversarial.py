"""
Adversarial checks of the hardening promises: each test is one defect found by trying to break
a promise (pacing, secrets, downloads, close) on loopback sockets, with its fix.
"""

from __future__ import annotations

import asyncio
import os
import pickle
from pathlib import Path

import httpx
import pytest

from aurous_async import APIConnectionError, AsyncAurous, ClientClosedError, RateLimiter

from .conftest import API_KEY
from .loopback import Action, Request, serve
from .payloads import CHAR_ID, character_json

BOUND = 10.0
IMG_ID = "img_01HXMQ7Z3K8Y2ABCDEFGHJKM"


def _conforming(times: list[float], rate: float, burst: int) -> bool:
    """True when requests at *times* pass a server-side GCRA bucket of *rate* and *burst*."""
    interval, tat = 1.0 / rate, float("-inf")
    tolerance = interval * (burst - 1)
    for at in sorted(times):
        if tat - tolerance > at + 1e-9:
            return False
        tat = max(tat, at) + interval
    return True


async def test_refund_after_the_bucket_refilled_never_over_admits() -> None:
    """Slots given back by calls cancelled in the gate after a refill buy no extra burst."""
    now = [0.0]
    slept: list[float] = []

    async def sleep(delay: float) -> None:
        slept.append(delay)
        await asyncio.Event().wait()  # a paced call stays paced until the test ends it

    limiter = RateLimiter(
        limits={"characters_get": (1.0, 3)},
        safety=1.0,
        burst_margin=0,
        clock=lambda: now[0],
        sleep=sleep,
    )
    release = asyncio.Event()
    arrivals: list[float] = []

    async def handler(request: Request) -> Action:
        arrivals.append(now[0])
        if len(arrivals) == 1:
            await release.wait()  # the first call holds the only concurrency slot
        return Action(body=character_json())

    async with serve(handler) as server:
        client = AsyncAurous(
            api_key=API_KEY, base_url=server.url, rate_limit=limiter, max_concurrency=1
        )
        gate = client._shared.transport._gate
        assert gate is not None

        def queued() -> int:
            return len(gate._semaphore._waiters or ()) if gate._semaphore else 0

        first = asyncio.create_task(client.get_character(CHAR_ID))
        while not arrivals:
            await asyncio.sleep(0.005)
        stuck = [asyncio.create_task(client.get_character(CHAR_ID)) for _ in range(2)]
        while queued() < 2:
            await asyncio.sleep(0)
        now[0] = 100.0  # the bucket refills completely while they wait in the gate
        later = [asyncio.create_task(client.get_character(CHAR_ID)) for _ in range(3)]
        while queued() < 5:
            await asyncio.sleep(0)
        for task in stuck:
            task.cancel()
        await asyncio.gather(*stuck, return_exceptions=True)
        extra = [asyncio.create_task(client.get_character(CHAR_ID)) for _ in range(2)]
        for _ in range(200):
            if len(slept) + queued() >= 5:
                break
            await asyncio.sleep(0)
        release.set()
        await asyncio.wait_for(asyncio.gather(first, *later), BOUND)
        for task in extra:
            task.cancel()
        await asyncio.gather(*extra, return_exceptions=True)
        await client.aclose()
    # The server's bucket allows 3 at t=100 (it refilled); the 2 extra calls had to wait.
    assert _conforming(arrivals, 1.0, 3), arrivals
    assert len(slept) == 2 and min(slept) > 0


@pytest.mark.parametrize("streamed", [False, True])
async def test_redirect_loop_error_keeps_no_key_on_its_cause(streamed: bool) -> None:
    """The httpx error chained to a redirect-loop APIConnectionError holds no API key."""

    def handler(request: Request) -> Action:
        return Action(status=307, headers={"Location": request.path})

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            with pytest.raises(APIConnectionError) as caught:
                if streamed:
                    async with client.stream_image_output(IMG_ID):
                        pass
                else:
                    await client.download_image_output(IMG_ID)
    cause = caught.value.__cause__
    assert cause is not None
    assert API_KEY not in repr(cause.request.headers)  # type: ignore[attr-defined]
    assert API_KEY.encode() not in pickle.dumps(cause)
    assert len(server.requests) == 21  # the loop really ran, with the key on the wire
    assert server.requests[-1].headers["x-api-key"] == API_KEY


@pytest.mark.parametrize("where", ["missing folder", "a folder"])
async def test_save_to_an_unwritable_path_fails_before_sending(tmp_path: Path, where: str) -> None:
    """save_image_output to a path it cannot write raises OSError naming it, sending nothing."""
    target = tmp_path / "missing" / "out.png" if where == "missing folder" else tmp_path

    def handler(request: Request) -> Action:
        return Action(body=b"\x89PNG" * 1000, headers={"Content-Type": "image/png"})

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            with pytest.raises(OSError) as caught:
                await client.save_image_output(IMG_ID, target)
    assert server.requests == []
    assert str(target) in str(caught.value)
    assert os.listdir(tmp_path) == []


class _ClosingLimiter:
    """A limiter that closes its client while a call waits for its slot."""

    def __init__(self) -> None:
        self.client: AsyncAurous | None = None

    async def acquire(self, request: httpx.Request) -> object | None:
        assert self.client is not None
        await self.client.aclose()
        return None

    async def refund(self, slot: object) -> None:
        return None


async def test_close_from_inside_a_calls_own_task_sends_nothing() -> None:
    """A close started in the call's own task stops it before it sends: no request, no socket."""
    async with serve(lambda _: Action(body=character_json())) as server:
        limiter = _ClosingLimiter()
        client = AsyncAurous(api_key=API_KEY, base_url=server.url, rate_limit=limiter)  # type: ignore[arg-type]
        limiter.client = client
        with pytest.raises(ClientClosedError):
            await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)
        await asyncio.sleep(0.05)
        assert server.requests == []
        assert server.open_connections == 0
        assert client._shared.transport._gate is not None
        assert client._shared.transport._gate.available == client._shared.transport._gate.limit
