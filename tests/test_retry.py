"""
The retry policy as a table: which requests and answers are retried, and how long to wait.
"""

from __future__ import annotations

import email.utils

import httpx
import pytest

from aurous_async._retry import (
    backoff_delay,
    server_wait,
    should_retry_exception,
    should_retry_status,
)

GET = httpx.Request("GET", "https://api.aurous-labs.com/v1/characters")
DELETE = httpx.Request("DELETE", "https://api.aurous-labs.com/v1/characters/c")
POST = httpx.Request("POST", "https://api.aurous-labs.com/v1/characters/c/save")
KEYED_POST = httpx.Request(
    "POST", "https://api.aurous-labs.com/v1/images", headers={"Idempotency-Key": "k"}
)
PATCH = httpx.Request("PATCH", "https://api.aurous-labs.com/v1/characters/c")


@pytest.mark.parametrize(
    ("request_", "status", "code", "expected"),
    [
        (GET, 408, None, True),
        (GET, 429, None, True),
        (GET, 500, None, True),
        (GET, 503, None, True),
        (GET, 520, None, True),
        (GET, 599, None, True),
        (GET, 400, None, False),
        (GET, 401, None, False),
        (GET, 404, None, False),
        (GET, 410, None, False),
        (GET, 422, None, False),
        (DELETE, 503, None, True),
        (KEYED_POST, 409, "idempotency_key_in_use", True),
        (KEYED_POST, 409, "something_else", False),
        (KEYED_POST, 502, None, True),
        (POST, 502, None, False),
        (POST, 429, None, False),
        (PATCH, 500, None, False),
    ],
    ids=lambda v: v.method if isinstance(v, httpx.Request) else str(v),
)
def test_should_retry_status(
    request_: httpx.Request, status: int, code: str | None, expected: bool
) -> None:
    """Retry 408, 429, 5xx and in-flight idempotency conflicts, only on replay-safe requests."""
    assert should_retry_status(request_, status, code) is expected


@pytest.mark.parametrize(
    ("request_", "exc", "expected"),
    [
        (GET, httpx.ReadTimeout("t"), True),
        (DELETE, httpx.RemoteProtocolError("r"), True),
        (KEYED_POST, httpx.ReadError("r"), True),
        (POST, httpx.ReadError("r"), False),
        (POST, httpx.ReadTimeout("t"), False),
        (POST, httpx.ConnectError("c"), True),
        (PATCH, httpx.ConnectTimeout("c"), True),
        (POST, httpx.PoolTimeout("p"), True),
    ],
    ids=lambda v: v.method if isinstance(v, httpx.Request) else type(v).__name__,
)
def test_should_retry_exception(request_: httpx.Request, exc: Exception, expected: bool) -> None:
    """A keyless POST is retried only when the failure proves it was never sent."""
    assert should_retry_exception(request_, exc) is expected


@pytest.mark.parametrize(
    ("retry", "rand", "expected"),
    [(0, 0.0, 0.5), (1, 0.0, 1.0), (2, 0.0, 2.0), (4, 0.0, 8.0), (9, 0.0, 8.0), (0, 1.0, 0.375)],
)
def test_backoff_delay(retry: int, rand: float, expected: float) -> None:
    """Exponential from 0.5 s, capped at 8 s, jittered down by at most 25 %."""
    assert backoff_delay(retry, rand) == pytest.approx(expected)


def test_server_wait_reads_retry_after_seconds_and_http_date() -> None:
    """Retry-After may be seconds (fractional too) or an HTTP date."""
    now = 1_900_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert server_wait(httpx.Headers({"Retry-After": "2"}), 503, now) == 2.0
    assert server_wait(httpx.Headers({"Retry-After": "0.5"}), 429, now) == 0.5
    assert server_wait(httpx.Headers({"Retry-After": date}), 429, now) == pytest.approx(30)
    assert server_wait(httpx.Headers({"Retry-After": "soon"}), 503, now) is None


@pytest.mark.parametrize("name", ["X-RateLimit-Reset", "RateLimit-Reset"])
def test_server_wait_falls_back_to_rate_limit_reset_on_429(name: str) -> None:
    """Without Retry-After, a 429 waits until the bucket's reset epoch second."""
    now = 1_900_000_000.0
    headers = httpx.Headers({name: str(int(now) + 7)})
    assert server_wait(headers, 429, now) == pytest.approx(7)
    assert server_wait(headers, 503, now) is None


def test_server_wait_prefers_retry_after_over_reset() -> None:
    """Retry-After wins over the reset header."""
    now = 1_900_000_000.0
    headers = httpx.Headers({"Retry-After": "3", "X-RateLimit-Reset": str(int(now) + 50)})
    assert server_wait(headers, 429, now) == 3.0
