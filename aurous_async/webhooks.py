"""
Verify ``Aurous-Webhook-Signature`` headers on deliveries to your webhook endpoints.

The header reads ``t=<unix seconds>,v1=<hex>``; ``v1`` is the hex HMAC-SHA256 of
``"{t}.{raw_body}"`` keyed with the endpoint's ``whsec_`` secret. Several ``v1`` values may
be present (for example during a secret rotation); one match is enough. Parts with another
name (a future ``v2=``) are ignored.

What arrives from the network (payload, header) is never trusted: anything malformed raises a
`WebhookVerificationError` subclass. A mistake in the caller's own arguments (no secret, a
negative tolerance) raises `InvalidArgumentError`. No message ever shows the secret.

Errors::

    WebhookVerificationError
    ├── WebhookHeaderError       header missing or malformed
    ├── WebhookTimestampError    timestamp outside the tolerance, in either direction
    ├── WebhookSignatureError    well formed, but no v1 matches the payload
    └── WebhookPayloadError      verified, but not a JSON object (construct_event)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import time
from typing import Any

from ._exceptions import AurousError
from ._validation import InvalidArgumentError

SIGNATURE_HEADER = "Aurous-Webhook-Signature"
DEFAULT_TOLERANCE = 300.0

# Unix seconds as plain ASCII digits; int() alone would also take "+5", " 5", "5_0" and
# non-ASCII digits. Fifteen digits keep the value exact as a float.
_TIMESTAMP = re.compile(r"[0-9]{1,15}")
_V1 = re.compile(r"[0-9a-fA-F]{64}")
_NAME = re.compile(r"[A-Za-z0-9_]+")
# Printable ASCII and tab: what a well-formed header value can hold.
_HEADER_CHARS = re.compile(r"[\t\x20-\x7e]*")
_NOT_ASCII = "signature header holds non-ASCII or control characters"
#: Longer headers are refused before parsing, so a hostile one costs nothing.
MAX_HEADER_LENGTH = 8192


class WebhookVerificationError(AurousError):
    """
    A delivery's signature is missing, malformed, stale or wrong. Never shows the secret.
    """


class WebhookHeaderError(WebhookVerificationError):
    """The signature header is missing or malformed."""


class WebhookTimestampError(WebhookVerificationError):
    """The signed timestamp is further from now than the tolerance allows."""


class WebhookSignatureError(WebhookVerificationError):
    """No ``v1`` signature in the header matches the payload and secret."""


class WebhookPayloadError(WebhookVerificationError):
    """The verified payload is not a JSON object."""


def _payload_bytes(payload: object) -> bytes:
    if isinstance(payload, str):
        return payload.encode()
    if isinstance(payload, bytes | bytearray | memoryview):
        return bytes(payload)
    raise InvalidArgumentError(
        "payload", f"must be the raw body as bytes or str, got {type(payload).__name__}"
    )


def _secret_key(secret: object) -> bytes:
    # Messages name the type only, never the value.
    if isinstance(secret, str):
        key = secret.encode()
    elif isinstance(secret, bytes | bytearray):
        key = bytes(secret)
    else:
        raise InvalidArgumentError(
            "secret", f"must be the endpoint's whsec_ secret (str), got {type(secret).__name__}"
        )
    if not key:
        raise InvalidArgumentError("secret", "must not be empty")
    return key


def _seconds(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgumentError(name, f"must be a number of seconds, got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise InvalidArgumentError(name, f"must be a finite number >= 0, got {value!r}")
    return number


def _header_text(header: object) -> str:
    if header is None:
        raise WebhookHeaderError(f"missing {SIGNATURE_HEADER} header")
    if isinstance(header, bytes | bytearray):
        try:
            header = bytes(header).decode("utf-8")
        except UnicodeDecodeError:
            raise WebhookHeaderError(_NOT_ASCII) from None
    if not isinstance(header, str):
        raise InvalidArgumentError(
            "header", f"must be the header value as str or bytes, got {type(header).__name__}"
        )
    if not header.strip(" \t"):
        raise WebhookHeaderError(f"missing {SIGNATURE_HEADER} header")
    if len(header) > MAX_HEADER_LENGTH:
        raise WebhookHeaderError(f"signature header is longer than {MAX_HEADER_LENGTH} chars")
    if not header.isascii() or not _HEADER_CHARS.fullmatch(header):
        raise WebhookHeaderError(_NOT_ASCII)
    return header


def _parse(header: str) -> tuple[int, list[bytes]]:
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        name, equals, value = part.strip(" \t").partition("=")
        if not equals or not _NAME.fullmatch(name):
            raise WebhookHeaderError("signature header parts must read name=value")
        if name == "t":
            if timestamp is not None:
                raise WebhookHeaderError("signature header has more than one t=")
            if not _TIMESTAMP.fullmatch(value):
                raise WebhookHeaderError("malformed timestamp in signature")
            timestamp = int(value)
        elif name == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        raise WebhookHeaderError("signature header needs t= and v1= parts")
    if not all(_V1.fullmatch(candidate) for candidate in candidates):
        raise WebhookHeaderError("malformed v1 signature: expected 64 hex digits")
    return timestamp, [bytes.fromhex(candidate) for candidate in candidates]


def _digest(key: bytes, timestamp: int, body: bytes) -> bytes:
    return hmac.new(key, f"{timestamp}.".encode() + body, hashlib.sha256).digest()


def sign(payload: bytes | str, secret: str | bytes, timestamp: int | None = None) -> str:
    """
    Return the signature header value for *payload* (useful to test your own handler).
    """
    body = _payload_bytes(payload)
    key = _secret_key(secret)
    if timestamp is None:
        t = int(time.time())
    elif isinstance(timestamp, bool) or not isinstance(timestamp, int) or timestamp < 0:
        raise InvalidArgumentError("timestamp", f"must be a non-negative int, got {timestamp!r}")
    else:
        t = timestamp
    return f"t={t},v1={_digest(key, t, body).hex()}"


def verify_signature(
    payload: bytes | str,
    header: str | bytes | None,
    secret: str | bytes,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> None:
    """
    Raise `WebhookVerificationError` unless *header* signs the raw *payload* with *secret*
    and its timestamp is within *tolerance* seconds of now, in either direction.

    *header* and *secret* may be ``str`` or ``bytes``; the comparison is constant-time.
    Bad arguments of the caller's own (an empty secret, a negative tolerance) raise
    `InvalidArgumentError` before the header is looked at.
    """
    body = _payload_bytes(payload)
    key = _secret_key(secret)
    limit = _seconds(tolerance, "tolerance")
    current = time.time() if now is None else _seconds(now, "now")
    timestamp, candidates = _parse(_header_text(header))
    skew = abs(current - timestamp)
    if skew > limit:
        raise WebhookTimestampError(
            f"signature timestamp is {skew:.0f}s away from now (tolerance {limit:.0f}s)"
        )
    expected = _digest(key, timestamp, body)
    # Every candidate is compared, so the time taken does not tell which one matched.
    matched = [hmac.compare_digest(expected, candidate) for candidate in candidates]
    if not any(matched):
        raise WebhookSignatureError("signature does not match the payload")


def construct_event(
    payload: bytes | str,
    header: str | bytes | None,
    secret: str | bytes,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> dict[str, Any]:
    """
    Verify a delivery and return its parsed JSON event.
    """
    verify_signature(payload, header, secret, tolerance=tolerance, now=now)
    try:
        event = json.loads(_payload_bytes(payload))
    except (ValueError, RecursionError):
        raise WebhookPayloadError("payload is not JSON") from None
    if not isinstance(event, dict):
        raise WebhookPayloadError("payload is not a JSON object")
    return event


__all__ = [
    "DEFAULT_TOLERANCE",
    "MAX_HEADER_LENGTH",
    "SIGNATURE_HEADER",
    "WebhookHeaderError",
    "WebhookPayloadError",
    "WebhookSignatureError",
    "WebhookTimestampError",
    "WebhookVerificationError",
    "construct_event",
    "sign",
    "verify_signature",
]
