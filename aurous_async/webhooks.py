"""
Verify ``Aurous-Webhook-Signature`` headers on deliveries to your webhook endpoints.

The header reads ``t=<unix seconds>,v1=<hex>``; ``v1`` is the hex HMAC-SHA256 of
``"{t}.{raw_body}"`` keyed with the endpoint's ``whsec_`` secret. Several ``v1`` values may
be present (for example during a secret rotation); one match is enough.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

from ._exceptions import AurousError

SIGNATURE_HEADER = "Aurous-Webhook-Signature"
DEFAULT_TOLERANCE = 300.0


class WebhookVerificationError(AurousError):
    """
    A delivery's signature is missing, malformed, stale or wrong. Never shows the secret.
    """


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """
    The signature header value for *payload* (useful to test your own handler).
    """
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def verify_signature(
    payload: bytes | str,
    header: str | None,
    secret: str,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> None:
    """
    Raise `WebhookVerificationError` unless *header* signs the raw *payload* with *secret*
    and its timestamp is within *tolerance* seconds of now, in either direction.
    """
    if not header:
        raise WebhookVerificationError(f"missing {SIGNATURE_HEADER} header")
    body = payload.encode() if isinstance(payload, str) else payload
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise WebhookVerificationError("malformed timestamp in signature") from None
        elif name == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        raise WebhookVerificationError("signature header needs t= and v1= parts")
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        raise WebhookVerificationError(
            f"signature timestamp is {abs(current - timestamp):.0f}s away from now "
            f"(tolerance {tolerance:.0f}s)"
        )
    expected = sign(body, secret, timestamp).split("v1=", 1)[1]
    if not any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        raise WebhookVerificationError("signature does not match the payload")


def construct_event(
    payload: bytes | str,
    header: str | None,
    secret: str,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> dict[str, Any]:
    """
    Verify a delivery and return its parsed JSON event.
    """
    verify_signature(payload, header, secret, tolerance=tolerance, now=now)
    try:
        event = json.loads(payload)
    except ValueError:
        raise WebhookVerificationError("payload is not JSON") from None
    if not isinstance(event, dict):
        raise WebhookVerificationError("payload is not a JSON object")
    return event


__all__ = [
    "DEFAULT_TOLERANCE",
    "SIGNATURE_HEADER",
    "WebhookVerificationError",
    "construct_event",
    "sign",
    "verify_signature",
]
