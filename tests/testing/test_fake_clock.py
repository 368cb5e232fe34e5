"""
The fake's clocks agree: a `FakeAurous.client` waits, retries and paces on the fake clock
(never for real), and a rate-limit bucket is one `RateLimit` value everywhere.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable, Iterator

import pytest

import aurous_async.testing
from aurous_async import (
    AsyncAurous,
    InvalidArgumentError,
    RateLimit,
    RateLimiter,
    WaitTimeoutError,
)
from aurous_async._ratelimit import DOCUMENTED_LIMITS, gcra_figures
from aurous_async._waiters import BACKOFF, MAX_POLL_INTERVAL
from aurous_async.redis import RedisRateLimiter
from aurous_async.testing import FakeAurous, VirtualSleep, use_clock

from ..conftest import API_KEY, BASE_URL, SleepRecorder
from ..test_bulk import seed


@pytest.fixture
def real_sleeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Every asyncio.sleep longer than zero that anything asked for, in order."""
    asked: list[float] = []
    original = asyncio.sleep

    async def counting(delay: float, result: object = None) -> object:
        if delay > 0:
            asked.append(delay)
        return await original(delay, result)

    monkeypatch.setattr(asyncio, "sleep", counting)
    yield asked


def predicted_polls(interval: float, max_wait: float) -> list[float]:
    """When the waiter fetches, by its documented schedule: 0, then growing gaps, the deadline."""
    times, at, gap = [0.0], 0.0, interval
    while at < max_wait:
        at = min(at + gap, max_wait)
        times.append(at)
        gap = min(gap * BACKOFF, max(interval, MAX_POLL_INTERVAL))
    return times


async def test_stuck_wait_for_image_ends_on_the_fake_clock(real_sleeps: list[float]) -> None:
    """A stuck job's wait_for_image(max_wait=3) sends the backoff schedule's requests, no more."""
    async with FakeAurous(image_seconds=3600) as fake:
        client = fake.client()
        image = await client.create_image(prompt="a lighthouse")
        start = fake.clock.now()
        with pytest.raises(WaitTimeoutError) as caught:
            await client.wait_for_image(image.id, max_wait=3, poll_interval=0.5)

        polls = [r.at - start for r in fake.requests if r.operation == "get_image"]
    assert predicted_polls(0.5, 3) == pytest.approx([0, 0.5, 1.1, 1.82, 2.684, 3.0])
    assert polls == pytest.approx(predicted_polls(0.5, 3), abs=1e-6)
    assert fake.count("get_image") == 6
    assert caught.value.status == "processing"
    assert fake.clock.now() - start == pytest.approx(3.0, abs=1e-6)
    assert real_sleeps == []


async def test_long_wait_follows_the_capped_schedule(real_sleeps: list[float]) -> None:
    """Over 120 fake seconds the poll gaps grow to the 10 s cap; nothing sleeps for real."""
    async with FakeAurous(video_seconds=7200) as fake:
        client = fake.client()
        video = await client.create_video(video_lora_id="seedance-1-pro", prompt="waves")
        start = fake.clock.now()
        with pytest.raises(WaitTimeoutError):
            await client.wait_for_video(video.id, max_wait=120, poll_interval=2)
        polls = [r.at - start for r in fake.requests if r.operation == "get_image"]
    expected = predicted_polls(2, 120)
    assert len(polls) == len(expected) and polls == pytest.approx(expected, abs=1e-6)
    assert max(b - a for a, b in zip(expected, expected[1:], strict=False)) == pytest.approx(10)
    assert real_sleeps == []


async def test_finished_job_ends_the_wait_early() -> None:
    """A job that ends on the fake clock mid-wait is returned at the first poll after its end."""
    async with FakeAurous(image_seconds=5) as fake:
        client = fake.client()
        image = await client.create_image(prompt="a lighthouse")
        start = fake.clock.now()
        done = await client.wait_for_image(image.id, max_wait=60, poll_interval=1)
        elapsed = fake.clock.now() - start
    assert done.status == "succeeded"
    # Polls at 0, 1, 2.2, 3.64, 5.368: the first at or after five seconds sees it done.
    assert elapsed == pytest.approx(5.368, abs=1e-6)


async def test_paced_burst_sees_no_429_and_moves_the_fake_clock(real_sleeps: list[float]) -> None:
    """300 concurrent characters_post calls, paced client-side on the fake clock: zero 429s."""
    async with FakeAurous(rate_limits=True) as fake:
        ids = seed(fake, 300)
        client = fake.client(rate_limit=True, max_retries=0)
        start = fake.clock.now()
        await asyncio.gather(*(client.delete_character(cid) for cid in ids))
        span = fake.clock.now() - start
        sent = [r.at - start for r in fake.requests]
    assert fake.count("delete_character", status=429) == 0
    assert fake.count("delete_character", status=200) == 300
    # RateLimiter defaults: 98 % of 30/min, burst 60 less 5 % (57 at once), then one slot
    # every 1 / (0.5 * 0.98) s: the last of 300 leaves (300 - 57) intervals after the start.
    interval = 1 / (30 / 60 * 0.98)
    assert span == pytest.approx((300 - 57) * interval, abs=1e-3)
    assert sent[:57] == pytest.approx([0.0] * 57, abs=1e-6)
    assert sent[57:] == pytest.approx([(k + 1) * interval for k in range(243)], abs=1e-3)
    assert real_sleeps == []


async def test_given_rate_limiter_paces_on_the_fake_clock() -> None:
    """A RateLimiter passed to fake.client (without a clock of its own) adopts the fake's."""
    async with FakeAurous(
        rate_limits={"characters_post": RateLimit(per_minute=60, burst=2)}
    ) as fake:
        ids = seed(fake, 10)
        limiter = RateLimiter(limits={"characters_post": RateLimit(per_minute=60, burst=2)})
        client = fake.client(rate_limit=limiter, max_retries=0)
        start = fake.clock.now()
        await asyncio.gather(*(client.delete_character(cid) for cid in ids))
        assert limiter.now() == fake.clock.now()
        span = fake.clock.now() - start
    assert fake.count("delete_character", status=429) == 0
    # Burst 2 less its held-back one: one at once, then one every 1 / 0.98 s.
    assert span == pytest.approx(9 / 0.98, abs=1e-3)


async def test_retry_after_waits_on_the_fake_clock(real_sleeps: list[float]) -> None:
    """A 429 with Retry-After: 30 is waited out on the fake clock (plus jitter), none real."""
    async with FakeAurous() as fake:
        fake.inject("get_balance", status=429, headers={"Retry-After": "30"})
        client = fake.client()
        start = fake.clock.now()
        await client.get_balance()
        gap = fake.requests[1].at - fake.requests[0].at
        slept = fake.sleep.seconds
    assert fake.count("get_balance") == 2
    assert 30 <= gap == pytest.approx(slept, abs=1e-6)
    assert fake.clock.now() - start == pytest.approx(slept, abs=1e-6)
    assert real_sleeps == []


async def test_concurrent_sleepers_wake_in_due_order() -> None:
    """Sleepers started together wake in order of due time; the clock ends at the latest."""
    async with FakeAurous() as fake:
        start = fake.clock.now()
        woke: list[tuple[float, float]] = []

        async def nap(seconds: float) -> None:
            await fake.sleep(seconds)
            woke.append((seconds, fake.clock.now() - start))

        await asyncio.gather(*(nap(s) for s in (5.0, 1.0, 3.0, 0.5, 3.0)))
    assert [s for s, _ in woke] == [0.5, 1.0, 3.0, 3.0, 5.0]
    assert [at for _, at in woke] == pytest.approx([0.5, 1.0, 3.0, 3.0, 5.0])
    assert fake.sleep.count == 5 and fake.sleep.seconds == pytest.approx(12.5)


async def test_cancelled_sleeper_does_not_move_the_clock() -> None:
    """A sleeper cancelled before it is due leaves the clock where the others put it."""
    async with FakeAurous() as fake:
        start = fake.clock.now()
        long = asyncio.create_task(fake.sleep(100))
        await asyncio.sleep(0)
        long.cancel()
        with pytest.raises(asyncio.CancelledError):
            await long
        await fake.sleep(2)
        assert fake.clock.now() - start == pytest.approx(2)


async def test_fast_retries_false_keeps_real_time() -> None:
    """fake.client(fast_retries=False) leaves the client on real time and real sleeps."""
    async with FakeAurous() as fake:
        client = fake.client(fast_retries=False)
        transport = client._shared.transport
        assert transport._sleep is not fake.sleep
        assert transport.clock() != pytest.approx(fake.clock.now(), abs=1.0)


async def test_use_clock_drives_a_plain_client() -> None:
    """use_clock() gives any client one clock for retries, waiter deadlines and its limiter."""
    now = [100.0]

    def clock() -> float:
        return now[0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL, rate_limit=True) as client:
        use_clock(client, clock=clock, sleep=sleep)
        transport = client._shared.transport
        assert transport.clock() == 100.0
        limiter = transport.limiter
        assert isinstance(limiter, RateLimiter) and limiter.now() == 100.0
        await transport.sleep(2.5)
        assert clock() == 102.5


def test_use_clock_with_sleep_only_keeps_the_real_clock() -> None:
    """use_clock(sleep=...) alone records waits and leaves the deadlines on real time."""
    client = AsyncAurous(api_key=API_KEY, base_url=BASE_URL)
    recorder = SleepRecorder()
    before = client._shared.transport.clock()
    use_clock(client, sleep=recorder)
    assert client._shared.transport._sleep is recorder
    assert client._shared.transport.clock() >= before


async def test_limiter_with_its_own_clock_keeps_it() -> None:
    """A RateLimiter built with a clock of its own is not moved to the fake's clock."""

    def own() -> float:
        return 42.0

    async with FakeAurous() as fake:
        limiter = RateLimiter(clock=own)
        fake.client(rate_limit=limiter)
        assert limiter.now() == 42.0


def test_virtual_sleep_is_exported() -> None:
    """fake.sleep is the exported VirtualSleep, so tests can type against it."""
    fake = FakeAurous()
    assert isinstance(fake.sleep, VirtualSleep)
    sleep: Callable[[float], Awaitable[None]] = fake.sleep
    assert callable(sleep)


# -- RateLimit: one way to state a bucket ---------------------------------------------------


def test_rate_limit_is_frozen_hashable_and_in_documented_units() -> None:
    """RateLimit holds per-minute figures, is frozen and hashable, and gives per_second."""
    limit = RateLimit(per_minute=30, burst=60)
    assert limit.per_second == 0.5
    assert limit == RateLimit(30, 60) and hash(limit) == hash(RateLimit(30, 60))
    assert {limit: "characters_post"}[RateLimit(per_minute=30, burst=60)] == "characters_post"
    with pytest.raises(dataclasses.FrozenInstanceError):
        limit.burst = 1  # type: ignore[misc]
    assert DOCUMENTED_LIMITS["characters_post"] == limit
    assert aurous_async.testing.RateLimit is RateLimit
    assert aurous_async.testing.DOCUMENTED_RATE_LIMITS == DOCUMENTED_LIMITS


@pytest.mark.parametrize(
    ("per_minute", "burst"),
    [
        (0, 1),
        (-5, 1),
        (float("inf"), 1),
        (float("nan"), 1),
        (True, 1),
        ("30", 1),
        (30, 0),
        (30, 1.5),
        (30, True),
    ],
)
def test_rate_limit_refuses_bad_figures(per_minute: object, burst: object) -> None:
    """A rate that is not a positive finite number, or a burst not an int >= 1, is refused."""
    with pytest.raises(InvalidArgumentError):
        RateLimit(per_minute=per_minute, burst=burst)  # type: ignore[arg-type]


def test_rate_limit_and_tuple_give_the_same_figures() -> None:
    """RateLimiter and the Redis limiter read a RateLimit as the (per_second, burst) tuple."""
    as_value = gcra_figures({"files": RateLimit(per_minute=12, burst=3)}, 0.98, 0.05)
    as_tuple = gcra_figures({"files": (0.2, 3)}, 0.98, 0.05)
    assert as_value["files"] == pytest.approx(as_tuple["files"])
    assert as_value["files"][0] == pytest.approx(1 / (0.2 * 0.98))
    limiter = RateLimiter(limits={"files": RateLimit(per_minute=12, burst=3)})
    assert limiter._buckets["files"].interval == pytest.approx(1 / (0.2 * 0.98))
    redis = RedisRateLimiter("redis://127.0.0.1:1", limits={"files": RateLimit(12, 3)})
    assert redis._figures["files"] == pytest.approx(as_tuple["files"])


@pytest.mark.parametrize("bad", [(0, 1), (1.0,), "fast", 3, (1.0, 0), None])
def test_limits_refuse_other_shapes(bad: object) -> None:
    """A bucket that is neither a RateLimit nor a (per_second, burst) tuple is refused by name."""
    with pytest.raises(InvalidArgumentError) as caught:
        RateLimiter(limits={"files": bad})  # type: ignore[dict-item]
    assert "files" in str(caught.value)


def test_fake_refuses_tuples_for_its_buckets() -> None:
    """The fake's rate_limits take RateLimit values only, so a bucket's units are unambiguous."""
    with pytest.raises(TypeError):
        FakeAurous(rate_limits={"files": (0.5, 60)})  # type: ignore[dict-item]
