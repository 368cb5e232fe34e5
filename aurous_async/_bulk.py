"""
Bulk helpers: run one coroutine per item with bounded concurrency, per-item results,
progress with an estimated remaining time, and clean cancellation.

`BulkMixin` adds `map`, `map_iter` and `delete_characters` to `AsyncAurous`.

Semantics shared by all three:

- One result per item: the value, or the exception the item raised (any ``Exception``).
  One failure never cancels the others.
- At most ``concurrency`` items run at once, and at most ``concurrency`` items are ever
  taken from the input ahead of the results handed back, so an endless or huge (async)
  iterable is read lazily.
- Cancelling the call cancels every item still running, makes a final ``on_progress`` call
  with the counts so far, and re-raises ``CancelledError``.
- With the client-side rate limiter on, items wait for their slot inside the transport,
  before their attempt's timeout starts, and the estimated remaining time follows the
  limiter's pace.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Sequence,
    Sized,
)
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, Unpack

from ._base import ClientBase
from ._logging import logger
from ._types import RequestOptions
from ._validation import InvalidArgumentError, check_id, checks_keywords

if TYPE_CHECKING:
    from ._delete import DeleteResult

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CONCURRENCY = 8
#: Progress is logged at INFO each time another tenth of a known total is done (or every
#: this many items when the total is unknown), and once at the end.
_LOG_EVERY_UNKNOWN = 1000


@dataclass(frozen=True)
class Progress:
    """
    Where a bulk call stands: passed to ``on_progress`` after every finished item.

    - ``done``: items finished, successfully or not.
    - ``total``: the number of items, when the input has a length (else ``None``).
    - ``failed``: how many of ``done`` ended in an exception.
    - ``eta_s``: estimated seconds until the last item finishes (``None`` until it can be
      estimated); with the client-side rate limiter on, it follows the limiter's pace.
    """

    done: int
    total: int | None
    failed: int
    eta_s: float | None

    @property
    def succeeded(self) -> int:
        """Items finished without an exception."""
        return self.done - self.failed


ProgressCallback = Callable[[Progress], object]


def check_concurrency(value: object) -> int:
    """
    Return *value* if it is a positive int (not a bool), else raise `InvalidArgumentError`.
    """
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidArgumentError("concurrency", f"must be a positive int, got {value!r}")
    return value


def _check_callback(value: object, name: str) -> None:
    if value is not None and not callable(value):
        raise InvalidArgumentError(name, f"must be callable or None, got {type(value).__name__}")


class _Tracker:
    """
    Counts, the estimated remaining time, the ``on_progress`` calls and the INFO log lines.
    """

    def __init__(
        self,
        total: int | None,
        on_progress: ProgressCallback | None,
        what: str,
        pace: Callable[[int], float | None] | None,
        clock: Callable[[], float],
    ) -> None:
        self.total = total
        self.on_progress = on_progress
        self.what = what
        self.pace = pace
        self.clock = clock
        self.started = clock()
        self.taken = 0
        self.done = 0
        self.failed = 0
        self._next_log = self._log_step()

    def _log_step(self) -> int:
        if self.total:
            step = max(1, -(-self.total // 10))
            return min(self.total, (self.done // step + 1) * step)
        return (self.done // _LOG_EVERY_UNKNOWN + 1) * _LOG_EVERY_UNKNOWN

    def eta(self) -> float | None:
        """
        Seconds until the last item is done: the observed pace, or the limiter's, whichever
        is slower.
        """
        if self.total is None:
            return None
        remaining = self.total - self.done
        if remaining <= 0:
            return 0.0
        estimates: list[float] = []
        elapsed = self.clock() - self.started
        if self.done and elapsed > 0:
            estimates.append(elapsed / self.done * remaining)
        if self.pace is not None:
            # Items not yet started still need their slot; those running hold theirs.
            paced = self.pace(self.total - self.taken)
            if paced is not None:
                estimates.append(paced)
        return max(estimates) if estimates else None

    def snapshot(self) -> Progress:
        """The current counts as a `Progress`."""
        return Progress(self.done, self.total, self.failed, self.eta())

    def finished(self, failed: bool) -> None:
        """Count one finished item, report it, and log at INFO when a step is reached."""
        self.done += 1
        self.failed += failed
        if self.on_progress is None and self.done < self._next_log:
            return
        progress = self.snapshot()
        if self.done >= self._next_log:
            self._next_log = self._log_step()
            self.log(progress)
        if self.on_progress is not None:
            self.on_progress(progress)

    def log(self, progress: Progress, note: str = "") -> None:
        """Write *progress* to the ``aurous_async`` logger at INFO."""
        total = "?" if progress.total is None else progress.total
        eta = "unknown" if progress.eta_s is None else f"{progress.eta_s:.1f}s"
        logger.info(
            "%s: %d/%s done, %d failed, eta %s%s",
            self.what,
            progress.done,
            total,
            progress.failed,
            eta,
            note,
        )

    def cancelled(self) -> None:
        """Report the counts so far once more: the call was cancelled."""
        progress = self.snapshot()
        self.log(progress, " (cancelled)")
        if self.on_progress is not None:
            self.on_progress(progress)


def _total_of(items: object) -> int | None:
    return len(items) if isinstance(items, Sized) else None


class _Source:
    """
    One item at a time from a sync or async iterable, numbered in input order.
    """

    def __init__(self, items: Iterable[Any] | AsyncIterable[Any]) -> None:
        self._sync: Iterator[Any] | None = None
        self._async: AsyncIterator[Any] | None = None
        if isinstance(items, AsyncIterable):
            self._async = aiter(items)
        elif isinstance(items, Iterable):
            self._sync = iter(items)
        else:
            raise InvalidArgumentError(
                "items", f"must be an iterable or async iterable, got {type(items).__name__}"
            )
        self.exhausted = False

    async def next(self) -> tuple[bool, Any]:
        """``(True, item)``, or ``(False, None)`` once the input is exhausted."""
        try:
            if self._async is not None:
                return True, await anext(self._async)
            assert self._sync is not None
            return True, next(self._sync)
        except (StopIteration, StopAsyncIteration):
            self.exhausted = True
            return False, None


async def _run(
    fn: Callable[[Any], Awaitable[Any]],
    items: Iterable[Any] | AsyncIterable[Any],
    concurrency: int,
    tracker: _Tracker,
) -> AsyncGenerator[tuple[int, Any, Any], None]:
    """
    Yield ``(index, item, result or exception)`` in completion order.

    New items are taken only while fewer than *concurrency* are running or finished but not
    yet yielded, which bounds both the work in flight and the look-ahead on the input.
    """
    source = _Source(items)
    finished: deque[tuple[int, Any, Any, bool]] = deque()
    wake = asyncio.Event()
    running: set[asyncio.Task[None]] = set()

    async def one(index: int, item: Any) -> None:
        try:
            result: Any = await fn(item)
            failed = False
        except Exception as exc:  # one item's failure is its result, never the batch's
            result, failed = exc, True
        finished.append((index, item, result, failed))
        wake.set()

    outstanding = 0
    yielded_all = False
    try:
        while True:
            while not source.exhausted and outstanding < concurrency:
                more, item = await source.next()
                if not more:
                    break
                task = asyncio.ensure_future(one(tracker.taken, item))
                tracker.taken += 1
                outstanding += 1
                running.add(task)
                task.add_done_callback(running.discard)
            if not finished:
                if outstanding == 0:
                    break
                wake.clear()
                await wake.wait()
                continue
            index, item, result, failed = finished.popleft()
            outstanding -= 1
            tracker.finished(failed)
            yield index, item, result
        yielded_all = True
    except asyncio.CancelledError:
        await _cancel(running)
        tracker.cancelled()
        raise
    finally:
        if not yielded_all and running:
            # The consumer stopped early (break, an exception in on_progress, ...).
            await _cancel(running)


async def _cancel(tasks: set[asyncio.Task[None]]) -> None:
    pending = list(tasks)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)


def _limiter_pace(limiter: object, bucket: str) -> Callable[[int], float | None] | None:
    eta = getattr(limiter, "eta", None)
    if not callable(eta):
        return None
    return lambda requests: eta(bucket, requests)


def _limiter_clock(limiter: object) -> Callable[[], float]:
    now = getattr(limiter, "now", None)
    return now if callable(now) else time.monotonic


@checks_keywords
class BulkMixin(ClientBase):
    if TYPE_CHECKING:
        # Provided by CharactersMixin on AsyncAurous.
        async def delete_character(
            self, id: str, *, missing_ok: bool = False, **options: Unpack[RequestOptions]
        ) -> DeleteResult: ...

    async def map(
        self,
        fn: Callable[[T], Awaitable[R]],
        items: Iterable[T] | AsyncIterable[T],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: ProgressCallback | None = None,
    ) -> list[R | Exception]:
        """
        Await ``fn(item)`` for every item, at most *concurrency* at once; return the results
        in input order, each the value or the exception that item raised.

        *items* may be an async iterable. ``on_progress(Progress)`` is called after every
        item; cancelling the call cancels the items still running (see `aurous_async._bulk`).
        """
        concurrency = check_concurrency(concurrency)
        _check_callback(fn, "fn")
        _check_callback(on_progress, "on_progress")
        tracker = self._tracker(_total_of(items), on_progress, "map", None)
        results: dict[int, Any] = {}
        async for index, _item, result in _run(fn, items, concurrency, tracker):
            results[index] = result
        return [results[index] for index in range(len(results))]

    def map_iter(
        self,
        fn: Callable[[T], Awaitable[R]],
        items: Iterable[T] | AsyncIterable[T],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: ProgressCallback | None = None,
    ) -> AsyncIterator[tuple[T, R | Exception]]:
        """
        Like `map`, but yield ``(item, result)`` pairs as items finish (completion order).

        No more than *concurrency* items are taken from *items* ahead of the pairs already
        yielded, so memory stays bounded over any number of items. Stopping the iteration
        early (``break``) cancels the items still running.
        """
        concurrency = check_concurrency(concurrency)
        _check_callback(fn, "fn")
        _check_callback(on_progress, "on_progress")
        tracker = self._tracker(_total_of(items), on_progress, "map_iter", None)
        return _pairs(_run(fn, items, concurrency, tracker))

    async def delete_characters(
        self,
        ids: Sequence[str],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        missing_ok: bool = False,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> list[DeleteResult | Exception]:
        """
        Delete many characters, at most *concurrency* at once; one result per id, in input
        order: a `DeleteResult` (deleted, or already gone) or the exception for that id.

        Each id goes through `delete_character` (idempotent, shared in-flight deletes,
        *missing_ok*); per-call options apply to every request. With the rate limiter on,
        the deletes run at the ``characters_post`` pace and ``eta_s`` follows it. Every id
        is checked before anything is sent.
        """
        concurrency = check_concurrency(concurrency)
        _check_callback(on_progress, "on_progress")
        checked = [check_id(value, f"ids[{index}]") for index, value in enumerate(ids)]
        if "idempotency_key" in options:
            raise InvalidArgumentError(
                "idempotency_key", "delete_characters() does not take an Idempotency-Key"
            )
        # Checked once here, so a bad option fails the call instead of every item.
        self._check_usable()
        self._version(options)
        self._call_state(options)
        limiter = self._shared.transport.limiter
        tracker = self._tracker(
            len(checked),
            on_progress,
            "delete_characters",
            _limiter_pace(limiter, "characters_post"),
        )

        async def delete(key: str) -> DeleteResult:
            return await self.delete_character(key, missing_ok=missing_ok, **options)

        results: list[Any] = [None] * len(checked)
        async for index, _item, result in _run(delete, checked, concurrency, tracker):
            results[index] = result
        if checked:
            tracker.log(tracker.snapshot(), " (finished)")
        return results

    def _tracker(
        self,
        total: int | None,
        on_progress: ProgressCallback | None,
        what: str,
        pace: Callable[[int], float | None] | None,
    ) -> _Tracker:
        self._check_usable()
        limiter = self._shared.transport.limiter
        return _Tracker(total, on_progress, what, pace, _limiter_clock(limiter))


async def _pairs(
    results: AsyncGenerator[tuple[int, T, R | Exception], None],
) -> AsyncIterator[tuple[T, R | Exception]]:
    try:
        async for _index, item, result in results:
            yield item, result
    finally:
        await results.aclose()
