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
    └── WebhookPayloadError      verified, but not an event (construct_event)

Events: `construct_event` (and ``client.webhooks.unwrap``) returns a typed event per type,
chosen by the envelope's ``type``: `ImageCompletedEvent` (``data`` a `GenerationResponse`),
`CharacterCompletedEvent` (``data`` a `Character`), ... and `WebhookEvent` for a type the SDK
does not know yet, or a delivery whose ``data`` does not match its type's documented payload
(the synthetic data of a test delivery, for example); match on the class::

    match client.webhooks.unwrap(body, request.headers):
        case ImageCompletedEvent(data=image):
            print(image.id, image.status)
        case WebhookEvent(type_=other):
            print("not handled:", other)

For code written when ``construct_event`` returned a ``dict``, every event also reads its
delivered JSON by key: ``event["type"]``, ``event["data"]["id"]``, ``"data" in event`` and
``event.get(...)``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import re
import time
from collections.abc import Mapping
from typing import Any, NoReturn, TypeAlias

from ._exceptions import AurousError
from ._generated import models as _models
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
    """The verified payload is not an event: not a JSON object with ``type`` and ``data``."""


#: Where `Webhooks.unwrap` reads the endpoint secret when none is given.
ENV_WEBHOOK_SECRET = "AUROUS_WEBHOOK_SECRET"


class _DeliveredJSON:
    """
    Read access by key to the JSON an event was parsed from, as `construct_event` returned
    it before events were typed (``event["type"]``, ``event["data"]["id"]``).
    """

    # Set by `construct_event`; an event built otherwise (or unpickled) reads its to_dict().
    _json: dict[str, Any] | None = None

    def _delivered(self) -> dict[str, Any]:
        if self._json is not None:
            return self._json
        return self.to_dict()  # type: ignore[attr-defined, no-any-return]

    def __getitem__(self, key: str) -> Any:
        return self._delivered()[key]

    def __contains__(self, key: str) -> bool:
        return key in self._delivered()

    def get(self, key: str, default: Any = None) -> Any:
        """The delivered JSON's *key*, or *default*."""
        return self._delivered().get(key, default)


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


class ImageCompletedEvent(_DeliveredJSON, _models.ImageCompletedEvent):
    """``image.completed``: an image generation succeeded; ``data`` is the generation."""


class ImageFailedEvent(_DeliveredJSON, _models.ImageFailedEvent):
    """``image.failed``: an image generation failed; ``data`` is the generation."""


class ImageCancelledEvent(_DeliveredJSON, _models.ImageCancelledEvent):
    """``image.cancelled``: an image generation was cancelled; ``data`` is the generation."""


class VideoCompletedEvent(_DeliveredJSON, _models.VideoCompletedEvent):
    """``video.completed``: a video generation succeeded; ``data`` is the generation."""


class VideoFailedEvent(_DeliveredJSON, _models.VideoFailedEvent):
    """``video.failed``: a video generation failed; ``data`` is the generation."""


class VideoCancelledEvent(_DeliveredJSON, _models.VideoCancelledEvent):
    """``video.cancelled``: a video generation was cancelled; ``data`` is the generation."""


class UsageBalanceLowEvent(_DeliveredJSON, _models.UsageBalanceLowEvent):
    """``usage.balance_low``: credits at or below the threshold; ``data`` as delivered."""


class WebhookEndpointDisabledEvent(_DeliveredJSON, _models.WebhookEndpointDisabledEvent):
    """``webhook.endpoint_disabled``: another endpoint was disabled; ``data`` as delivered."""


class CharacterCompletedEvent(_DeliveredJSON, _models.CharacterCompletedEvent):
    """``character.completed``: a character synthesis finished; ``data`` is the character."""


class CharacterFailedEvent(_DeliveredJSON, _models.CharacterFailedEvent):
    """``character.failed``: a character synthesis failed; ``data`` is the character."""


class CharacterCancelledEvent(_DeliveredJSON, _models.CharacterCancelledEvent):
    """``character.cancelled``: a synthesis was cancelled; ``data`` is the character."""


class WebhookEvent(_DeliveredJSON, _models.WebhookEvent):
    """
    Any other delivery: an event type the SDK does not know yet, or one whose ``data`` does
    not match its type's documented payload. ``type_`` is the event type and ``data`` the
    delivered object (read its fields by key: ``event.data["id"]``).
    """


#: Every event `construct_event` may return.
Event: TypeAlias = (
    ImageCompletedEvent
    | ImageFailedEvent
    | ImageCancelledEvent
    | VideoCompletedEvent
    | VideoFailedEvent
    | VideoCancelledEvent
    | UsageBalanceLowEvent
    | WebhookEndpointDisabledEvent
    | CharacterCompletedEvent
    | CharacterFailedEvent
    | CharacterCancelledEvent
    | WebhookEvent
)

#: The typed event of each documented type.
EVENT_TYPES: Mapping[str, type[Event]] = {
    "image.completed": ImageCompletedEvent,
    "image.failed": ImageFailedEvent,
    "image.cancelled": ImageCancelledEvent,
    "video.completed": VideoCompletedEvent,
    "video.failed": VideoFailedEvent,
    "video.cancelled": VideoCancelledEvent,
    "usage.balance_low": UsageBalanceLowEvent,
    "webhook.endpoint_disabled": WebhookEndpointDisabledEvent,
    "character.completed": CharacterCompletedEvent,
    "character.failed": CharacterFailedEvent,
    "character.cancelled": CharacterCancelledEvent,
}


def parse_event(delivered: Mapping[str, Any]) -> Event:
    """
    The typed event for a delivery's JSON (already verified): the model of its ``type``,
    else `WebhookEvent`. Raise `WebhookPayloadError` unless it has a string ``type`` and an
    object ``data``.
    """
    if not isinstance(delivered, Mapping):
        raise WebhookPayloadError("payload is not a JSON object")
    kind = delivered.get("type")
    if not isinstance(kind, str) or not isinstance(delivered.get("data"), Mapping):
        raise WebhookPayloadError(
            "payload is not an event: it needs a string type and an object data"
        )
    raw = dict(delivered)
    event: Event | None = None
    typed = EVENT_TYPES.get(kind)
    if typed is not None:
        try:
            event = typed.from_dict(raw)
        except (KeyError, TypeError, ValueError, AttributeError):
            event = None  # not the documented payload: the generic event keeps it as sent
    if event is None:
        try:
            event = WebhookEvent.from_dict(raw)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise WebhookPayloadError("payload is not an event") from None
    event._json = raw
    return event


def construct_event(
    payload: bytes | str,
    header: str | bytes | None,
    secret: str | bytes,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> Event:
    """
    Verify a delivery and return its typed event (see `parse_event`).

    The event also reads its delivered JSON by key (``event["type"]``), as the ``dict``
    this function returned before.
    """
    verify_signature(payload, header, secret, tolerance=tolerance, now=now)
    try:
        delivered = json.loads(_payload_bytes(payload))
    except (ValueError, RecursionError):
        raise WebhookPayloadError("payload is not JSON") from None
    if not isinstance(delivered, dict):
        raise WebhookPayloadError("payload is not a JSON object")
    return parse_event(delivered)


def _header_of(headers: object) -> str | bytes | None:
    if isinstance(headers, str | bytes | bytearray) or not isinstance(headers, Mapping):
        raise InvalidArgumentError(
            "headers",
            f"must be the request's headers (a mapping), got {type(headers).__name__}",
        )
    value = headers.get(SIGNATURE_HEADER)
    if value is None:
        # A plain dict is case-sensitive; HTTP header names are not.
        wanted = SIGNATURE_HEADER.lower()
        for name, item in headers.items():
            if isinstance(name, str | bytes) and (
                name.lower() == wanted if isinstance(name, str) else name.lower() == wanted.encode()
            ):
                value = item
                break
    if value is None or isinstance(value, str | bytes):
        return value
    raise WebhookHeaderError(f"{SIGNATURE_HEADER} header is not text")


class Webhooks:
    """
    Webhook deliveries for a client: ``client.webhooks.unwrap(body, headers)``.

    The secret is the one given here or to `unwrap`, else ``AUROUS_WEBHOOK_SECRET`` (read
    at each call); it never appears in a repr, a log line or an exception.
    """

    __slots__ = ("_secret",)

    def __init__(self, secret: str | bytes | None = None) -> None:
        if secret is not None:
            _secret_key(secret)
        self._secret = secret

    def __repr__(self) -> str:
        return f"<Webhooks secret={'[redacted]' if self._secret is not None else 'from env'}>"

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Webhooks object holds a secret and is not pickled")

    def unwrap(
        self,
        body: bytes | str,
        headers: Mapping[str, str] | Mapping[bytes, bytes],
        *,
        secret: str | bytes | None = None,
        tolerance: float = DEFAULT_TOLERANCE,
        now: float | None = None,
    ) -> Event:
        """
        Verify a delivery (the raw *body* and the request's *headers*) and return its typed
        event; raise `WebhookVerificationError` as `construct_event` does.

        Without *secret* (here or on `Webhooks`), ``AUROUS_WEBHOOK_SECRET`` is used; neither
        set raises `InvalidArgumentError`.
        """
        key = secret if secret is not None else self._secret
        if key is None:
            key = os.environ.get(ENV_WEBHOOK_SECRET) or None
        if key is None:
            raise InvalidArgumentError(
                "secret", f"no webhook secret: pass secret= or set {ENV_WEBHOOK_SECRET}"
            )
        return construct_event(body, _header_of(headers), key, tolerance=tolerance, now=now)


__all__ = [
    "CharacterCancelledEvent",
    "CharacterCompletedEvent",
    "CharacterFailedEvent",
    "DEFAULT_TOLERANCE",
    "ENV_WEBHOOK_SECRET",
    "Event",
    "EVENT_TYPES",
    "ImageCancelledEvent",
    "ImageCompletedEvent",
    "ImageFailedEvent",
    "MAX_HEADER_LENGTH",
    "SIGNATURE_HEADER",
    "UsageBalanceLowEvent",
    "VideoCancelledEvent",
    "VideoCompletedEvent",
    "VideoFailedEvent",
    "WebhookEndpointDisabledEvent",
    "WebhookEvent",
    "WebhookHeaderError",
    "WebhookPayloadError",
    "Webhooks",
    "WebhookSignatureError",
    "WebhookTimestampError",
    "WebhookVerificationError",
    "construct_event",
    "parse_event",
    "sign",
    "verify_signature",
]
