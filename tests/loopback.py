"""
A scriptable HTTP/1.1 server on 127.0.0.1 for tests whose behaviour lives in the network.

Each request is handed to ``handler(request) -> Action``; the action can answer, stall, or
reset the connection before or after the handler's side effects, and misbehave inside the
body the way broken proxies and networks do: cut it short, stall it, or drip it. The server
runs on the test's own event loop, binds an ephemeral port, and closes every connection
when it stops.
"""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import struct
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class Action:
    """What the server does with one request."""

    status: int = 200
    body: bytes | dict[str, Any] | list[Any] = b""
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0  # seconds to wait before answering (or before resetting)
    reset: bool = False  # abort the TCP connection (RST) instead of answering
    truncate: int | None = None  # send only this many body bytes, then close the connection
    body_stall: float = 0.0  # after the head (and `truncate` bytes if set), wait this long
    drip: float = 0.0  # send the body one byte at a time, this many seconds apart


Handler = Callable[[Request], Awaitable[Action] | Action]


def _abort(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        # Linger 0 turns close() into a TCP reset, as a crashed proxy would.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class LoopbackServer:
    def __init__(self, handler: Handler, tls: ssl.SSLContext | None = None) -> None:
        self.handler = handler
        self.tls = tls
        self.requests: list[Request] = []
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._streams: dict[asyncio.StreamReader, asyncio.StreamWriter] = {}
        self.port = 0
        self.connections = 0  # accepted so far

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._serve, "127.0.0.1", 0, backlog=1024, ssl=self.tls
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        await self._server.wait_closed()

    @property
    def open_connections(self) -> int:
        """Connections the client has not closed (no EOF or reset seen from its side)."""
        return sum(
            1
            for reader, writer in self._streams.items()
            if not (reader.at_eof() or writer.transport.is_closing())
        )

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        self._streams[reader] = writer
        self.connections += 1
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    return
                self.requests.append(request)
                action = self.handler(request)
                if not isinstance(action, Action):
                    action = await action
                if action.stall:
                    await asyncio.sleep(action.stall)
                if action.reset:
                    _abort(writer)
                    return
                if not await _send(writer, action):
                    return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            # Cancelled when the server stops: end quietly (3.11's stream callback would log it).
            return
        finally:
            self._writers.discard(writer)
            self._streams.pop(reader, None)
            writer.close()


async def _read_request(reader: asyncio.StreamReader) -> Request | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = await reader.readexactly(length) if length else b""
    return Request(method, target, headers, body)


async def _send(writer: asyncio.StreamWriter, action: Action) -> bool:
    """Write the answer as *action* says; False when the connection must end after it."""
    head, body = _render(action)
    if action.truncate is None and not action.body_stall and not action.drip:
        writer.write(head + body)
        await writer.drain()
        return True
    writer.write(head)
    sent = body if action.truncate is None else body[: action.truncate]
    if action.drip:
        for index in range(len(sent)):
            writer.write(sent[index : index + 1])
            await writer.drain()
            await asyncio.sleep(action.drip)
    else:
        if action.body_stall and action.truncate is None:
            writer.write(sent[:1])
            sent = sent[1:]
            await writer.drain()
            await asyncio.sleep(action.body_stall)
        writer.write(sent)
        await writer.drain()
    if action.truncate is not None:
        if action.body_stall:
            await asyncio.sleep(action.body_stall)
        return False  # the body ends early: closing is the only honest end
    return True


def _render(action: Action) -> tuple[bytes, bytes]:
    body = action.body
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
        action.headers.setdefault("Content-Type", "application/json")
    lines = [f"HTTP/1.1 {action.status} X"]
    lines += [f"{name}: {value}" for name, value in action.headers.items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), body


@asynccontextmanager
async def serve(
    handler: Handler, tls: ssl.SSLContext | None = None
) -> AsyncIterator[LoopbackServer]:
    """Run a `LoopbackServer` (over TLS with *tls*) for the duration of the block."""
    server = LoopbackServer(handler, tls)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
