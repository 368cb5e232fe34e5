"""
Polling until a resource reaches a state, with light exponential backoff.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Collection
from typing import TYPE_CHECKING, Generic, TypeVar

from ._exceptions import AurousError

if TYPE_CHECKING:
    # A default makes ``except WaitTimeoutError as exc`` see ``exc.last`` as the models the
    # SDK's waiters poll, not an unknown type (PEP 696; typing gains it in 3.13).
    from typing_extensions import TypeVar as DefaultTypeVar

    from ._generated.models import Character, GenerationResponse

    LastT = DefaultTypeVar("LastT", default="Character | GenerationResponse")
else:
    LastT = TypeVar("LastT")

T = TypeVar("T")

#: Poll intervals grow by this factor up to ``max(interval, MAX_POLL_INTERVAL)``.
BACKOFF = 1.2
MAX_POLL_INTERVAL = 10.0


class WaitTimeoutError(AurousError, Generic[LastT]):
    """
    A waiter gave up; ``last`` is the last object seen (``None`` if no answer came in time)
    and ``status`` its status.

    ``last`` is a `Character` from `wait_for_character` and `create_character_and_wait`, a
    `GenerationResponse` from the image and video waiters; narrow it with ``isinstance``.
    """

    def __init__(self, message: str, last: LastT | None, status: str) -> None:
        super().__init__(message)
        self.last = last
        self.status = status


class Settled(frozenset[str]):
    """
    The statuses that end a default wait, as an open set: every status except the
    *in_progress* ones, so a status the SDK does not know yet (added to the API later) counts
    as settled and stops polling. Its members are the settled statuses known today; they
    serve messages and iteration, membership (``in``) is decided by *in_progress* alone.
    """

    in_progress: frozenset[str]

    def __new__(cls, known: Collection[str], in_progress: Collection[str]) -> Settled:
        self = super().__new__(cls, known)
        self.in_progress = frozenset(in_progress)
        return self

    def __contains__(self, status: object) -> bool:
        return status not in self.in_progress

    def __reduce__(self) -> tuple[object, ...]:
        return (Settled, (frozenset(self), self.in_progress))

    def __repr__(self) -> str:
        return f"Settled(any status but {sorted(self.in_progress)})"


def wanted(status: str | Collection[str] | None, default: Collection[str]) -> frozenset[str]:
    """
    The statuses that end a wait: exactly those the caller asked for, else *default* (kept
    as it is when it is an open `Settled` set).
    """
    if status is None:
        return default if isinstance(default, Settled) else frozenset(default)
    return frozenset((status,) if isinstance(status, str) else status)


async def poll(
    fetch: Callable[[], Awaitable[T]],
    status_of: Callable[[T], str],
    stop: frozenset[str],
    *,
    interval: float,
    timeout: float,
    what: str,
    sleep: Callable[[float], Awaitable[None]] | None = None,
    clock: Callable[[], float] | None = None,
) -> T:
    """
    Call *fetch* until ``status_of(result)`` is in *stop*; raise `WaitTimeoutError` once
    *timeout* seconds have passed, even in the middle of a fetch (a deadline, not a polling
    budget). *sleep* defaults to ``asyncio.sleep`` and *clock* to ``time.monotonic``; they
    go together, so a fake clock (the client's, see ``aurous_async.testing.use_clock``)
    ends the wait after *timeout* fake seconds, having slept none for real.

    Fetches happen at 0, *interval*, then intervals growing by `BACKOFF` (up to
    ``max(interval, MAX_POLL_INTERVAL)``), and one last time at the deadline.
    """
    import asyncio

    if sleep is None:
        sleep = asyncio.sleep
    if clock is None:
        clock = time.monotonic
    deadline = clock() + timeout
    delay = interval
    current: T | None = None
    status = "unknown"
    last_call = False

    def expired() -> WaitTimeoutError[T]:
        return WaitTimeoutError(
            f"{what} still {status!r} after {timeout:g}s (waiting for {_describe(stop)})",
            current,
            status,
        )

    while True:
        # The fetch's own bound is real time: a fake clock does not move while a request is
        # on the wire, and a real one moves with it.
        bound = asyncio.timeout(max(0.0, deadline - clock()))
        try:
            async with bound:
                current = await fetch()
        except TimeoutError:
            if not bound.expired():
                raise
            raise expired() from None
        status = status_of(current)
        if status in stop:
            return current
        remaining = deadline - clock()
        if remaining <= 0 or last_call:
            raise expired()
        # The sleep that reaches the deadline is the last: the fetch after it decides, so
        # rounding in the clock never buys one more round.
        last_call = delay >= remaining
        await sleep(min(delay, remaining))
        delay = min(delay * BACKOFF, max(interval, MAX_POLL_INTERVAL))


def _describe(stop: frozenset[str]) -> str:
    if isinstance(stop, Settled):
        return f"any status but {sorted(stop.in_progress)}"
    return str(sorted(stop))
