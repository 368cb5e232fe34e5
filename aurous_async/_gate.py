"""
A bound on requests in flight per client, so httpx's pool stays fast under load.

httpcore's pool rescans every queued request against every connection on each change
(encode/httpcore#1035), so thousands of requests waiting inside it stall everything. Requests
beyond the bound wait here instead, in order, at O(1) each; a slot is held until the
response body is closed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    import asyncio


class ConcurrencyGate:
    """
    Admits at most *limit* requests into the inner transport at once.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._semaphore: asyncio.Semaphore | None = None

    @property
    def available(self) -> int:
        """Free slots right now (all of them before first use)."""
        return self.limit if self._semaphore is None else self._semaphore._value

    async def send(self, inner: httpx.AsyncBaseTransport, request: httpx.Request) -> httpx.Response:
        """Send *request* through *inner* once a slot is free."""
        if self._semaphore is None:
            import asyncio

            self._semaphore = asyncio.Semaphore(self.limit)
        semaphore = self._semaphore
        await semaphore.acquire()
        try:
            response = await inner.handle_async_request(request)
        except BaseException:
            semaphore.release()
            raise
        if response.is_closed:
            # Already read and closed (a mock transport's prebuilt answer): nothing to hold.
            semaphore.release()
        else:
            response.stream = _ReleasingStream(response.stream, semaphore.release)
        return response


class _ReleasingStream(httpx.AsyncByteStream):
    """A response body that gives back its concurrency slot when closed."""

    def __init__(
        self, stream: httpx.SyncByteStream | httpx.AsyncByteStream, release: Callable[[], None]
    ) -> None:
        self._stream = stream
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._stream, httpx.AsyncByteStream)
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        release, self._release = self._release, None
        try:
            if isinstance(self._stream, httpx.AsyncByteStream):
                await self._stream.aclose()
        finally:
            if release is not None:
                release()
