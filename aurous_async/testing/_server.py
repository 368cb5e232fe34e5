"""
A small HTTP/1.1 server on loopback (stdlib asyncio only) that runs an ASGI app: one request
at a time per connection, Content-Length or chunked bodies, keep-alive, and a clean stop that
closes every connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any
from urllib.parse import unquote

from ._http import DroppedConnection, reason

logger = logging.getLogger("aurous_async.testing")

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
MAX_BODY = 32 * 1024 * 1024


class _BadRequest(Exception):
    pass


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
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # the client went away or sent garbage: nothing to answer
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

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Serve one request; True to keep the connection open for another."""
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self.idle_timeout)
        except (TimeoutError, asyncio.IncompleteReadError):
            return False  # idle keep-alive connection, or closed between requests
        try:
            method, target, version, headers = _parse_head(head)
            body = await _read_body(reader, headers)
        except _BadRequest as exc:
            await _write(writer, 400, [(b"content-type", b"text/plain")], str(exc).encode(), False)
            return False
        connection = _header(headers, b"connection").lower()
        keep_alive = (version == "HTTP/1.1" and connection != "close") or connection == "keep-alive"
        path, _, query = target.partition("?")
        peer = writer.get_extra_info("peername") or ("127.0.0.1", 0)
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": version.removeprefix("HTTP/"),
            "method": method,
            "scheme": "http",
            "path": unquote(path),
            "raw_path": path.encode("latin-1"),
            "query_string": query.encode("latin-1"),
            "root_path": "",
            "headers": headers,
            "server": (self.host, self.port),
            "client": peer[:2],
        }
        try:
            status, out_headers, out_body = await _call(self.app, scope, body)
        except DroppedConnection:
            return False  # fault injection: close without a byte of answer
        except Exception:
            logger.exception("the fake app failed")
            status, out_headers, out_body = 500, [(b"content-type", b"text/plain")], b"fake failed"
        if method == "HEAD":
            out_body = b""
        await _write(writer, status, out_headers, out_body, keep_alive)
        return keep_alive


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return ""


def _parse_head(head: bytes) -> tuple[str, str, str, list[tuple[bytes, bytes]]]:
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise _BadRequest("malformed request line")
    headers = []
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            raise _BadRequest("malformed header line")
        headers.append((name.strip().lower().encode("latin-1"), value.strip().encode("latin-1")))
    return parts[0].upper(), parts[1], parts[2], headers


async def _read_body(reader: asyncio.StreamReader, headers: list[tuple[bytes, bytes]]) -> bytes:
    if "chunked" in _header(headers, b"transfer-encoding").lower():
        chunks: list[bytes] = []
        total = 0
        while True:
            size_line = await reader.readuntil(b"\r\n")
            try:
                size = int(size_line.split(b";")[0].strip(), 16)
            except ValueError:
                raise _BadRequest("malformed chunk size") from None
            if size == 0:
                while await reader.readuntil(b"\r\n") != b"\r\n":
                    pass  # trailers are ignored
                return b"".join(chunks)
            total += size
            if total > MAX_BODY:
                raise _BadRequest("body too large")
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
    length = _header(headers, b"content-length")
    if not length:
        return b""
    if not length.isdigit() or int(length) > MAX_BODY:
        raise _BadRequest("bad or too large Content-Length")
    return await reader.readexactly(int(length))


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


async def _write(
    writer: asyncio.StreamWriter,
    status: int,
    headers: list[tuple[bytes, bytes]],
    body: bytes,
    keep_alive: bool,
) -> None:
    lines = [f"HTTP/1.1 {status} {reason(status)}".encode("latin-1")]
    skip = {b"content-length", b"connection", b"transfer-encoding"}
    lines += [name + b": " + value for name, value in headers if name.lower() not in skip]
    lines.append(b"content-length: " + str(len(body)).encode())
    lines.append(b"connection: " + (b"keep-alive" if keep_alive else b"close"))
    writer.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
    await writer.drain()
