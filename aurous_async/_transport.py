"""
The single wire layer: every request of every operation passes through `AurousTransport`.

It adds the API key (same origin only), applies per-call options, paces requests through the
optional rate limiter, bounds the requests in flight (`ConcurrencyGate`), bounds each attempt
by its timeout from the wait for a slot to the last byte of the answer, retries what is safe
to retry, logs each attempt, warns on deprecation and version mismatch, raises the typed
error for any answer >= 400, and stops every call in flight when the client closes.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, NoReturn

import httpx

from ._call import CURRENT_CALL, CallState, attempt_budget
from ._constants import (
    DEFAULT_MAX_RETRY_WAIT,
    HEADER_API_KEY,
    HEADER_REQUEST_ID,
    HEADER_VERSION,
)
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AurousError,
    ClientClosedError,
    error_envelope,
    make_status_error,
)
from ._gate import ConcurrencyGate
from ._logging import logger
from ._redact import redact_cause
from ._retry import NOT_SENT_ERRORS, backoff_delay, server_wait, should_retry_exception
from ._retry import should_retry_status as _should_retry_status
from ._streams import DeadlineStream, without_body
from ._warnings import AurousDeprecationWarning, VersionMismatchWarning, caller_stacklevel

if TYPE_CHECKING:
    import asyncio

    from ._ratelimit import Limiter


class ClientTransport(httpx.AsyncBaseTransport):
    """
    Adapts a caller-supplied ``httpx.AsyncClient`` (its proxies, transport, limits) into
    the inner transport, so redirects and retries still happen once, in our layer.
    """

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._client.send(request, stream=True, follow_redirects=False)


class AurousTransport(httpx.AsyncBaseTransport):
    """
    Wraps an inner transport with auth, retries, rate limiting, logging and typed errors.
    """

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | Callable[[], httpx.AsyncBaseTransport],
        *,
        api_key: str,
        base_url: httpx.URL,
        limiter: Limiter | None = None,
        max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT,
        owns_inner: bool = True,
        max_concurrency: int | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        rand: Callable[[], float] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        # A factory defers building the connection pool (and importing httpcore) until the
        # first request, which keeps client construction cheap.
        self._inner: httpx.AsyncBaseTransport | None = None
        self._make_inner: Callable[[], httpx.AsyncBaseTransport] | None = None
        if isinstance(inner, httpx.AsyncBaseTransport):
            self._inner = inner
        else:
            self._make_inner = inner
        self._api_key = api_key
        self._origin = (base_url.scheme, base_url.host, base_url.port)
        self.limiter = limiter
        self.max_retry_wait = max_retry_wait
        self._owns_inner = owns_inner
        self._gate = ConcurrencyGate(max_concurrency) if max_concurrency else None
        self._sleep = sleep or _sleep
        # Waiters read their deadlines from this clock; it and _sleep change together
        # (aurous_async.testing.use_clock), so a fake clock drives retries and waits alike.
        self._clock = clock or time.monotonic
        self._rand = rand or _random
        self._warned_routes: set[str] = set()
        self._warned_version = False
        self.closed = False
        # Tasks inside this transport (sending, waiting for a slot, backing off): aclose()
        # cancels them so that nothing more is sent once the client is closed.
        self._active: dict[asyncio.Task[object], int] = {}
        self._closing: set[asyncio.Task[object]] = set()

    def derive(
        self,
        *,
        api_key: str,
        base_url: httpx.URL,
        limiter: Limiter | None,
        max_retry_wait: float,
    ) -> AurousTransport:
        """
        A transport for a ``with_options`` copy: its own key, origin, limiter and retry
        wait over this one's pool (never closed by it) and concurrency gate, sleeping,
        keeping time and drawing jitter as this one does.
        """
        copy = AurousTransport(
            lambda: self.inner,
            api_key=api_key,
            base_url=base_url,
            limiter=limiter,
            max_retry_wait=max_retry_wait,
            owns_inner=False,
            sleep=self._sleep,
            rand=self._rand,
            clock=self._clock,
        )
        copy._gate = self._gate
        return copy

    def __repr__(self) -> str:
        return f"<AurousTransport origin={self._origin[0]}://{self._origin[1]}>"

    async def sleep(self, delay: float) -> None:
        """
        Sleep *delay* seconds on the client's clock (see `use_clock`); a close of the
        client ends the sleep with `ClientClosedError`.
        """
        async with self._tracked():
            await self._sleep(delay)

    def clock(self) -> float:
        """The client's clock in seconds (``time.monotonic`` unless `use_clock` set one)."""
        return self._clock()

    def use_clock(
        self,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        """Run retry waits and waiter deadlines on *clock* and *sleep* (None: unchanged)."""
        if clock is not None:
            self._clock = clock
        if sleep is not None:
            self._sleep = sleep

    @property
    def inner(self) -> httpx.AsyncBaseTransport:
        """The transport that does the I/O, built on first use."""
        if self._inner is None:
            assert self._make_inner is not None
            self._inner = self._make_inner()
        return self._inner

    async def aclose(self) -> None:
        """
        Stop every call in flight or queued (they raise `ClientClosedError`), then close the
        connection pool if we own it.
        """
        if self.closed:
            return
        self.closed = True
        import asyncio

        current = asyncio.current_task()
        for task in list(self._active):
            if task is not current:
                self._closing.add(task)
                task.cancel()
        # Let the cancelled calls unwind (and hand their connections back) before the pool
        # closes whatever is left.
        for _ in range(3):
            if not self._active:
                break
            await asyncio.sleep(0)
        if self._owns_inner and self._inner is not None:
            await self._inner.aclose()

    def _same_origin(self, url: httpx.URL) -> bool:
        return (url.scheme, url.host, url.port) == self._origin

    def _prepare(self, request: httpx.Request, state: CallState) -> bool:
        headers = request.headers
        same_origin = self._same_origin(request.url)
        # Caller headers are for the API only: httpx copies them onto a redirect to
        # another host, so they are removed there.
        for name, value in (state.extra_headers or {}).items():
            if same_origin:
                headers[name] = value
            else:
                headers.pop(name, None)
        if state.timeout is not None:
            request.extensions["timeout"] = state.timeout.as_dict()
        if same_origin:
            headers[HEADER_API_KEY] = self._api_key
        else:
            # httpx strips only Authorization on cross-origin redirects, not custom headers.
            headers.pop(HEADER_API_KEY, None)
            for name in state.caller_headers:
                headers.pop(name, None)
        return same_origin

    def _tracked(self) -> _Tracked:
        return _Tracked(self)

    def _closed_error(self) -> ClientClosedError:
        return ClientClosedError("this AsyncAurous client was closed while the call was running")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.closed:
            raise self._closed_error()
        state = CURRENT_CALL.get() or CallState()
        same_origin = self._prepare(request, state)
        # Every timer armed below (the attempt's deadline, the pool's and aiohttp's own)
        # keeps a copy of the context until its due time, even once cancelled: with the
        # call in it, each finished call's answer stayed in memory for up to the timeout
        # (at 10,000 pending calls, up to 10,000 answers). Nothing below reads it.
        token = CURRENT_CALL.set(None)
        try:
            async with self._tracked():
                return await self._send(request, state, same_origin)
        finally:
            CURRENT_CALL.reset(token)

    async def _send(
        self, request: httpx.Request, state: CallState, same_origin: bool
    ) -> httpx.Response:
        limiter = self.limiter if same_origin else None
        retry = 0
        while True:
            if self.closed:
                raise self._closed_error()
            # Pacing the caller asked for: outside the attempt's timeout.
            slot = await limiter.acquire(request) if limiter is not None else None
            state.sending = False
            try:
                response = await self._attempt(request, state)
            except (httpx.TransportError, httpx.DecodingError) as exc:
                if self.closed:
                    raise self._closed_error() from None
                not_sent = isinstance(exc, NOT_SENT_ERRORS)
                if not_sent and slot is not None and limiter is not None:
                    await limiter.refund(slot)
                if not not_sent:
                    state.ambiguous = True
                if retry < state.max_retries and should_retry_exception(
                    request, exc, replay_safe=state.replay_safe
                ):
                    await self._wait(request, None, retry, backoff_delay(retry, self._rand()))
                    retry += 1
                    continue
                self._log(request, None, retry, None)
                self._raise_transport_error(request, exc)
            except BaseException:
                # Cancelled (or our own close) before the request left: its slot is unused.
                if not state.sending and slot is not None and limiter is not None:
                    await limiter.refund(slot)
                if state.sending:
                    state.ambiguous = True
                raise

            status = response.status_code
            # httpx links the request only after the transport returns; errors raised here
            # need it now so that exc.response.request works.
            response.request = request
            if status < 400:
                state.response = response
                state.retries_taken = retry
                self._log(request, response, retry, None)
                await self._check_headers(request, response)
                return response

            if status >= 500 and request.method == "DELETE":
                # A gateway or the server may have committed before failing (rule 3).
                state.ambiguous = True
            wait = server_wait(response.headers, status)
            if retry < state.max_retries and _should_retry_status(
                request,
                status,
                error_envelope(response).get("code") if status == 409 else None,
                replay_safe=state.replay_safe,
            ):
                if wait is None or wait <= self.max_retry_wait:
                    if wait is None:
                        delay = backoff_delay(retry, self._rand())
                    else:
                        # Never sooner than asked; up to 10 % later, so callers told the
                        # same Retry-After do not all come back in the same instant.
                        delay = wait * (1.0 + 0.1 * self._rand())
                    await self._wait(request, response, retry, delay)
                    retry += 1
                    continue
            self._log(request, response, retry, None)
            state.response = response
            state.retries_taken = retry
            raise self._status_error(response, wait)

    async def _attempt(self, request: httpx.Request, state: CallState) -> httpx.Response:
        """
        One attempt: a slot, the exchange, and (unless streaming) the whole body, all
        within the attempt's timeout.
        """
        budget = attempt_budget(state.timeout)
        if budget is None:
            state.deadline = None
            return await self._exchange(request, state)
        import asyncio

        loop = asyncio.get_running_loop()
        state.deadline = loop.time() + budget
        try:
            async with asyncio.timeout_at(state.deadline):
                return await self._exchange(request, state)
        except TimeoutError:
            if loop.time() < state.deadline:
                raise
            message = f"the attempt took longer than its timeout of {budget:g}s"
            if state.sending:
                raise httpx.ReadTimeout(message, request=request) from None
            raise httpx.PoolTimeout(message, request=request) from None

    async def _exchange(self, request: httpx.Request, state: CallState) -> httpx.Response:
        gate = self._gate
        if gate is not None:
            await gate.acquire()
        if self.closed:
            # Closed while this call waited (from its own task, which the close does not
            # cancel): nothing is sent on a pool that is gone.
            if gate is not None:
                gate.release()
            raise self._closed_error()
        state.sending = True
        try:
            response = await self.inner.handle_async_request(request)
        except BaseException:
            if gate is not None:
                gate.release()
            raise
        if gate is not None:
            gate.hold(response)
        if not state.stream or response.status_code >= 400:
            # Inside the retry loop and the deadline: a body cut short or stalled is a
            # failure of this attempt, not a raw error after the call "succeeded".
            try:
                await response.aread()
            except (httpx.TransportError, httpx.DecodingError):
                await response.aclose()
                if response.status_code < 400:
                    raise
                # The error body got lost; the status still decides the exception.
                return without_body(response, request)
            except BaseException:
                await response.aclose()
                raise
        elif state.deadline is not None:
            response.stream = DeadlineStream(response.stream, state.deadline)
        return response

    def _status_error(self, response: httpx.Response, wait: float | None) -> APIStatusError:
        # The exception keeps a redacted copy of the answer and its request.
        error = make_status_error(response, redact=self._api_key)
        error.retry_after = wait
        if wait is not None and wait > self.max_retry_wait:
            error.message = (
                f"{error.message} (the server asked to wait {wait:.0f}s, more than "
                f"max_retry_wait={self.max_retry_wait:.0f}s)"
            )
        return error

    def _raise_transport_error(self, request: httpx.Request, exc: Exception) -> NoReturn:
        if isinstance(exc, httpx.RequestError):
            exc.request = request
        redact_cause(exc, self._api_key)
        timed_out = isinstance(exc, httpx.TimeoutException)
        error_cls = APITimeoutError if timed_out else APIConnectionError
        raise error_cls(
            f"{type(exc).__name__} on {request.method} {request.url.path}: {exc}",
            request=request,
            redact=self._api_key,
        ) from exc

    async def _wait(
        self, request: httpx.Request, response: httpx.Response | None, retry: int, delay: float
    ) -> None:
        self._log(request, response, retry, delay)
        await self._sleep(delay)

    def _log(
        self,
        request: httpx.Request,
        response: httpx.Response | None,
        retry: int,
        delay: float | None,
    ) -> None:
        if not logger.isEnabledFor(20):
            return
        status = response.status_code if response is not None else "error"
        request_id = response.headers.get(HEADER_REQUEST_ID) if response is not None else None
        if delay is None:
            logger.info(
                "%s %s -> %s attempt=%d request_id=%s",
                request.method,
                request.url.path,
                status,
                retry + 1,
                request_id,
            )
        else:
            logger.info(
                "%s %s -> %s attempt=%d request_id=%s; retrying in %.2fs",
                request.method,
                request.url.path,
                status,
                retry + 1,
                request_id,
                delay,
            )

    async def _check_headers(self, request: httpx.Request, response: httpx.Response) -> None:
        # One pass over the raw headers: httpx's Headers lookups are linear and decode.
        echoed = deprecated = sunset = None
        for name, value in response.headers.raw:
            lowered = name.lower()
            if lowered == b"aurous-version":
                echoed = value
            elif lowered == b"aurous-deprecated":
                deprecated = value
            elif lowered == b"sunset":
                sunset = value
        found: list[tuple[str, type[Warning]]] = []
        if deprecated is not None or sunset is not None:
            route = f"{request.method} {'/'.join(request.url.path.split('/')[:3])}"
            if route not in self._warned_routes:
                self._warned_routes.add(route)
                found.append(
                    (
                        f"{route} is deprecated by the server (Aurous-Deprecated: "
                        f"{_text(deprecated)}, Sunset: {_text(sunset)})",
                        AurousDeprecationWarning,
                    )
                )
        if echoed is not None and not self._warned_version:
            sent = request.headers.get(HEADER_VERSION)
            if sent and sent != _text(echoed):
                self._warned_version = True
                found.append(
                    (
                        f"pinned Aurous-Version {sent} but the server applied "
                        f"{_text(echoed)}; parsed types may not match",
                        VersionMismatchWarning,
                    )
                )
        if not found:
            return
        try:
            for message, category in found:
                warnings.warn(message, category, stacklevel=caller_stacklevel())
        except BaseException:
            # A warning turned into an error (-W error) must not strand the response and
            # its concurrency slot.
            await response.aclose()
            raise


class _Tracked:
    """Registers the running task as active in a transport while inside the block."""

    __slots__ = ("_transport", "_task")

    def __init__(self, transport: AurousTransport) -> None:
        self._transport = transport
        self._task: asyncio.Task[object] | None = None

    async def __aenter__(self) -> None:
        import asyncio

        task = asyncio.current_task()
        if task is not None:
            active = self._transport._active
            active[task] = active.get(task, 0) + 1
            self._task = task

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> None:
        task = self._task
        if task is None:
            return
        transport = self._transport
        depth = transport._active.pop(task, 1) - 1
        if depth:
            transport._active[task] = depth
        import asyncio

        if isinstance(exc, asyncio.CancelledError) and task in transport._closing:
            if not depth:
                transport._closing.discard(task)
                # Our own close cancelled the call: it ends with ClientClosedError instead.
                task.uncancel()
                raise transport._closed_error() from None


def map_stream_error(exc: Exception, transport: AurousTransport) -> AurousError:
    """
    The `AurousError` for a failure while the caller read a streamed body.
    """
    redact_cause(exc, transport._api_key)
    if transport.closed:
        return transport._closed_error()
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{type(exc).__name__} while reading the answer: {exc}")
    return APIConnectionError(f"{type(exc).__name__} while reading the answer: {exc}")


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("latin-1")


async def _sleep(delay: float) -> None:
    import asyncio

    await asyncio.sleep(delay)


def _random() -> float:
    import random

    return random.random()
