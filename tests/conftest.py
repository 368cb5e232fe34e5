"""
Shared fixtures: a test key and base URL, a client whose retry sleeps are recorded instead
of slept, a clean ``AUROUS_*`` environment for every test, and ``backend``, which runs a
loopback test on each HTTP backend (httpx's pool and aiohttp).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from aurous_async import AsyncAurous
from aurous_async.testing import use_clock

BASE_URL = "https://api.aurous-labs.com"
API_KEY = "al_live_" + "0123456789abcdef" * 4


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the developer's AUROUS_* variables."""
    for name in (
        "AUROUS_API_KEY",
        "AUROUS_BASE_URL",
        "AUROUS_VERSION",
        "AUROUS_LOG",
        "AUROUS_HTTP_BACKEND",
        "AUROUS_WEBHOOK_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture(params=["httpx", "aiohttp"])
def backend(
    request: pytest.FixtureRequest, clean_environ: None, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Run the test once per HTTP backend; clients built without one pick it up."""
    monkeypatch.setenv("AUROUS_HTTP_BACKEND", request.param)
    return str(request.param)


class SleepRecorder:
    """Stands in for asyncio.sleep in the transport: records waits, returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.waits.append(delay)


def instant(client: AsyncAurous) -> SleepRecorder:
    """Make *client*'s retry backoff instant and return the recorder of its waits."""
    recorder = SleepRecorder()
    use_clock(client, sleep=recorder)
    return recorder


@pytest.fixture
async def client() -> AsyncIterator[AsyncAurous]:
    """A client on BASE_URL with the test key and instant retry backoff."""
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as aurous:
        instant(aurous)
        yield aurous


@pytest.fixture
def sleeps(client: AsyncAurous) -> SleepRecorder:
    """The waits the client's transport would have slept."""
    recorder = client._shared.transport._sleep
    assert isinstance(recorder, SleepRecorder)
    return recorder
