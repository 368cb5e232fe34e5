"""
The opt-in client-side limiter: bucket mapping, burst-then-rate pacing, and end to end.
"""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from aurous_async import AsyncAurous, RateLimiter
from aurous_async._ratelimit import bucket_for

from .conftest import API_KEY
from .loopback import Action, Request, serve


@pytest.mark.parametrize(
    ("method", "path", "body", "bucket"),
    [
        ("GET", "/v1/characters", None, "characters_get"),
        ("GET", "/v1/characters/char_1", None, "characters_get"),
        ("DELETE", "/v1/characters/char_1", None, "characters_post"),
        ("PATCH", "/v1/characters/char_1", None, "characters_post"),
        ("POST", "/v1/characters/char_1/save", None, "characters_post"),
        ("POST", "/v1/characters/uploads/init", None, "characters_post"),
        ("POST", "/v1/characters", {"name": "a", "upload_ids": ["u"]}, "characters_post"),
        ("POST", "/v1/characters", {"name": "a", "generate": True}, "characters_synthesize"),
        ("POST", "/v1/characters/c/resynthesize", None, "characters_synthesize"),
        ("POST", "/v1/characters/c/refs/regenerate", None, "characters_synthesize"),
        ("POST", "/v1/images", None, "images_post"),
        ("POST", "/v1/videos", None, "images_post"),
        ("POST", "/v1/images/img_1/cancel", None, "images_post"),
        ("POST", "/v1/images/estimate", None, "estimate_post"),
        ("POST", "/v1/videos/estimate", None, "estimate_post"),
        ("GET", "/v1/images/img_1", None, "get"),
        ("GET", "/v1/balance", None, "get"),
        ("POST", "/v1/files", None, "files"),
        ("POST", "/v1/webhook_endpoints", None, "webhook_endpoints"),
        ("POST", "/v1/webhook_endpoints/we_1/test", None, "webhooks_test"),
        ("DELETE", "/v1/files/file_1", None, None),
        ("GET", "/health", None, None),
    ],
)
def test_bucket_for(method: str, path: str, body: object, bucket: str | None) -> None:
    """Each request draws from the bucket decisions.md documents for it."""
    request = httpx.Request(method, "https://api.aurous-labs.com" + path, json=body)
    assert bucket_for(request) == bucket


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, delay: float) -> None:
        self.slept.append(delay)


async def test_limiter_lets_the_burst_through_then_paces_at_the_rate() -> None:
    """Burst 3 at 2/s: three immediate, then one every 0.5 s (reserved in order)."""
    clock = FakeClock()
    limiter = RateLimiter(
        {"characters_post": (2.0, 3)},
        safety=1.0,
        burst_margin=0.0,
        clock=clock,
        sleep=clock.sleep,
    )
    request = httpx.Request("DELETE", "https://api.aurous-labs.com/v1/characters/c")
    for _ in range(6):
        await limiter.acquire(request)
    assert clock.slept == pytest.approx([0.5, 1.0, 1.5])
    clock.now += 10  # an idle bucket refills up to its burst, not beyond
    clock.slept.clear()
    for _ in range(4):
        await limiter.acquire(request)
    assert clock.slept == pytest.approx([0.5])


def test_limiter_holds_back_part_of_each_burst() -> None:
    """By default 5 % of a burst (at least one) is kept as slack for arrival jitter."""
    limiter = RateLimiter({"characters_post": (30.0, 60), "files": (1.0, 1)}, safety=1.0)
    post = limiter._buckets["characters_post"]
    assert post.tolerance == pytest.approx((57 - 1) / 30.0)
    assert limiter._buckets["files"].tolerance == 0.0


async def test_limiter_never_delays_undocumented_routes() -> None:
    """Requests outside every documented bucket pass at once."""
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    request = httpx.Request("DELETE", "https://api.aurous-labs.com/v1/files/file_1")
    for _ in range(100):
        await limiter.acquire(request)
    assert clock.slept == []


async def test_bulk_delete_with_limiter_collects_no_429() -> None:
    """Against a server bucket of burst 5 at 20/s, 25 limited deletes never see a 429."""
    tokens = 5.0
    last = time.monotonic()
    statuses: list[int] = []

    def handler(request: Request) -> Action:
        nonlocal tokens, last
        now = time.monotonic()
        tokens = min(5.0, tokens + (now - last) * 20.0)
        last = now
        if tokens < 1.0:
            statuses.append(429)
            return Action(status=429, headers={"Retry-After": "1"})
        tokens -= 1.0
        statuses.append(200)
        cid = request.path.rsplit("/", 1)[1]
        return Action(body={"id": cid, "object": "character", "deleted": True})

    async with serve(handler) as server:
        limiter = RateLimiter({"characters_post": (20.0, 5)})
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, rate_limit=limiter) as client:
            started = time.monotonic()
            results = await asyncio.gather(
                *(client.delete_character(f"char_{i}") for i in range(25))
            )
            elapsed = time.monotonic() - started
    assert statuses == [200] * 25
    assert all(not r.already_gone for r in results)
    assert elapsed >= (25 - 5) / 20.0 * 0.95  # paced, not burst
