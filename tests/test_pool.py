"""
The httpx backend's connection pool (`_pool.FastConnectionPool`): reuse, keep-alive, origins.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from aurous_async import AsyncAurous
from aurous_async._pool import FastConnectionPool

from .conftest import API_KEY
from .loopback import Action, Request, serve

pytestmark = pytest.mark.usefixtures("clean_environ")


def _deleted(cid: str) -> dict[str, object]:
    return {"id": cid, "object": "character", "deleted": True}


def _answer(request: Request) -> Action:
    return Action(body=_deleted(request.path.rsplit("/", 1)[1]))


async def test_default_backend_runs_on_the_linear_pool() -> None:
    """The default backend's pool is the SDK's pool, and calls over it succeed."""
    async with serve(_answer) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            result = await client.delete_character("char_1")
            pool = client._shared.transport.inner._pool  # type: ignore[attr-defined]
    assert result.id == "char_1"
    assert type(pool) is FastConnectionPool


async def test_idle_connection_is_kept_while_more_than_the_keepalive_count_are_busy() -> None:
    """With 9 connections busy and keep-alive 5, the one idle connection is reused."""
    release = asyncio.Event()

    async def handler(request: Request) -> Action:
        if "slow" in request.path:
            await release.wait()
        return _answer(request)

    limits = httpx.Limits(max_connections=50, max_keepalive_connections=5)
    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY,
            base_url=server.url,
            connection_limits=limits,
            max_concurrency=20,
            timeout=5.0,
        ) as client:
            slow = [asyncio.create_task(client.delete_character(f"slow_{i}")) for i in range(9)]
            for _ in range(200):
                if len(server.requests) == 9:
                    break
                await asyncio.sleep(0.01)
            assert (await client.delete_character("fast_1")).id == "fast_1"
            assert (await client.delete_character("fast_2")).id == "fast_2"
            release.set()
            assert [r.id for r in await asyncio.gather(*slow)] == [f"slow_{i}" for i in range(9)]
    # httpcore's own pool closes the idle connection (it counts all 10, not the idle one).
    assert server.connections == 10


async def test_connection_closed_by_the_server_while_idle_is_not_reused() -> None:
    """An idle connection the server closed is dropped; the next call succeeds unretried."""
    async with serve(_answer) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            await client.delete_character("char_1")
            for writer in list(server._writers):
                writer.close()
            for _ in range(50):
                if not server._writers:
                    break
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.05)  # the FIN reaches the client's socket
            result = await client.delete_character("char_2")
    assert result.id == "char_2"
    assert [r.path for r in server.requests] == ["/v1/characters/char_1", "/v1/characters/char_2"]
    assert server.connections == 2


async def test_queued_calls_share_one_connection_in_arrival_order() -> None:
    """With one connection, 30 concurrent calls are sent one after another, in order."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with serve(_answer) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, connection_limits=limits, max_concurrency=30
        ) as client:
            results = await asyncio.gather(
                *(client.delete_character(f"char_{i}") for i in range(30))
            )
    assert [r.id for r in results] == [f"char_{i}" for i in range(30)]
    assert [r.path for r in server.requests] == [f"/v1/characters/char_{i}" for i in range(30)]
    assert server.connections == 1


async def test_full_pool_gives_an_idle_connection_up_for_another_origin() -> None:
    """With one connection allowed, a redirect to another origin replaces the idle one."""
    async with serve(_answer) as elsewhere:

        def origin(request: Request) -> Action:
            return Action(status=308, headers={"Location": f"{elsewhere.url}/v1/x/char_9"})

        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with serve(origin) as server:
            async with AsyncAurous(
                api_key=API_KEY, base_url=server.url, connection_limits=limits
            ) as client:
                first = await client.delete_character("char_0")
                second = await client.delete_character("char_1")
    assert (first.id, second.id) == ("char_9", "char_9")
    assert len(server.requests) == 2 and len(elsewhere.requests) == 2
    # One connection at a time: each hop closed the other origin's idle connection.
    assert server.connections == 2 and elsewhere.connections == 2


async def test_idle_connections_past_their_keepalive_expiry_are_closed() -> None:
    """Idle connections older than keepalive_expiry are closed, not reused, on later calls."""
    release = asyncio.Event()

    async def handler(request: Request) -> Action:
        if "slow" in request.path:
            await release.wait()
        return _answer(request)

    limits = httpx.Limits(max_connections=10, max_keepalive_connections=10, keepalive_expiry=0.1)
    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, connection_limits=limits, timeout=5.0
        ) as client:
            slow = [asyncio.create_task(client.delete_character(f"slow_{i}")) for i in range(3)]
            for _ in range(200):
                if len(server.requests) == 3:
                    break
                await asyncio.sleep(0.01)
            release.set()
            await asyncio.gather(*slow)
            await asyncio.sleep(0.3)  # all three idle connections expire
            for i in range(3):
                assert (await client.delete_character(f"char_{i}")).id == f"char_{i}"
            for _ in range(50):
                if server.open_connections == 1:
                    break
                await asyncio.sleep(0.01)
            assert server.open_connections == 1
    assert server.connections == 4
