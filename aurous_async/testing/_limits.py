"""
Server-side rate limiting (a token bucket per team and documented bucket, on the fake clock)
and fault injection (scripted failures, delays and dropped connections).
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .._ratelimit import DOCUMENTED_LIMITS
from .._ratelimit import RateLimit as RateLimit
from ._http import ApiError, DroppedConnection, reason

if TYPE_CHECKING:
    from ._routing import Route

#: The documented buckets, the SDK's own table (decisions.md "rate limits"): the fake and
#: the client-side limiters state a bucket with the same `aurous_async.RateLimit`.
DOCUMENTED_RATE_LIMITS: dict[str, RateLimit] = dict(DOCUMENTED_LIMITS)


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """
    Token buckets per (team, bucket). Off by default; when on, every limited response carries
    ``X-RateLimit-Limit/-Remaining/-Reset`` and a 429 adds ``Retry-After``.
    """

    def __init__(self) -> None:
        self.enabled = False
        self.limits: dict[str, RateLimit] = dict(DOCUMENTED_RATE_LIMITS)
        self._buckets: dict[tuple[str, str], _Bucket] = {}

    def configure(self, enabled: bool, limits: dict[str, RateLimit] | None = None) -> None:
        """Switch limiting on or off; *limits* override buckets by name. Buckets refill."""
        self.enabled = enabled
        if limits:
            unknown = set(limits) - set(DOCUMENTED_RATE_LIMITS)
            if unknown:
                raise ValueError(f"unknown buckets {sorted(unknown)}")
            wrong = sorted(
                name for name, limit in limits.items() if not isinstance(limit, RateLimit)
            )
            if wrong:
                raise TypeError(f"limits {wrong} must be aurous_async.RateLimit values")
            self.limits.update(limits)
        self._buckets.clear()

    def take(self, team_id: str, name: str, now: float) -> dict[str, str]:
        """Spend one token; return the headers, or raise the 429 when the bucket is empty."""
        limit = self.limits[name]
        rate = limit.per_minute / 60.0
        bucket = self._buckets.setdefault((team_id, name), _Bucket(float(limit.burst), now))
        bucket.tokens = min(limit.burst, bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now
        allowed = bucket.tokens >= 1.0
        if allowed:
            bucket.tokens -= 1.0
        full_in = (limit.burst - bucket.tokens) / rate if rate > 0 else 0.0
        headers = {
            "X-RateLimit-Limit": str(limit.burst),
            "X-RateLimit-Remaining": str(int(bucket.tokens)),
            "X-RateLimit-Reset": str(math.ceil(now + full_in)),
        }
        if allowed:
            return headers
        wait = max(1, math.ceil((1.0 - bucket.tokens) / rate)) if rate > 0 else 3600
        headers["Retry-After"] = str(wait)
        raise ApiError(
            429,
            "too_many_requests",
            f"Rate limit exceeded for {name}. Retry after {wait}s.",
            headers=headers,
            with_param=False,
        )


_DEFAULT_CODES = {
    429: "too_many_requests",
    500: "internal_error",
    502: "provider_unavailable",
    503: "service_unavailable",
    504: "provider_timeout",
}


@dataclass
class Fault:
    """
    One scripted fault. ``times`` None means until `clear`; ``hits`` counts applications.

    ``drop=True`` closes the connection before the request has any effect; ``drop="after"``
    lets it take effect, then loses the answer (the case idempotency keys exist for).
    """

    route: str
    routes: frozenset[str]
    status: int | None = None
    code: str | None = None
    message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool | Literal["after"] = False
    times: int | None = 1
    team: str | None = None
    hits: int = 0

    @property
    def active(self) -> bool:
        return self.times is None or self.hits < self.times

    def clear(self) -> None:
        """Stop applying this fault."""
        self.times = self.hits

    async def before(self) -> None:
        """Apply the delay, then the dropped connection or the error status, if any."""
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.drop is True:
            raise DroppedConnection(self.route)
        if self.status is not None:
            headers = dict(self.headers)
            if self.status == 429:
                headers.setdefault("Retry-After", "1")
            raise ApiError(
                self.status,
                self.code or _DEFAULT_CODES.get(self.status, "injected_fault"),
                self.message or f"Injected fault: {self.status} {reason(self.status)}".strip(),
                headers=headers,
            )


class Faults:
    """The scripted faults, applied first-registered first."""

    def __init__(self) -> None:
        self.items: list[Fault] = []

    def take(self, route: Route, team_id: str | None) -> Fault | None:
        """The first active fault for *route* and *team_id*, counted as hit."""
        for fault in self.items:
            if not fault.active or route.operation not in fault.routes:
                continue
            if fault.team is not None and fault.team != team_id:
                continue
            fault.hits += 1
            return fault
        return None
