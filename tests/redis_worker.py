"""
One worker of the many-workers tests and benchmark: its own `AsyncAurous`, deleting ids.

Run as ``python -m tests.redis_worker --base-url URL --ids a,b,c [...]``; with ``--barrier``
it prints ``ready`` once set up and starts when a line arrives on stdin. It prints one JSON
line: how many ids were deleted, already gone, and failed (by exception class), and the
seconds the deletes took. Also home of `TeamServer`, the loopback API those workers hit: it
enforces one GCRA bucket per team (the ``X-Api-Key``) on DELETE, answers 404 for an id
already deleted, and records the arrival time of every request it admitted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from aurous_async import API_VERSION
from tests.loopback import Action, Request

API_KEY = "al_live_" + "w" * 32
HEADERS = {"Aurous-Version": API_VERSION, "Content-Type": "application/json"}


class TeamServer:
    """
    A DELETE /v1/characters/{id} handler for `tests.loopback.serve`, per-team rate limited.

    The bucket is the server side of the contract: capacity *burst*, refilled at *rate*
    per second (GCRA with tolerance ``(burst - 1) / rate``), on the server's own clock.
    """

    def __init__(self, rate: float, burst: int, known: Sequence[str] | None = None) -> None:
        self.rate = rate
        self.burst = burst
        self.interval = 1.0 / rate
        self.tolerance = (burst - 1) * self.interval
        self.known = set(known) if known is not None else None
        self.tat: dict[str, float] = {}
        self.deleted: Counter[str] = Counter()
        self.arrivals: list[float] = []
        self.limited = 0
        self.limited_at: list[float] = []
        self.not_found = 0

    def __call__(self, request: Request) -> Action:
        now = time.monotonic()
        team = request.headers.get("x-api-key", "")
        tat = max(self.tat.get(team, now), now)
        if tat - self.tolerance > now + 1e-9:
            self.limited += 1
            self.limited_at.append(now)
            body = {"error": {"type": "rate_limit", "code": "too_many_requests", "message": "x"}}
            return Action(429, body, {**HEADERS, "Retry-After": "1"})
        self.tat[team] = tat + self.interval
        self.arrivals.append(now)
        key = request.path.rsplit("/", 1)[-1]
        if request.method != "DELETE":
            return Action(405, {"error": {"type": "invalid_request", "message": "x"}}, HEADERS)
        if self.deleted[key] or (self.known is not None and key not in self.known):
            self.not_found += 1
            body = {"error": {"type": "not_found", "code": "resource_not_found", "message": "x"}}
            return Action(404, body, dict(HEADERS))
        self.deleted[key] += 1
        return Action(200, {"id": key, "object": "character", "deleted": True}, dict(HEADERS))

    def worst_excess(self) -> float:
        """
        The most requests admitted in any window beyond what the bucket allows there.

        In a window from arrival i to arrival j the bucket admits at most
        ``burst + rate * (t_j - t_i)``; a positive result names a window that broke it.
        """
        times = sorted(self.arrivals)
        worst = float("-inf")
        for i, start in enumerate(times):
            for j in range(i, len(times)):
                allowed = self.burst + self.rate * (times[j] - start)
                worst = max(worst, (j - i + 1) - allowed)
        return worst


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from aurous_async import AsyncAurous, RateLimiter
    from aurous_async.redis import RedisDeleteMemory, RedisRateLimiter

    limits = {"characters_post": (args.rate, args.burst)}
    limiter: Any = False
    if args.limiter == "redis":
        limiter = RedisRateLimiter(
            args.redis, limits=limits, burst_margin=args.burst_margin, timeout=args.redis_timeout
        )
    elif args.limiter == "local":
        limiter = RateLimiter(limits, burst_margin=args.burst_margin)
    memory = RedisDeleteMemory(args.redis) if args.memory == "redis" else None
    ids = [i for i in args.ids.split(",") if i]
    outcomes: Counter[str] = Counter()
    gate = asyncio.Semaphore(args.concurrency)

    async with AsyncAurous(
        api_key=API_KEY,
        base_url=args.base_url,
        rate_limit=limiter,
        delete_memory=memory,
        max_retries=args.max_retries,
        timeout=10,
    ) as client:

        async def delete(id: str) -> None:
            async with gate:
                try:
                    result = await client.delete_character(id)
                except Exception as exc:
                    outcomes[type(exc).__name__] += 1
                else:
                    outcomes["already_gone" if result.already_gone else "deleted"] += 1

        if args.barrier:
            # Start with the other workers, not while they still import: set up everything
            # a first request would (pool, Redis connection), say so, and wait for "go".
            client._shared.transport.inner  # noqa: B018
            for shared in (limiter, memory):
                link = getattr(shared, "_link", None)
                if link is not None:
                    await link.redis.ping()
            sys.stdout.write("ready\n")
            sys.stdout.flush()
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        started = time.monotonic()
        await asyncio.gather(*(delete(id) for id in ids))
        seconds = time.monotonic() - started
    for closable in (limiter, memory):
        if hasattr(closable, "aclose"):
            await closable.aclose()
    return {"outcomes": dict(outcomes), "seconds": seconds}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--ids", required=True, help="comma-separated character ids")
    parser.add_argument("--redis", default="")
    parser.add_argument("--limiter", choices=["redis", "local", "none"], default="none")
    parser.add_argument("--memory", choices=["redis", "none"], default="none")
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--burst", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--burst-margin", type=float, default=0.05)
    parser.add_argument("--redis-timeout", type=float, default=0.25)
    parser.add_argument("--max-retries", type=int, default=2)
    parser.add_argument("--barrier", action="store_true", help="print ready, wait for a line")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
