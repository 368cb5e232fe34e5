"""
`CallState`: what one facade call tells the transport (options going in) and what the
transport saw (the answer, ambiguity, retries) coming out, passed through `CURRENT_CALL`.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar

import httpx

from ._constants import DEFAULT_MAX_RETRIES, HEADER_REQUEST_ID


class CallState:
    """
    Options of one facade call going in, and what the transport saw coming out.
    """

    __slots__ = (
        "timeout",
        "max_retries",
        "extra_headers",
        "replay_safe",
        "stream",
        "response",
        "ambiguous",
        "retries_taken",
        "deadline",
        "sending",
        "drop_version",
        "caller_headers",
        "extra_query",
        "extra_body",
    )

    def __init__(
        self,
        *,
        timeout: httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        extra_headers: Mapping[str, str] | None = None,
        replay_safe: bool | None = None,
        stream: bool = False,
    ) -> None:
        self.timeout = timeout
        self.max_retries = max_retries
        self.extra_headers = extra_headers
        # From the operation's spec (GET, DELETE, or a POST that declares Idempotency-Key);
        # None when unknown, then the request's method and headers decide.
        self.replay_safe = replay_safe
        # True when the caller reads the body itself (downloads); else the transport reads
        # it, inside the retry loop and the attempt's deadline.
        self.stream = stream
        self.response: httpx.Response | None = None
        # True once an attempt may have reached the server without us seeing the answer
        # (decisions.md, "Idempotent delete" rule 3).
        self.ambiguous = False
        self.retries_taken = 0
        # loop.time() by which the current attempt must end (None: unbounded).
        self.deadline: float | None = None
        # True once the current attempt has left the concurrency gate for the network.
        self.sending = False
        # The call pins no Aurous-Version although the client's default headers carry one.
        self.drop_version = False
        # Lower-cased names of the client's caller-chosen headers (default_headers, the
        # http_client's): for the API only, like extra_headers.
        self.caller_headers: frozenset[str] = frozenset()
        # Per-call escape hatches, checked; merged where the request is built (_base.py).
        self.extra_query: Mapping[str, object] | None = None
        self.extra_body: Mapping[str, object] | None = None

    @property
    def request_id(self) -> str | None:
        """The ``Aurous-Request-Id`` of the last answer, if there was one."""
        if self.response is None:
            return None
        value: str | None = self.response.headers.get(HEADER_REQUEST_ID)
        return value


CURRENT_CALL: ContextVar[CallState | None] = ContextVar("aurous_call", default=None)


def attempt_budget(timeout: httpx.Timeout | None) -> float | None:
    """
    The whole-attempt bound of *timeout*: its largest phase, or ``None`` if a phase is
    unbounded (the caller asked for no limit there).
    """
    if timeout is None:
        return None
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if any(phase is None for phase in phases):
        return None
    return max(phase for phase in phases if phase is not None)
