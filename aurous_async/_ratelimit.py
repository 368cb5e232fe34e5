"""
Client-side pacing (opt-in): one token bucket per documented rate-limit bucket, per client.

Each bucket is a GCRA (virtual scheduling) token bucket: up to ``burst`` requests go at once,
then one every ``1 / rate`` seconds. Callers reserve a slot and sleep until it, so thousands
of concurrent calls cost O(1) each and leave in order. A reservation that is never sent (its
caller was cancelled, or failed before sending) is given back, so an abandoned burst does not
delay the calls that come after it: a slot not yet due goes as it is to the next caller, one
already due only while the server's bucket cannot have refilled since (a refund must never
let more through than the server allows).

Any object with the `Limiter` protocol (``acquire`` / ``refund``) can stand in, for example
`aurous_async.redis.RedisRateLimiter`, which runs the same GCRA (`gcra_figures`) on a Redis
server so that every process using one API key shares one budget.
"""

from __future__ import annotations

import heapq
import json
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeAlias

import httpx

from ._exceptions import RateLimitError
from ._validation import InvalidArgumentError


@dataclass(frozen=True, slots=True)
class RateLimit:
    """
    One rate-limit bucket, in the units the API documents: sustained requests per minute
    and the burst the bucket holds.

    Accepted wherever a bucket is stated: `RateLimiter(limits=...)`,
    `aurous_async.redis.RedisRateLimiter(limits=...)` and the fake's
    ``FakeAurous(rate_limits=...)``. Frozen and hashable; ``per_second`` is the same rate.
    """

    per_minute: float
    burst: int

    def __post_init__(self) -> None:
        rate = self.per_minute
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 < rate < math.inf:
            raise InvalidArgumentError("per_minute", f"must be a number > 0, got {rate!r}")
        burst = self.burst
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
            raise InvalidArgumentError("burst", f"must be an int >= 1, got {burst!r}")

    @property
    def per_second(self) -> float:
        """The sustained rate in requests per second."""
        return self.per_minute / 60


#: A bucket as `RateLimiter(limits=...)` takes it: a `RateLimit`, or the tuple
#: ``(requests per second, burst)`` it has always accepted.
LimitSpec: TypeAlias = "RateLimit | tuple[float, int]"

#: Documented buckets (decisions.md), by name.
DOCUMENTED_LIMITS: dict[str, RateLimit] = {
    "characters_get": RateLimit(per_minute=120, burst=240),
    "characters_post": RateLimit(per_minute=30, burst=60),
    "characters_synthesize": RateLimit(per_minute=6, burst=12),
    "images_post": RateLimit(per_minute=60, burst=120),
    "estimate_post": RateLimit(per_minute=120, burst=240),
    "get": RateLimit(per_minute=600, burst=1200),
    "files": RateLimit(per_minute=30, burst=60),
    "webhook_endpoints": RateLimit(per_minute=10, burst=10),
    "webhooks_test": RateLimit(per_minute=30, burst=30),
}


def rate_and_burst(name: str, limit: object) -> tuple[float, int]:
    """
    ``(requests per second, burst)`` of *limit*, a `RateLimit` or such a tuple; raise
    `InvalidArgumentError` naming bucket *name* for anything else.
    """
    if isinstance(limit, RateLimit):
        return limit.per_second, limit.burst
    if isinstance(limit, tuple) and len(limit) == 2:
        rate, burst = limit
        if (
            not isinstance(rate, bool)
            and isinstance(rate, int | float)
            and 0 < rate < math.inf
            and not isinstance(burst, bool)
            and isinstance(burst, int)
            and burst >= 1
        ):
            return float(rate), burst
    raise InvalidArgumentError(
        f"limits[{name!r}]",
        f"must be a RateLimit(per_minute=..., burst=...) or a (per_second, burst) tuple, "
        f"got {limit!r}",
    )


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


class Limiter(Protocol):
    """
    What `AsyncAurous(rate_limit=...)` accepts: pace a request, and take back a slot unused.

    The transport calls ``acquire`` once per attempt, only for requests to the client's own
    origin, with the request as it will be sent (its ``X-Api-Key`` header set, so a limiter
    shared by several keys can tell their budgets apart; never log or store that header).
    A slot that ``acquire`` returned is passed to ``refund`` at most once, when its attempt
    failed before the request was written (connection refused, cancelled while waiting for
    a connection); a slot whose request was sent is never refunded.
    """

    async def acquire(self, request: httpx.Request) -> object | None:
        """
        Wait until *request* may be sent; return a slot (or ``None`` when not paced).

        Raise `RateLimitError` instead of waiting longer than the limiter allows. If this
        coroutine is cancelled it must give its reservation back itself.
        """
        ...

    async def refund(self, slot: object) -> None:
        """Give back *slot*: the request it was reserved for was never sent."""
        ...


def gcra_figures(
    limits: Mapping[str, LimitSpec] | None, safety: float, burst_margin: float
) -> dict[str, tuple[float, float]]:
    """
    The GCRA parameters per bucket: ``name -> (interval, tolerance)`` in seconds.

    *limits* overrides the documented figures per bucket name; *safety* scales every rate
    and *burst_margin* holds back part of every burst (see `RateLimiter`). A request may go
    when the bucket's theoretical arrival time minus *tolerance* has passed; each admitted
    request moves that time on by *interval*.
    """
    figures: dict[str, LimitSpec] = {**DOCUMENTED_LIMITS, **(limits or {})}
    result: dict[str, tuple[float, float]] = {}
    for name, limit in figures.items():
        rate, burst = rate_and_burst(name, limit)
        interval = 1.0 / (rate * safety)
        kept = burst - _held_back(burst, burst_margin)
        result[name] = (interval, interval * (max(kept, 1) - 1))
    return result


class _Bucket:
    __slots__ = ("name", "interval", "tolerance", "tat", "seq", "low_seq", "holes")

    def __init__(self, name: str, interval: float, tolerance: float) -> None:
        self.name = name
        self.interval = interval
        self.tolerance = tolerance
        self.tat = float("-inf")
        # Reservations made so far, and the last one made with less than one interval of
        # headroom (the bucket nearly full, or refilled): a slot reserved before it cannot be
        # given back by moving `tat`, since the server's bucket already forgot it.
        self.seq = 0
        self.low_seq = 0
        # Future send times given back: the next callers take them as they are.
        self.holes: list[float] = []

    def reserve(self, now: float) -> _Reservation:
        holes = self.holes
        while holes and holes[0] < now:
            heapq.heappop(holes)
        self.seq += 1
        if holes:
            # A slot a cancelled caller left: the server sees the same send times as before.
            at = heapq.heappop(holes)
            return _Reservation(self, self.seq, at, at - now, from_hole=True)
        if self.tat - now < self.interval:
            self.low_seq = self.seq
        tat = max(self.tat, now)
        self.tat = tat + self.interval
        at = tat - self.tolerance
        return _Reservation(self, self.seq, max(at, now), max(0.0, at - now))

    def refund(self, reservation: _Reservation, now: float) -> None:
        if reservation.at > now:
            # Not due yet: its send time stays free for the next caller, exactly.
            heapq.heappush(self.holes, reservation.at)
            return
        if reservation.from_hole:
            return  # it never advanced `tat`
        # Due already (it waited in the gate, or failed to connect): give back at most the
        # headroom left, and only while the server's bucket cannot have refilled past it.
        last = reservation.seq == self.seq
        if last or (self.tolerance >= self.interval and self.low_seq <= reservation.seq):
            self.tat -= min(self.interval, max(0.0, self.tat - now))


class _Reservation:
    """One slot of a bucket: when it may be sent, and how long its caller waits for it."""

    __slots__ = ("bucket", "seq", "at", "delay", "from_hole")

    def __init__(
        self, bucket: _Bucket, seq: int, at: float, delay: float, *, from_hole: bool = False
    ) -> None:
        self.bucket = bucket
        self.seq = seq
        self.at = at
        self.delay = delay
        self.from_hole = from_hole


async def _sleep(delay: float) -> None:
    import asyncio

    await asyncio.sleep(delay)


def _held_back(burst: int, margin: float) -> int:
    return max(1, math.ceil(burst * margin)) if burst > 1 and margin > 0 else 0


class RateLimiter:
    """
    Paces requests so a bulk job runs at the documented rate instead of collecting 429s.

    Args:
        limits: Overrides per bucket name, each a `RateLimit` (or the tuple
            ``(requests per second, burst)``); buckets not named keep their documented
            figures.
        safety: Fraction of the rate actually used (default 0.98).
        burst_margin: Fraction of each burst held back (default 5 %, at least one request
            when the burst is larger than one). Requests reach the server later than they
            leave, by varying amounts; the slack absorbs that jitter so the server's bucket
            never sees more than it allows.
        max_wait: The longest a call may wait for its slot, in seconds (default: no bound).
            A call whose slot lies further ahead raises `RateLimitError` at once, with the
            wait in ``retry_after``; nothing is sent and its slot is given back.

    Waiting here is pacing the caller asked for: it is not part of the request's
    ``timeout``.
    """

    def __init__(
        self,
        limits: Mapping[str, LimitSpec] | None = None,
        *,
        safety: float = 0.98,
        burst_margin: float = 0.05,
        max_wait: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        check_max_wait(max_wait)
        self._buckets = {
            name: _Bucket(name, interval, tolerance)
            for name, (interval, tolerance) in gcra_figures(limits, safety, burst_margin).items()
        }
        self.max_wait = max_wait
        self._clock = clock
        self._sleep = sleep or _sleep

    async def acquire(self, request: httpx.Request) -> object | None:
        """
        Wait until *request*'s bucket has a token for it; return that reservation.
        """
        name = bucket_for(request)
        bucket = self._buckets.get(name) if name is not None else None
        if bucket is None:
            return None
        reservation = bucket.reserve(self._clock())
        delay = reservation.delay
        if delay > 0:
            if self.max_wait is not None and delay > self.max_wait:
                bucket.refund(reservation, self._clock())
                raise too_long(request, bucket.name, delay, self.max_wait)
            try:
                await self._sleep(delay)
            except BaseException:
                bucket.refund(reservation, self._clock())
                raise
        return reservation

    async def refund(self, slot: object) -> None:
        """Give back a reservation whose request was never sent."""
        if isinstance(slot, _Reservation):
            slot.bucket.refund(slot, self._clock())

    def now(self) -> float:
        """The limiter's clock, in seconds (``time.monotonic`` unless one was given)."""
        return self._clock()

    def use_clock(
        self, clock: Callable[[], float], sleep: Callable[[float], Awaitable[None]]
    ) -> None:
        """
        Pace on *clock* and wait with *sleep* from now on (a test's fake time); call it
        before the first request, since slots already reserved were timed on the old clock.
        """
        self._clock = clock
        self._sleep = sleep

    def eta(self, bucket: str, requests: int) -> float | None:
        """
        Seconds from now until *requests* more requests of *bucket* (after those already
        waiting) could all have left; ``None`` when the bucket is not paced.

        Bulk helpers use it to estimate their remaining time.
        """
        paced = self._buckets.get(bucket)
        if paced is None:
            return None
        now = self._clock()
        last = max(paced.tat, now) + (requests - 1) * paced.interval - paced.tolerance
        return max(0.0, last - now)


def check_max_wait(max_wait: object) -> None:
    """
    Raise `InvalidArgumentError` unless *max_wait* is ``None`` or a number >= 0.
    """
    if max_wait is not None and (
        not isinstance(max_wait, int | float) or isinstance(max_wait, bool) or not max_wait >= 0
    ):
        raise InvalidArgumentError("max_wait", f"must be a number >= 0, got {max_wait!r}")


def too_long(request: httpx.Request, bucket: str, wait: float, max_wait: float) -> RateLimitError:
    """
    The `RateLimitError` for a slot further ahead than *max_wait*; nothing was sent.
    """
    # A stand-in answer: the limit is ours, but callers handle it like the server's 429.
    response = httpx.Response(
        429,
        headers={"Retry-After": f"{math.ceil(wait)}"},
        request=httpx.Request(request.method, request.url.copy_with(query=None)),
    )
    error = RateLimitError(
        f"client-side rate limit: the next {bucket} slot is {wait:.1f}s away, more than "
        f"max_wait={max_wait:g}s; nothing was sent",
        response=response,
        body="",
        code="client_rate_limited",
    )
    error.retry_after = wait
    return error
