"""
Client-side pacing (opt-in): one token bucket per documented rate-limit bucket, per client.

Each bucket is a GCRA (virtual scheduling) token bucket: up to ``burst`` requests go at once,
then one every ``1 / rate`` seconds. Callers reserve a slot and sleep until it, so thousands
of concurrent calls cost O(1) each and leave in order.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Awaitable, Callable, Mapping

import httpx

#: Documented buckets (decisions.md): name -> (requests per second, burst).
DOCUMENTED_LIMITS: dict[str, tuple[float, int]] = {
    "characters_get": (120 / 60, 240),
    "characters_post": (30 / 60, 60),
    "characters_synthesize": (6 / 60, 12),
    "images_post": (60 / 60, 120),
    "estimate_post": (120 / 60, 240),
    "get": (600 / 60, 1200),
    "files": (30 / 60, 60),
    "webhook_endpoints": (10 / 60, 10),
    "webhooks_test": (30 / 60, 30),
}


def bucket_for(request: httpx.Request) -> str | None:
    """
    The documented bucket that *request* draws from, or ``None`` when none is documented.
    """
    method = request.method
    parts = request.url.path.strip("/").split("/")
    if len(parts) < 2 or parts[0] != "v1":
        return None
    resource, rest = parts[1], parts[2:]
    if resource == "characters":
        if method == "GET":
            return "characters_get"
        if rest and rest[-1] in ("resynthesize", "regenerate"):
            return "characters_synthesize"
        if method == "POST" and not rest and _synthesizes(request):
            return "characters_synthesize"
        return "characters_post"
    if method == "GET":
        return "get"
    if method != "POST":
        return None
    if resource in ("images", "videos"):
        return "estimate_post" if rest == ["estimate"] else "images_post"
    if resource == "files":
        return "files"
    if resource == "webhook_endpoints":
        return "webhooks_test" if rest and rest[-1] == "test" else "webhook_endpoints"
    return None


def _synthesizes(request: httpx.Request) -> bool:
    try:
        data = json.loads(request.content or b"{}")
    except (ValueError, httpx.RequestNotRead):
        return False
    return isinstance(data, dict) and data.get("generate") is True


class _Bucket:
    __slots__ = ("interval", "tolerance", "tat")

    def __init__(self, rate: float, burst: int) -> None:
        self.interval = 1.0 / rate
        self.tolerance = self.interval * (max(burst, 1) - 1)
        self.tat = float("-inf")

    def reserve(self, now: float) -> float:
        tat = max(self.tat, now)
        self.tat = tat + self.interval
        return max(0.0, tat - self.tolerance - now)


async def _sleep(delay: float) -> None:
    import asyncio

    await asyncio.sleep(delay)


def _held_back(burst: int, margin: float) -> int:
    return max(1, math.ceil(burst * margin)) if burst > 1 and margin > 0 else 0


class RateLimiter:
    """
    Paces requests so a bulk job runs at the documented rate instead of collecting 429s.

    Args:
        limits: Overrides per bucket name, as ``(requests per second, burst)``; buckets not
            named keep their documented figures.
        safety: Fraction of the rate actually used (default 0.98).
        burst_margin: Fraction of each burst held back (default 5 %, at least one request
            when the burst is larger than one). Requests reach the server later than they
            leave, by varying amounts; the slack absorbs that jitter so the server's bucket
            never sees more than it allows.
    """

    def __init__(
        self,
        limits: Mapping[str, tuple[float, int]] | None = None,
        *,
        safety: float = 0.98,
        burst_margin: float = 0.05,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        figures = {**DOCUMENTED_LIMITS, **(limits or {})}
        self._buckets = {
            name: _Bucket(rate * safety, burst - _held_back(burst, burst_margin))
            for name, (rate, burst) in figures.items()
        }
        self._clock = clock
        self._sleep = sleep or _sleep

    async def acquire(self, request: httpx.Request) -> None:
        """
        Wait until *request*'s bucket has a token for it.
        """
        name = bucket_for(request)
        bucket = self._buckets.get(name) if name is not None else None
        if bucket is None:
            return
        delay = bucket.reserve(self._clock())
        if delay > 0:
            await self._sleep(delay)
