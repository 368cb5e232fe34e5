"""
A finished call's answer is freed as soon as the call returns, on both backends.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import httpx
import pytest

from aurous_async import AsyncAurous

from .conftest import API_KEY
from .loopback import Action, Request, serve
from .payloads import CHAR_ID, character_json, deleted_json


class _Watch(httpx.AsyncBaseTransport):
    """Hands requests to *inner* and keeps a weak reference to every response."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.responses: list[weakref.ref[httpx.Response]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.responses.append(weakref.ref(response))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture
def no_gc() -> Iterator[None]:
    """Only reference counting frees objects in the test: a reference cycle would show."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.usefixtures("backend", "no_gc")
async def test_finished_calls_hold_no_answer() -> None:
    """After get and delete return, no response object of theirs is still alive."""

    def handler(request: Request) -> Action:
        if request.method == "DELETE":
            return Action(body=deleted_json())
        return Action(body=character_json())

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            transport = client._shared.transport
            watch = _Watch(transport.inner)
            transport._inner = watch
            character = await client.get_character(CHAR_ID)
            deleted = await client.delete_character(CHAR_ID)
            # The attempt's deadline timers are still scheduled (60 s) while we look.
            alive = [ref() for ref in watch.responses if ref() is not None]
    assert character.id == CHAR_ID and deleted.id == CHAR_ID
    assert len(watch.responses) == 2
    assert alive == []
