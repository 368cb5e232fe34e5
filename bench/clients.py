"""
The clients under test, behind one small interface: ``get(id)``, ``delete(id)``, ``aclose()``.

- ``sdk``: `aurous_async.AsyncAurous` (``get_character`` / ``delete_character``).
- ``raw``: a bare ``httpx.AsyncClient`` with the SDK's pool limits, timeout and headers,
  doing the same request and a ``json`` decode of the body.
- ``generated``: the generated ``asyncio_detailed`` functions on the generated attrs
  ``Client`` (given the same limits and timeout), no facade: request, status and attrs model.
- ``sdk_aiohttp``: the SDK with ``http_backend="aiohttp"``.
- ``raw_httpx_aiohttp``: raw httpx as ``raw``, over the SDK's own aiohttp transport (the
  twin of ``sdk_aiohttp``: same transport, no SDK).
- ``raw_aiohttp``: a bare aiohttp ``ClientSession`` (connector limit 1000), request and
  ``json`` decode: the practical limit of Python on the machine.

Each maker must be called inside the event loop that will use the client.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from aurous_async._constants import API_VERSION, DEFAULT_CONNECTION_LIMITS, DEFAULT_TIMEOUT

API_KEY = "al_live_bench"
HEADERS = {"X-Api-Key": API_KEY, "Aurous-Version": API_VERSION}


class BenchClient:
    """Three awaitables a benchmark needs; ``native`` is the object behind them."""

    def __init__(
        self,
        get: Callable[[str], Awaitable[Any]],
        delete: Callable[[str], Awaitable[Any]],
        aclose: Callable[[], Awaitable[None]],
        native: Any = None,
    ) -> None:
        self.get = get
        self.delete = delete
        self.aclose = aclose
        self.native = native


def make_sdk(base_url: str, **kwargs: Any) -> BenchClient:
    """The SDK facade; *kwargs* go to `AsyncAurous` (``rate_limit``, ``max_retries``)."""
    from aurous_async import AsyncAurous

    client = AsyncAurous(api_key=API_KEY, base_url=base_url, **kwargs)
    return BenchClient(client.get_character, client.delete_character, client.aclose, client)


def make_raw(base_url: str) -> BenchClient:
    """Raw httpx with the SDK's pool settings: request, status check, ``json`` decode."""
    client = httpx.AsyncClient(
        base_url=base_url,
        headers=HEADERS,
        limits=DEFAULT_CONNECTION_LIMITS,
        timeout=DEFAULT_TIMEOUT,
    )

    async def get(cid: str) -> Any:
        response = await client.get(f"/v1/characters/{cid}")
        response.raise_for_status()
        return response.json()

    async def delete(cid: str) -> Any:
        response = await client.delete(f"/v1/characters/{cid}")
        response.raise_for_status()
        return response.json()

    return BenchClient(get, delete, client.aclose, client)


def make_sdk_aiohttp(base_url: str) -> BenchClient:
    """The SDK on its aiohttp backend."""
    return make_sdk(base_url, http_backend="aiohttp")


def make_raw_httpx_aiohttp(base_url: str) -> BenchClient:
    """Raw httpx over the SDK's aiohttp transport: request, status check, ``json`` decode."""
    from aurous_async._aiohttp import AiohttpTransport
    from aurous_async._environment import ca_locations, ssl_context

    client = httpx.AsyncClient(
        base_url=base_url,
        headers=HEADERS,
        timeout=DEFAULT_TIMEOUT,
        transport=AiohttpTransport(
            limits=DEFAULT_CONNECTION_LIMITS, ssl_context=ssl_context(ca_locations(True))
        ),
    )

    async def get(cid: str) -> Any:
        response = await client.get(f"/v1/characters/{cid}")
        response.raise_for_status()
        return response.json()

    async def delete(cid: str) -> Any:
        response = await client.delete(f"/v1/characters/{cid}")
        response.raise_for_status()
        return response.json()

    return BenchClient(get, delete, client.aclose, client)


def make_raw_aiohttp(base_url: str) -> BenchClient:
    """A bare aiohttp session: request, status check, ``json`` decode."""
    import aiohttp

    session = aiohttp.ClientSession(
        base_url=base_url,
        headers=HEADERS,
        connector=aiohttp.TCPConnector(limit=DEFAULT_CONNECTION_LIMITS.max_connections or 0),
        timeout=aiohttp.ClientTimeout(total=60, connect=5),
    )

    async def get(cid: str) -> Any:
        async with session.get(f"/v1/characters/{cid}") as response:
            response.raise_for_status()
            return await response.json()

    async def delete(cid: str) -> Any:
        async with session.delete(f"/v1/characters/{cid}") as response:
            response.raise_for_status()
            return await response.json()

    return BenchClient(get, delete, session.close, session)


def make_generated(base_url: str) -> BenchClient:
    """The generated low-level layer alone, on its own attrs ``Client``."""
    from aurous_async._generated.api.characters import delete_character, get_character
    from aurous_async._generated.client import Client

    client = Client(
        base_url=base_url,
        headers={"X-Api-Key": API_KEY},
        timeout=DEFAULT_TIMEOUT,
        httpx_args={"limits": DEFAULT_CONNECTION_LIMITS},
    )

    async def get(cid: str) -> Any:
        response = await get_character.asyncio_detailed(
            cid, client=client, aurous_version=API_VERSION
        )
        if response.status_code != 200:
            raise RuntimeError(f"GET answered {response.status_code}")
        return response.parsed

    async def delete(cid: str) -> Any:
        response = await delete_character.asyncio_detailed(
            cid, client=client, aurous_version=API_VERSION
        )
        if response.status_code != 200:
            raise RuntimeError(f"DELETE answered {response.status_code}")
        return response.parsed

    return BenchClient(get, delete, client.get_async_httpx_client().aclose, client)


MAKERS: dict[str, Callable[[str], BenchClient]] = {
    "sdk": make_sdk,
    "raw": make_raw,
    "generated": make_generated,
    "sdk_aiohttp": make_sdk_aiohttp,
    "raw_httpx_aiohttp": make_raw_httpx_aiohttp,
    "raw_aiohttp": make_raw_aiohttp,
}
