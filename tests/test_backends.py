"""
The HTTP backends (httpx's pool and the optional aiohttp one): selection, and the same
semantics on real loopback sockets: errors, timeouts, no hidden retry, uploads, downloads,
limits and close.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import socket
import subprocess
import sys
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from aurous_async import (
    APIConnectionError,
    APITimeoutError,
    AsyncAurous,
    AurousError,
    ClientClosedError,
    InvalidArgumentError,
)
from aurous_async._aiohttp import AiohttpTransport

from .conftest import API_KEY, instant
from .loopback import Action, Request, serve
from .payloads import CHAR_ID, character_json

VID_ID = "vid_01HXMQ7Z3K8Y2ABCDEFGHJKN"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04\x00\x00\x00\x04\x00" + bytes(range(256))


def _file_json() -> dict[str, object]:
    return {
        "id": "file_01HXMQ7Z3K8Y2NABCDEFGHJKMN",
        "object": "file",
        "purpose": "reference",
        "mime_type": "image/png",
        "size_bytes": len(PNG),
        "width_px": 1024,
        "height_px": 1024,
        "url": "https://storage.aurous-labs.com/files/f.png",
        "expires_at": "2026-05-16T10:00:00Z",
        "created_at": "2026-05-15T10:00:00Z",
        "metadata": {},
    }


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@asynccontextmanager
async def _silent_server() -> AsyncIterator[int]:
    """A server that accepts connections and never reads nor answers."""
    held: list[asyncio.StreamWriter] = []

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        for writer in held:
            writer.transport.abort()
        await server.wait_closed()


# ------------------------------------------------------------------------ selection


def test_importing_the_sdk_does_not_import_aiohttp() -> None:
    """`import aurous_async` and a default client leave aiohttp unimported."""
    code = (
        "import sys, aurous_async\n"
        "aurous_async.AsyncAurous(api_key='al_live_x')\n"
        "print('aiohttp' in sys.modules, 'yarl' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["False", "False"]


def test_aiohttp_backend_without_the_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without aiohttp installed, choosing it raises an AurousError naming the extra."""
    monkeypatch.setitem(sys.modules, "aiohttp", None)
    monkeypatch.delitem(sys.modules, "aurous_async._aiohttp")
    with pytest.raises(AurousError, match=r'pip install "aurous-async\[aiohttp\]"'):
        AsyncAurous(api_key=API_KEY, http_backend="aiohttp")


def test_http_client_and_http_backend_together_raise_type_error() -> None:
    """http_client= already is the backend: passing both is a TypeError."""
    with pytest.raises(TypeError, match="http_backend"):
        AsyncAurous(api_key=API_KEY, http_client=httpx.AsyncClient(), http_backend="aiohttp")


@pytest.mark.parametrize("bad", ["curl", "", 3])
def test_unknown_backend_is_an_invalid_argument(bad: object) -> None:
    """A backend name other than httpx or aiohttp raises InvalidArgumentError."""
    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(api_key=API_KEY, http_backend=bad)  # type: ignore[arg-type]
    assert caught.value.argument == "http_backend"


def test_unknown_backend_in_the_environment_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """AUROUS_HTTP_BACKEND=curl raises InvalidArgumentError naming the variable."""
    monkeypatch.setenv("AUROUS_HTTP_BACKEND", "curl")
    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(api_key=API_KEY)
    assert caught.value.argument == "AUROUS_HTTP_BACKEND"


async def test_environment_picks_the_backend_and_http_client_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """AUROUS_HTTP_BACKEND=aiohttp selects aiohttp; an explicit http_client= still wins."""
    monkeypatch.setenv("AUROUS_HTTP_BACKEND", "aiohttp")
    async with serve(lambda _request: Action(body=character_json())) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            await client.get_character(CHAR_ID)
            assert isinstance(client._shared.transport.inner, AiohttpTransport)
        async with httpx.AsyncClient() as own:
            async with AsyncAurous(api_key=API_KEY, base_url=server.url, http_client=own) as c:
                await c.get_character(CHAR_ID)
                assert not isinstance(c._shared.transport.inner, AiohttpTransport)
    assert len(server.requests) == 2


async def test_connection_limits_and_trust_env_reach_the_aiohttp_connector() -> None:
    """connection_limits bound aiohttp's connections; trust_env=False reaches the backend."""
    limits = httpx.Limits(max_connections=3, max_keepalive_connections=2, keepalive_expiry=7)
    async with serve(lambda _request: Action(body=character_json())) as server:
        async with AsyncAurous(
            api_key=API_KEY,
            base_url=server.url,
            http_backend="aiohttp",
            connection_limits=limits,
            trust_env=False,
        ) as client:
            await asyncio.gather(*(client.get_character(CHAR_ID) for _ in range(20)))
            inner = client._shared.transport.inner
            assert isinstance(inner, AiohttpTransport) and inner.limit == 3
            assert inner._trust_env is False and inner._session is not None
            assert inner._session.connector._keepalive_timeout == 7  # type: ignore[union-attr]
            assert client._shared.transport._gate.limit == 2  # type: ignore[union-attr]
    assert len(server.requests) == 20 and server.connections <= 3


@pytest.mark.parametrize("trust_env", [True, False])
async def test_aiohttp_backend_uses_the_proxy_from_the_environment_unless_told_not_to(
    trust_env: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY routes aiohttp-backend calls through the proxy; trust_env=False ignores it."""
    async with serve(lambda _request: Action(body=character_json())) as proxy:
        async with serve(lambda _request: Action(body=character_json())) as server:
            monkeypatch.setenv("HTTP_PROXY", proxy.url)
            monkeypatch.delenv("NO_PROXY", raising=False)
            monkeypatch.delenv("no_proxy", raising=False)
            async with AsyncAurous(
                api_key=API_KEY, base_url=server.url, http_backend="aiohttp", trust_env=trust_env
            ) as client:
                await client.get_character(CHAR_ID)
                await client.get_character(CHAR_ID)
    via_proxy = [r.path for r in proxy.requests]
    if trust_env:
        assert via_proxy == [f"{server.url}/v1/characters/{CHAR_ID}"] * 2
        assert not server.requests
    else:
        assert not via_proxy and len(server.requests) == 2


# ------------------------------------------------------------------------ semantics


@pytest.mark.usefixtures("backend")
async def test_dropped_kept_alive_connection_is_sent_once_with_no_retries() -> None:
    """With max_retries=0 a GET on a kept-alive connection the server drops is sent once."""

    def handler(request: Request) -> Action:
        if len(server.requests) == 1:
            return Action(body=character_json())
        return Action(reset=True)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            await client.get_character(CHAR_ID)
            with pytest.raises(APIConnectionError) as caught:
                await client.delete_character(CHAR_ID)
    assert [r.method for r in server.requests] == ["GET", "DELETE"]
    assert server.connections == 1
    assert isinstance(caught.value.__cause__, httpx.ReadError | httpx.RemoteProtocolError)


@pytest.mark.usefixtures("backend")
async def test_connect_refused_is_not_sent_and_a_keyless_post_is_retried() -> None:
    """A refused connection maps to httpx.ConnectError: even a keyless POST is retried."""
    async with AsyncAurous(
        api_key=API_KEY, base_url=f"http://127.0.0.1:{_closed_port()}", max_retries=2
    ) as client:
        sleeps = instant(client)
        with pytest.raises(APIConnectionError) as caught:
            await client.save_character(CHAR_ID)
    assert type(caught.value.__cause__) is httpx.ConnectError
    assert len(sleeps.waits) == 2


@pytest.mark.usefixtures("backend")
async def test_reset_after_sending_is_ambiguous_and_a_keyless_post_is_not_replayed() -> None:
    """A reset once the POST arrived maps to a read error: the keyless POST is sent once."""
    async with serve(lambda _request: Action(reset=True)) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_retries=3) as client:
            instant(client)
            with pytest.raises(APIConnectionError) as caught:
                await client.save_character(CHAR_ID)
    assert isinstance(caught.value.__cause__, httpx.ReadError | httpx.RemoteProtocolError)
    assert len(server.requests) == 1


@pytest.mark.usefixtures("backend")
async def test_read_timeout_is_a_read_timeout() -> None:
    """A head that never comes within the read timeout is httpx.ReadTimeout underneath."""
    async with serve(lambda _request: Action(stall=2.0, body=character_json())) as server:
        async with AsyncAurous(
            api_key=API_KEY,
            base_url=server.url,
            max_retries=0,
            timeout=httpx.Timeout(5.0, read=0.2),
        ) as client:
            with pytest.raises(APITimeoutError) as caught:
                await client.get_character(CHAR_ID)
    assert type(caught.value.__cause__) is httpx.ReadTimeout


@pytest.mark.usefixtures("backend")
async def test_pool_timeout_is_a_pool_timeout_and_nothing_is_sent() -> None:
    """With one connection busy, a second call waiting past the pool timeout sends nothing."""
    async with serve(lambda _request: Action(stall=1.5, body=character_json())) as server:
        async with AsyncAurous(
            api_key=API_KEY,
            base_url=server.url,
            max_retries=0,
            connection_limits=httpx.Limits(max_connections=1),
            max_concurrency=2,
            timeout=httpx.Timeout(5.0, pool=0.2),
        ) as client:
            first = asyncio.create_task(client.get_character(CHAR_ID))
            while not server.requests:
                await asyncio.sleep(0.01)
            with pytest.raises(APITimeoutError) as caught:
                await client.get_character(CHAR_ID)
            await first
    assert type(caught.value.__cause__) is httpx.PoolTimeout
    assert len(server.requests) == 1


@pytest.mark.usefixtures("backend")
async def test_write_timeout_is_a_write_timeout() -> None:
    """A large upload the server never reads ends in httpx.WriteTimeout underneath."""
    big = PNG + bytes(48 * 1024 * 1024)
    async with _silent_server() as port:
        async with AsyncAurous(
            api_key=API_KEY,
            base_url=f"http://127.0.0.1:{port}",
            max_retries=0,
            timeout=httpx.Timeout(10.0, write=0.3),
        ) as client:
            with pytest.raises(APITimeoutError) as caught:
                await client.upload_file(big, purpose="reference", filename="big.png")
    assert type(caught.value.__cause__) is httpx.WriteTimeout


@pytest.mark.usefixtures("backend")
async def test_upload_is_sent_whole_again_on_retry() -> None:
    """A multipart upload answered 503 is retried with the same bytes and key."""

    def handler(request: Request) -> Action:
        if len(server.requests) == 1:
            return Action(status=503, body={"error": {"code": "internal_error", "message": "x"}})
        return Action(status=201, body=_file_json())

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            instant(client)
            uploaded = await client.upload_file(PNG, purpose="reference", filename="f.png")
    first, second = server.requests
    assert uploaded.id == "file_01HXMQ7Z3K8Y2NABCDEFGHJKMN"
    assert first.body == second.body and PNG in first.body
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert int(first.headers["content-length"]) == len(first.body)


@pytest.mark.usefixtures("backend")
async def test_download_streams_to_disk(tmp_path: Path) -> None:
    """A 4 MiB video saved through the SDK arrives whole, byte for byte."""
    video = bytes(range(256)) * (16 * 1024)
    headers = {"Content-Type": "video/mp4"}
    async with serve(lambda _request: Action(body=video, headers=headers)) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            target = tmp_path / "v.mp4"
            await client.save_video_output(VID_ID, target)
            async with client.stream_video_output(VID_ID) as response:
                chunks = [chunk async for chunk in response.aiter_bytes()]
    assert hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(video).digest()
    assert b"".join(chunks) == video and len(chunks) > 1


async def test_close_while_in_flight_ends_calls_and_leaves_nothing_open(backend: str) -> None:
    """aclose() during 50 stalled calls ends them with ClientClosedError, closes the pool."""
    async with serve(lambda _request: Action(stall=5.0, body=character_json())) as server:
        client = AsyncAurous(api_key=API_KEY, base_url=server.url)
        tasks = [asyncio.create_task(client.get_character(CHAR_ID)) for _ in range(50)]
        while len(server.requests) < 50:
            await asyncio.sleep(0.01)
        inner = client._shared.transport.inner
        session = getattr(inner, "_session", None)
        await client.aclose()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        assert all(isinstance(result, ClientClosedError) for result in results)
        if backend == "aiohttp":
            assert isinstance(inner, AiohttpTransport) and inner._session is None
            assert session is not None and session.closed and session.connector is None
        else:
            assert not inner._pool.connections  # type: ignore[attr-defined]
        with pytest.raises(ClientClosedError):
            await client.get_character(CHAR_ID)
    assert len(server.requests) == 50
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del client, inner, session
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]
