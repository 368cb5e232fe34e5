"""
Webhook signature verification: constant-time match, tolerance both ways, no secret leaks,
an exact error class for each malformed header, bytes accepted like str, misuse refused.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from aurous_async import AurousError, InvalidArgumentError
from aurous_async.webhooks import (
    MAX_HEADER_LENGTH,
    WebhookHeaderError,
    WebhookPayloadError,
    WebhookSignatureError,
    WebhookTimestampError,
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


# --- malformed input, bytes and misuse --------------------------------------------------

GOOD = sign(BODY, SECRET, NOW).split("v1=")[1]

MALFORMED_HEADERS = [
    pytest.param(None, WebhookHeaderError, id="none"),
    pytest.param("", WebhookHeaderError, id="empty"),
    pytest.param("   ", WebhookHeaderError, id="blank"),
    pytest.param(f"t={NOW},v1={GOOD[:-1]}é", WebhookHeaderError, id="non-ascii-v1"),
    pytest.param(f"t={NOW},v1=" + "ab" * 32 + "\u200b", WebhookHeaderError, id="zero-width"),
    pytest.param(f"t={NOW},v1={GOOD[:-1]}", WebhookHeaderError, id="odd-length-v1"),
    pytest.param(f"t={NOW},v1={GOOD[:-2]}", WebhookHeaderError, id="short-v1"),
    pytest.param(f"t={NOW},v1={GOOD}00", WebhookHeaderError, id="long-v1"),
    pytest.param(f"t={NOW},v1={'zz' * 32}", WebhookHeaderError, id="non-hex-v1"),
    pytest.param(f"t={NOW},v1=", WebhookHeaderError, id="empty-v1"),
    pytest.param(f"t={NOW},v1={GOOD},v1=xyz", WebhookHeaderError, id="one-bad-v1-of-two"),
    pytest.param(f"t={NOW},,v1={GOOD}", WebhookHeaderError, id="empty-part"),
    pytest.param(f"t={NOW},v1={GOOD},", WebhookHeaderError, id="trailing-comma"),
    pytest.param(f"t={NOW},junk,v1={GOOD}", WebhookHeaderError, id="part-without-equals"),
    pytest.param(f"t={NOW},={GOOD}", WebhookHeaderError, id="empty-name"),
    pytest.param(f"t={NOW},t={NOW},v1={GOOD}", WebhookHeaderError, id="duplicate-t"),
    pytest.param(f"t={10**20},v1={GOOD}", WebhookHeaderError, id="huge-t"),
    pytest.param(f"t={'9' * 400},v1={GOOD}", WebhookHeaderError, id="enormous-t"),
    pytest.param(f"t=-{NOW},v1={GOOD}", WebhookHeaderError, id="negative-t"),
    pytest.param(f"t=+{NOW},v1={GOOD}", WebhookHeaderError, id="plus-t"),
    pytest.param(f"t={NOW}.5,v1={GOOD}", WebhookHeaderError, id="float-t"),
    pytest.param(f"t={NOW:.3e},v1={GOOD}", WebhookHeaderError, id="exponent-t"),
    pytest.param(f"t=1_900_000_000,v1={GOOD}", WebhookHeaderError, id="underscore-t"),
    pytest.param(f"t=\u0661\u0662,v1={GOOD}", WebhookHeaderError, id="arabic-digits-t"),
    pytest.param(f"t=,v1={GOOD}", WebhookHeaderError, id="empty-t"),
    pytest.param(f"v1={GOOD}", WebhookHeaderError, id="missing-t"),
    pytest.param(f"t={NOW}", WebhookHeaderError, id="missing-v1"),
    pytest.param(f"t={NOW},v0={GOOD}", WebhookHeaderError, id="only-unknown-scheme"),
    pytest.param(f"t= {NOW},v1={GOOD}", WebhookHeaderError, id="space-in-t"),
    pytest.param(f"t={NOW},v1= {GOOD}", WebhookHeaderError, id="space-in-v1"),
    pytest.param(f"t ={NOW},v1={GOOD}", WebhookHeaderError, id="space-in-name"),
    pytest.param(f"t={NOW},\nv1={GOOD}", WebhookHeaderError, id="newline"),
    pytest.param(f"t={NOW},v1={GOOD}" + "," * MAX_HEADER_LENGTH, WebhookHeaderError, id="huge"),
    pytest.param(f"t=99999999999,v1={GOOD}", WebhookTimestampError, id="far-future-t"),
    pytest.param(f"t=0,v1={GOOD}", WebhookTimestampError, id="zero-t"),
    pytest.param(f"t={NOW},v1={'0' * 64}", WebhookSignatureError, id="wrong-v1"),
    pytest.param(f"t={NOW},v1={GOOD.upper()[:-1]}0", WebhookSignatureError, id="near-miss"),
]


@pytest.mark.parametrize(("header", "error_class"), MALFORMED_HEADERS)
def test_malformed_header_raises_its_exact_class(
    header: str | None, error_class: type[WebhookVerificationError]
) -> None:
    """Each malformed, stale or wrong header raises exactly its class, never a TypeError."""
    with pytest.raises(WebhookVerificationError) as caught:
        verify_signature(BODY, header, SECRET, now=NOW)

    assert type(caught.value) is error_class
    assert isinstance(caught.value, AurousError)
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)


@pytest.mark.parametrize(("header", "error_class"), MALFORMED_HEADERS)
def test_bytes_and_str_inputs_fail_alike(
    header: str | None, error_class: type[WebhookVerificationError]
) -> None:
    """A header and secret given as bytes raise the same class and message as str."""
    with pytest.raises(WebhookVerificationError) as as_str:
        verify_signature(BODY, header, SECRET, now=NOW)
    as_bytes_header = header.encode() if header is not None else None

    with pytest.raises(WebhookVerificationError) as as_bytes:
        verify_signature(BODY, as_bytes_header, SECRET.encode(), now=NOW)

    assert type(as_bytes.value) is type(as_str.value) is error_class
    assert str(as_bytes.value) == str(as_str.value)


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(f"t={NOW},v1={GOOD}", id="plain"),
        pytest.param(f"t={NOW}, v1={GOOD}", id="space-after-comma"),
        pytest.param(f" t={NOW},v1={GOOD} ", id="outer-spaces"),
        pytest.param(f"v1={GOOD},t={NOW}", id="v1-first"),
        pytest.param(f"t={NOW},v1={GOOD.upper()}", id="upper-hex"),
        pytest.param(f"t={NOW},v0=legacy,v1={GOOD},v2=future", id="unknown-schemes"),
    ],
)
def test_valid_signature_verifies_as_str_and_bytes(header: str) -> None:
    """A valid header verifies whether header, secret and payload are str or bytes."""
    verify_signature(BODY, header, SECRET, now=NOW)
    verify_signature(BODY, header.encode(), SECRET.encode(), now=NOW)
    verify_signature(BODY.decode(), header, bytearray(SECRET.encode()), now=NOW)
    assert construct_event(BODY, header.encode(), SECRET.encode(), now=NOW)["type"] == (
        "image.completed"
    )


def test_non_ascii_bytes_header_is_a_header_error() -> None:
    """A bytes header that is not ASCII is a verification error, not a decode error."""
    with pytest.raises(WebhookHeaderError, match="non-ASCII"):
        verify_signature(BODY, b"t=1,v1=\xff\xfe", SECRET, now=NOW)


def test_bytes_secret_signs_like_its_str() -> None:
    """sign() gives the same header for a secret as str or bytes."""
    assert sign(BODY, SECRET.encode(), NOW) == sign(BODY, SECRET, NOW)
    assert sign(BODY.decode(), SECRET, NOW) == sign(BODY, SECRET, NOW)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        pytest.param({"secret": None}, "secret", id="secret-none"),
        pytest.param({"secret": ""}, "secret", id="secret-empty"),
        pytest.param({"secret": b""}, "secret", id="secret-empty-bytes"),
        pytest.param({"secret": 12345}, "secret", id="secret-int"),
        pytest.param({"tolerance": None}, "tolerance", id="tolerance-none"),
        pytest.param({"tolerance": -1}, "tolerance", id="tolerance-negative"),
        pytest.param({"tolerance": float("nan")}, "tolerance", id="tolerance-nan"),
        pytest.param({"tolerance": float("inf")}, "tolerance", id="tolerance-inf"),
        pytest.param({"tolerance": "300"}, "tolerance", id="tolerance-str"),
        pytest.param({"tolerance": True}, "tolerance", id="tolerance-bool"),
        pytest.param({"now": float("nan")}, "now", id="now-nan"),
        pytest.param({"payload": {"type": "x"}}, "payload", id="payload-dict"),
        pytest.param({"payload": None}, "payload", id="payload-none"),
        pytest.param({"header": 42}, "header", id="header-int"),
    ],
)
def test_caller_misuse_is_an_invalid_argument_error(kwargs: dict[str, Any], argument: str) -> None:
    """A bad secret, tolerance, now, payload or header type raises InvalidArgumentError."""
    call: dict[str, Any] = {
        "payload": BODY,
        "header": sign(BODY, SECRET, NOW),
        "secret": SECRET,
        "tolerance": 300,
        "now": NOW,
        **kwargs,
    }

    with pytest.raises(InvalidArgumentError) as caught:
        verify_signature(call.pop("payload"), call.pop("header"), call.pop("secret"), **call)

    assert caught.value.argument == argument
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, AurousError)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("secret", [pytest.param(None, id="none"), pytest.param("", id="empty")])
def test_sign_refuses_a_missing_secret(secret: str | None) -> None:
    """sign() refuses no secret with InvalidArgumentError."""
    with pytest.raises(InvalidArgumentError, match="secret"):
        sign(BODY, secret, NOW)  # type: ignore[arg-type]


def test_tolerance_is_inclusive_both_ways_and_zero_allowed() -> None:
    """At exactly the tolerance a delivery passes; tolerance=0 demands the same second."""
    verify_signature(BODY, sign(BODY, SECRET, NOW - 300), SECRET, now=NOW)
    verify_signature(BODY, sign(BODY, SECRET, NOW + 300), SECRET, now=NOW)
    verify_signature(BODY, sign(BODY, SECRET, NOW), SECRET, tolerance=0, now=NOW)
    with pytest.raises(WebhookTimestampError):
        verify_signature(BODY, sign(BODY, SECRET, NOW - 1), SECRET, tolerance=0, now=NOW)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"not json", id="not-json"),
        pytest.param(b"[1]", id="array"),
        pytest.param(b"\xff\xfe", id="not-utf8"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deeply-nested"),
    ],
)
def test_construct_event_payload_errors(body: bytes) -> None:
    """A verified payload that is not a JSON object raises WebhookPayloadError."""
    with pytest.raises(WebhookPayloadError):
        construct_event(body, sign(body, SECRET, NOW), SECRET, now=NOW)
