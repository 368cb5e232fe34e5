"""
The fake on loopback: the asyncio HTTP/1.1 server in process, and ``python -m
aurous_async.testing`` as a subprocess (port 0, signals, --frozen-clock, -- COMMAND).
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import AsyncIterator

import httpx
import pytest

from aurous_async import AsyncAurous
from aurous_async.testing import DEFAULT_KEYS, FakeAurous, LoopbackServer

KEY = DEFAULT_KEYS["team_a"]
TIMEOUT = 20.0


async def test_the_facade_works_over_real_sockets(fake: FakeAurous) -> None:
    """A client on the loopback URL runs a character flow; ids match the fake's state."""
    async with fake.serve() as server:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.url)
        async with AsyncAurous(api_key=KEY, base_url=server.url) as client:
            created = await client.create_character(name="Mia", generate=True, attributes={})
            assert (await client.get_character(created.id)).status == "reviewing"
            assert not (await client.delete_character(created.id)).already_gone
            image = await client.create_image(prompt="x")
            await client.wait_for_image(image.id, poll_interval=0.01)
            assert (await client.download_image_output(image.id, 0)).startswith(b"\x89PNG")
    assert fake.team().hard_deleted == [created.id]


async def test_keep_alive_chunked_bodies_and_a_clean_stop(fake: FakeAurous) -> None:
    """Requests share one connection, chunked uploads are read, and stop closes it."""
    server = fake.serve()
    await server.start()
    try:
        async with httpx.AsyncClient(base_url=server.url, headers={"X-Api-Key": KEY}) as http:
            for _ in range(3):
                assert (await http.get("/v1/team")).status_code == 200
            assert len(server._connections) == 1

            async def chunks() -> AsyncIterator[bytes]:
                yield b'{"prompt":'
                yield b' "chunked"}'

            created = await http.post(
                "/v1/images", content=chunks(), headers={"Content-Type": "application/json"}
            )
            assert (created.status_code, created.json()["prompt"]) == (201, "chunked")
            await asyncio.wait_for(server.aclose(), TIMEOUT)
            assert server._connections == set()
            with pytest.raises(httpx.TransportError):
                await http.get("/v1/team")
    finally:
        await server.aclose()


async def test_dropped_connection_and_bad_requests_over_tcp(fake: FakeAurous) -> None:
    """A drop fault closes the socket without an answer; a malformed request gets 400."""
    async with fake.serve() as server:
        fake.inject("get_team", drop=True)
        async with httpx.AsyncClient(base_url=server.url, headers={"X-Api-Key": KEY}) as http:
            with pytest.raises(httpx.RemoteProtocolError):
                await http.get("/v1/team")
            assert (await http.get("/v1/team")).status_code == 200
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"NONSENSE\r\n\r\n")
        status_line = await asyncio.wait_for(reader.readline(), TIMEOUT)
        assert status_line.startswith(b"HTTP/1.1 400")
        writer.close()
        await writer.wait_closed()


async def test_stop_ends_a_request_in_flight_quietly(
    fake: FakeAurous, caplog: pytest.LogCaptureFixture
) -> None:
    """Stopping while a delayed request runs ends it at once; asyncio logs no error."""
    fake.inject("get_team", delay=30)
    server = fake.serve()
    await server.start()
    async with httpx.AsyncClient(base_url=server.url, headers={"X-Api-Key": KEY}) as http:
        pending = asyncio.create_task(http.get("/v1/team"))
        while not fake.requests:
            await asyncio.sleep(0.01)
        await asyncio.wait_for(server.aclose(), TIMEOUT)
        with pytest.raises(httpx.TransportError):
            await asyncio.wait_for(pending, TIMEOUT)
    assert [r for r in caplog.records if r.levelname == "ERROR"] == []


def test_only_loopback_hosts_are_served(fake: FakeAurous) -> None:
    """Binding another interface is refused."""
    with pytest.raises(ValueError):
        LoopbackServer(fake.app, host="0.0.0.0")


async def _start(*args: str) -> tuple[asyncio.subprocess.Process, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "aurous_async.testing",
        "--port",
        "0",
        *args,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), TIMEOUT)
    found = re.search(rb"listening on (http://127\.0\.0\.1:\d+)", line)
    if found is None:
        process.kill()
        await process.wait()
        raise AssertionError(f"unexpected first line {line!r}")
    return process, found.group(1).decode()


async def _stop(process: asyncio.subprocess.Process, sig: int) -> bytes:
    process.send_signal(sig)
    try:
        await asyncio.wait_for(process.wait(), TIMEOUT)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.stdout is not None
    return await process.stdout.read()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
async def test_module_serves_until_a_signal(sig: int) -> None:
    """python -m aurous_async.testing --port 0 prints its URL, serves, and stops with 0."""
    process, url = await _start()
    try:
        async with httpx.AsyncClient(base_url=url, headers={"X-Api-Key": KEY}) as http:
            response = await http.get("/v1/balance")
        assert (response.status_code, response.json()["available_credits"]) == (200, 1000)
    finally:
        rest = await _stop(process, sig)
    assert process.returncode == 0
    assert b"stopping" in rest


async def test_frozen_clock_moves_by_the_control_route() -> None:
    """With --frozen-clock, POST /_fake/advance ends a synthesis that takes 30 s."""
    process, url = await _start("--frozen-clock", "--synthesis-seconds", "30")
    try:
        async with httpx.AsyncClient(base_url=url, headers={"X-Api-Key": KEY}) as http:
            body = {"name": "Mia", "generate": True, "attributes": {}}
            created = (await http.post("/v1/characters", json=body)).json()
            path = f"/v1/characters/{created['id']}"
            assert (await http.get(path)).json()["status"] == "synthesizing"
            assert (await http.post("/_fake/advance", json={"seconds": 30})).status_code == 200
            assert (await http.get(path)).json()["status"] == "reviewing"
    finally:
        await _stop(process, signal.SIGTERM)
    assert process.returncode == 0


@pytest.mark.parametrize("code", [0, 3])
async def test_module_runs_a_command_against_the_fake(code: int) -> None:
    """-- COMMAND runs with AUROUS_BASE_URL/AUROUS_API_KEY set; its status is the exit status."""
    script = (
        "import os, sys, httpx; "
        "r = httpx.get(os.environ['AUROUS_BASE_URL'] + '/v1/team', "
        "headers={'X-Api-Key': os.environ['AUROUS_API_KEY']}); "
        f"sys.exit({code} if r.json()['id'] == 'team_a' else 9)"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "aurous_async.testing",
        "--port",
        "0",
        "--",
        sys.executable,
        "-c",
        script,
        stdout=asyncio.subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if not k.startswith("AUROUS_")},
    )
    try:
        assert await asyncio.wait_for(process.wait(), TIMEOUT * 2) == code
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
