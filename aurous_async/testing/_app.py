"""
The ASGI application: the cross-cutting pipeline every request passes through, in this order:
route match, authentication, version, key scope, rate limit, idempotency, injected faults, the
handler. Every answer carries ``Aurous-Request-Id`` and ``Aurous-Version``; errors use the
documented envelope whose ``request_id`` equals the header.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from . import (  # noqa: F401 - importing the route modules registers their routes
    _routes_account,
    _routes_characters,
    _routes_files,
    _routes_generations,
    _routes_outputs,
    _routes_webhooks,
)
from ._http import ApiError, DroppedConnection, Request, Response, bad_request, parse_multipart
from ._lifecycle import tick
from ._limits import Faults, RateLimiter
from ._routing import ROUTES, Ctx, Route
from ._state import ApiKey, IdempotencyRecord, State, Team
from ._validate import Fields

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

logger = logging.getLogger("aurous_async.testing")
_VERSION_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
IDEMPOTENCY_WINDOW = 24 * 3600.0
MAX_ADVANCE = 100 * 365 * 86400.0
LAST_INSTANT = 221_845_392_000.0  # 9000-01-01: well before iso's year-9999 limit


@dataclass
class RequestRecord:
    """One request the fake received; ``status`` is None when the connection was dropped."""

    method: str
    path: str
    operation: str | None
    request_id: str
    at: float
    team_id: str | None = None
    status: int | None = None
    idempotency_key: str | None = None
    replayed: bool = False


class FakeApp:
    """
    The fake Aurous API as a plain ASGI callable (no framework), usable by
    ``httpx.ASGITransport`` in process or by the loopback server.
    """

    def __init__(self, state: State, limiter: RateLimiter, faults: Faults) -> None:
        self.state = state
        self.limiter = limiter
        self.faults = faults
        self.log: list[RequestRecord] = []
        #: Unexpected exceptions in handlers (answered with 500): a bug in the fake.
        self.errors: list[BaseException] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                kind = message["type"].rsplit(".", 1)[-1]
                await send({"type": f"lifespan.{kind}.complete"})
                if kind == "shutdown":
                    return
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        response = await self.handle(Request.from_scope(scope, b"".join(chunks)))
        headers = [
            (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in response.headers.items()
        ]
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        await send({"type": "http.response.body", "body": response.body})

    async def handle(self, request: Request) -> Response:
        """Answer one request (raises `DroppedConnection` when a fault drops it)."""
        state = self.state
        state.base_url = request.base_url
        tick(state)
        request_id = state.ids.new("req")
        record = RequestRecord(request.method, request.path, None, request_id, state.clock.now())
        self.log.append(record)
        version = state.settings.latest_version
        extra: dict[str, str] = {}
        reservation: IdempotencyRecord | None = None
        team: Team | None = None
        try:
            route, params = self._match(request)
            record.operation = route.operation
            team, key = self._authenticate(request, route)
            record.team_id = team.id if team else None
            if team is not None:
                version = team.default_api_version
            version = self._version(request, version)
            if key is not None and key.scope == "read" and route.scope == "write":
                raise ApiError(403, "missing_scope", "This API key has the read scope only.")
            bucket = route.bucket_for(request)
            if self.limiter.enabled and bucket and team is not None:
                extra = self.limiter.take(team.id, bucket, state.clock.now())
            replay = None
            if route.idempotent and team is not None:
                record.idempotency_key = request.headers.get("idempotency-key")
                reservation, replay = self._idempotency(route, request, team)
            if replay is not None:
                record.replayed = True
                response = replay
            else:
                fault = self.faults.take(route, team.id if team else None)
                if fault is not None:
                    await fault.before()
                ctx = Ctx(state, request, params, request_id, version, team, key)
                response = await self._run(route, ctx)
                if reservation is not None and 200 <= response.status < 300:
                    stored = Response(response.status, response.body, dict(response.headers))
                    reservation.response = stored
                if fault is not None and fault.drop == "after":
                    raise DroppedConnection(route.operation)
        except ApiError as exc:
            response = Response.error(exc, request_id)
        except DroppedConnection:
            raise
        except Exception as exc:
            # A bug outside a handler (the pipeline itself): the same 500 as `_run` gives.
            logger.exception("the fake's request pipeline failed")
            self.errors.append(exc)
            error = ApiError(500, "internal_error", f"Fake server error: {exc!r}")
            response = Response.error(error, request_id)
        finally:
            # An answer that is not a stored success (4xx, 5xx, a drop or a cancelled
            # request) frees the key, so the same request is evaluated afresh next time.
            if reservation is not None and reservation.response is None and team is not None:
                if team.idempotency.get(reservation.key) is reservation:
                    del team.idempotency[reservation.key]
        response.headers.update(extra)
        response.headers["Aurous-Request-Id"] = request_id
        response.headers["Aurous-Version"] = version
        if record.replayed:
            response.headers["Aurous-Idempotent-Replayed"] = "true"
        record.status = response.status
        return response

    def _match(self, request: Request) -> tuple[Route, dict[str, str]]:
        found = ROUTES.match(request.method, request.path)
        if found is None:
            raise ApiError(
                404, "resource_not_found", f"Unknown route {request.method} {request.path}."
            )
        if isinstance(found, list):
            raise ApiError(
                405,
                "method_not_allowed",
                f"{request.method} is not allowed on {request.path}.",
                headers={"Allow": ", ".join(sorted(set(found)))},
            )
        return found

    def _authenticate(self, request: Request, route: Route) -> tuple[Team | None, ApiKey | None]:
        raw = request.headers.get("x-api-key")
        if raw is None:
            scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                raw = credentials.strip()
        if route.auth == "none" or (route.auth == "token" and raw is None):
            return None, None
        if not raw:
            raise ApiError(
                401, "missing_api_key", "No API key provided; send it in the X-Api-Key header."
            )
        key = self.state.keys.get(raw)
        if key is None:
            raise ApiError(401, "invalid_api_key", "The API key is not valid.")
        if key.revoked:
            raise ApiError(401, "revoked_api_key", "The API key has been revoked.")
        return self.state.teams[key.team_id], key

    def _version(self, request: Request, default: str) -> str:
        raw = request.headers.get("aurous-version")
        if raw is None:
            return default
        latest = self.state.settings.latest_version
        if _VERSION_RE.fullmatch(raw) and raw <= latest:
            try:
                datetime.date.fromisoformat(raw)
                return raw
            except ValueError:
                pass
        raise ApiError(
            400,
            "unknown_version",
            f"Unknown Aurous-Version {raw!r}: known versions are {latest} and earlier dates.",
            param="Aurous-Version",
        )

    def _idempotency(
        self, route: Route, request: Request, team: Team
    ) -> tuple[IdempotencyRecord | None, Response | None]:
        key = request.headers.get("idempotency-key")
        if key is None:
            return None, None
        if not 1 <= len(key) <= 256:
            raise bad_request(
                "invalid_request", "Idempotency-Key must be 1 to 256 characters.", "Idempotency-Key"
            )
        now = self.state.clock.now()
        fingerprint = _fingerprint(request)
        record = team.idempotency.get(key)
        if record is not None and now - record.created_at > IDEMPOTENCY_WINDOW:
            del team.idempotency[key]
            record = None
        if record is None:
            record = team.idempotency[key] = IdempotencyRecord(
                key, route.operation, fingerprint, now
            )
            return record, None
        if record.operation != route.operation or record.fingerprint != fingerprint:
            raise ApiError(
                409,
                "idempotency_key_in_use",
                "This Idempotency-Key was used with another route or body; use a fresh key.",
            )
        if record.response is None:
            raise ApiError(
                409,
                "idempotency_key_in_use",
                "A request with this Idempotency-Key is still in flight; retry later.",
            )
        stored = record.response
        return None, Response(stored.status, stored.body, dict(stored.headers))

    async def _run(self, route: Route, ctx: Ctx) -> Response:
        try:
            return await route.call(ctx)
        except (ApiError, DroppedConnection):
            raise
        except Exception as exc:  # a bug in the fake: answer 500, keep it for the test
            logger.exception("fake handler %s failed", route.operation)
            self.errors.append(exc)
            raise ApiError(500, "internal_error", f"Fake server error: {exc!r}") from exc


def _fingerprint(request: Request) -> str:
    """Route path plus canonical body (sorted JSON keys; files: purpose and metadata)."""
    content_type = request.headers.get("content-type", "")
    canonical: Any
    if content_type.startswith("multipart/"):
        try:
            parts = parse_multipart(content_type, request.body)
        except ApiError:
            canonical = hashlib.sha256(request.body).hexdigest()
        else:
            canonical = {
                name: parts[name].data.decode("utf-8", "replace")
                for name in ("purpose", "metadata")
                if name in parts
            }
    else:
        try:
            canonical = json.loads(request.body) if request.body.strip() else {}
        except (ValueError, RecursionError):
            canonical = hashlib.sha256(request.body).hexdigest()
    text = json.dumps([request.path, canonical], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@ROUTES.route("POST", "/_fake/advance", "fake_advance", auth="none")
def fake_advance(ctx: Ctx) -> Response:
    """Control route for tools outside Python: move the fake clock by ``{"seconds": n}``."""
    fields = Fields(ctx.request.json())
    # Bounded so the clock stays a date `iso` can write (year 9999 ends near 2.5e11).
    seconds = fields.number("seconds", 0, MAX_ADVANCE) or 0.0
    if ctx.state.clock.now() + seconds > LAST_INSTANT:
        raise bad_request("value_out_of_range", "The fake clock cannot pass year 9000.", "seconds")
    ctx.state.clock.advance(seconds)
    tick(ctx.state)
    return Response.json({"now": ctx.state.clock.now()})
