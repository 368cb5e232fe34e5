"""
Nothing waits without a bound: attempt deadlines, the concurrency gate, the rate limiter's
refunds and ``max_wait``, waiter deadlines, delete claims, and warnings under ``-W error``.
"""

from __future__ import annotations

import asyncio
import warnings

import httpx
import pytest
import respx

from aurous_async import (
    APITimeoutError,
    AsyncAurous,
    AurousDeprecationWarning,
    InvalidArgumentError,
    RateLimiter,
    RateLimitError,
    WaitTimeoutError,
)

from .conftest import API_KEY, BASE_URL, instant
from .loopback import Action, Request, serve
from .payloads import CHAR_ID, character_json, deleted_json, error_json

BOUND = 10.0  # a hang fails the test through this bound instead of stalling the suite


@pytest.mark.usefixtures("backend")
async def test_timeout_bounds_a_body_dripping_one_byte_at_a_time() -> None:
    """A 0.3 s timeout ends each attempt of a dripping answer; httpx's per-read timeout did not."""

    def handler(request: Request) -> Action:
        return Action(body=character_json(), drip=0.05)

    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, timeout=0.3, max_retries=1
        ) as client:
            instant(client)
            with pytest.raises(APITimeoutError):
                await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)
    assert len(server.requests) == 2


@pytest.mark.usefixtures("backend")
async def test_timeout_covers_the_wait_for_a_concurrency_slot() -> None:
    """With the only slot busy, a call with timeout=0.3 fails unsent instead of queueing on."""
    release = asyncio.Event()

    async def handler(request: Request) -> Action:
        if request.path.endswith("slow"):
            await release.wait()
        return Action(body=character_json())

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_concurrency=1) as client:
            slow = asyncio.create_task(client.get_character("char_slow", timeout=BOUND))
            while not server.requests:
                await asyncio.sleep(0.01)
            with pytest.raises(APITimeoutError, match="PoolTimeout"):
                await asyncio.wait_for(
                    client.get_character(CHAR_ID, timeout=0.3, max_retries=0), BOUND
                )
            assert [r.path for r in server.requests] == ["/v1/characters/char_slow"]
            release.set()
            assert (await slow).id == CHAR_ID


@pytest.mark.usefixtures("backend")
async def test_finer_timeout_phases_stay_inside_the_bound() -> None:
    """httpx.Timeout(5, read=0.2): a 1 s stall before the answer is a read timeout."""

    def handler(request: Request) -> Action:
        return Action(stall=1.0, body=character_json())

    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, timeout=httpx.Timeout(5.0, read=0.2)
        ) as client:
            with pytest.raises(APITimeoutError, match="ReadTimeout"):
                await asyncio.wait_for(client.get_character(CHAR_ID, max_retries=0), BOUND)
    assert len(server.requests) == 1


@pytest.mark.usefixtures("backend")
async def test_timeout_none_still_means_no_bound() -> None:
    """timeout=None lets a slow body finish: the caller asked for no limit."""

    def handler(request: Request) -> Action:
        return Action(body=character_json(), body_stall=0.3)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, timeout=None) as client:
            character = await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)
    assert character.id == CHAR_ID


class _BlockingSleep:
    """A limiter sleep that records each delay and blocks until cancelled."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        await asyncio.Event().wait()


async def test_cancelled_burst_gives_its_rate_limit_slots_back() -> None:
    """After 500 paced calls are cancelled, a lone new call waits no longer than one slot."""
    sleep = _BlockingSleep()
    limiter = RateLimiter(limits={"characters_get": (1.0, 1)}, burst_margin=0, sleep=sleep)
    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get(url__startswith=f"{BASE_URL}/v1/characters/").respond(
            200, json=character_json()
        )
        async with AsyncAurous(api_key=API_KEY, rate_limit=limiter) as client:
            await client.get_character(CHAR_ID)  # takes the burst of one
            tasks = [asyncio.create_task(client.get_character(CHAR_ID)) for _ in range(500)]
            while len(sleep.delays) < 500:
                await asyncio.sleep(0)
            assert max(sleep.delays) > 400  # the burst really queued far ahead
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            lone = asyncio.create_task(client.get_character(CHAR_ID))
            while len(sleep.delays) < 501:
                await asyncio.sleep(0)
            lone.cancel()
            await asyncio.gather(lone, return_exceptions=True)
    assert sleep.delays[-1] <= 1.1
    assert route.call_count == 1


async def test_rate_limiter_max_wait_fails_at_once_and_sends_nothing() -> None:
    """A slot further ahead than max_wait raises RateLimitError with the wait; slot returned."""
    limiter = RateLimiter(limits={"characters_get": (1 / 60, 1)}, burst_margin=0, max_wait=5)
    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get(url__startswith=f"{BASE_URL}/v1/characters/").respond(
            200, json=character_json()
        )
        async with AsyncAurous(api_key=API_KEY, rate_limit=limiter) as client:
            await client.get_character(CHAR_ID)
            waits = []
            for _ in range(3):
                with pytest.raises(RateLimitError) as caught:
                    await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)
                waits.append(caught.value.retry_after)
    assert route.call_count == 1
    assert caught.value.status_code == 429 and caught.value.code == "client_rate_limited"
    assert API_KEY not in repr(caught.value.response.request.headers)
    # Each refused call gave its slot back: the wait does not grow by a minute per call.
    assert all(w is not None and 55 < w <= 61.3 for w in waits)


@pytest.mark.parametrize("bad", [-1, float("nan"), "5", True])
def test_rate_limiter_max_wait_is_checked(bad: object) -> None:
    """max_wait must be a non-negative number."""
    with pytest.raises(InvalidArgumentError, match="max_wait"):
        RateLimiter(max_wait=bad)  # type: ignore[arg-type]


async def test_rate_limiter_wait_is_not_part_of_the_timeout() -> None:
    """A paced call may queue longer than its timeout: pacing is what the caller asked for."""
    slept: list[float] = []

    async def fast_sleep(delay: float) -> None:
        slept.append(delay)

    limiter = RateLimiter(limits={"characters_get": (1 / 60, 1)}, burst_margin=0, sleep=fast_sleep)
    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get(url__startswith=f"{BASE_URL}/v1/characters/").respond(
            200, json=character_json()
        )
        async with AsyncAurous(api_key=API_KEY, rate_limit=limiter, timeout=0.5) as client:
            await client.get_character(CHAR_ID)
            await client.get_character(CHAR_ID)
    assert route.call_count == 2 and slept and slept[0] > 50


@pytest.mark.usefixtures("backend")
async def test_waiter_max_wait_is_a_deadline_even_inside_a_slow_fetch() -> None:
    """max_wait=0.3 ends the wait while a poll is still waiting for its answer."""

    def handler(request: Request) -> Action:
        if len(server.requests) == 1:
            return Action(body=character_json(status="synthesizing"))
        return Action(stall=3.0, body=character_json(status="synthesizing"))

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, timeout=BOUND) as client:
            with pytest.raises(WaitTimeoutError) as caught:
                await asyncio.wait_for(
                    client.wait_for_character(CHAR_ID, poll_interval=0.01, max_wait=0.3), BOUND
                )
    assert caught.value.status == "synthesizing"
    assert getattr(caught.value.last, "id", None) == CHAR_ID


@pytest.mark.parametrize(
    "options",
    [{"max_retries": -1}, {"extra_headers": {"X-Bad": "a\r\nb"}}, {"api_version": "2026-02-30"}],
    ids=["max_retries", "extra_headers", "api_version"],
)
async def test_delete_character_bad_option_does_not_hold_the_id(options: dict[str, object]) -> None:
    """A delete refused for a bad option leaves the id free for the next delete (and copies)."""
    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.delete(f"/v1/characters/{CHAR_ID}").respond(200, json=deleted_json())
        async with AsyncAurous(api_key=API_KEY) as client:
            with pytest.raises(InvalidArgumentError):
                await client.delete_character(CHAR_ID, **options)  # type: ignore[arg-type]
            result = await asyncio.wait_for(
                client.with_options(max_retries=0).delete_character(CHAR_ID), BOUND
            )
    assert result.already_gone is False and route.call_count == 1


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize("concurrency", [1, 3])
async def test_warning_raised_as_error_frees_the_response_and_slot(concurrency: int) -> None:
    """Under -W error a deprecated route raises the warning; later calls still run."""

    def handler(request: Request) -> Action:
        deprecated = "old" in request.path or "videos" in request.path
        headers = {"Aurous-Deprecated": "true"} if deprecated else {}
        body: bytes | dict[str, object] = b"mp4" if "videos" in request.path else character_json()
        return Action(body=body, headers=headers)

    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, max_concurrency=concurrency
        ) as client:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                with pytest.raises(AurousDeprecationWarning):
                    await asyncio.wait_for(client.get_character("char_old"), BOUND)
                assert (await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)).id
                # A streamed answer is open when the warning fires: it must be closed too.
                with pytest.raises(AurousDeprecationWarning):
                    async with client.stream_video_output("vid_1"):
                        pass
                assert (await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)).id
                # Once per route: the warning does not fire again for the same route.
                assert await asyncio.wait_for(client.download_video_output("vid_1"), BOUND)
            gate = client._shared.transport._gate
            assert gate is not None and gate.available == concurrency


async def test_warnings_point_at_the_callers_line() -> None:
    """Deprecation and version warnings are attributed to the caller's frame, not the SDK."""
    with respx.mock(base_url=BASE_URL) as mock:
        mock.get(f"/v1/characters/{CHAR_ID}").respond(
            200,
            json=character_json(),
            headers={"Aurous-Deprecated": "true", "Aurous-Version": "2027-01-01"},
        )
        async with AsyncAurous(api_key=API_KEY) as client:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                await client.get_character(CHAR_ID)
    assert {w.category.__name__ for w in caught} == {
        "AurousDeprecationWarning",
        "VersionMismatchWarning",
    }
    assert all(w.filename == __file__ for w in caught)


def test_deprecation_warning_is_shown_by_default_filters() -> None:
    """AurousDeprecationWarning is a FutureWarning, which Python's default filters show."""
    assert issubclass(AurousDeprecationWarning, FutureWarning)
    assert not issubclass(AurousDeprecationWarning, DeprecationWarning)


@pytest.mark.usefixtures("backend")
async def test_streamed_download_is_bounded_by_the_timeout() -> None:
    """A stream whose body stalls ends with APITimeoutError inside the caller's loop."""

    def handler(request: Request) -> Action:
        return Action(body=b"x" * 1000, headers={"Content-Type": "video/mp4"}, body_stall=3.0)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, timeout=0.3) as client:
            chunks: list[bytes] = []
            with pytest.raises(APITimeoutError):
                async with client.stream_video_output("vid_1") as response:
                    async for chunk in response.aiter_bytes():
                        chunks.append(chunk)
    assert b"".join(chunks) == b"x"


async def test_error_answers_with_retry_after_over_the_cap_keep_their_class() -> None:
    """A 503 with a long Retry-After is an InternalServerError carrying retry_after."""
    from aurous_async import InternalServerError

    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.get(f"/v1/characters/{CHAR_ID}").respond(
            503, json=error_json("unavailable"), headers={"Retry-After": "600"}
        )
        async with AsyncAurous(api_key=API_KEY) as client:
            with pytest.raises(InternalServerError) as caught:
                await client.get_character(CHAR_ID)
    assert route.call_count == 1
    assert caught.value.retry_after == 600
    assert "max_retry_wait" in str(caught.value)
