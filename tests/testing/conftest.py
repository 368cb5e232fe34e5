"""
Fixtures for the fake's tests: a fresh `FakeAurous` per test (which must never fail inside),
facade clients of two teams, and a raw httpx client for what the facade cannot send.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from aurous_async import AsyncAurous
from aurous_async.testing import FakeAurous


@pytest.fixture
async def fake() -> AsyncIterator[FakeAurous]:
    """A fake with the default teams; a handler exception fails the test."""
    async with FakeAurous() as server:
        yield server
        assert server.errors == []


@pytest.fixture
async def aurous(fake: FakeAurous) -> AsyncIterator[AsyncAurous]:
    """The facade as team_a."""
    async with fake.client("team_a") as client:
        yield client


@pytest.fixture
async def other(fake: FakeAurous) -> AsyncIterator[AsyncAurous]:
    """The facade as team_b."""
    async with fake.client("team_b") as client:
        yield client


@pytest.fixture
def http(fake: FakeAurous) -> httpx.AsyncClient:
    """Raw httpx as team_a (closed by the fake)."""
    return fake.http_client("team_a")
