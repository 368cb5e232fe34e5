"""
Webhook signature verification: constant-time match, tolerance both ways, no secret leaks.
"""

from __future__ import annotations

import json

import pytest

from aurous_async.webhooks import (
    WebhookVerificationError,
    construct_event,
    sign,
    verify_signature,
)

SECRET = "whsec_8jKpQ4nVmRtestsecret"
NOW = 1_900_000_000
BODY = json.dumps({"type": "image.completed", "data": {"id": "img_1"}}).encode()


def test_a_correct_signature_verifies_and_parses() -> None:
    """A delivery signed with the endpoint secret verifies and yields the event."""
    header = sign(BODY, SECRET, NOW)
    assert header.startswith(f"t={NOW},v1=") and len(header.split("v1=")[1]) == 64
    assert construct_event(BODY, header, SECRET, now=NOW)["data"]["id"] == "img_1"


def test_known_vector() -> None:
    """v1 is the hex HMAC-SHA256 of "{t}.{body}" keyed with the secret."""
    import hashlib
    import hmac

    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    verify_signature(BODY, f"t={NOW},v1={expected}", SECRET, now=NOW)


def test_any_of_several_v1_values_may_match() -> None:
    """During a rotation a header may carry several v1 values; one match suffices."""
    good = sign(BODY, SECRET, NOW).split("v1=")[1]
    verify_signature(BODY, f"t={NOW},v1={'0' * 64},v1={good}", SECRET, now=NOW)


@pytest.mark.parametrize(
    ("body", "header", "message"),
    [
        (BODY, None, "missing"),
        (BODY, "v1=abc", "t= and v1="),
        (BODY, "t=soon,v1=abc", "malformed timestamp"),
        (BODY + b" ", sign(BODY, SECRET, NOW), "does not match"),
        (BODY, sign(BODY, "whsec_other", NOW), "does not match"),
        (BODY, sign(BODY, SECRET, NOW - 301), "away from now"),
        (BODY, sign(BODY, SECRET, NOW + 301), "away from now"),
    ],
    ids=["missing", "no-t", "bad-t", "tampered", "wrong-secret", "stale", "future"],
)
def test_bad_deliveries_are_rejected(body: bytes, header: str | None, message: str) -> None:
    """Missing, malformed, tampered, wrongly keyed, stale or future deliveries raise."""
    with pytest.raises(WebhookVerificationError, match=message) as caught:
        verify_signature(body, header, SECRET, now=NOW)
    assert SECRET not in str(caught.value)
