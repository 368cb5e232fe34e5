"""
Retry policy, pure functions only (no I/O, no sleeping), so it can be tested as a table.

Retried: transport failures, 408, 429, every status >= 500 (520 included) and 409
``idempotency_key_in_use``; never any other 4xx. Only replay-safe requests are retried: GET,
HEAD, OPTIONS, PUT, DELETE, and POSTs of operations whose spec declares ``Idempotency-Key``
(the transport is told which; without that, a POST carrying the header counts). Any other
POST/PATCH is retried only after a failure that proves it never reached the server (connect,
or no free slot before the attempt's deadline).

Wait before retry *n* (0-based): a server-directed wait if there is one (``Retry-After`` in
seconds or as an HTTP date, then, on 429, ``X-RateLimit-Reset`` / ``RateLimit-Reset`` in epoch
seconds), stretched by up to 10 % so throttled callers spread out; otherwise
``min(0.5 * 2**n, 8) * (1 - 0.25 * random())``.
"""

from __future__ import annotations

import email.utils
import time

import httpx

from ._constants import HEADER_IDEMPOTENCY_KEY, INITIAL_RETRY_DELAY, MAX_RETRY_DELAY

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_RETRY_STATUSES = frozenset({408, 429})
# Connect-phase failures: the server never saw a byte of the request.
NOT_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.UnsupportedProtocol,
)


def is_replay_safe(request: httpx.Request, replay_safe: bool | None = None) -> bool:
    """
    True when sending *request* twice cannot execute it twice on the server.

    *replay_safe* is the operation's own answer (from the spec) when the caller knows it.
    """
    if replay_safe is not None:
        return replay_safe
    return request.method in _SAFE_METHODS or HEADER_IDEMPOTENCY_KEY in request.headers


def should_retry_status(
    request: httpx.Request, status: int, code: str | None, *, replay_safe: bool | None = None
) -> bool:
    """
    True when an answer with *status* (and error *code*) may be retried.
    """
    if not is_replay_safe(request, replay_safe):
        return False
    if status in _RETRY_STATUSES or status >= 500:
        return True
    return status == 409 and code == "idempotency_key_in_use"


def should_retry_exception(
    request: httpx.Request, exc: Exception, *, replay_safe: bool | None = None
) -> bool:
    """
    True when a transport failure may be retried.
    """
    return isinstance(exc, NOT_SENT_ERRORS) or is_replay_safe(request, replay_safe)


def backoff_delay(retry: int, rand: float) -> float:
    """
    Exponential backoff for retry number *retry* (0-based), jittered down by up to 25 %.
    """
    return min(INITIAL_RETRY_DELAY * 2.0**retry, MAX_RETRY_DELAY) * (1.0 - 0.25 * rand)


def server_wait(headers: httpx.Headers, status: int, now: float | None = None) -> float | None:
    """
    The wait the server asked for, in seconds, or ``None`` when it did not say.
    """
    now = time.time() if now is None else now
    retry_after = headers.get("Retry-After")
    if retry_after is not None:
        wait = _parse_retry_after(retry_after.strip(), now)
        if wait is not None:
            return wait
    if status == 429:
        for name in ("X-RateLimit-Reset", "RateLimit-Reset"):
            value = headers.get(name)
            if value is None:
                continue
            try:
                reset = float(value)
            except ValueError:
                continue
            # Documented as epoch seconds; small values are read as a delta (IETF draft form).
            return max(0.0, reset - now) if reset > 1_000_000_000 else max(0.0, reset)
    return None


def _parse_retry_after(value: str, now: float) -> float | None:
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now)
