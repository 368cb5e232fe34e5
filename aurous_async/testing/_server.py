"""
A small HTTP/1.1 server on loopback that runs an ASGI app: asyncio streams for the sockets,
h11 (already installed with httpx) for the protocol. One request at a time per connection,
keep-alive and pipelining, ``Expect: 100-continue``, 413 for bodies over 32 MiB, 431 for
heads over 64 KiB, 400 for malformed requests, and a clean stop that closes every connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from typing import Any
from urllib.parse import unquote

import h11

from ._http import ApiError, DroppedConnection, reason

logger = logging.getLogger("aurous_async.testing")

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
MAX_BODY = 32 * 1024 * 1024
MAX_HEAD = 64 * 1024
#: After a refusal the unread rest of the request is read and dropped until the client
#: closes, stays quiet this long, or sends `LINGER_BYTES`: closing with unread input would
#: reset the socket, and a reset can destroy the answer before the client reads it.
LINGER_SECONDS = 2.0
LINGER_BYTES = 4 * MAX_BODY
_READ_SIZE = 64 * 1024
#: Connection-level headers the server writes itself; the app's copies are dropped.
_HOP_BY_HOP = {b"content-length", b"connection", b"transfer-encoding", b"keep-alive"}


class _Refused(Exception):
    """The request is answered with an error envelope by the server itself, then closed."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class _PeerGone(Exception):
    """The client closed its side (or went quiet) before the request was complete."""


class LoopbackServer:
    """
    Serves *app* on ``http://<host>:<port>``; *host* must be a loopback address and port 0
    picks a free port. Use ``async with`` (or `start` / `aclose`); ``url`` is known once started.
    """

    def __init__(
        self, app: Any, host: str = "127.0.0.1", port: int = 0, *, idle_timeout: float = 30.0
    ) -> None:
        if host not in LOOPBACK_HOSTS:
            raise ValueError(f"the fake serves on loopback only, not {host!r}")
        self.app = app
        self.host = host
        self.port = port
        self.idle_timeout = idle_timeout
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[Any]] = set()
        self._closing = False

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:4010``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def start(self) -> None:
        """Bind and start accepting connections."""
        self._closing = False
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def aclose(self) -> None:
        """Stop accepting, close every open connection and wait for them. Idempotent."""
        server, self._server = self._server, None
        if server is None:
            return
        self._closing = True
        server.close()
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        await server.wait_closed()

    async def __aenter__(self) -> LoopbackServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        connection = _Connection(self, reader, writer)
        try:
            await connection.run()
        except (OSError, _PeerGone):
            pass  # the client went away: nothing to answer, nothing to log
        except h11.LocalProtocolError:
            logger.exception("the fake's answer broke HTTP/1.1")  # a bug in the fake
        except asyncio.CancelledError:
            # Our own shutdown cancels us; ending normally keeps asyncio's stream callback
            # (3.11) from logging the cancellation as an error. Other cancellations propagate.
            if not self._closing:
                raise
        finally:
            self._connections.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


class _Connection:
    """One client socket: an h11 state machine between the stream and the ASGI app."""

    def __init__(
        self, server: LoopbackServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.server = server
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEAD)
        self.eof = False
        self.received = 0  # bytes read from the socket since this request began

    async def run(self) -> None:
        while True:
            try:
                keep_alive = await self._one()
            except _Refused as refused:
                await self._refuse(refused)
                return
            if not keep_alive or self.h11.our_state is not h11.DONE:
                return
            self.h11.start_next_cycle()

    # -- reading --------------------------------------------------------------------------

    async def _event(self, *, between_requests: bool = False) -> Any:
        """The next h11 event, reading from the socket as needed."""
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as exc:
                if self.eof:
                    raise _PeerGone from None  # cut short: there is no one to answer
                if exc.error_status_hint == 431:
                    raise _head_too_large() from None
                raise _Refused(
                    exc.error_status_hint, "invalid_request", f"Malformed request: {exc}."
                ) from None
            if event is not h11.NEED_DATA:
                return event
            try:
                data = await asyncio.wait_for(
                    self.reader.read(_READ_SIZE), self.server.idle_timeout
                )
            except TimeoutError:
                if between_requests:
                    return h11.ConnectionClosed()  # an idle keep-alive connection
                raise _PeerGone from None
            self.eof = not data
            self.received += len(data)
            self.h11.receive_data(data)

    async def _one(self) -> bool:
        """Serve one request; True to keep the connection open for another."""
        buffered = len(self.h11.trailing_data[0])  # pipelined bytes already read
        self.received = 0
        request = await self._event(between_requests=True)
        if isinstance(request, h11.ConnectionClosed):
            return False
        assert isinstance(request, h11.Request), request
        # h11 bounds only a head still incomplete after a read; a bigger one that arrived
        # whole is measured here: what was read for this request less what h11 still holds.
        if buffered + self.received - len(self.h11.trailing_data[0]) > MAX_HEAD:
            raise _head_too_large()
        length = _content_length(request)
        if length is not None and length > MAX_BODY:
            # Refused before a byte of the body is read, so no 100 Continue is sent either.
            raise _Refused(413, "request_too_large", _too_large(length))
        if self.h11.they_are_waiting_for_100_continue and length != 0:
            await self._send(
                h11.InformationalResponse(status_code=100, headers=[], reason=b"Continue")
            )
        body = await self._body()
        try:
            status, headers, content = await _call(self.server.app, self._scope(request), body)
        except DroppedConnection:
            return False  # fault injection: close without a byte of answer
        except Exception:
            logger.exception("the fake app failed")
            status, headers, content = _envelope(
                ApiError(500, "internal_error", "The fake app failed.")
            )
        keep_alive = _wants_keep_alive(request)
        # h11 frames the answer by the method as sent, so "HEAD" is compared exactly.
        await self._respond(status, headers, content, keep_alive, head=request.method == b"HEAD")
        return keep_alive

    async def _body(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            event = await self._event()
            if isinstance(event, h11.EndOfMessage):
                return b"".join(chunks)
            if isinstance(event, h11.ConnectionClosed):
                raise _PeerGone
            assert isinstance(event, h11.Data), event
            total += len(event.data)
            if total > MAX_BODY:  # chunked: the running total decides
                raise _Refused(413, "request_too_large", _too_large(total))
            chunks.append(bytes(event.data))

    def _scope(self, request: h11.Request) -> dict[str, Any]:
        target = bytes(request.target)
        path, _, query = target.partition(b"?")
        peer = self.writer.get_extra_info("peername") or ("127.0.0.1", 0)
        return {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": request.http_version.decode("ascii"),
            "method": request.method.decode("ascii").upper(),
            "scheme": "http",
            "path": unquote(path.decode("latin-1")),
            "raw_path": path,
            "query_string": query,
            "root_path": "",
            "headers": [(bytes(name), bytes(value)) for name, value in request.headers],
            "server": (self.server.host, self.server.port),
            "client": tuple(peer[:2]),
        }

    # -- writing --------------------------------------------------------------------------

    async def _send(self, event: Any) -> None:
        data = self.h11.send(event)
        if data:
            self.writer.write(data)
            await self.writer.drain()

    async def _respond(
        self,
        status: int,
        headers: list[tuple[bytes, bytes]],
        content: bytes,
        keep_alive: bool,
        *,
        head: bool = False,
    ) -> None:
        out = [(name, value) for name, value in headers if name.lower() not in _HOP_BY_HOP]
        out.append((b"content-length", str(len(content)).encode()))
        out.append((b"connection", b"keep-alive" if keep_alive else b"close"))
        await self._send(h11.Response(status_code=status, headers=out, reason=reason(status)))
        if content and not head:  # a HEAD answer states the length but carries no body
            await self._send(h11.Data(data=content))
        await self._send(h11.EndOfMessage())

    async def _refuse(self, refused: _Refused) -> None:
        """Answer *refused* in the error envelope, then close without resetting the answer."""
        if self.h11.our_state in (h11.IDLE, h11.SEND_RESPONSE):
            error = ApiError(refused.status, refused.code, refused.message)
            with contextlib.suppress(h11.LocalProtocolError):
                await self._respond(*_envelope(error), keep_alive=False)
        if self.writer.can_write_eof():
            self.writer.write_eof()
        await self._drain_input()

    async def _drain_input(self) -> None:
        """Read and drop what the client still sends (see `LINGER_SECONDS`)."""
        dropped = 0
        while not self.eof and dropped < LINGER_BYTES:
            try:
                data = await asyncio.wait_for(self.reader.read(_READ_SIZE), LINGER_SECONDS)
            except TimeoutError:
                return
            dropped += len(data)
            self.eof = not data


def _content_length(request: h11.Request) -> int | None:
    """
    The declared body length (h11 has checked it is one decimal number); None for a
    chunked body, whose length only the running total tells.
    """
    if any(name == b"transfer-encoding" for name, _ in request.headers):
        return None
    for name, value in request.headers:
        if name == b"content-length":
            return int(value)
    return 0


def _wants_keep_alive(request: h11.Request) -> bool:
    """HTTP/1.1 without ``Connection: close`` (h11 closes every HTTP/1.0 connection)."""
    tokens = {
        token.strip().lower()
        for name, value in request.headers
        if name == b"connection"
        for token in bytes(value).split(b",")
    }
    return request.http_version == b"1.1" and b"close" not in tokens


def _head_too_large() -> _Refused:
    return _Refused(
        431,
        "request_headers_too_large",
        f"The request head is larger than {MAX_HEAD // 1024} KiB.",
    )


def _too_large(size: int) -> str:
    return f"The request body ({size} bytes or more) is larger than {MAX_BODY // 2**20} MiB."


def _envelope(error: ApiError) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """*error* as the app would answer it: the JSON envelope and its request id header."""
    request_id = f"req_{secrets.token_hex(13)}"
    body = json.dumps(error.envelope(request_id), separators=(",", ":")).encode()
    headers = [(b"content-type", b"application/json"), (b"aurous-request-id", request_id.encode())]
    return error.status, headers, body


async def _call(app: Any, scope: dict[str, Any], body: bytes) -> tuple[int, Any, bytes]:
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if delivered:
            return {"type": "http.disconnect"}
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    start: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return start["status"], start.get("headers", []), b"".join(chunks)
