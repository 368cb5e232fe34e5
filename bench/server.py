"""
Loopback HTTP/1.1 server for the benchmarks: the documented character payloads, fast.

Run as its own process; it binds 127.0.0.1 on an ephemeral port, prints
``PORT <n> LOOP <asyncio|uvloop>`` as its first line of stdout, then serves until stdin
closes (so it never outlives the harness) or it gets SIGTERM/SIGINT.

Routes (everything keep-alive HTTP/1.1, ``Content-Length`` framing):

- ``GET /v1/characters/{id}``: 200 with a `Character` (openapi.yaml) for that id.
- ``DELETE /v1/characters/{id}``: 200 ``{"id", "object": "character", "deleted": true}``.
- ``GET /_bench/stats``: counters since the last reset (not rate limited).
- ``POST /_bench/reset``: zero the counters and refill every bucket.

Every API answer carries ``Aurous-Request-Id`` and ``Aurous-Version``.

With ``--limit-rate R --limit-burst B`` each team (one team per ``X-Api-Key``) gets a token
bucket of capacity B refilled at R tokens per second, drawn from by the methods in
``--limit-methods`` (default: the ``characters_post`` bucket's methods DELETE, POST and
PATCH). An empty bucket answers 429 with the documented ``ErrorResponse`` body,
``Retry-After`` (whole seconds, rounded up, at least 1, as real servers send) and
``X-RateLimit-Limit`` / ``-Remaining`` / ``-Reset`` (epoch second when the bucket is full).

The server is a bare `asyncio.Protocol`: no per-request objects beyond a few bytes slices,
responses assembled from pre-encoded pieces, so one core serves well over 10k requests/s and
the client under test, not the server, is the bottleneck.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import json
import math
import signal
import sys
import time
from pathlib import Path


def _generated_api_version() -> str:
    """
    Read ``API_VERSION`` from the generated package's source (openapi.yaml ``info.version``).

    Parsed, not imported: importing would load the whole SDK into the server process, and the
    file next to this one is the truth even when another checkout is installed.
    """
    init = Path(__file__).resolve().parent.parent / "aurous_async" / "_generated" / "__init__.py"
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [
            "API_VERSION"
        ]:
            return str(ast.literal_eval(node.value))
    raise RuntimeError(f"no API_VERSION in {init}")


API_VERSION = _generated_api_version()
CHARACTERS = b"/v1/characters/"

_CHARACTER_HEAD = b'{"id":"'
_CHARACTER_TAIL = json.dumps(
    {
        "object": "character",
        "name": "Mira",
        "status": "ready",
        "refs": [
            {"pose": "portrait", "url": "https://cdn.aurous-labs.com/r/portrait.png?sig=abc123"},
            {"pose": "front", "url": "https://cdn.aurous-labs.com/r/front.png?sig=abc123"},
            {"pose": "side", "url": "https://cdn.aurous-labs.com/r/side.png?sig=abc123"},
            {"pose": "back", "url": "https://cdn.aurous-labs.com/r/back.png?sig=abc123"},
        ],
        "attributes": {
            "gender": "female",
            "age": 28,
            "hair_color": "black",
            "eye_color": "brown",
            "additional_details": "small scar above right eyebrow; warm smile",
        },
        "error_message": None,
        "aurous_version": API_VERSION,
        "client_reference_id": None,
        "created_at": "2026-05-20T10:00:00Z",
        "updated_at": "2026-05-20T10:01:30Z",
    },
    separators=(",", ":"),
).encode()
# The dict above serialises as {"object": ...}; splice the id in front of its first key.
_CHARACTER_TAIL = b'",' + _CHARACTER_TAIL[1:]
_DELETED_TAIL = b'","object":"character","deleted":true}'
_NOT_FOUND = b'{"error":{"type":"not_found","code":"resource_not_found","message":"no such route"}}'
_RATE_LIMITED = (
    b'{"error":{"type":"rate_limit","code":"rate_limit_exceeded",'
    b'"message":"Too many requests; retry after the Retry-After delay."}}'
)

_REASONS = {200: b"OK", 404: b"Not Found", 405: b"Method Not Allowed", 429: b"Too Many Requests"}
_COMMON = b"content-type: application/json\r\naurous-version: " + API_VERSION.encode() + b"\r\n"


class Bucket:
    """A continuously refilled token bucket (capacity *burst*, *rate* tokens per second)."""

    __slots__ = ("rate", "burst", "tokens", "updated")

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.updated = time.monotonic()

    def take(self) -> float:
        """Take one token; return 0 on success, else the seconds until one is available."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate

    def seconds_to_full(self) -> float:
        return (self.burst - self.tokens) / self.rate


class State:
    """Configuration, per-team buckets and counters shared by every connection."""

    def __init__(self, rate: float | None, burst: int, methods: frozenset[bytes]) -> None:
        self.rate = rate
        self.burst = burst
        self.methods = methods
        self.buckets: dict[bytes, Bucket] = {}
        self.next_id = 0
        self.reset()

    def reset(self) -> None:
        self.buckets.clear()
        self.counts: dict[int, int] = {}
        self.requests = 0
        self.first: float | None = None
        self.last: float | None = None
        self.connections_opened = 0

    def request_id(self) -> bytes:
        self.next_id += 1
        return b"req_%012d" % self.next_id


class HTTPProtocol(asyncio.Protocol):
    """One keep-alive connection; parses pipelined requests from a byte buffer."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # Duck-typed: uvloop's TCPTransport has write() and close() but does not derive
        # from asyncio.Transport.
        self.transport = transport  # type: ignore[assignment]
        self.state.connections_opened += 1

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer + data if self.buffer else data
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buffer[:end]
            length = 0
            lowered = head.lower()
            at = lowered.find(b"\r\ncontent-length:")
            if at >= 0:
                line_end = lowered.find(b"\r\n", at + 2)
                length = int(lowered[at + 17 : line_end if line_end >= 0 else None])
            if len(buffer) < end + 4 + length:
                break
            buffer = buffer[end + 4 + length :]
            self.handle(head, lowered)
        self.buffer = buffer

    def handle(self, head: bytes, lowered: bytes) -> None:
        state = self.state
        line_end = head.find(b"\r\n")
        method, target, _ = head[: line_end if line_end >= 0 else None].split(b" ", 2)
        path = target.split(b"?", 1)[0]
        keep_alive = b"\r\nconnection: close" not in lowered
        if path.startswith(b"/_bench/"):
            self.bench_route(method, path, keep_alive)
            return

        now = time.monotonic()
        state.requests += 1
        if state.first is None:
            state.first = now
        state.last = now
        extra = b""
        if not path.startswith(CHARACTERS) or b"/" in path[len(CHARACTERS) :]:
            status, body = 404, _NOT_FOUND
        elif method not in (b"GET", b"DELETE"):
            status, body = 405, _NOT_FOUND
        else:
            status, body, extra = self.api_route(method, path[len(CHARACTERS) :], lowered)
        state.counts[status] = state.counts.get(status, 0) + 1
        self.send(
            status, body, keep_alive, b"aurous-request-id: %s\r\n%s" % (state.request_id(), extra)
        )

    def api_route(self, method: bytes, cid: bytes, lowered: bytes) -> tuple[int, bytes, bytes]:
        state = self.state
        if state.rate is not None and method in state.methods:
            at = lowered.find(b"\r\nx-api-key:")
            team = lowered[at + 12 : lowered.find(b"\r\n", at + 2)].strip() if at >= 0 else b""
            bucket = state.buckets.get(team)
            if bucket is None:
                bucket = state.buckets[team] = Bucket(state.rate, state.burst)
            wait = bucket.take()
            limit_headers = (
                b"x-ratelimit-limit: %d\r\nx-ratelimit-remaining: %d\r\n"
                b"x-ratelimit-reset: %d\r\n"
                % (
                    state.burst,
                    int(bucket.tokens),
                    math.ceil(time.time() + bucket.seconds_to_full()),
                )
            )
            if wait > 0:
                retry_after = b"retry-after: %d\r\n" % max(1, math.ceil(wait))
                return 429, _RATE_LIMITED, limit_headers + retry_after
        else:
            limit_headers = b""
        if method == b"GET":
            return 200, _CHARACTER_HEAD + cid + _CHARACTER_TAIL, limit_headers
        return 200, _CHARACTER_HEAD + cid + _DELETED_TAIL, limit_headers

    def bench_route(self, method: bytes, path: bytes, keep_alive: bool) -> None:
        state = self.state
        if path == b"/_bench/stats" and method == b"GET":
            elapsed = (
                state.last - state.first
                if state.first is not None and state.last is not None
                else 0.0
            )
            stats = {
                "requests": state.requests,
                "by_status": state.counts,
                "elapsed": elapsed,
                "connections_opened": state.connections_opened,
            }
            self.send(200, json.dumps(stats).encode(), keep_alive, b"")
        elif path == b"/_bench/reset" and method == b"POST":
            state.reset()
            self.send(200, b"{}", keep_alive, b"")
        else:
            self.send(404, _NOT_FOUND, keep_alive, b"")

    def send(self, status: int, body: bytes, keep_alive: bool, headers: bytes) -> None:
        """Write one answer; *headers* is zero or more ``name: value\\r\\n`` lines."""
        assert self.transport is not None
        self.transport.write(
            b"HTTP/1.1 %d %s\r\n%s%scontent-length: %d\r\n%s\r\n%s"
            % (
                status,
                _REASONS.get(status, b"Unknown"),
                _COMMON,
                headers,
                len(body),
                b"" if keep_alive else b"connection: close\r\n",
                body,
            )
        )
        if not keep_alive:
            self.transport.close()


async def serve(args: argparse.Namespace) -> None:
    loop = asyncio.get_running_loop()
    methods = frozenset(m.strip().upper().encode() for m in args.limit_methods.split(","))
    state = State(args.limit_rate, args.limit_burst, methods)
    server = await loop.create_server(
        lambda: HTTPProtocol(state), "127.0.0.1", args.port, backlog=4096, reuse_address=True
    )
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port} LOOP {type(loop).__module__.split('.')[0]}", flush=True)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    # End when the parent goes away: its end of our stdin pipe closes.
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)

    async def watch_stdin() -> None:
        while await reader.read(4096):
            pass
        stop.set()

    watcher = asyncio.create_task(watch_stdin())
    async with server:
        await stop.wait()
    watcher.cancel()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--port", type=int, default=0, help="0 (default): an ephemeral port")
    parser.add_argument("--limit-rate", type=float, default=None, help="tokens per second")
    parser.add_argument("--limit-burst", type=int, default=60, help="bucket capacity")
    parser.add_argument("--limit-methods", default="DELETE,POST,PATCH")
    args = parser.parse_args()
    try:
        import uvloop  # optional: a dev/bench dependency, never a runtime one
    except ImportError:
        asyncio.run(serve(args))
    else:
        uvloop.run(serve(args))


if __name__ == "__main__":
    main()
