"""
The loopback server's HTTP/1.1 layer, byte by byte on real sockets: 413 for bodies over 32 MiB,
100 Continue, 431 for big heads, 400 for garbage, keep-alive, pipelining, HEAD, clients that
go away, and a stop with connections open.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from aurous_async.testing import DEFAULT_KEYS, FakeAurous, LoopbackServer
from aurous_async.testing._server import MAX_BODY

KEY = DEFAULT_KEYS["team_a"]
TIMEOUT = 20.0  # a bound against hangs, never a measured duration
MIB = 1024 * 1024


class Answer:
    """One parsed HTTP response."""

    def __init__(self, status_line: bytes, headers: dict[str, str], body: bytes) -> None:
        self.status_line = status_line
        self.status = int(status_line.split(b" ")[1])
        self.headers = headers
        self.body = body

    def error(self) -> dict[str, Any]:
        """The envelope's error object, checked against the request id header."""
        assert self.headers["content-type"] == "application/json"
        error: dict[str, Any] = json.loads(self.body)["error"]
        assert error["request_id"] == self.headers["aurous-request-id"]
        return error


async def read_answer(reader: asyncio.StreamReader, *, head: bool = False) -> Answer:
    """Read one response: the head, then Content-Length bytes (none for a HEAD request)."""
    raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)
    status_line, *lines = raw[:-4].split(b"\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    length = 0 if head else int(headers.get("content-length", "0"))
    body = await asyncio.wait_for(reader.readexactly(length), TIMEOUT)
    return Answer(status_line, headers, body)


async def read_eof(reader: asyncio.StreamReader) -> bytes:
    """Everything until the server closes the connection."""
    return await asyncio.wait_for(reader.read(), TIMEOUT)


def request(
    method: str, path: str, body: bytes = b"", *, extra: str = "", length: int | None = None
) -> bytes:
    """A request head (and *body*) for team_a; *extra* is more header lines, CRLF-ended."""
    size = len(body) if length is None else length
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {KEY}\r\n"
        f"Content-Type: application/json\r\n"
        + (f"Content-Length: {size}\r\n" if size or method == "POST" else "")
        + extra
        + "\r\n"
    )
    return head.encode("latin-1") + body


@pytest.fixture
async def server(fake: FakeAurous) -> AsyncIterator[LoopbackServer]:
    """The fake on a loopback port, stopped after the test."""
    async with fake.serve() as running:
        yield running


@pytest.fixture
async def connection(
    server: LoopbackServer,
) -> AsyncIterator[tuple[asyncio.StreamReader, asyncio.StreamWriter]]:
    """A raw TCP connection to the server."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    yield reader, writer
    writer.close()
    try:
        await writer.wait_closed()
    except OSError:
        pass  # the server may have reset a connection the test left half-sent


async def wait_for_no_connections(server: LoopbackServer) -> None:
    """Poll (bounded) until the server has forgotten every connection."""
    for _ in range(2000):
        if not server._connections:
            return
        await asyncio.sleep(0.005)
    raise AssertionError(f"{len(server._connections)} connection(s) still open")


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# -- 413 ----------------------------------------------------------------------------------


async def test_a_content_length_over_32_mib_is_413_before_100_continue(
    fake: FakeAurous, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter]
) -> None:
    """A 33 MiB Content-Length with Expect: 100-continue is answered 413 at once, then closed."""
    reader, writer = connection
    writer.write(request("POST", "/v1/images", length=33 * MIB, extra="Expect: 100-continue\r\n"))
    await writer.drain()
    answer = await read_answer(reader)
    assert answer.status_line == b"HTTP/1.1 413 Content Too Large"
    error = answer.error()
    assert error["type"] == "invalid_request"
    assert error["code"] == "request_too_large"
    assert set(error) == {"type", "code", "message", "param", "doc_url", "request_id"}
    assert error["param"] is None
    assert error["doc_url"].endswith("#request_too_large")
    assert answer.headers["connection"] == "close"
    assert await read_eof(reader) == b""
    assert fake.requests == []  # refused before the app saw it


async def test_httpx_streaming_33_mib_gets_the_413(
    fake: FakeAurous, server: LoopbackServer
) -> None:
    """httpx streaming a 33 MiB body with a Content-Length still reads the 413, not a reset."""
    chunk = b"x" * MIB

    async def body() -> AsyncIterator[bytes]:
        for _ in range(33):
            yield chunk

    async with httpx.AsyncClient(base_url=server.url, headers={"X-Api-Key": KEY}) as http:
        response = await http.post(
            "/v1/images", content=body(), headers={"Content-Length": str(33 * MIB)}
        )
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "request_too_large"
        assert (await http.get("/v1/team")).status_code == 200  # a new connection works
    assert fake.count("create_image") == 0


async def test_a_chunked_body_over_32_mib_is_413(
    fake: FakeAurous, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter]
) -> None:
    """A chunked body is refused with 413 once its running total passes 32 MiB."""
    reader, writer = connection
    writer.write(request("POST", "/v1/images", extra="Transfer-Encoding: chunked\r\n"))
    chunk = b"%x\r\n" % MIB + b"y" * MIB + b"\r\n"

    async def send() -> None:
        for _ in range(MAX_BODY // MIB + 1):
            writer.write(chunk)
            await writer.drain()
        writer.write(b"0\r\n\r\n")
        await writer.drain()

    sender = asyncio.create_task(send())
    try:
        answer = await read_answer(reader)
    finally:
        await asyncio.wait_for(sender, TIMEOUT)
    assert answer.status == 413
    assert answer.error()["code"] == "request_too_large"
    assert answer.headers["connection"] == "close"
    assert await read_eof(reader) == b""
    assert fake.requests == []


async def test_a_body_of_exactly_32_mib_is_read(
    fake: FakeAurous, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter]
) -> None:
    """The limit is inclusive: a 32 MiB body reaches the app (which rejects it as JSON)."""
    reader, writer = connection
    writer.write(request("POST", "/v1/images", b"z" * MAX_BODY))
    await writer.drain()
    answer = await read_answer(reader)
    assert answer.status == 400
    assert answer.error()["code"] == "invalid_request"
    assert fake.count("create_image") == 1


# -- 100 Continue ---------------------------------------------------------------------------


async def test_expect_100_continue_gets_100_then_the_answer(
    fake: FakeAurous, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter]
) -> None:
    """The server says 100 Continue before reading the body, then answers the request."""
    reader, writer = connection
    body = b'{"prompt": "after continue"}'
    head = request("POST", "/v1/images", body, extra="Expect: 100-continue\r\n")[: -len(body)]
    writer.write(head)
    await writer.drain()
    interim = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)
    assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
    assert fake.requests == []  # the body has not been read yet
    writer.write(body)
    await writer.drain()
    answer = await read_answer(reader)
    assert answer.status == 201
    assert json.loads(answer.body)["prompt"] == "after continue"


async def test_no_100_continue_without_expect(
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter],
) -> None:
    """Without Expect the first bytes back are the final answer."""
    reader, writer = connection
    writer.write(request("POST", "/v1/images", b'{"prompt": "x"}'))
    await writer.drain()
    assert (await read_answer(reader)).status_line == b"HTTP/1.1 201 Created"


# -- 431 and 400 ----------------------------------------------------------------------------


@pytest.mark.parametrize("kib", [65, 100, 1024])
async def test_a_head_over_64_kib_is_431(
    fake: FakeAurous, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter], kib: int
) -> None:
    """A request head over 64 KiB (100 KiB, or 1 MiB still arriving) is 431, then closed."""
    reader, writer = connection
    writer.write(request("GET", "/v1/team", extra=f"X-Big: {'a' * kib * 1024}\r\n"))
    await writer.drain()
    answer = await read_answer(reader)
    assert answer.status_line == b"HTTP/1.1 431 Request Header Fields Too Large"
    error = answer.error()
    assert (error["type"], error["code"]) == ("invalid_request", "request_headers_too_large")
    assert await read_eof(reader) == b""
    assert fake.requests == []


@pytest.mark.parametrize(
    "garbage",
    [
        b"NONSENSE\r\n\r\n",
        b"GET /v1/team HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        b"GET /v1/team HTTP/1.1\r\nNo colon here\r\n\r\n",
        b"GET /v1/t\xc3\xa9am HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /v1/team HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ],
    ids=["request-line", "content-length", "header-line", "non-ascii-target", "chunk-size"],
)
async def test_a_malformed_request_is_400(
    fake: FakeAurous,
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter],
    caplog: pytest.LogCaptureFixture,
    garbage: bytes,
) -> None:
    """Malformed bytes get a 400 invalid_request envelope and a close; nothing is logged."""
    reader, writer = connection
    writer.write(garbage)
    await writer.drain()
    answer = await read_answer(reader)
    assert answer.status == 400
    assert answer.error()["code"] == "invalid_request"
    assert answer.headers["connection"] == "close"
    assert await read_eof(reader) == b""
    assert fake.requests == []
    assert no_errors_logged(caplog) == []


async def test_non_ascii_header_bytes_reach_the_app(
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter],
) -> None:
    """Header values with non-ASCII bytes are passed on: a bad key is 401, not 400 or 500."""
    reader, writer = connection
    writer.write(b"GET /v1/team HTTP/1.1\r\nHost: x\r\nX-Api-Key: cl\xc3\xa9\r\n\r\n")
    await writer.drain()
    answer = await read_answer(reader)
    assert answer.status == 401
    assert answer.error()["code"] == "invalid_api_key"


# -- keep-alive, pipelining, HEAD, Connection: close ---------------------------------------


async def test_keep_alive_serves_two_requests_on_one_connection(
    fake: FakeAurous,
    server: LoopbackServer,
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter],
) -> None:
    """Two requests, one after the other, share one connection."""
    reader, writer = connection
    ids = []
    for _ in range(2):
        writer.write(request("GET", "/v1/team"))
        await writer.drain()
        answer = await read_answer(reader)
        assert (answer.status, answer.headers["connection"]) == (200, "keep-alive")
        ids.append(answer.headers["aurous-request-id"])
    assert len(set(ids)) == 2
    assert fake.count("get_team") == 2
    assert len(server._connections) == 1


async def test_pipelined_and_partial_writes_are_answered_in_order(
    fake: FakeAurous, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter]
) -> None:
    """Two requests in one write, then one dribbled in small pieces, get three answers in order."""
    reader, writer = connection
    writer.write(request("GET", "/v1/team") + request("POST", "/v1/images", b'{"prompt": "p"}'))
    await writer.drain()
    third = request("POST", "/v1/images", b'{"prompt": "dribbled"}')
    for start in range(0, len(third), 7):
        writer.write(third[start : start + 7])
        await writer.drain()
        await asyncio.sleep(0)
    answers = [await read_answer(reader) for _ in range(3)]
    assert [a.status for a in answers] == [200, 201, 201]
    assert json.loads(answers[0].body)["id"] == "team_a"
    assert [json.loads(a.body)["prompt"] for a in answers[1:]] == ["p", "dribbled"]
    assert [r.operation for r in fake.requests] == ["get_team", "create_image", "create_image"]


async def test_head_states_the_length_and_sends_no_body(
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter],
) -> None:
    """A HEAD answer has a Content-Length but no body: the next answer on the socket is intact."""
    reader, writer = connection
    writer.write(request("HEAD", "/v1/team"))
    await writer.drain()
    head = await read_answer(reader, head=True)
    assert int(head.headers["content-length"]) > 0
    assert head.body == b""
    writer.write(request("GET", "/v1/team"))
    await writer.drain()
    after = await read_answer(reader)
    assert (after.status, json.loads(after.body)["id"]) == (200, "team_a")


async def test_connection_close_is_honoured(
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter],
) -> None:
    """A request with Connection: close is answered with Connection: close, then EOF."""
    reader, writer = connection
    writer.write(request("GET", "/v1/team", extra="Connection: close\r\n"))
    await writer.drain()
    answer = await read_answer(reader)
    assert (answer.status, answer.headers["connection"]) == (200, "close")
    assert await read_eof(reader) == b""


async def test_http_1_0_is_answered_and_closed(
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter],
) -> None:
    """An HTTP/1.0 request is answered, then the connection closes."""
    reader, writer = connection
    writer.write(f"GET /v1/team HTTP/1.0\r\nX-Api-Key: {KEY}\r\n\r\n".encode())
    await writer.drain()
    answer = await read_answer(reader)
    assert (answer.status, answer.headers["connection"]) == (200, "close")
    assert await read_eof(reader) == b""


async def test_a_dropped_connection_fault_closes_without_a_byte(
    fake: FakeAurous, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter]
) -> None:
    """With a drop fault the server closes the socket and writes nothing."""
    reader, writer = connection
    fake.inject("get_team", drop=True)
    writer.write(request("GET", "/v1/team"))
    await writer.drain()
    assert await read_eof(reader) == b""
    assert fake.count("get_team") == 1


# -- clients that go away, and stop ---------------------------------------------------------


async def test_a_client_that_disconnects_mid_body_is_forgotten_quietly(
    fake: FakeAurous, server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A client closing halfway through its body leaves no connection, no request, no log."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(request("POST", "/v1/images", b'{"prompt": ', length=1000))
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    await wait_for_no_connections(server)
    assert fake.requests == []
    assert no_errors_logged(caplog) == []
    async with httpx.AsyncClient(base_url=server.url, headers={"X-Api-Key": KEY}) as http:
        assert (await http.get("/v1/team")).status_code == 200


async def test_a_client_that_resets_mid_head_is_forgotten_quietly(
    server: LoopbackServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A client that aborts its socket halfway through a head leaves nothing logged."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(b"GET /v1/team HTTP/1.1\r\nHost: x\r\nX-Api-")
    await writer.drain()
    writer.transport.abort()
    await wait_for_no_connections(server)
    assert no_errors_logged(caplog) == []


async def test_stop_while_connections_are_open(
    fake: FakeAurous, caplog: pytest.LogCaptureFixture
) -> None:
    """aclose ends an idle keep-alive connection and a half-sent one, and waits for both."""
    server = fake.serve()
    await server.start()
    try:
        idle_reader, idle_writer = await asyncio.open_connection("127.0.0.1", server.port)
        idle_writer.write(request("GET", "/v1/team"))
        await idle_writer.drain()
        assert (await read_answer(idle_reader)).status == 200
        half_reader, half_writer = await asyncio.open_connection("127.0.0.1", server.port)
        half_writer.write(request("POST", "/v1/images", b"{", length=100))
        await half_writer.drain()
        for _ in range(2000):  # bounded: until the server has accepted both
            if len(server._connections) == 2:
                break
            await asyncio.sleep(0.005)
        assert len(server._connections) == 2
        await asyncio.wait_for(server.aclose(), TIMEOUT)
        assert server._connections == set()
        assert await read_eof(idle_reader) == b""
        assert await read_eof(half_reader) == b""
        for writer in (idle_writer, half_writer):
            writer.close()
    finally:
        await server.aclose()
    assert no_errors_logged(caplog) == []
