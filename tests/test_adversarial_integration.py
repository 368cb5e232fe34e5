"""
How the newer pieces (with_options copies with their own transport, raw calls, extra_query
and extra_body, bulk helpers, the aiohttp backend, the fake clock) keep the hardening
promises: close stops everything, nothing unsafe is replayed, slots are given back, time is
bounded and fake, and no secret leaks.
"""

from __future__ import annotations

import asyncio
import pickle
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    APIConnectionError,
    APITimeoutError,
    AsyncAurous,
    ClientClosedError,
    InternalServerError,
    InvalidArgumentError,
    RateLimit,
    RateLimiter,
)
from aurous_async.testing import FakeAurous

from .conftest import API_KEY, BASE_URL, instant
from .loopback import Action, Request, serve
from .payloads import CHAR_ID, character_json, deleted_json

OTHER_KEY = "al_live_" + "e" * 64
BOUND = 10.0


@pytest.fixture
def real_sleeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Record every asyncio.sleep with a positive delay, and yield to the loop instead."""
    recorded: list[float] = []
    real = asyncio.sleep

    async def recording(delay: float, result: Any = None) -> Any:
        if delay > 0:
            recorded.append(delay)
        return await real(0, result)

    monkeypatch.setattr(asyncio, "sleep", recording)
    yield recorded


# --------------------------------------------------------------------- close through copies


async def test_closing_the_original_stops_a_copys_calls_in_flight_and_queued(
    backend: str,
) -> None:
    """A copy for another key: at the original's aclose its calls end, nothing more is sent."""
    arrived = 0

    async def handler(request: Request) -> Action:
        nonlocal arrived
        arrived += 1
        await asyncio.sleep(5)
        return Action(body=character_json())

    async with serve(handler) as server:
        client = AsyncAurous(api_key=API_KEY, base_url=server.url, max_concurrency=3)
        copy = client.with_options(api_key=OTHER_KEY)
        tasks = [asyncio.create_task(copy.get_character(CHAR_ID)) for _ in range(10)]
        tasks += [asyncio.create_task(client.get_character(CHAR_ID)) for _ in range(2)]
        while arrived < 3:
            await asyncio.sleep(0.01)
        await copy.aclose()  # a copy's close does nothing
        assert not copy.is_closed
        await client.aclose()
        results = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), BOUND)
        await asyncio.sleep(0.2)  # a retry or a queued call would have arrived by now
        assert all(isinstance(r, ClientClosedError) for r in results), results
        assert len(server.requests) == 3
        assert server.open_connections == 0
        late = client.with_options(api_key="al_live_" + "d" * 64)
        with pytest.raises(ClientClosedError):
            await late.get_character(CHAR_ID)
        with pytest.raises(ClientClosedError):
            await copy.get_character(CHAR_ID)
        assert len(server.requests) == 3


# ------------------------------------------------------------------------- raw calls


async def test_raw_post_without_key_is_never_replayed(backend: str) -> None:
    """A raw POST without an Idempotency-Key is sent once after a 500 or a dropped answer."""
    actions = [Action(status=500, body={"error": {}}), Action(reset=True)]

    def handler(request: Request) -> Action:
        return actions[(len(server.requests) - 1) % 2] if len(server.requests) <= 2 else Action()

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            instant(client)
            with pytest.raises(InternalServerError):
                await client.post("/v1/things", body={"a": 1}, cast_to=dict)
            with pytest.raises(APIConnectionError):
                await client.post("/v1/things", body={"a": 1}, cast_to=dict)
    assert len(server.requests) == 2


async def test_raw_post_with_key_is_replayed_under_the_same_key(backend: str) -> None:
    """With idempotency_key a raw POST is retried after a reset, under the same key."""

    def handler(request: Request) -> Action:
        if len(server.requests) == 1:
            return Action(reset=True)
        return Action(status=201, body={"ok": True})

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            instant(client)
            result = await client.post(
                "/v1/things", body={"a": 1}, cast_to=dict, idempotency_key="k-1"
            )
    assert result == {"ok": True}
    assert [r.headers.get("idempotency-key") for r in server.requests] == ["k-1", "k-1"]
    assert [r.body for r in server.requests] == [b'{"a":1}', b'{"a":1}']


async def test_raw_post_extra_body_conflicting_names_are_refused(
    respx_mock: respx.MockRouter,
) -> None:
    """extra_body naming a field of body raises InvalidArgumentError; nothing is sent."""
    route = respx_mock.post(f"{BASE_URL}/v1/things").mock(return_value=httpx.Response(200))
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        with pytest.raises(InvalidArgumentError) as info:
            await client.post("/v1/things", body={"a": 1}, extra_body={"a": 2}, cast_to=dict)
        with pytest.raises(InvalidArgumentError):
            await client.create_image(prompt="p", extra_body={"prompt": "q"})
    assert "'a'" in str(info.value)
    assert route.call_count == 0


async def test_extra_query_is_sent_on_every_page(respx_mock: respx.MockRouter) -> None:
    """A paginator's extra_query reaches page 2 too, next to the cursor."""
    seen: list[httpx.QueryParams] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.params)
        if "starting_after" not in request.url.params:
            page = {"object": "list", "data": [character_json()], "has_more": True}
            page["next_cursor"] = "c2"
        else:
            page = {"object": "list", "data": [character_json()], "has_more": False}
            page["next_cursor"] = None
        return httpx.Response(200, json=page)

    respx_mock.get(f"{BASE_URL}/v1/characters").mock(side_effect=answer)
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        items = [c async for c in client.list_characters(extra_query={"beta": "1"})]
    assert len(items) == 2
    assert [p.get("beta") for p in seen] == ["1", "1"]
    assert seen[1].get("starting_after") == "c2"


# ------------------------------------------------------------------- the fake clock


@pytest.mark.parametrize("how", ["api_key", "rate_limit"])
async def test_fake_client_copy_with_its_own_limiter_never_sleeps_in_real_time(
    real_sleeps: list[float], how: str
) -> None:
    """A copy of a fake client with a fresh limiter of its own paces on the fake clock."""
    async with FakeAurous(rate_limits=True) as fake:
        async with fake.client(rate_limit=True) as client:
            if how == "api_key":
                copy = client.with_options(api_key=fake.key("team_b"))
            else:
                copy = client.with_options(rate_limit=True)
            assert copy._shared.transport.limiter is not client._shared.transport.limiter
            before = len(real_sleeps)
            results = await asyncio.gather(
                *(
                    copy.create_webhook_endpoint(url="https://example.com/h", events=["*"])
                    for _ in range(15)
                ),
                return_exceptions=True,
            )
            fake.inject("GET /v1/characters", status=503, times=1, headers={"Retry-After": "5"})
            await copy.list_characters()
    assert [r for r in results if isinstance(r, Exception)] == []
    assert fake.count(status=429) == 0
    assert real_sleeps[before:] == []


async def test_fake_client_waits_and_retries_never_sleep_in_real_time(
    real_sleeps: list[float],
) -> None:
    """fake.client(): a retry after Retry-After and a paced burst sleep only on the fake clock."""
    async with FakeAurous(rate_limits=True) as fake:
        async with fake.client(rate_limit=True) as client:
            before = len(real_sleeps)
            await asyncio.gather(
                *(
                    client.create_webhook_endpoint(url="https://example.com/h", events=["*"])
                    for _ in range(15)
                )
            )
            fake.inject("GET /v1/characters", status=503, times=1, headers={"Retry-After": "5"})
            await client.list_characters()
    assert real_sleeps[before:] == []


# ---------------------------------------------------------------- the aiohttp backend

AIOHTTP = "aiohttp"


async def test_aiohttp_dripping_body_ends_within_the_timeout() -> None:
    """A body dripped a byte at a time ends a timeout=0.3 call with APITimeoutError."""
    body = b'{"id": "' + b"x" * 60 + b'"}'
    async with serve(lambda _r: Action(body=body, drip=0.05)) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, http_backend=AIOHTTP, max_retries=0
        ) as client:
            with pytest.raises(APITimeoutError):
                await asyncio.wait_for(
                    client.get(f"/v1/characters/{CHAR_ID}", cast_to=dict, timeout=0.3), BOUND
                )
        assert len(server.requests) == 1
        await asyncio.sleep(0.1)
        assert server.open_connections == 0


async def test_cancel_mid_body_frees_the_gate_and_the_connection(backend: str) -> None:
    """A call cancelled while its body drips gives back its gate slot and its connection."""
    body = b'{"id": "' + b"x" * 60 + b'"}'

    def handler(request: Request) -> Action:
        if len(server.requests) == 1:
            return Action(body=body, drip=0.05)
        return Action(body=character_json())

    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, max_concurrency=1, max_retries=0
        ) as client:
            task = asyncio.create_task(client.get(f"/v1/characters/{CHAR_ID}", cast_to=dict))
            while not server.requests:
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.1)  # inside the body now
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            character = await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)
            assert character.id == CHAR_ID
            await asyncio.sleep(0.1)
            # The half-read connection is closed; only the second call's may stay open.
            assert server.open_connections <= 1
        await asyncio.sleep(0.1)
        assert server.open_connections == 0
    assert len(server.requests) == 2


async def test_redirect_to_another_origin_drops_key_and_caller_headers(backend: str) -> None:
    """Followed to another origin, a call sends neither the key nor the caller's headers."""
    async with serve(lambda _r: Action(body=character_json())) as other:

        def handler(request: Request) -> Action:
            location = f"{other.url}/v1/characters/{CHAR_ID}"
            return Action(status=302, headers={"Location": location})

        async with serve(handler) as server:
            async with AsyncAurous(
                api_key=API_KEY, base_url=server.url, default_headers={"X-Team": "t1"}
            ) as client:
                copy = client.with_options(api_key=OTHER_KEY, default_headers={"X-Copy": "c"})
                await client.get_character(CHAR_ID, extra_headers={"X-Call": "1"})
                await copy.get(f"/v1/characters/{CHAR_ID}", cast_to=dict, headers={"X-Raw": "r"})
    first, second = server.requests
    assert first.headers["x-api-key"] == API_KEY and first.headers["x-call"] == "1"
    assert second.headers["x-api-key"] == OTHER_KEY and second.headers["x-raw"] == "r"
    assert len(other.requests) == 2
    for request in other.requests:
        names = set(request.headers)
        assert not names & {"x-api-key", "x-team", "x-call", "x-copy", "x-raw"}, sorted(
            names & {"x-api-key", "x-team", "x-call", "x-copy", "x-raw"}
        )


PROXY_PASSWORD = "pr0xy-s3cret-pw"


@pytest.mark.parametrize("fault", ["407", "reset", "stall"])
async def test_tunnel_proxy_failure_shows_no_credentials(
    backend: str, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    """A CONNECT proxy from the environment that refuses, resets or stalls leaks no password."""
    if fault == "407":
        action = Action(status=407, headers={"Proxy-Authenticate": "Basic"})
    elif fault == "reset":
        action = Action(reset=True)
    else:
        action = Action(stall=2.0)
    async with serve(lambda _r: action) as proxy:
        host = proxy.url.removeprefix("http://")
        monkeypatch.setenv("HTTPS_PROXY", f"http://user:{PROXY_PASSWORD}@{host}")
        async with AsyncAurous(
            api_key=API_KEY, base_url="https://127.0.0.1:9", max_retries=0, timeout=0.3
        ) as client:
            copy = client.with_options(api_key=OTHER_KEY)
            for target in (client, copy):
                with pytest.raises(APIConnectionError) as caught:
                    await asyncio.wait_for(target.get_character(CHAR_ID), BOUND)
                error = caught.value
                chain: list[BaseException] = []
                link: BaseException | None = error
                while link is not None and len(chain) < 10:
                    chain.append(link)
                    link = link.__cause__ or link.__context__
                texts = [str(e) for e in chain] + [repr(e) for e in chain]
                texts.append(pickle.dumps(error).decode("latin-1"))
                for text in texts:
                    assert PROXY_PASSWORD not in text
                    assert API_KEY not in text and OTHER_KEY not in text


# --------------------------------------------------------------- bulk helpers, limiter


class ManualTime:
    """A clock that stands still and a sleep that records its delay and waits until cancelled."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.delays: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, delay: float) -> None:
        self.delays.append(delay)
        await asyncio.Event().wait()


@pytest.mark.parametrize("helper", ["delete_characters", "map_iter"])
async def test_cancelled_bulk_call_gives_back_the_slots_of_queued_items(
    respx_mock: respx.MockRouter, helper: str
) -> None:
    """Cancelling a bulk call whose items wait for rate-limit slots refunds every slot."""
    respx_mock.delete(url__regex=rf"{BASE_URL}/v1/characters/.*").mock(
        return_value=httpx.Response(200, json=deleted_json())
    )
    time = ManualTime()
    limiter = RateLimiter(
        limits={"characters_post": RateLimit(per_minute=60, burst=2)},
        clock=time.clock,
        sleep=time.sleep,
    )
    ids = [f"chr_{n:026d}" for n in range(20)]
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL, rate_limit=limiter) as client:
        if helper == "delete_characters":
            task = asyncio.create_task(client.delete_characters(ids, concurrency=8))
        else:

            async def walk() -> None:
                async for _pair in client.map_iter(client.delete_character, ids, concurrency=8):
                    pass

            task = asyncio.create_task(walk())
        for _ in range(1000):
            if len(time.delays) >= 6:
                break
            await asyncio.sleep(0)
        assert len(time.delays) >= 6  # items are queued in the limiter
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        sent = respx_mock.calls.call_count
        queued = len(time.delays)
        request = httpx.Request("DELETE", f"{BASE_URL}/v1/characters/{ids[0]}")
        probe = asyncio.create_task(limiter.acquire(request))
        for _ in range(1000):
            if probe.done() or len(time.delays) > queued:
                break
            await asyncio.sleep(0)
        probe.cancel()
    # The lone new call waits one interval at most, not behind the cancelled queue.
    waited = time.delays[queued:]
    assert waited == [] or waited[0] <= 1.1, time.delays
    assert respx_mock.calls.call_count == sent
