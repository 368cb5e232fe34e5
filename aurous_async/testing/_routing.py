"""
The route table: each route names its operationId (the name faults and request counts use),
its rate-limit bucket, whether it honours ``Idempotency-Key``, and how it authenticates.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._http import Request, Response

if TYPE_CHECKING:
    from ._state import ApiKey, Settings, State, Team

Handler = Callable[["Ctx"], "Awaitable[Response] | Response"]
BucketRule = str | Callable[[Request], str] | None


@dataclass
class Ctx:
    """What a handler gets: the request, its path parameters, the caller's team and key."""

    state: State
    request: Request
    params: dict[str, str]
    request_id: str
    version: str
    caller: Team | None
    key: ApiKey | None

    @property
    def team(self) -> Team:
        """The caller's team (routes with ``auth="key"`` always have one)."""
        assert self.caller is not None, "route without an authenticated team"
        return self.caller

    @property
    def now(self) -> float:
        return self.state.clock.now()

    @property
    def settings(self) -> Settings:
        return self.state.settings

    @property
    def base_url(self) -> str:
        return self.request.base_url


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    operation: str
    handler: Handler
    pattern: re.Pattern[str]
    bucket: BucketRule = None
    idempotent: bool = False
    #: "key": X-Api-Key required; "token": a signed ?token= or a key; "none": public.
    auth: str = "key"

    @property
    def scope(self) -> str:
        """The key scope needed: ``read`` for GET, ``write`` for anything else."""
        return "read" if self.method == "GET" else "write"

    def bucket_for(self, request: Request) -> str | None:
        return self.bucket(request) if callable(self.bucket) else self.bucket

    async def call(self, ctx: Ctx) -> Response:
        result = self.handler(ctx)
        if inspect.isawaitable(result):
            result = await result
        assert isinstance(result, Response)
        return result


class Router:
    """Routes in registration order; literal segments win over ``{param}`` ones."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def route(
        self,
        method: str,
        template: str,
        operation: str,
        *,
        bucket: BucketRule = None,
        idempotent: bool = False,
        auth: str = "key",
    ) -> Callable[[Handler], Handler]:
        """Register the decorated handler for *method* *template*."""
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))

        def register(handler: Handler) -> Handler:
            self.routes.append(
                Route(
                    method,
                    template,
                    operation,
                    handler,
                    re.compile(f"^{regex}$"),
                    bucket,
                    idempotent,
                    auth,
                )
            )
            # Literal paths first, so /v1/images/estimate never matches /v1/images/{id}.
            self.routes.sort(key=lambda r: r.template.count("{"))
            return handler

        return register

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | list[str] | None:
        """The route and its parameters; the allowed methods if only the method is wrong."""
        allowed: list[str] = []
        depth: int | None = None
        for route in self.routes:
            found = route.pattern.match(path)
            if found is None:
                continue
            # The most literal template that matches owns the path, as in common routers:
            # GET /v1/images/estimate is a 405 (Allow: POST), not a lookup of id "estimate".
            params = route.template.count("{")
            if depth is not None and params > depth:
                break
            depth = params
            if route.method == method:
                return route, found.groupdict()
            allowed.append(route.method)
        return allowed or None

    def find(self, name: str) -> list[Route]:
        """Routes named by operationId, ``"METHOD /template"`` or ``"*"`` (all)."""
        if name == "*":
            return list(self.routes)
        method, _, template = name.partition(" ")
        return [
            r
            for r in self.routes
            if r.operation == name or (r.method == method.upper() and r.template == template)
        ]


ROUTES = Router()
