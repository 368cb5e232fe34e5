"""
What a client shares with its ``with_options`` copies: the pool (closed flag, event loop,
every copy's transport), the httpx client, and the stand-in for the generated ``Client``.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    import asyncio

    from ._delete import DeleteTracker
    from ._transport import AurousTransport


class GeneratedClient:
    """
    The two attributes the generated endpoint functions read from their ``client``.

    Standing in for the generated attrs ``Client`` keeps attrs and the models out of
    ``import aurous_async`` and client construction.
    """

    __slots__ = ("_http", "raise_on_unexpected_status")

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self.raise_on_unexpected_status = False

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        return self._http


class Pool:
    """
    What every ``with_options`` copy of a client shares, whatever its key or origin: the
    connection pool's lifetime and the event loop it is bound to.
    """

    def __init__(self) -> None:
        self.closed = False
        self.loop: asyncio.AbstractEventLoop | None = None
        # The transports of copies for another key, origin or limiter (over this pool, which
        # they do not own): closing the client stops their calls too.
        self.transports: weakref.WeakSet[AurousTransport] = weakref.WeakSet()


class Shared:
    """
    State a client shares with its ``with_options`` copies for the same key and origin: one
    transport (key, origin, limiter), one delete memory; and, with every copy, one pool.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        transport: AurousTransport,
        deletes: DeleteTracker,
        *,
        base_url: httpx.URL | None = None,
        params: httpx.QueryParams | None = None,
        pool: Pool | None = None,
    ) -> None:
        self.http = http
        self.generated = GeneratedClient(http)
        self.transport = transport
        self.deletes = deletes
        self.pool = pool or Pool()
        # The query parameters of the caller's http_client, sent with every API request.
        self.params = params
        # The base URL as text without a trailing "/": a route ("/v1/...") is appended,
        # then parsed once.
        self.base = str(base_url or http.base_url).rstrip("/")

    @property
    def closed(self) -> bool:
        """True once the client the pool belongs to is closed."""
        return self.pool.closed

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The event loop the pool is bound to (the first one a call ran on)."""
        return self.pool.loop

    @loop.setter
    def loop(self, loop: asyncio.AbstractEventLoop | None) -> None:
        self.pool.loop = loop

    def derive(
        self, transport: AurousTransport, deletes: DeleteTracker, *, base_url: httpx.URL
    ) -> Shared:
        """The state of a copy with its own *transport* over this pool."""
        self.pool.transports.add(transport)
        return Shared(
            self.http,
            transport,
            deletes,
            base_url=base_url,
            params=self.params,
            pool=self.pool,
        )

    async def close(self) -> None:
        """Stop every call of every copy, then close the pool."""
        pool = self.pool
        pool.closed = True
        for transport in list(pool.transports):
            await transport.aclose()
        await self.http.aclose()
