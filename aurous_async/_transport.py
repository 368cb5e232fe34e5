"""
The single wire layer: every request of every operation passes through `AurousTransport`.

It adds the API key (same origin only), applies per-call options, paces requests through the
optional rate limiter, bounds the requests in flight (`ConcurrencyGate`), retries what is
safe to retry, logs each attempt, warns on deprecation and version mismatch, and raises the
typed error for any answer >= 400.
"""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING

import httpx

from ._constants import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_RETRY_WAIT,
    HEADER_API_KEY,
    HEADER_REQUEST_ID,
    HEADER_VERSION,
)
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    RateLimitError,
    error_envelope,
    make_status_error,
)
from ._gate import ConcurrencyGate
from ._logging import logger
from ._retry import NOT_SENT_ERRORS, backoff_delay, server_wait, should_retry_exception
from ._retry import should_retry_status as _should_retry_status

if TYPE_CHECKING:
    from ._ratelimit import RateLimiter


class VersionMismatchWarning(UserWarning):
    """The server applied another API version than the one pinned; types may not match."""


class CallState:
    """
    Options of one facade call going in, and what the transport saw coming out.
    """

    __slots__ = (
        "timeout",
        "max_retries",
        "extra_headers",
        "response",
        "ambiguous",
        "retries_taken",
    )

    def __init__(
        self,
        *,
        timeout: httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        extra_headers: Mapping[str, str] | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_retries = max_retries
        self.extra_headers = extra_headers
        self.response: httpx.Response | None = None
        # True once an attempt may have reached the server without us seeing the answer
        # (decisions.md, "Idempotent delete" rule 3).
        self.ambiguous = False
        self.retries_taken = 0

    @property
    def request_id(self) -> str | None:
        """The ``Aurous-Request-Id`` of the last answer, if there was one."""
        if self.response is None:
            return None
        value: str | None = self.response.headers.get(HEADER_REQUEST_ID)
        return value


CURRENT_CALL: ContextVar[CallState | None] = ContextVar("aurous_call", default=None)


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
        limiter: RateLimiter | None = None,
        max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT,
        owns_inner: bool = True,
        max_concurrency: int | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        rand: Callable[[], float] | None = None,
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
        self._rand = rand or _random
        self._warned_routes: set[str] = set()
        self._warned_version = False

    def __repr__(self) -> str:
        return f"<AurousTransport origin={self._origin[0]}://{self._origin[1]}>"

    async def sleep(self, delay: float) -> None:
        """Sleep between attempts (replaceable in tests through ``_sleep``)."""
        await self._sleep(delay)

    @property
    def inner(self) -> httpx.AsyncBaseTransport:
        """The transport that does the I/O, built on first use."""
        if self._inner is None:
            assert self._make_inner is not None
            self._inner = self._make_inner()
        return self._inner

    async def aclose(self) -> None:
        if self._owns_inner and self._inner is not None:
            await self._inner.aclose()

    def _same_origin(self, url: httpx.URL) -> bool:
        return (url.scheme, url.host, url.port) == self._origin

    def _prepare(self, request: httpx.Request, state: CallState | None) -> bool:
        headers = request.headers
        same_origin = self._same_origin(request.url)
        if state is not None:
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
        return same_origin

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        state = CURRENT_CALL.get()
        same_origin = self._prepare(request, state)
        max_retries = state.max_retries if state is not None else DEFAULT_MAX_RETRIES
        limiter = self.limiter if same_origin else None
        inner = self.inner
        retry = 0
        while True:
            if limiter is not None:
                await limiter.acquire(request)
            try:
                if self._gate is None:
                    response = await inner.handle_async_request(request)
                else:
                    response = await self._gate.send(inner, request)
            except httpx.TransportError as exc:
                not_sent = isinstance(exc, NOT_SENT_ERRORS)
                if state is not None and not not_sent:
                    state.ambiguous = True
                if retry < max_retries and should_retry_exception(request, exc):
                    await self._wait(request, None, retry, backoff_delay(retry, self._rand()))
                    retry += 1
                    continue
                self._log(request, None, retry, None)
                timed_out = isinstance(exc, httpx.TimeoutException)
                error_cls = APITimeoutError if timed_out else APIConnectionError
                raise error_cls(
                    f"{type(exc).__name__} on {request.method} {request.url.path}: {exc}"
                ) from exc

            status = response.status_code
            # httpx links the request only after the transport returns; errors raised here
            # need it now so that exc.response.request works.
            response.request = request
            if status < 400:
                if state is not None:
                    state.response = response
                    state.retries_taken = retry
                self._log(request, response, retry, None)
                self._check_headers(request, response)
                return response

            await _read_or_close(response)
            if retry < max_retries and _should_retry_status(
                request, status, error_envelope(response).get("code") if status == 409 else None
            ):
                wait = server_wait(response.headers, status)
                if wait is not None and wait > self.max_retry_wait:
                    raise self._rate_limit_error(response, wait)
                if wait is None:
                    delay = backoff_delay(retry, self._rand())
                else:
                    # Never sooner than asked; up to 10 % later, so callers told the same
                    # Retry-After do not all come back in the same instant.
                    delay = wait * (1.0 + 0.1 * self._rand())
                await self._wait(request, response, retry, delay)
                retry += 1
                continue
            self._log(request, response, retry, None)
            if state is not None:
                state.response = response
                state.retries_taken = retry
            error = make_status_error(response, redact=self._api_key)
            if isinstance(error, RateLimitError):
                error.retry_after = server_wait(response.headers, status)
            raise error

    def _rate_limit_error(self, response: httpx.Response, wait: float) -> RateLimitError:
        error = make_status_error(response, redact=self._api_key)
        if not isinstance(error, RateLimitError):
            error = RateLimitError(
                f"server asked to wait {wait:.0f}s, more than max_retry_wait="
                f"{self.max_retry_wait:.0f}s",
                response=response,
                body=error.body,
                code=error.code,
                type=error.type,
                request_id=error.request_id,
            )
        error.retry_after = wait
        return error

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

    def _check_headers(self, request: httpx.Request, response: httpx.Response) -> None:
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
        if deprecated is not None or sunset is not None:
            route = f"{request.method} {'/'.join(request.url.path.split('/')[:3])}"
            if route not in self._warned_routes:
                self._warned_routes.add(route)
                warnings.warn(
                    f"{route} is deprecated by the server (Aurous-Deprecated: "
                    f"{_text(deprecated)}, Sunset: {_text(sunset)})",
                    DeprecationWarning,
                    stacklevel=2,
                )
        if echoed is not None and not self._warned_version:
            sent = request.headers.get(HEADER_VERSION)
            if sent and sent != _text(echoed):
                self._warned_version = True
                warnings.warn(
                    f"pinned Aurous-Version {sent} but the server applied {_text(echoed)}; "
                    "parsed types may not match",
                    VersionMismatchWarning,
                    stacklevel=2,
                )


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("latin-1")


async def _sleep(delay: float) -> None:
    import asyncio

    await asyncio.sleep(delay)


def _random() -> float:
    import random

    return random.random()


async def _read_or_close(response: httpx.Response) -> None:
    try:
        await response.aread()
    except httpx.TransportError:
        # The error body got lost; the status still decides the exception.
        await response.aclose()
    except BaseException:
        await response.aclose()
        raise
