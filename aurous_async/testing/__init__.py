"""
A stateful fake of the Aurous API for your tests: real flows, no network, no mocks by hand.

In process (no sockets)::

    from aurous_async.testing import FakeAurous

    async def test_my_app() -> None:
        async with FakeAurous() as fake:
            client = fake.client()                       # AsyncAurous of team_a
            character = await client.create_character(name="Mia", generate=True, attributes={})
            assert (await client.get_character(character.id)).status == "reviewing"
            assert len(fake.team("team_a").characters) == 1

On loopback, for other tools and languages (Ctrl-C stops it)::

    python -m aurous_async.testing --port 4010

What it implements: teams and API keys (401 ``missing_api_key`` / ``invalid_api_key``, another
team's resources answer 404 exactly like missing ones), characters (both create flows, the
synthesize → review → save lifecycle, the hard/soft delete matrix, upload tickets), images and
videos (lifecycle, holds and charges, cancel, estimates from the rate card, output downloads
with 410/422 and Range), files, LoRAs, balance, team, pricing, usage, webhook endpoints (with
recorded signed deliveries), idempotency keys, cursor pagination, versioning, opt-in rate
limits, fault injection and request validation. Time is a fake clock you `FakeAurous.advance`;
a `FakeAurous.client` runs on it (`use_clock`), so its retries, waiters and rate limiter never
sleep for real.
"""

from __future__ import annotations

from ._app import RequestRecord
from ._clock import VirtualSleep, use_clock
from ._fake import DEFAULT_BASE_URL, DEFAULT_KEYS, FakeAurous, InProcessTransport
from ._limits import DOCUMENTED_RATE_LIMITS, Fault, RateLimit
from ._server import LoopbackServer
from ._state import Delivery, State, Team

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_KEYS",
    "Delivery",
    "DOCUMENTED_RATE_LIMITS",
    "FakeAurous",
    "Fault",
    "InProcessTransport",
    "LoopbackServer",
    "RateLimit",
    "RequestRecord",
    "State",
    "Team",
    "use_clock",
    "VirtualSleep",
]

for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and _obj.__module__.startswith("aurous_async.testing."):
        _obj.__module__ = "aurous_async.testing"
del _name, _obj
