"""
The optional aiohttp backend: an ``httpx.AsyncBaseTransport`` over an aiohttp ``ClientSession``.

It sits under `AurousTransport` exactly where httpx's own pool would, so retries, auth, the
limiter, the gate, deadlines, logging, typed errors and close stay in one place. What it
guarantees, so that the layer above reads every failure the same on both backends:

- exceptions map like httpx's: a connect that failed or timed out (nothing sent) is
  ``httpx.ConnectError`` / ``ConnectTimeout`` / ``PoolTimeout``; a reset, an EOF or a cut body
  after the request was written is ``ReadError`` / ``WriteError`` / ``RemoteProtocolError``
  (it may have run); read, write, connect and pool timeouts stay apart;
- aiohttp's own silent re-send of idempotent requests on a dropped kept-alive connection is
  off (``max_retries=0`` sends exactly once; retries are decided above);
- no redirect is followed here (httpx's client above follows them, through the origin check);
- bodies are not decompressed here: httpx decodes ``Content-Encoding`` as it does for its pool;
- response bodies stream; request bodies are sent as bytes (httpx has read them), so every
  retry sends the same upload again.

Importing this module imports aiohttp: `aurous_async` does so only when the backend is chosen.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from typing import Any

import httpx

from ._environment import ProxyRoutes, shown
from ._exceptions import AurousError

try:
    import aiohttp
    from yarl import URL
except ImportError as exc:  # pragma: no cover - exercised through make_aiohttp_transport
    raise ImportError(
        'the aiohttp backend needs the optional extra: pip install "aurous-async[aiohttp]"'
    ) from exc

# Bodies up to this size fit under the transport's write buffer limit, so their write never
# waits on the peer and needs no write timeout; larger ones are written in chunks under it.
_CHUNK = 64 * 1024
# aiohttp rounds timeouts of this many seconds or more up to whole seconds; ours are exact.
_NO_CEIL = float("inf")
# Request headers aiohttp would add on its own: httpx has set them already (or left them out
# on purpose), so aiohttp must not add them.
_SKIP_AUTO = frozenset({"Accept", "Accept-Encoding", "User-Agent", "Content-Type"})

_Proxy = tuple["URL | None", "dict[str, str] | None"]
_NO_PROXY: _Proxy = (None, None)


class AiohttpTransport(httpx.AsyncBaseTransport):
    """
    Send httpx requests through one aiohttp ``ClientSession`` (made on first use, in the
    running loop) with an aiohttp ``TCPConnector`` sized from *limits*.
    """

    def __init__(
        self,
        *,
        limits: httpx.Limits,
        ssl_context: ssl.SSLContext,
        trust_env: bool = True,
        routes: ProxyRoutes | None = None,
    ) -> None:
        self._limits = limits
        # The environment's proxies under httpx's rules (`_environment.py`), so that both
        # backends take the same route (aiohttp's own lookup ignores ALL_PROXY).
        self._routes = routes if trust_env else None
        self._ssl_context = ssl_context
        self._trust_env = trust_env
        self._session: aiohttp.ClientSession | None = None
        # The pool's connection limit, kept here rather than in aiohttp's connector: its
        # wait for a free connection shares one timeout with connecting, ours is the pool
        # timeout alone. A slot is held until the response body is closed.
        self._slots: asyncio.Semaphore | None = None
        self._timeouts: dict[tuple[float | None, ...], aiohttp.ClientTimeout] = {}
        self._proxies: dict[tuple[str, str | None, int | None], _Proxy] = {}
        self._closed = False

    def _open(self) -> aiohttp.ClientSession:
        if self._closed:
            raise RuntimeError("the aiohttp transport is closed")
        limits = self._limits
        if limits.max_connections is not None:
            self._slots = asyncio.Semaphore(limits.max_connections)
        connector = aiohttp.TCPConnector(
            limit=0,  # unbounded here: `_slots` is the limit
            keepalive_timeout=limits.keepalive_expiry,
            ssl=self._ssl_context,
            timeout_ceil_threshold=_NO_CEIL,
        )
        session = aiohttp.ClientSession(
            connector=connector,
            # aiohttp's own trust_env looks up .netrc and the proxy variables in a worker
            # thread on every request (two thread hops per call); the proxy for an origin
            # is looked up once here instead (`_proxy`), and .netrc is not read, as httpx
            # does not read it either.
            trust_env=False,
            auto_decompress=False,
            # Every timeout comes from the request; none of aiohttp's defaults (5 min total).
            timeout=aiohttp.ClientTimeout(total=None, ceil_threshold=_NO_CEIL),
            skip_auto_headers=_SKIP_AUTO,
            cookie_jar=aiohttp.DummyCookieJar(),
        )
        # aiohttp re-sends a GET/PUT/DELETE once when a kept-alive connection turns out to
        # be dead, unseen by us: a request the caller allowed no retry for would be sent
        # twice, and the delete rules (a retried DELETE's 404 means "gone") would break.
        session._retry_connection = False
        self._session = session
        return session

    @property
    def limit(self) -> int | None:
        """Connections open at once at most (``None``: unbounded)."""
        return self._limits.max_connections

    def _timeout(self, phases: dict[str, float | None]) -> aiohttp.ClientTimeout:
        connect = phases.get("connect")
        read = phases.get("read")
        key = (connect, read)
        timeout = self._timeouts.get(key)
        if timeout is None:
            # The connector never queues (see `_slots`), so its `connect` bounds DNS and
            # connecting, like httpx's connect timeout.
            timeout = aiohttp.ClientTimeout(
                total=None,
                connect=connect,
                sock_connect=connect,
                sock_read=read,
                ceil_threshold=_NO_CEIL,
            )
            if len(self._timeouts) < 64:
                self._timeouts[key] = timeout
        return timeout

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session or self._open()
        phases: dict[str, float | None] = request.extensions.get("timeout") or {}
        timeout = self._timeout(phases)
        body = request.content if _is_read(request) else await request.aread()
        headers = [
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, value in request.headers.raw
            if name.lower() != b"transfer-encoding"
        ]
        write = phases.get("write")
        data: Any = body or None
        slots = self._slots
        if slots is not None:
            if slots.locked():
                try:
                    async with asyncio.timeout(phases.get("pool")):
                        await slots.acquire()
                except TimeoutError:
                    raise httpx.PoolTimeout(
                        "no free connection within the pool timeout", request=request
                    ) from None
            else:
                await slots.acquire()  # free: returns at once
        try:
            response = await self._send(session, request, headers, data, body, timeout, write)
        except BaseException:
            if slots is not None:
                slots.release()
            raise
        return httpx.Response(
            status_code=response.status,
            headers=response.raw_headers,
            stream=AiohttpResponseStream(response, request, slots),
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode("latin-1", "replace"),
            },
        )

    async def _send(
        self,
        session: aiohttp.ClientSession,
        request: httpx.Request,
        headers: list[tuple[str, str]],
        data: Any,
        body: bytes,
        timeout: aiohttp.ClientTimeout,
        write: float | None,
    ) -> aiohttp.ClientResponse:
        watchdog = _WriteWatchdog(write) if write is not None and len(body) > _CHUNK else None
        url = URL(str(request.url), encoded=True)
        proxy, proxy_headers = self._proxy(request.url) if self._routes is not None else _NO_PROXY
        if proxy_headers is not None and request.url.scheme == "http":
            # A plain-http request goes to the proxy itself (no CONNECT), where aiohttp sends
            # no proxy_headers: the credentials ride on the request, as httpx sends them.
            headers = [*headers, *proxy_headers.items()]
            proxy_headers = None
        try:
            if watchdog is None:
                return await session._request(
                    request.method,
                    url,
                    headers=headers,
                    data=data,
                    allow_redirects=False,
                    timeout=timeout,
                    proxy=proxy,
                    proxy_headers=proxy_headers,
                )
            else:
                if not any(name.lower() == "content-length" for name, _ in headers):
                    headers.append(("Content-Length", str(len(body))))
                async with asyncio.timeout(None) as scope:
                    watchdog.scope = scope
                    return await session._request(
                        request.method,
                        url,
                        headers=headers,
                        data=watchdog.chunks(body),
                        allow_redirects=False,
                        timeout=timeout,
                        proxy=proxy,
                        proxy_headers=proxy_headers,
                    )
        except TimeoutError as exc:
            if watchdog is not None and watchdog.fired:
                raise httpx.WriteTimeout(
                    f"writing the request took longer than {write:g}s", request=request
                ) from None
            raise _map_error(exc, request) from exc
        except (aiohttp.ClientError, OSError) as exc:
            raise _map_error(exc, request) from exc

    def _proxy(self, url: httpx.URL) -> _Proxy:
        """The proxy the environment sets for *url*'s origin (looked up once per origin)."""
        key = (url.scheme, url.host, url.port)
        found = self._proxies.get(key)
        if found is None:
            assert self._routes is not None
            proxy = self._routes.proxy_for(url)
            found = _NO_PROXY if proxy is None else _aiohttp_proxy(proxy)
            if len(self._proxies) < 256:
                self._proxies[key] = found
        return found

    async def aclose(self) -> None:
        self._closed = True
        session, self._session = self._session, None
        if session is not None:
            await session.close()


class AiohttpResponseStream(httpx.AsyncByteStream):
    """An aiohttp response body as httpx's stream; read errors map like httpx's."""

    __slots__ = ("_response", "_request", "_slots")

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        request: httpx.Request,
        slots: asyncio.Semaphore | None,
    ) -> None:
        self._response = response
        self._request = request
        self._slots = slots

    async def __aiter__(self) -> AsyncIterator[bytes]:
        content = self._response.content
        while True:
            try:
                chunk = await content.readany()
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                raise _map_error(exc, self._request) from exc
            if not chunk:
                return
            yield chunk

    async def aclose(self) -> None:
        # Back to the pool when read to the end; otherwise the connection is closed.
        self._response.release()
        slots, self._slots = self._slots, None
        if slots is not None:
            slots.release()


class _WriteWatchdog:
    """
    Feeds a large body to aiohttp in chunks; each chunk must be taken within *limit*
    seconds (aiohttp takes the next one once the previous one is flushed), else the
    request's timeout scope fires. Nothing else moves that scope, so its expiry is the
    write timeout.
    """

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.scope: asyncio.Timeout | None = None

    @property
    def fired(self) -> bool:
        return self.scope is not None and self.scope.expired()

    async def chunks(self, body: bytes) -> AsyncIterator[bytes]:
        scope = self.scope
        assert scope is not None
        loop = asyncio.get_running_loop()
        view = memoryview(body)
        try:
            for start in range(0, len(body), _CHUNK):
                scope.reschedule(loop.time() + self.limit)
                yield bytes(view[start : start + _CHUNK])
        finally:
            if not scope.expired():
                try:
                    scope.reschedule(None)
                except RuntimeError:
                    pass  # the request already ended (cancelled): its scope is gone


def _aiohttp_proxy(proxy: httpx.URL) -> _Proxy:
    """
    *proxy* as aiohttp takes it: the URL without credentials, and them as the
    ``Proxy-Authorization`` header (Basic, as httpx sends them) for the proxy alone.
    """
    if proxy.scheme not in ("http", "https"):
        raise AurousError(
            f"the proxy {shown(proxy)!r} set in the environment is {proxy.scheme}://, which "
            "the aiohttp backend cannot use; use the httpx backend, or trust_env=False"
        )
    headers = None
    if proxy.userinfo:
        import base64

        userpass = f"{proxy.username}:{proxy.password}".encode()
        token = base64.b64encode(userpass).decode("ascii")
        headers = {"Proxy-Authorization": f"Basic {token}"}
        proxy = proxy.copy_with(username=None, password=None)
    return (URL(str(proxy), encoded=True), headers)


def _is_read(request: httpx.Request) -> bool:
    return hasattr(request, "_content")


def _map_error(exc: BaseException, request: httpx.Request) -> httpx.TransportError:
    """The httpx exception httpx's own pool raises for the same failure."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message, request=request)
    if isinstance(exc, aiohttp.ServerTimeoutError | TimeoutError):
        return httpx.ReadTimeout(message, request=request)
    if isinstance(exc, aiohttp.ClientConnectorError):
        # Refused, unreachable, DNS, TLS handshake: nothing was sent.
        return httpx.ConnectError(message, request=request)
    if isinstance(exc, aiohttp.InvalidURL | aiohttp.NonHttpUrlClientError):
        return httpx.UnsupportedProtocol(message, request=request)
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        # httpx: "Server disconnected without sending a response" / a body cut short.
        return httpx.RemoteProtocolError(message, request=request)
    if isinstance(exc, aiohttp.ClientResponseError):
        return httpx.RemoteProtocolError(message, request=request)
    if isinstance(exc, aiohttp.ClientConnectionResetError):
        return httpx.WriteError(message, request=request)
    # A reset or any other socket error once connected: the request may have arrived.
    return httpx.ReadError(message, request=request)
