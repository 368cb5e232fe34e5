"""
`FakeAurous`: one fake server (state, clock, app) and the ways to reach it: an `AsyncAurous`
or a raw ``httpx.AsyncClient`` wired in process, or a loopback HTTP server.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack

import httpx

from ._app import FakeApp, RequestRecord
from ._catalogue import seed_catalogue
from ._clock import InFlight, VirtualSleep, use_clock
from ._http import DroppedConnection
from ._lifecycle import tick
from ._limits import Fault, Faults, RateLimit, RateLimiter
from ._routing import ROUTES
from ._server import LoopbackServer
from ._state import Clock, Outcome, Settings, State, Team

if TYPE_CHECKING:
    from .._client import AsyncAurous
    from .._delete import DeleteMemory
    from .._ratelimit import Limiter as ClientRateLimiter
    from .._types import NotGiven, TimeoutTypes


class ClientOptions(TypedDict, total=False):
    """
    The `AsyncAurous` arguments `FakeAurous.client` passes through (all but the key, the
    base URL and the HTTP client, which the fake sets); each means what it means there.
    """

    api_version: str | None | NotGiven
    timeout: TimeoutTypes | NotGiven
    max_retries: int
    max_retry_wait: float
    rate_limit: bool | ClientRateLimiter
    delete_memory: DeleteMemory | None
    trust_env: bool
    connection_limits: httpx.Limits | None
    max_concurrency: int | None
    allow_insecure_http: bool
    default_headers: Mapping[str, str] | None


DEFAULT_BASE_URL = "https://fake.aurous.test"
#: Fixed keys of the default teams, so a loopback server's keys are known in advance.
DEFAULT_KEYS = {"team_a": "al_live_" + "a" * 64, "team_b": "al_live_" + "b" * 64}


class InProcessTransport(httpx.AsyncBaseTransport):
    """
    ``httpx.ASGITransport`` plus what a socket would add: a dropped connection becomes
    ``httpx.RemoteProtocolError`` and the read timeout is enforced (``ReadTimeout``).
    """

    def __init__(self, app: FakeApp, in_flight: InFlight | None = None) -> None:
        self._asgi = httpx.ASGITransport(app=app)
        self._in_flight = in_flight

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        read_timeout = request.extensions.get("timeout", {}).get("read")
        deadline = asyncio.timeout(read_timeout)
        try:
            if self._in_flight is None:
                async with deadline:
                    return await self._asgi.handle_async_request(request)
            with self._in_flight:
                async with deadline:
                    return await self._asgi.handle_async_request(request)
        except DroppedConnection as exc:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from exc
        except TimeoutError as exc:
            if not deadline.expired():
                raise
            raise httpx.ReadTimeout("The fake did not answer in time.", request=request) from exc


class FakeAurous:
    """
    A stateful, in-memory Aurous API for tests.

    Usage::

        async with FakeAurous() as fake:
            client = fake.client()                      # an AsyncAurous of team_a
            character = await client.create_character(name="Mia", generate=True, attributes={})
            assert fake.state.team("team_a").characters[character.id].status == "synthesizing"

    Time is a fake clock: lifecycles (synthesis, generations, output expiry, rate-limit
    refills, idempotency windows) move only when `advance` is called, when something sleeps
    on `sleep` (a `client`'s retry waits, waiters and rate limiter do), or with real time too
    when ``realtime=True``. The defaults finish every job at once: the first GET after a
    create sees the end state.

    Args:
        teams: Team ids to create; ``team_a`` and ``team_b`` get fixed keys (`DEFAULT_KEYS`),
            others random ones. The first team also sees a private LoRA ("team-style").
        credits: Starting credits of each team.
        synthesis_seconds: How long a character synthesis runs.
        character_outcome: Where synthesis ends: ``"reviewing"`` (then save) or ``"ready"``.
        queue_seconds / image_seconds / video_seconds: Time in ``pending``, then in
            ``processing``, of each generation.
        output_ttl_seconds: How long outputs download before 410 ``output_expired``.
        image_output: ``"bytes"`` (200 with a PNG) or ``"redirect"`` (302 to another origin).
        rate_limits: ``True`` for the documented buckets, or overrides by bucket name.
        realtime: Let the clock follow real time as well (for the loopback server).
    """

    def __init__(
        self,
        *,
        teams: Sequence[str] = ("team_a", "team_b"),
        credits: float = 1000.0,
        synthesis_seconds: float = 0.0,
        character_outcome: Literal["reviewing", "ready"] = "reviewing",
        queue_seconds: float = 0.0,
        image_seconds: float = 0.0,
        video_seconds: float = 0.0,
        output_ttl_seconds: float = 24 * 3600.0,
        image_output: Literal["bytes", "redirect"] = "bytes",
        rate_limits: bool | Mapping[str, RateLimit] = False,
        realtime: bool = False,
        base_url: str = DEFAULT_BASE_URL,
    ) -> None:
        self.clock = Clock(realtime=realtime)
        self.settings = Settings(
            synthesis_seconds=synthesis_seconds,
            character_outcome=character_outcome,
            queue_seconds=queue_seconds,
            image_seconds=image_seconds,
            video_seconds=video_seconds,
            output_ttl_seconds=output_ttl_seconds,
            image_output=image_output,
        )
        self.state = State(self.clock, self.settings)
        for team_id in teams:
            self.state.add_team(team_id, credits=credits, api_key=DEFAULT_KEYS.get(team_id))
        seed_catalogue(self.state, teams[0] if teams else None)
        self.limiter = RateLimiter()
        self.set_rate_limits(
            bool(rate_limits), None if isinstance(rate_limits, bool) else rate_limits
        )
        self.faults = Faults()
        self.app = FakeApp(self.state, self.limiter, self.faults)
        self.base_url = base_url
        self._http_clients: list[httpx.AsyncClient] = []
        self._in_flight = InFlight(lambda: self.sleep.idle())
        #: ``await fake.sleep(seconds)`` moves the fake clock instead of waiting; concurrent
        #: sleepers wake in order of their due times (see `VirtualSleep`).
        self.sleep = VirtualSleep(self.clock.now, self.advance, lambda: self._in_flight.count)

    # -- reaching the fake ------------------------------------------------------------

    def key(self, team: str | None = None) -> str:
        """The first API key of *team* (default: the first team)."""
        team_id = team or next(iter(self.state.teams))
        return self.state.keys_of(team_id)[0].key

    @property
    def api_key(self) -> str:
        """The first team's API key."""
        return self.key()

    def team(self, team: str | None = None) -> Team:
        """A team's state (default: the first team); shorthand for ``state.team(...)``."""
        return self.state.team(team or next(iter(self.state.teams)))

    def transport(self) -> httpx.AsyncBaseTransport:
        """An httpx transport that answers from this fake, in process."""
        return InProcessTransport(self.app, self._in_flight)

    def http_client(self, team: str | None = None, **kwargs: Any) -> httpx.AsyncClient:
        """A raw ``httpx.AsyncClient`` on the fake, sending *team*'s key; closed by `aclose`."""
        headers = {"X-Api-Key": self.key(team), **kwargs.pop("headers", {})}
        client = httpx.AsyncClient(
            base_url=self.base_url, transport=self.transport(), headers=headers, **kwargs
        )
        self._http_clients.append(client)
        return client

    def client(
        self,
        team: str | None = None,
        *,
        api_key: str | None = None,
        fast_retries: bool = True,
        **kwargs: Unpack[ClientOptions],
    ) -> AsyncAurous:
        """
        An `AsyncAurous` wired to this fake in process (no sockets) with *team*'s key.

        With ``fast_retries`` (the default) the client's time is the fake clock
        (`use_clock`): retry waits, ``wait_for_*`` deadlines and polling, and the client-side
        rate limiter's pacing move the fake clock through `sleep` instead of waiting, so a
        ``Retry-After: 30`` costs no wall time and the bucket has refilled, and a
        ``wait_for_image(max_wait=3)`` on a stuck job gives up after 3 fake seconds. With
        ``fast_retries=False`` the client runs on real time. Other keyword arguments go to
        `AsyncAurous`.
        """
        from .._client import AsyncAurous

        http = httpx.AsyncClient(transport=self.transport())
        self._http_clients.append(http)
        client = AsyncAurous(
            api_key=api_key or self.key(team), base_url=self.base_url, http_client=http, **kwargs
        )
        if fast_retries:
            use_clock(client, clock=self.clock.now, sleep=self.sleep)
        return client

    def serve(self, port: int = 0, host: str = "127.0.0.1") -> LoopbackServer:
        """
        A loopback HTTP server for this fake; ``async with fake.serve() as server:`` then
        ``server.url``. Port 0 picks a free port.
        """
        return LoopbackServer(self.app, host=host, port=port)

    # -- controlling it ------------------------------------------------------------------

    def advance(self, seconds: float) -> None:
        """Move the fake clock forward and apply every transition now due."""
        self.clock.advance(seconds)
        tick(self.state)

    def inject(
        self,
        route: str,
        *,
        status: int | None = None,
        code: str | None = None,
        message: str | None = None,
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
        drop: bool | Literal["after"] = False,
        times: int | None = 1,
        team: str | None = None,
    ) -> Fault:
        """
        Make the next *times* requests on *route* fail (None: until ``fault.clear()``).

        *route* is an operationId (``"create_image"``), ``"METHOD /template"``
        (``"POST /v1/images"``) or ``"*"``. A fault may wait *delay* real seconds, answer
        *status* in the error envelope (*code* defaults by status), or drop the connection
        before (``drop=True``) or after (``drop="after"``) the request took effect.
        Faults apply after authentication and idempotency checks.
        """
        routes = ROUTES.find(route)
        if not routes:
            raise ValueError(f"no route {route!r}; use an operationId or 'METHOD /template'")
        fault = Fault(
            route=route,
            routes=frozenset(r.operation for r in routes),
            status=status,
            code=code,
            message=message,
            headers=dict(headers or {}),
            delay=delay,
            drop=drop,
            times=times,
            team=self.state.team(team).id if team else None,
        )
        self.faults.items.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        self.faults.items.clear()

    def set_rate_limits(
        self, enabled: bool = True, limits: Mapping[str, RateLimit] | None = None
    ) -> None:
        """Switch server-side rate limiting on or off; *limits* override buckets by name."""
        self.limiter.configure(enabled, dict(limits) if limits else None)

    def next_outcome(
        self,
        kind: Literal["character", "image", "video"],
        status: str,
        *,
        error_message: str | None = None,
        times: int = 1,
    ) -> None:
        """
        Script how the next *times* jobs of *kind* end: a character synthesis in
        ``reviewing``/``ready``/``failed``; an image or video in ``succeeded``, ``failed``,
        ``moderation_rejected`` or ``expired``.
        """
        queue = self.settings.outcomes.setdefault(kind, deque())
        queue.extend(Outcome(status, error_message) for _ in range(times))

    # -- observing it --------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """Every request received, oldest first."""
        return self.app.log

    @property
    def errors(self) -> list[BaseException]:
        """Exceptions raised inside the fake's handlers (answered 500): should stay empty."""
        return self.app.errors

    def count(self, route: str = "*", *, status: int | None = None, team: str | None = None) -> int:
        """How many requests hit *route* (as for `inject`), optionally by answer and team."""
        operations = {r.operation for r in ROUTES.find(route)}
        if not operations:
            raise ValueError(f"no route {route!r}")
        team_id = self.state.team(team).id if team else None
        return sum(
            1
            for r in self.app.log
            if r.operation in operations
            and (status is None or r.status == status)
            and (team_id is None or r.team_id == team_id)
        )

    # -- lifecycle -----------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the httpx clients made by `client` and `http_client`; end fake sleeps."""
        self.sleep.cancel()
        clients, self._http_clients = self._http_clients, []
        for client in clients:
            await client.aclose()

    async def __aenter__(self) -> FakeAurous:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
