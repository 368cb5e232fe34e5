"""
Many worker processes, one team budget: each process has its own `AsyncAurous` and talks to
one real ``redis-server`` and one loopback API that enforces the team's bucket.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.loopback import serve
from tests.redis_server import INSTALL_HINT, RedisServer, find_redis_server
from tests.redis_worker import TeamServer

ROOT = Path(__file__).resolve().parent.parent
# characters_post scaled up 60 times: 1,800 per minute, burst 60, per team.
RATE, BURST = 30.0, 60


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


def ids(start: int, stop: int) -> list[str]:
    return [f"char_{i:05d}" for i in range(start, stop)]


async def run_workers(
    api_url: str, redis_url: str, batches: Sequence[Sequence[str]], *options: str
) -> list[dict[str, Any]]:
    """Run one worker process per batch of ids at once; their JSON summaries, in order."""
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.redis_worker",
            "--base-url",
            api_url,
            "--redis",
            redis_url,
            "--ids",
            ",".join(batch),
            "--rate",
            str(RATE),
            "--burst",
            str(BURST),
            "--barrier",
            *options,
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for batch in batches
    ]
    try:
        # Every worker imported and connected before any starts: the start is together.
        for process in processes:
            assert process.stdout is not None
            ready = await asyncio.wait_for(process.stdout.readline(), 30)
            assert ready == b"ready\n", ready
        outputs = await asyncio.wait_for(
            asyncio.gather(*(process.communicate(b"go\n") for process in processes)), 60
        )
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
                await process.wait()
    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr.decode()
    return [json.loads(stdout) for stdout, _ in outputs]


async def test_four_processes_share_one_budget_without_a_429(redis_server) -> None:
    """4 processes deleting 300 ids through RedisRateLimiter: no 429, no window over the bucket."""
    team = TeamServer(RATE, BURST)
    async with serve(team) as api:
        batches = [ids(n * 75, (n + 1) * 75) for n in range(4)]
        # Five calls in flight per worker: a client-side limiter paces reservations, and the
        # burst margin (3 of 60) absorbs about 0.1 s of jitter between a reservation and its
        # arrival; twenty fresh connections per process at once on 2 cores can exceed that.
        results = await run_workers(
            api.url, redis_server.url, batches, "--limiter", "redis", "--concurrency", "5"
        )

    assert [r["outcomes"] for r in results] == [{"deleted": 75}] * 4
    assert team.limited == 0
    assert sum(team.deleted.values()) == 300 and max(team.deleted.values()) == 1
    # The server's own record: no window held more than burst + rate x its length.
    assert team.worst_excess() <= 0


async def test_overlapping_deletes_with_shared_memory_never_raise_not_found(redis_server) -> None:
    """Two processes deleting overlapping ids with RedisDeleteMemory: each id deleted or gone."""
    team = TeamServer(1000.0, 1000)
    first, second = ids(0, 60), ids(30, 90)[::-1]  # 30 ids in common, met from both ends
    async with serve(team) as api:
        results = await run_workers(
            api.url, redis_server.url, [first, second], "--memory", "redis", "--concurrency", "8"
        )

    outcomes = [r["outcomes"] for r in results]
    assert all(set(o) <= {"deleted", "already_gone"} for o in outcomes), outcomes
    assert sum(o.get("deleted", 0) for o in outcomes) == 90
    assert sum(o.get("already_gone", 0) for o in outcomes) == 30
    assert sorted(team.deleted) == ids(0, 90) and max(team.deleted.values()) == 1


async def test_overlapping_deletes_without_shared_memory_raise_not_found(redis_server) -> None:
    """The control: per-process memory turns every overlapping id into one NotFoundError."""
    team = TeamServer(1000.0, 1000)
    first, second = ids(0, 60), ids(30, 90)[::-1]
    async with serve(team) as api:
        results = await run_workers(
            api.url, redis_server.url, [first, second], "--concurrency", "8"
        )

    outcomes = [r["outcomes"] for r in results]
    assert sum(o.get("deleted", 0) for o in outcomes) == 90
    assert sum(o.get("NotFoundError", 0) for o in outcomes) == 30
