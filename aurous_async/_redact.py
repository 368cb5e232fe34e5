"""
Copies of requests that are safe to hand out: no API key, no credentials.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpx

REDACTED = "[redacted]"
_SECRET_HEADERS = frozenset({"x-api-key", "authorization", "proxy-authorization"})


def redact_request(request: httpx.Request, secrets: Iterable[str] = ()) -> httpx.Request:
    """
    A copy of *request* without its key or credentials, for exceptions and raw responses.
    """
    hidden = [secret for secret in secrets if secret]
    headers = []
    for name, value in request.headers.multi_items():
        if name.lower() in _SECRET_HEADERS or any(secret in value for secret in hidden):
            value = REDACTED
        headers.append((name, value))
    copy = httpx.Request(request.method, request.url.copy_with(userinfo=b""))
    copy.headers = httpx.Headers(headers)
    return copy
