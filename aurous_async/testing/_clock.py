"""
The client's clock seam (`use_clock`) and the fake's virtual time (`VirtualSleep`): sleeping
on a `FakeAurous` moves its clock instead of waiting, in the order the sleepers are due.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._client import AsyncAurous

#: Loop turns with nothing in flight before virtual time moves on: a sleeper just woken
#: reaches the fake within them, so the fake stamps its request with the time it was due.
SETTLE_TURNS = 4


def use_clock(
    client: AsyncAurous,
    *,
    clock: Callable[[], float] | None = None,
    sleep: Callable[[float], Awaitable[None]] | None = None,
) -> None:
    """
    Run *client*'s time on *clock* (seconds, never going back) and *sleep*: retry backoff,
    the deadlines and polling of ``wait_for_*``, and the client-side `RateLimiter` (unless
    that limiter was built with a clock of its own). ``None`` leaves that part as it is.

    ``FakeAurous.client()`` calls it with the fake's clock, so nothing there sleeps for
    real. Call it before the client's first request: slots a rate limiter reserved earlier
    were timed on the old clock. With *sleep* alone (a recorder that returns at once), retry
    waits are recorded instead of slept and waiter deadlines stay in real time.
    """
    transport = client._shared.transport
    transport.use_clock(clock, sleep)
    limiter = transport.limiter
    from .._ratelimit import RateLimiter

    if isinstance(limiter, RateLimiter) and limiter._clock is time.monotonic:
        limiter.use_clock(clock or limiter._clock, sleep or limiter._sleep)


class VirtualSleep:
    """
    ``await sleep(seconds)`` on a fake clock: each sleeper is woken in turn of its due time,
    the clock moved to it (through *advance*, so the fake's lifecycles follow), once the loop
    is idle and no request is inside the fake (*busy* says how many are). Concurrent
    sleepers thus see the times a real clock would give them, and requests reach the fake
    at the time they were due, not bunched after a jump.
    """

    def __init__(
        self,
        now: Callable[[], float],
        advance: Callable[[float], None],
        busy: Callable[[], int],
    ) -> None:
        self._now = now
        self._advance = advance
        self._busy = busy
        self._due: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._driver: asyncio.Task[None] | None = None
        self._quiet: asyncio.Event | None = None
        #: Sleeps taken and the seconds they covered (none of them slept for real).
        self.count = 0
        self.seconds = 0.0

    async def __call__(self, seconds: float) -> None:
        if not seconds > 0:
            await asyncio.sleep(0)
            return
        loop = asyncio.get_running_loop()
        woken: asyncio.Future[None] = loop.create_future()
        heapq.heappush(self._due, (self._now() + seconds, next(self._order), woken))
        self.count += 1
        self.seconds += seconds
        if self._driver is None or self._driver.done():
            self._driver = loop.create_task(self._drive(), name="aurous-fake-clock")
        try:
            await woken
        finally:
            woken.cancel()  # a cancelled sleeper leaves its place; the driver skips it

    def idle(self) -> None:
        """Tell a waiting driver that the last request inside the fake has finished."""
        if self._quiet is not None:
            self._quiet.set()

    async def _drive(self) -> None:
        due = self._due
        turns = 0
        while due:
            await asyncio.sleep(0)
            while due and due[0][2].done():
                heapq.heappop(due)
            if not due:
                break
            if self._busy():
                turns = 0
                self._quiet = asyncio.Event()
                await self._quiet.wait()
                continue
            turns += 1
            if turns < SETTLE_TURNS:
                continue
            turns = 0
            at, _, woken = heapq.heappop(due)
            ahead = at - self._now()
            if ahead > 0:
                self._advance(ahead)
            woken.set_result(None)

    def cancel(self) -> None:
        """Stop the driver (the fake is closing); sleepers still waiting are cancelled."""
        for _, _, woken in self._due:
            woken.cancel()
        self._due.clear()
        if self._driver is not None:
            self._driver.cancel()


class InFlight:
    """Counts the requests inside the fake; *on_idle* runs when the last one leaves."""

    def __init__(self, on_idle: Callable[[], None]) -> None:
        self.count = 0
        self._on_idle = on_idle

    def __enter__(self) -> None:
        self.count += 1

    def __exit__(self, *exc_info: object) -> None:
        self.count -= 1
        if not self.count:
            self._on_idle()
