"""
Response body wrappers: `TimedStream` sets ``response.elapsed`` when closed, `DeadlineStream`
ends a streamed read at the attempt's deadline; `without_body` stands in for an answer whose
body was lost.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import AsyncIterator

import httpx


class TimedStream(httpx.AsyncByteStream):
    """
    What httpx's ``BoundAsyncStream`` does (``response.elapsed`` is set on close), without
    keeping the response alive afterwards.

    httpx's wrapper and its response reference each other, so every answer, its request and
    the whole chain of streams under it (on the aiohttp backend also aiohttp's response,
    its headers and its reader) stayed in memory until a full garbage collection, which
    rarely runs while thousands of calls are pending: at 10,000 concurrent calls that
    garbage was most of the aiohttp backend's memory above the httpx backend's. Dropping
    the reference on close frees it all as soon as the caller lets go of the response.
    """

    __slots__ = ("_stream", "_response", "_start")

    def __init__(
        self, stream: httpx.AsyncByteStream, response: httpx.Response, start: float
    ) -> None:
        self._stream = stream
        self._response: httpx.Response | None = response
        self._start = start

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        response, self._response = self._response, None
        if response is not None:
            response.elapsed = datetime.timedelta(seconds=time.perf_counter() - self._start)
        await self._stream.aclose()


class DeadlineStream(httpx.AsyncByteStream):
    """A streamed body whose reads end with the attempt's deadline (``loop.time()``)."""

    def __init__(
        self, stream: httpx.SyncByteStream | httpx.AsyncByteStream, deadline: float
    ) -> None:
        self._stream = stream
        self._deadline = deadline

    async def __aiter__(self) -> AsyncIterator[bytes]:
        import asyncio

        assert isinstance(self._stream, httpx.AsyncByteStream)
        iterator = self._stream.__aiter__()
        while True:
            try:
                async with asyncio.timeout_at(self._deadline):
                    chunk = await iterator.__anext__()
            except StopAsyncIteration:
                return
            except TimeoutError:
                raise httpx.ReadTimeout("the download took longer than its timeout") from None
            yield chunk

    async def aclose(self) -> None:
        if isinstance(self._stream, httpx.AsyncByteStream):
            await self._stream.aclose()


def without_body(response: httpx.Response, request: httpx.Request) -> httpx.Response:
    """
    A bodiless copy of *response* (an error answer whose body was cut short): its status
    still decides the exception.
    """
    headers = [
        (name, value)
        for name, value in response.headers.raw
        if name.lower() not in (b"content-encoding", b"content-length", b"transfer-encoding")
    ]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=b"",
        request=request,
        extensions=response.extensions,
    )
