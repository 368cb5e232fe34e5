"""
`aurous_async.redis` against a real ``redis-server`` on loopback: the shared GCRA, refunds,
max_wait, keys, the outage policies, and the shared delete memory.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import redis.asyncio as aioredis

from aurous_async import AsyncAurous, AurousError, NotFoundError, RateLimitError
from aurous_async._validation import InvalidArgumentError
from aurous_async.redis import (
    MissingDependencyError,
    RateLimiterUnavailableError,
    RedisDeleteMemory,
    RedisRateLimiter,
)
from tests.loopback import LoopbackServer, serve
from tests.redis_server import INSTALL_HINT, RedisServer, find_redis_server, free_port
from tests.redis_worker import TeamServer

KEY = "al_live_" + "r" * 32
OTHER_KEY = "al_live_" + "o" * 32
ORIGIN = "http://127.0.0.1:9"
LIMITS = {"characters_post": (10.0, 5)}  # 4 at once after the 5 % margin, then every 0.102 s


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A fresh redis-server on a free loopback port, killed at the end of the test."""
    binary = find_redis_server()
    if binary is None:
        pytest.fail(INSTALL_HINT)
    server = RedisServer(binary)
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
async def redis(redis_server: RedisServer) -> AsyncIterator[aioredis.Redis]:
    """A plain client of the test server, to look at the keys the SDK wrote."""
    client = aioredis.Redis.from_url(redis_server.url, decode_responses=True)
    try:
        yield client
    finally:
        await client.aclose()


class Sleeps:
    """Records the delays a limiter would sleep, and returns at once."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def delete_request(key: str = KEY, origin: str = ORIGIN, id: str = "char_1") -> httpx.Request:
    return httpx.Request("DELETE", f"{origin}/v1/characters/{id}", headers={"X-Api-Key": key})


def scope(key: str, origin: str) -> str:
    return hashlib.sha256(f"{key}\n{origin}".encode()).hexdigest()[:32]


def bucket_key(key: str = KEY, origin: str = ORIGIN) -> str:
    return f"aurous:rl:{{{scope(key, origin)}}}:characters_post"


def test_importing_the_sdk_never_imports_redis() -> None:
    """`import aurous_async` (and constructing a client) loads neither redis nor our module."""
    code = (
        "import sys, aurous_async\n"
        "aurous_async.AsyncAurous(api_key='al_live_x', rate_limit=True)\n"
        "print(sorted(m for m in sys.modules if m == 'redis' or m.startswith(('redis.', "
        "'aurous_async.redis'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_missing_redis_package_is_a_clear_aurous_error() -> None:
    """Without redis installed, importing aurous_async.redis raises an AurousError with the fix."""
    code = (
        "import sys; sys.modules['redis'] = None\n"
        "try:\n    import aurous_async.redis\n"
        "except ImportError as exc:\n"
        "    import aurous_async\n"
        "    print(type(exc).__name__, isinstance(exc, aurous_async.AurousError), exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("MissingDependencyError True ")
    assert "aurous-async[redis]" in out.stdout
    assert issubclass(MissingDependencyError, AurousError)


async def test_burst_then_pacing_on_the_servers_clock(redis: aioredis.Redis, redis_server) -> None:
    """The burst (less the margin) goes at once, the next waits; the TAT is on Redis TIME."""
    sleeps = Sleeps()
    async with RedisRateLimiter(redis_server.url, limits=LIMITS, sleep=sleeps) as limiter:
        slots = [await limiter.acquire(delete_request()) for _ in range(4)]
        assert sleeps.delays == []
        await limiter.acquire(delete_request())

    assert all(slot is not None for slot in slots)
    assert len(sleeps.delays) == 1 and 0 < sleeps.delays[0] <= 1 / (10 * 0.98)
    seconds, micros = await redis.time()
    tat = int(await redis.get(bucket_key()))
    # Five reservations of 1/9.8 s each from about now, on the server's clock (not ours).
    assert abs(tat - (seconds * 1_000_000 + micros) - 5 * 1_000_000 / 9.8) < 300_000


async def test_requests_outside_documented_buckets_are_not_paced(redis, redis_server) -> None:
    """A route without a documented bucket gets no slot and writes nothing to Redis."""
    async with RedisRateLimiter(redis_server.url) as limiter:
        request = httpx.Request("GET", f"{ORIGIN}/health", headers={"X-Api-Key": KEY})
        assert await limiter.acquire(request) is None
    assert await redis.keys("*") == []


async def test_keys_are_a_hash_of_key_and_origin_never_the_key(redis, redis_server) -> None:
    """Budgets are per API key and origin, keyed by a SHA-256 hash; the key is never stored."""
    async with RedisRateLimiter(redis_server.url) as limiter:
        await limiter.acquire(delete_request(KEY))
        await limiter.acquire(delete_request(OTHER_KEY))
        await limiter.acquire(delete_request(KEY, "http://localhost:9"))

    keys = sorted(await redis.keys("*"))
    assert keys == sorted(
        [bucket_key(KEY), bucket_key(OTHER_KEY), bucket_key(KEY, "http://localhost:9")]
    )
    dump = " ".join(keys + [await redis.get(key) for key in keys])
    assert KEY not in dump and KEY[8:] not in dump and OTHER_KEY not in dump


async def test_team_name_shares_one_budget_between_keys(redis, redis_server) -> None:
    """With team=..., two API keys draw from one bucket: the second waits after the burst."""
    sleeps = Sleeps()
    async with RedisRateLimiter(
        redis_server.url, limits=LIMITS, team="acme", sleep=sleeps
    ) as limiter:
        for _ in range(4):
            await limiter.acquire(delete_request(KEY))
        await limiter.acquire(delete_request(OTHER_KEY))

    assert await redis.keys("*") == ["aurous:rl:{team:acme}:characters_post"]
    assert len(sleeps.delays) == 1


async def test_two_limiters_share_one_budget(redis_server) -> None:
    """Two limiters (as in two processes) on one key share the bucket: the second one waits."""
    first_sleeps, second_sleeps = Sleeps(), Sleeps()
    first = RedisRateLimiter(redis_server.url, limits=LIMITS, sleep=first_sleeps)
    second = RedisRateLimiter(redis_server.url, limits=LIMITS, sleep=second_sleeps)
    try:
        for _ in range(4):
            await first.acquire(delete_request())
        await second.acquire(delete_request())
    finally:
        await first.aclose()
        await second.aclose()
    assert first_sleeps.delays == [] and len(second_sleeps.delays) == 1


async def test_max_wait_raises_and_reserves_nothing(redis, redis_server) -> None:
    """A slot further than max_wait raises RateLimitError at once and reserves nothing."""
    sleeps = Sleeps()
    async with RedisRateLimiter(
        redis_server.url, limits=LIMITS, max_wait=0.05, sleep=sleeps
    ) as limiter:
        for _ in range(4):
            await limiter.acquire(delete_request())
        before = await redis.get(bucket_key())
        with pytest.raises(RateLimitError) as caught:
            await limiter.acquire(delete_request())
        after = await redis.get(bucket_key())

    assert caught.value.code == "client_rate_limited"
    assert caught.value.retry_after is not None and caught.value.retry_after > 0.05
    assert before == after and sleeps.delays == []


async def test_cancelled_acquire_gives_its_slot_back(redis, redis_server) -> None:
    """Cancelling a call that waits for its slot refunds the reservation in Redis."""
    async with RedisRateLimiter(redis_server.url, limits=LIMITS) as limiter:
        for _ in range(4):
            await limiter.acquire(delete_request())
        before = int(await redis.get(bucket_key()))
        waiting = asyncio.create_task(limiter.acquire(delete_request()))
        for _ in range(200):
            if int(await redis.get(bucket_key())) != before:
                break
            await asyncio.sleep(0.005)
        assert int(await redis.get(bucket_key())) > before
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert int(await redis.get(bucket_key())) == before


async def test_slot_of_a_request_never_sent_is_refunded(redis, redis_server) -> None:
    """A connection refused before sending: the transport refunds the Redis slot."""
    closed = f"http://127.0.0.1:{free_port()}"
    # A refund is taken only within one interval of the slot's time: make that a second.
    slow = {"characters_post": (1.0, 5)}
    async with RedisRateLimiter(redis_server.url, limits=slow) as limiter:
        async with AsyncAurous(
            api_key=KEY, base_url=closed, rate_limit=limiter, max_retries=0
        ) as client:
            await limiter.acquire(delete_request(KEY, closed))
            before = await redis.get(bucket_key(KEY, closed))
            with pytest.raises(AurousError):
                await client.delete_character("char_1")
            assert await redis.get(bucket_key(KEY, closed)) == before


async def test_a_client_paces_through_the_redis_limiter(redis, redis_server) -> None:
    """AsyncAurous(rate_limit=RedisRateLimiter) reserves one slot per request it sends."""
    team = TeamServer(rate=1000, burst=1000)
    async with serve(team) as api, RedisRateLimiter(redis_server.url, limits=LIMITS) as limiter:
        async with AsyncAurous(api_key=KEY, base_url=api.url, rate_limit=limiter) as client:
            for i in range(3):
                await client.delete_character(f"char_{i}")
        tat = int(await redis.get(bucket_key(KEY, api.url)))
        seconds, micros = await redis.time()
    assert len(team.arrivals) == 3
    assert abs(tat - (seconds * 1_000_000 + micros) - 3 * 1_000_000 / 9.8) < 300_000


async def test_any_limiter_protocol_object_is_accepted() -> None:
    """rate_limit= takes any object with acquire/refund; anything else is InvalidArgumentError."""
    seen: list[str] = []

    class Counting:
        async def acquire(self, request: httpx.Request) -> object | None:
            seen.append(request.method)
            return None

        async def refund(self, slot: object) -> None:
            raise AssertionError("nothing to refund")

    async with serve(TeamServer(rate=1000, burst=1000)) as api:
        async with AsyncAurous(api_key=KEY, base_url=api.url, rate_limit=Counting()) as client:
            await client.delete_character("char_1")
    assert seen == ["DELETE"]
    with pytest.raises(InvalidArgumentError, match="rate_limit"):
        AsyncAurous(api_key=KEY, rate_limit="redis://x")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="delete_memory"):
        AsyncAurous(api_key=KEY, delete_memory=object())  # type: ignore[arg-type]


def test_arguments_are_checked() -> None:
    """Bad arguments raise InvalidArgumentError naming the argument, never echoing the URL."""
    with pytest.raises(InvalidArgumentError, match="on_unavailable"):
        RedisRateLimiter("redis://127.0.0.1:1", on_unavailable="ignore")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="timeout"):
        RedisRateLimiter("redis://127.0.0.1:1", timeout=0)
    with pytest.raises(InvalidArgumentError, match="max_wait"):
        RedisRateLimiter("redis://127.0.0.1:1", max_wait=-1)
    with pytest.raises(InvalidArgumentError, match="team"):
        RedisRateLimiter("redis://127.0.0.1:1", team="")
    with pytest.raises(InvalidArgumentError, match="url_or_client"):
        RedisRateLimiter(42)
    with pytest.raises(InvalidArgumentError, match="url_or_client") as caught:
        RedisDeleteMemory("mysql://user:s3cret@db")
    assert "s3cret" not in str(caught.value)
    with pytest.raises(InvalidArgumentError, match="ttl"):
        RedisDeleteMemory("redis://127.0.0.1:1", ttl=0)


# ---- Redis unavailable or slow


async def test_unreachable_redis_falls_back_in_process_with_one_warning(caplog) -> None:
    """Redis refusing connections: acquisitions pace in process, after exactly one warning."""
    caplog.set_level(logging.WARNING, logger="aurous_async")
    sleeps = Sleeps()
    limiter = RedisRateLimiter(f"redis://127.0.0.1:{free_port()}/0", limits=LIMITS, sleep=sleeps)
    limiter.retry_interval = 0  # try Redis every time: still one warning per outage
    slots = [await asyncio.wait_for(limiter.acquire(delete_request()), 2) for _ in range(5)]
    await limiter.aclose()

    assert all(slot is not None for slot in slots)
    assert len(sleeps.delays) == 1  # the in-process bucket, same limits: 4 at once
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "unavailable" in warnings[0].getMessage()


async def test_fail_policy_raises_and_sends_nothing() -> None:
    """on_unavailable='fail': RateLimiterUnavailableError (an AurousError), nothing is sent."""
    team = TeamServer(rate=1000, burst=1000)
    limiter = RedisRateLimiter(f"redis://127.0.0.1:{free_port()}/0", on_unavailable="fail")
    async with serve(team) as api:
        async with AsyncAurous(api_key=KEY, base_url=api.url, rate_limit=limiter) as client:
            with pytest.raises(RateLimiterUnavailableError) as caught:
                await asyncio.wait_for(client.delete_character("char_1"), 2)
        assert api.requests == []
    await limiter.aclose()
    assert isinstance(caught.value, AurousError)
    assert KEY not in repr(caught.value) and KEY not in str(caught.value)


async def test_a_redis_that_never_answers_costs_one_timeout(caplog) -> None:
    """A server that accepts and never answers: acquire falls back after the 0.1 s timeout."""
    caplog.set_level(logging.WARNING, logger="aurous_async")
    writers: list[asyncio.StreamWriter] = []

    async def accept_and_ignore(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)

    silent = await asyncio.start_server(accept_and_ignore, "127.0.0.1", 0)
    url = f"redis://127.0.0.1:{silent.sockets[0].getsockname()[1]}/0"
    try:
        limiter = RedisRateLimiter(url, timeout=0.1)
        slot = await asyncio.wait_for(limiter.acquire(delete_request()), 2)
        memory = RedisDeleteMemory(url, timeout=0.1)
        gone = await asyncio.wait_for(memory.is_gone("char_1"), 2)
        await limiter.aclose()
        await memory.aclose()
    finally:
        for writer in writers:
            writer.close()
        silent.close()
        await silent.wait_closed()
    assert slot is not None and gone is False
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 2


async def test_redis_stopped_midway(redis_server, caplog) -> None:
    """Redis killed in the middle of a run: later deletes fall back, none hangs, all succeed."""
    caplog.set_level(logging.WARNING, logger="aurous_async")
    team = TeamServer(rate=1000, burst=1000)
    limiter = RedisRateLimiter(redis_server.url, limits={"characters_post": (1000, 1000)})
    memory = RedisDeleteMemory(redis_server.url)
    async with serve(team) as api:
        async with AsyncAurous(
            api_key=KEY, base_url=api.url, rate_limit=limiter, delete_memory=memory
        ) as client:
            first = [await client.delete_character(f"char_{i}") for i in range(5)]
            redis_server.stop()
            later = await asyncio.wait_for(
                asyncio.gather(*(client.delete_character(f"char_{i}") for i in range(5, 15))), 5
            )
            # Evidence recorded while Redis is down stays in process: a repeat is gone.
            again = await asyncio.wait_for(client.delete_character("char_7"), 2)
    await limiter.aclose()
    await memory.aclose()

    assert [r.already_gone for r in first + later] == [False] * 15
    assert again.already_gone is True
    assert sum(team.deleted.values()) == 15
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len([m for m in messages if m.startswith("RedisRateLimiter: Redis unavailable")]) == 1
    assert len([m for m in messages if m.startswith("RedisDeleteMemory: Redis unavailable")]) == 1


# ---- shared delete memory


def _client(api: LoopbackServer, memory: RedisDeleteMemory, key: str = KEY) -> AsyncAurous:
    return AsyncAurous(api_key=key, base_url=api.url, delete_memory=memory)


async def test_second_workers_404_after_first_workers_200_is_already_gone(
    redis, redis_server
) -> None:
    """Two clients with their own RedisDeleteMemory: the second one's 404 is already_gone."""
    team = TeamServer(rate=1000, burst=1000)
    first_memory = RedisDeleteMemory(redis_server.url, ttl=60)
    second_memory = RedisDeleteMemory(redis_server.url, ttl=60)
    async with serve(team) as api:
        async with _client(api, first_memory) as first, _client(api, second_memory) as second:
            deleted = await first.delete_character("char_1")
            again = await second.delete_character("char_1")
            assert await second._shared.deletes.shared.was_deleted("char_1")  # type: ignore[union-attr]
    await first_memory.aclose()
    await second_memory.aclose()

    assert (deleted.already_gone, again.already_gone) == (False, True)
    assert team.deleted["char_1"] == 1 and team.not_found == 1
    (key,) = [k for k in await redis.keys("aurous:del:*")]
    assert key == f"aurous:del:{{{scope(KEY, api.url)}:char_1}}"
    assert await redis.get(key) == "d"
    assert 0 < await redis.pttl(key) <= 60_000
    assert await redis.keys("aurous:delw:*") == []  # the in-flight mark is gone


async def test_evidence_is_per_api_key(redis_server) -> None:
    """Another API key (another team) does not see the evidence: its 404 stays NotFoundError."""
    team = TeamServer(rate=1000, burst=1000)
    memory = RedisDeleteMemory(redis_server.url)
    async with serve(team) as api:
        async with _client(api, memory) as first, _client(api, memory, OTHER_KEY) as other:
            await first.delete_character("char_1")
            with pytest.raises(NotFoundError):
                await other.delete_character("char_1")
    await memory.aclose()


async def test_possibly_deleted_evidence_is_shared(redis_server) -> None:
    """A DELETE answered 5xx in one worker makes another worker's 404 already_gone."""
    memory = RedisDeleteMemory(redis_server.url)
    calls: list[str] = []

    def handler(request):  # type: ignore[no-untyped-def]
        from tests.loopback import Action

        calls.append(request.method)
        status = 502 if len(calls) == 1 else 404
        return Action(status, {"error": {"type": "api_error", "message": "x"}})

    async with serve(handler) as api:
        async with _client(api, memory) as first, _client(api, memory) as second:
            with pytest.raises(AurousError):
                await first.delete_character("char_1", max_retries=0)
            again = await second.delete_character("char_1")
    await memory.aclose()
    assert again.already_gone is True and calls == ["DELETE", "DELETE"]


async def test_404_waits_for_another_workers_delete_in_flight(redis_server) -> None:
    """A 404 while another worker's DELETE of the id is in flight takes that DELETE's outcome."""
    team = TeamServer(rate=1000, burst=1000, known=[])
    memory = RedisDeleteMemory(redis_server.url)
    async with serve(team) as api:
        peer = RedisDeleteMemory(redis_server.url).bind(KEY, httpx.URL(api.url))
        async with _client(api, memory) as client:
            # The peer's DELETE ends in a 200: ours becomes already gone.
            mark = await peer.begin("char_1")
            ours = asyncio.create_task(client.delete_character("char_1"))
            await asyncio.sleep(0.1)
            assert not ours.done()
            await peer.remember("char_1", mark)
            assert (await asyncio.wait_for(ours, 2)).already_gone is True
            # The peer's DELETE ends without deleting (its own 404): ours is NotFoundError.
            mark = await peer.begin("char_2")
            ours = asyncio.create_task(client.delete_character("char_2"))
            await asyncio.sleep(0.1)
            await peer.end("char_2", mark)
            with pytest.raises(NotFoundError):
                await asyncio.wait_for(ours, 2)
        await peer.aclose()
    await memory.aclose()
