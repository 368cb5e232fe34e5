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

    async def acquire(self) -> None:
        """Wait for a free slot (in arrival order)."""
        if self._semaphore is None:
            import asyncio

            self._semaphore = asyncio.Semaphore(self.limit)
        await self._semaphore.acquire()

    def release(self) -> None:
        """Give back a slot taken by `acquire`."""
        assert self._semaphore is not None
        self._semaphore.release()

    def hold(self, response: httpx.Response) -> None:
        """Keep the slot until *response*'s body is closed (at once if it already is)."""
        if response.is_closed:
            # Already read and closed (a mock transport's prebuilt answer): nothing to hold.
            self.release()
        else:
            response.stream = ReleasingStream(response.stream, self.release)


class ReleasingStream(httpx.AsyncByteStream):
    """A response body that calls *release* once, when it is closed."""

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
