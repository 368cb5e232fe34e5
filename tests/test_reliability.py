"""
Reliability on real sockets: faults injected by a loopback server, exact server-side counts.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections import Counter

import httpx
import pytest

from aurous_async import (
    AsyncAurous,
    EventLoopMismatchError,
    NotFoundError,
    RateLimitError,
)
from aurous_async.testing import use_clock

from .conftest import API_KEY, instant
from .loopback import Action, Request, serve


def _error(code: str, status: int) -> Action:
    return Action(status=status, body={"error": {"code": code, "message": code}})


def _deleted(cid: str) -> dict[str, object]:
    return {"id": cid, "object": "character", "deleted": True}


@pytest.mark.usefixtures("backend")
async def test_delete_character_concurrent_under_faults_executes_each_once() -> None:
    """500 concurrent deletes with ~30 % faults all succeed, each executed exactly once."""
    ids = [f"char_{i:04d}" for i in range(500)]
    alive = set(ids)
    executed: Counter[str] = Counter()
    delivered: set[str] = set()
    attempts: Counter[str] = Counter()
    rng = random.Random(20261129)
    kinds = ["503", "520", "429", "reset_before", "reset_after", "stall"]

    def handler(request: Request) -> Action:
        cid = request.path.rsplit("/", 1)[1]
        attempts[cid] += 1
        kind = rng.choice(kinds) if attempts[cid] <= 2 and rng.random() < 0.3 else None
        if kind == "reset_before":
            return Action(reset=True)
        if kind in ("503", "520"):
            return _error("internal_error", int(kind))
        if kind == "429":
            return Action(status=429, headers={"Retry-After": "0"}, body=b"slow down")
        if cid not in alive:
            return _error("resource_not_found", 404)
        alive.discard(cid)
        executed[cid] += 1
        if kind == "reset_after":
            return Action(reset=True)
        if kind == "stall":
            return Action(stall=2.5, body=_deleted(cid))
        delivered.add(cid)
        return Action(body=_deleted(cid))

    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY,
            base_url=server.url,
            max_retries=4,
            timeout=httpx.Timeout(1.5, connect=5.0),
            max_concurrency=500,
        ) as client:
            instant(client)
            results = await asyncio.gather(*(client.delete_character(cid) for cid in ids))

    assert not alive
    assert set(executed) == set(ids) and set(executed.values()) == {1}
    assert sum(attempts.values()) > len(ids)  # faults really happened
    for cid, result in zip(ids, results, strict=True):
        assert result.id == cid
        # Only a 200 that reached the client reports "deleted by this call".
        if not result.already_gone:
            assert cid in delivered
        if cid not in delivered:
            assert result.already_gone


@pytest.mark.usefixtures("backend")
async def test_delete_character_dropped_after_execution_is_already_gone() -> None:
    """The server deletes then drops the connection; the retry's 404 means already gone."""
    alive = {"char_1"}

    def handler(request: Request) -> Action:
        if "char_1" not in alive:
            return _error("resource_not_found", 404)
        alive.discard("char_1")
        return Action(reset=True)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            instant(client)
            result = await client.delete_character("char_1")
            with pytest.raises(NotFoundError):
                await client.delete_character("char_unknown")
    assert result.already_gone is True
    assert [r.method for r in server.requests] == ["DELETE", "DELETE", "DELETE"]


@pytest.mark.usefixtures("backend")
async def test_retry_after_is_honoured_on_the_wire() -> None:
    """After a 429 with Retry-After: 2 the next attempt arrives no sooner than 2 s later."""
    arrivals: list[float] = []

    def handler(request: Request) -> Action:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return Action(status=429, headers={"Retry-After": "2"}, body=b"")
        return Action(body=_deleted("char_1"))

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            result = await client.delete_character("char_1")
    assert result.already_gone is False
    assert len(arrivals) == 2 and arrivals[1] - arrivals[0] >= 2.0


@pytest.mark.usefixtures("backend")
async def test_long_retry_after_raises_at_once() -> None:
    """A 120 s Retry-After exceeds the 60 s cap: RateLimitError at once, carrying the wait."""

    def handler(request: Request) -> Action:
        return Action(
            status=429,
            headers={
                "Retry-After": "120",
                "X-RateLimit-Limit": "60",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": "1900000000",
                "Aurous-Request-Id": "req_429",
            },
            body={"error": {"code": "too_many_requests", "message": "slow down"}},
        )

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            started = time.monotonic()
            with pytest.raises(RateLimitError) as caught:
                await client.get_character("char_1")
            elapsed = time.monotonic() - started
    assert elapsed < 1.0
    assert len(server.requests) == 1
    error = caught.value
    assert (error.retry_after, error.limit, error.remaining, error.reset) == (
        120,
        60,
        0,
        1900000000,
    )
    assert error.request_id == "req_429"


@pytest.mark.parametrize("max_concurrency", [250, 50], ids=["all-sent", "half-queued"])
async def test_cancelled_calls_leave_no_connection_checked_out(
    max_concurrency: int, backend: str
) -> None:
    """Cancelling 200 in-flight calls returns every pooled connection and concurrency slot."""

    def handler(request: Request) -> Action:
        return Action(stall=5.0, body=_deleted("x"))

    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, max_concurrency=max_concurrency
        ) as client:
            tasks = [asyncio.create_task(client.get_character(f"char_{i}")) for i in range(200)]
            while len(server.requests) < min(200, max_concurrency):
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.05)
            assert len(server.requests) == min(200, max_concurrency)
            for task in tasks:
                task.cancel()
            done = await asyncio.gather(*tasks, return_exceptions=True)
            assert all(isinstance(r, asyncio.CancelledError) for r in done)
            transport = client._shared.transport
            if backend == "httpx":
                pool = transport.inner._pool  # type: ignore[attr-defined]
                assert not pool._requests
                for connection in pool.connections:
                    assert connection.is_idle() or connection.is_closed()
            else:
                connector = transport.inner._session.connector  # type: ignore[attr-defined]
                assert not connector._acquired
                assert not any(connector._waiters.values())
            assert transport._gate is not None and transport._gate.available == max_concurrency


@pytest.mark.usefixtures("backend")
async def test_thousands_of_calls_queue_in_order_beyond_the_concurrency_limit() -> None:
    """1,500 concurrent calls with max_concurrency=20 all succeed; at most 20 reach the pool."""
    in_flight = peak = 0

    async def handler(request: Request) -> Action:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0)
        in_flight -= 1
        return Action(body=_deleted(request.path.rsplit("/", 1)[1]))

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_concurrency=20) as client:
            results = await asyncio.gather(
                *(client.delete_character(f"char_{i}") for i in range(1500))
            )
    assert len(server.requests) == 1500
    assert [r.id for r in results] == [f"char_{i}" for i in range(1500)]
    assert 1 < peak <= 20


@pytest.mark.usefixtures("backend")
async def test_cross_origin_redirect_never_carries_the_key() -> None:
    """A 308 to another origin is followed without X-Api-Key; same-origin keeps it."""

    def other(request: Request) -> Action:
        return Action(body=_deleted("char_1"))

    async with serve(other) as elsewhere:

        def origin(request: Request) -> Action:
            if request.path.endswith("/char_1"):
                return Action(status=308, headers={"Location": f"{elsewhere.url}/v1/x/char_1"})
            return Action(status=307, headers={"Location": "/v1/characters/char_1"})

        async with serve(origin) as server:
            async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
                result = await client.delete_character("char_0")
    assert result.id == "char_1"
    assert [r.method for r in server.requests] == ["DELETE", "DELETE"]
    assert all(r.headers.get("x-api-key") == API_KEY for r in server.requests)
    assert len(elsewhere.requests) == 1
    assert elsewhere.requests[0].method == "DELETE"
    assert "x-api-key" not in elsewhere.requests[0].headers


@pytest.mark.usefixtures("backend")
async def test_same_origin_307_keeps_method_and_body() -> None:
    """A same-origin 307 on a POST is followed with the same method, body and key."""

    def handler(request: Request) -> Action:
        if request.path == "/v1/characters":
            return Action(status=307, headers={"Location": "/v1/characters/uploads/classify"})
        return Action(body={"upload_id": "upl_1", "pose": "front", "confidence": 0.9})

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            # No operation is redirected by the API itself: send through the client's httpx
            # stack (the same transport every method uses) to a path that answers 307.
            response = await client._shared.http.post("/v1/characters", json={"upload_id": "upl_1"})
    assert response.status_code == 200
    first, second = server.requests
    assert (first.method, second.method) == ("POST", "POST")
    assert second.path == "/v1/characters/uploads/classify"
    assert second.body == first.body == b'{"upload_id":"upl_1"}'
    assert second.headers["x-api-key"] == API_KEY


@pytest.mark.usefixtures("backend")
async def test_client_used_from_two_event_loops_raises_clearly() -> None:
    """A client first used on one loop raises EventLoopMismatchError on another."""

    def handler(request: Request) -> Action:
        return Action(body=_deleted("char_1"))

    async with serve(handler) as server:
        client = AsyncAurous(api_key=API_KEY, base_url=server.url)
        await client.delete_character("char_1")
        errors: list[BaseException] = []

        def other_thread() -> None:
            try:
                asyncio.run(client.delete_character("char_2"))
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join(timeout=10)
        await client.aclose()
    assert len(errors) == 1 and isinstance(errors[0], EventLoopMismatchError)
    assert len(server.requests) == 1


@pytest.mark.usefixtures("backend")
async def test_create_image_under_faults_creates_each_exactly_once() -> None:
    """300 creates with faults after execution: 300 distinct creations, replays by key."""
    creations: Counter[str] = Counter()
    completed: dict[str, dict[str, object]] = {}
    inflight: set[str] = set()
    replays = 0
    rng = random.Random(4242)

    async def handler(request: Request) -> Action:
        nonlocal replays
        key = request.headers["idempotency-key"]
        if key in completed:
            replays += 1
            return Action(
                status=201, body=completed[key], headers={"Aurous-Idempotent-Replayed": "true"}
            )
        if key in inflight:
            return _error("idempotency_key_in_use", 409)
        kind = rng.choice(["reset_before", "503", "reset_after", "stall", "500_after"])
        if rng.random() >= 0.3:
            kind = "ok"
        if kind == "reset_before":
            return Action(reset=True)
        if kind == "503":
            return _error("provider_unavailable", 503)
        inflight.add(key)
        creations[key] += 1
        generation = {
            "id": f"img_{len(creations):04d}",
            "object": "inference",
            "status": "pending",
            "prompt": request.json()["prompt"],
            "created_at": "2026-11-29T12:00:00Z",
        }
        if kind == "stall":
            await asyncio.sleep(0.8)  # past the client's read timeout, still executing
        completed[key] = generation
        inflight.discard(key)
        if kind in ("reset_after", "stall"):
            return Action(reset=True)
        if kind == "500_after":
            return _error("internal_error", 500)
        return Action(status=201, body=generation)

    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY,
            base_url=server.url,
            max_retries=8,
            timeout=httpx.Timeout(0.4, connect=5.0),
        ) as client:

            async def scaled_sleep(delay: float) -> None:
                await asyncio.sleep(delay * 0.1)  # the real backoff schedule, ten times faster

            use_clock(client, sleep=scaled_sleep)
            results = await asyncio.gather(
                *(client.create_image(prompt=f"prompt {i}") for i in range(300))
            )

    keys = {r.headers["idempotency-key"] for r in server.requests}
    assert len(keys) == 300
    assert len(creations) == 300 and set(creations.values()) == {1}
    assert sorted(r.id for r in results) == sorted(str(g["id"]) for g in completed.values())
    assert [r.prompt for r in results] == [f"prompt {i}" for i in range(300)]
    assert replays > 0 and len(server.requests) > 300
