"""
Bulk helpers against the in-process fake: per-item results in input order, faults and lost
answers, the concurrency bound, cancellation, limiter pacing on the fake clock, progress and
the look-ahead of ``map_iter``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from aurous_async import (
    API_VERSION,
    DeleteResult,
    InternalServerError,
    InvalidArgumentError,
    NotFoundError,
    Progress,
    RateLimiter,
)
from aurous_async.testing import FakeAurous
from aurous_async.testing._state import Character

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def seed(fake: FakeAurous, count: int) -> list[str]:
    """Put *count* ready characters straight into the fake's state; return their ids."""
    team = fake.team()
    now = fake.clock.now()
    ids = []
    for index in range(count):
        cid = fake.state.ids.new("char")
        team.characters[cid] = Character(
            id=cid,
            team_id=team.id,
            name=f"bulk-{index}",
            status="ready",
            attributes={},
            aurous_version=API_VERSION,
            created_at=now,
            updated_at=now,
        )
        ids.append(cid)
    return ids


class InFlight:
    """Wraps the fake's ASGI app and records the most requests it handled at once."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.now = 0
        self.most = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        self.now += 1
        self.most = max(self.most, self.now)
        try:
            await asyncio.sleep(0)
            await self.app(scope, receive, send)
        finally:
            self.now -= 1


def executed(fake: FakeAurous, cid: str) -> int:
    """How many DELETEs of *cid* took effect: answered 200, or dropped after taking effect."""
    return sum(
        1
        for record in fake.requests
        if record.method == "DELETE"
        and record.path.endswith(f"/{cid}")
        and record.status in (200, None)
    )


async def test_delete_characters_survives_faults_and_lost_answers() -> None:
    """With 503s and answers dropped after the delete, every id ends deleted exactly once."""
    async with FakeAurous() as fake:
        ids = seed(fake, 30)
        # Drops first: they hit five first attempts (the bulk runs more at once than five),
        # whatever order the retries, paced on the fake clock, come back in.
        fake.inject("delete_character", drop="after", times=5)
        fake.inject("delete_character", status=503, times=6)
        client = fake.client(max_retries=3)
        seen: list[Progress] = []

        results = await client.delete_characters([*ids, "char_unknown"], on_progress=seen.append)

    assert [r.id for r in results[:-1] if isinstance(r, DeleteResult)] == ids
    assert isinstance(results[-1], NotFoundError)
    gone = [r for r in results[:-1] if isinstance(r, DeleteResult) and r.already_gone]
    assert len(gone) == 5  # the five whose 200 was lost: the retry's 404 means gone
    assert all(fake.team().characters[cid].status == "deleted" for cid in ids)
    assert [executed(fake, cid) for cid in ids] == [1] * len(ids)
    assert fake.count("delete_character", status=503) == 6
    assert seen[-1] == Progress(done=31, total=31, failed=1, eta_s=0.0)
    assert [p.done for p in seen] == list(range(1, 32))
    assert fake.errors == []


async def test_delete_characters_keeps_failures_per_item() -> None:
    """An id whose every attempt fails gets its exception; the others are still deleted."""
    async with FakeAurous() as fake:
        ids = seed(fake, 6)
        client = fake.client(max_retries=0)
        fake.inject("delete_character", status=500, times=1)

        results = await client.delete_characters(ids, concurrency=1)

    assert isinstance(results[0], InternalServerError)
    assert results[0].request_id is not None
    assert all(isinstance(r, DeleteResult) and not r.already_gone for r in results[1:])
    assert [fake.team().characters[cid].status for cid in ids[1:]] == ["deleted"] * 5


@pytest.mark.parametrize("concurrency", [1, 3, 8])
async def test_delete_characters_never_exceeds_concurrency(concurrency: int) -> None:
    """The fake never sees more than `concurrency` deletes at once, and does see that many."""
    async with FakeAurous() as fake:
        ids = seed(fake, 40)
        counter = InFlight(fake.app)
        fake.app = counter  # type: ignore[assignment]
        fake.inject("delete_character", delay=0.01, times=None)
        client = fake.client()

        results = await client.delete_characters(ids, concurrency=concurrency)

    assert all(isinstance(r, DeleteResult) for r in results)
    assert counter.most == concurrency


async def test_delete_characters_checks_ids_before_sending() -> None:
    """A bad id anywhere raises InvalidArgumentError naming its index; nothing is sent."""
    async with FakeAurous() as fake:
        ids = seed(fake, 3)
        client = fake.client()

        with pytest.raises(InvalidArgumentError) as caught:
            await client.delete_characters([ids[0], "..", ids[1]])
        with pytest.raises(InvalidArgumentError) as concurrency:
            await client.delete_characters(ids, concurrency=0)
        with pytest.raises(InvalidArgumentError):
            await client.delete_characters(ids, idempotency_key="k")

    assert caught.value.argument == "ids[1]"
    assert concurrency.value.argument == "concurrency"
    assert fake.requests == []


async def test_cancelling_delete_characters_stops_outstanding_items() -> None:
    """Cancelled midway: CancelledError, a final progress call, and no request afterwards."""
    async with FakeAurous() as fake:
        ids = seed(fake, 30)
        fake.inject("delete_character", delay=0.05, times=None)
        client = fake.client()
        seen: list[Progress] = []
        four_done = asyncio.Event()

        def on_progress(progress: Progress) -> None:
            seen.append(progress)
            if progress.done == 4:
                four_done.set()

        task = asyncio.ensure_future(
            client.delete_characters(ids, concurrency=4, on_progress=on_progress)
        )
        await asyncio.wait_for(four_done.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        sent = len(fake.requests)
        await asyncio.sleep(0.15)  # longer than one delete takes: nothing else starts

        assert len(fake.requests) == sent
    final = seen[-1]
    assert final.done == seen[-2].done  # the extra call repeats the counts so far
    assert final.done < len(ids)
    assert sent <= final.done + 4
    deleted = [cid for cid in ids if fake.team().characters[cid].status == "deleted"]
    assert final.done <= len(deleted) <= sent
    assert fake.team().characters[ids[-1]].status == "ready"


async def test_limiter_paces_500_deletes_with_no_429(caplog: pytest.LogCaptureFixture) -> None:
    """Under characters_post (30/min, burst 60) on the fake clock: zero 429s, paced, ETA logged."""
    async with FakeAurous(rate_limits=True) as fake:
        ids = seed(fake, 500)
        counter = InFlight(fake.app)
        fake.app = counter  # type: ignore[assignment]

        async def sleep_until(delay: float) -> None:
            # The limiter reserves and then sleeps without yielding, so now + delay is this
            # caller's slot; several callers sleep at once, and the clock never goes back.
            target = fake.clock.now() + delay
            await asyncio.sleep(0)
            if target > fake.clock.now():
                fake.advance(target - fake.clock.now())

        limiter = RateLimiter(clock=fake.clock.now, sleep=sleep_until)
        client = fake.client(rate_limit=limiter)
        seen: list[Progress] = []
        started = fake.clock.now()

        with caplog.at_level(logging.INFO, logger="aurous_async"):
            results = await client.delete_characters(ids, on_progress=seen.append)

        span = fake.clock.now() - started
    assert fake.count("delete_character", status=429) == 0
    assert all(isinstance(r, DeleteResult) and not r.already_gone for r in results)
    assert len(fake.requests) == 500
    assert counter.most <= 8
    # 60 at once, then 30 a minute: the last of 500 cannot go before (500 - 60) * 2 s.
    assert span >= (500 - 60) * 2.0
    first_eta = seen[0].eta_s
    # The limiter's pace, known from the first result: within a second of the real span.
    assert first_eta is not None and abs(first_eta - span) < 1.0
    assert seen[-1].eta_s == 0.0
    halfway = seen[249].eta_s
    assert halfway is not None and abs(halfway - (span - (fake.requests[249].at - started))) < 5
    lines = [r.getMessage() for r in caplog.records if "delete_characters" in r.getMessage()]
    assert any("500/500 done, 0 failed" in line for line in lines)
    assert any("eta" in line and "50/500" in line for line in lines)


async def test_map_returns_results_and_exceptions_in_input_order() -> None:
    """Each item's value or exception, in input order, however the items finish."""
    async with FakeAurous() as fake:
        client = fake.client()

        async def work(n: int) -> int:
            for _ in range(10 - n):
                await asyncio.sleep(0)
            if n % 3 == 0:
                raise ValueError(f"bad {n}")
            return n * n

        seen: list[Progress] = []
        results = await client.map(work, range(10), concurrency=4, on_progress=seen.append)

    for n, result in enumerate(results):
        if n % 3 == 0:
            assert isinstance(result, ValueError) and str(result) == f"bad {n}"
        else:
            assert result == n * n
    assert seen[-1].done == 10 and seen[-1].failed == 4 and seen[-1].total == 10


async def test_map_over_an_async_iterable_has_no_total() -> None:
    """An async iterable works; its total is unknown, so progress has total and eta None."""

    async def numbers() -> AsyncIterator[int]:
        for n in range(25):
            yield n

    async def double(n: int) -> int:
        await asyncio.sleep(0)
        return 2 * n

    async with FakeAurous() as fake:
        client = fake.client()
        seen: list[Progress] = []
        results = await client.map(double, numbers(), on_progress=seen.append)

    assert results == [2 * n for n in range(25)]
    assert {(p.total, p.eta_s) for p in seen} == {(None, None)}


@pytest.mark.parametrize("concurrency", [1, 5])
async def test_map_runs_at_most_concurrency_items(concurrency: int) -> None:
    """No more than `concurrency` calls of fn are running at any time."""
    running = most = 0

    async def work(n: int) -> int:
        nonlocal running, most
        running += 1
        most = max(most, running)
        for _ in range(n % 4):
            await asyncio.sleep(0)
        running -= 1
        return n

    async with FakeAurous() as fake:
        results = await fake.client().map(work, range(50), concurrency=concurrency)

    assert results == list(range(50))
    assert most == concurrency


async def test_cancelling_map_reports_and_cancels_running_items() -> None:
    """Cancelling map cancels the running calls, reports the counts once more, re-raises."""
    cancelled: list[int] = []
    release = asyncio.Event()

    async def work(n: int) -> int:
        if n < 3:
            return n
        try:
            await release.wait()
        except asyncio.CancelledError:
            cancelled.append(n)
            raise
        return n

    async with FakeAurous() as fake:
        seen: list[Progress] = []
        task = asyncio.ensure_future(
            fake.client().map(work, range(100), concurrency=5, on_progress=seen.append)
        )
        for _ in range(20):
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    assert sorted(cancelled) == [3, 4, 5, 6, 7]
    assert seen[-1] == Progress(done=3, total=100, failed=0, eta_s=seen[-1].eta_s)
    assert len(seen) == 4


async def test_map_iter_takes_at_most_concurrency_items_ahead() -> None:
    """Over 100,000 async items, never more than concurrency + 2 are taken ahead of results."""
    taken = 0
    yielded = 0
    ahead = 0

    async def items() -> AsyncIterator[int]:
        nonlocal taken, ahead
        for n in range(100_000):
            taken += 1
            ahead = max(ahead, taken - yielded)
            yield n

    async def identity(n: int) -> int:
        return n

    async with FakeAurous() as fake:
        client = fake.client()
        total = 0
        async for item, result in client.map_iter(identity, items(), concurrency=16):
            assert item == result
            yielded += 1
            total += item

    assert yielded == 100_000
    assert total == sum(range(100_000))
    assert 1 < ahead <= 16 + 2


async def test_map_iter_yields_in_completion_order_and_break_cancels() -> None:
    """Pairs come as items finish; leaving the loop early cancels the items still running."""
    cancelled: list[int] = []

    async def work(n: int) -> int:
        try:
            for _ in range(n):
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            cancelled.append(n)
            raise
        return n

    async with FakeAurous() as fake:
        client = fake.client()
        order = [item async for item, _ in client.map_iter(work, [5, 1, 3, 0], concurrency=4)]
        stream = client.map_iter(work, [1, 50, 60, 70], concurrency=4)
        async for item, _result in stream:
            assert item == 1
            break
        await stream.aclose()  # type: ignore[attr-defined]

    assert order == [0, 1, 3, 5]
    assert sorted(cancelled) == [50, 60, 70]


def test_progress_is_exported_and_counts_successes() -> None:
    """Progress is a small frozen dataclass with a succeeded count."""
    progress = Progress(done=7, total=10, failed=2, eta_s=1.5)

    assert progress.succeeded == 5
    with pytest.raises(AttributeError):
        progress.done = 8  # type: ignore[misc]
