"""
Typed webhook events: each documented type parses into its generated model (chosen by
``type``), anything else into the generic `WebhookEvent`; the spec's ``webhooks:`` section
describes every type; ``client.webhooks.unwrap`` reads the secret from the environment.
"""

from __future__ import annotations

import json
import logging
import pickle
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from aurous_async import AsyncAurous, InvalidArgumentError
from aurous_async.models import Character, GenerationResponse, WebhookEventData
from aurous_async.testing import FakeAurous
from aurous_async.webhooks import (
    EVENT_TYPES,
    SIGNATURE_HEADER,
    CharacterCancelledEvent,
    CharacterCompletedEvent,
    CharacterFailedEvent,
    ImageCancelledEvent,
    ImageCompletedEvent,
    ImageFailedEvent,
    UsageBalanceLowEvent,
    VideoCancelledEvent,
    VideoCompletedEvent,
    VideoFailedEvent,
    WebhookEndpointDisabledEvent,
    WebhookEvent,
    WebhookHeaderError,
    WebhookPayloadError,
    WebhookSignatureError,
    construct_event,
    parse_event,
    sign,
)

from .conftest import API_KEY, BASE_URL

SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "openapi.yaml").read_text()
)
SECRET = "whsec_" + "k" * 32
NOW = 1_900_000_000
DOCUMENTED = [
    "image.completed",
    "image.failed",
    "image.cancelled",
    "video.completed",
    "video.failed",
    "video.cancelled",
    "usage.balance_low",
    "webhook.endpoint_disabled",
    "character.completed",
    "character.failed",
    "character.cancelled",
]


def envelope(event_type: str, data: dict[str, Any], **extra: Any) -> bytes:
    """A delivery body in the envelope the fake sends."""
    body = {
        "id": "evt_01J0000000000000000000TEST",
        "object": "event",
        "type": event_type,
        "created": NOW,
        "api_version": "2026-05-15",
        "synthetic": False,
        "data": data,
        **extra,
    }
    return json.dumps(body).encode()


async def test_fake_deliveries_parse_into_their_typed_events() -> None:
    """Every event the fake delivers through a real flow comes back as its typed model."""
    async with FakeAurous() as fake:
        client = fake.client()
        endpoint = await client.create_webhook_endpoint(url="https://example.com/h", events=["*"])
        assert endpoint.secret
        await client.create_image(prompt="done")
        fake.next_outcome("image", "failed")
        await client.create_image(prompt="fails")
        video = await client.create_video(video_lora_id="seedance-1-pro", prompt="v")
        fake.settings.image_seconds = 60
        slow = await client.create_image(prompt="cancelled")
        await client.cancel_image(slow.id)
        await client.create_character(name="Mia", generate=True, attributes={})
        fake.next_outcome("character", "failed")
        await client.create_character(name="Ann", generate=True, attributes={})
        fake.settings.synthesis_seconds = 60
        pending = await client.create_character(name="Bo", generate=True, attributes={})
        await client.delete_character(pending.id)
        fake.advance(1)
        await client.get_image(video.id)
        deliveries = [d for d in fake.team().deliveries if d.endpoint_id == endpoint.id]

    events = [
        construct_event(d.body, d.headers[SIGNATURE_HEADER], endpoint.secret, now=d.created_at)
        for d in deliveries
    ]
    by_type = {type(e): e for e in events}
    assert {
        ImageCompletedEvent,
        ImageFailedEvent,
        ImageCancelledEvent,
        VideoCompletedEvent,
        CharacterCompletedEvent,
        CharacterFailedEvent,
        CharacterCancelledEvent,
    } <= set(by_type)
    assert WebhookEvent not in by_type  # every real delivery matches its documented payload
    image = by_type[ImageCompletedEvent]
    assert isinstance(image, ImageCompletedEvent)
    assert isinstance(image.data, GenerationResponse) and image.data.status == "succeeded"
    assert image.type_ == "image.completed" and image.synthetic is False
    assert image.id.startswith("evt_") and isinstance(image.created, int)
    character = by_type[CharacterCompletedEvent]
    assert isinstance(character, CharacterCompletedEvent)
    assert isinstance(character.data, Character) and character.data.name == "Mia"
    assert str(by_type[CharacterCancelledEvent].data.status) == "synthesizing"


def test_event_types_name_one_class_per_documented_type() -> None:
    """EVENT_TYPES maps the eleven documented types to their event classes, in the docs' order."""
    assert list(EVENT_TYPES.items()) == [
        ("image.completed", ImageCompletedEvent),
        ("image.failed", ImageFailedEvent),
        ("image.cancelled", ImageCancelledEvent),
        ("video.completed", VideoCompletedEvent),
        ("video.failed", VideoFailedEvent),
        ("video.cancelled", VideoCancelledEvent),
        ("usage.balance_low", UsageBalanceLowEvent),
        ("webhook.endpoint_disabled", WebhookEndpointDisabledEvent),
        ("character.completed", CharacterCompletedEvent),
        ("character.failed", CharacterFailedEvent),
        ("character.cancelled", CharacterCancelledEvent),
    ]


@pytest.mark.parametrize("event_type", DOCUMENTED)
async def test_each_documented_type_has_its_model(event_type: str) -> None:
    """Each of the eleven types parses into the model EVENT_TYPES names for it, by type."""
    async with FakeAurous() as fake:
        client = fake.client()
        image = await client.create_image(prompt="x")
        character = await client.create_character(name="Mia", generate=True, attributes={})
        http = fake.http_client()
        image_json = (await http.get(f"/v1/images/{image.id}")).json()
        character_json = (await http.get(f"/v1/characters/{character.id}")).json()
    data = {
        "image": image_json,
        "video": image_json,
        "character": character_json,
        "usage": {"credits": 4.5, "threshold": 5},
        "webhook": {"id": "we_1", "object": "webhook_endpoint", "is_active": False},
    }[event_type.split(".")[0]]
    body = envelope(event_type, data)
    event = construct_event(body, sign(body, SECRET, NOW), SECRET, now=NOW)
    assert type(event) is EVENT_TYPES[event_type]
    assert event.type_ == event_type
    if event_type.startswith(("usage.", "webhook.")):
        assert isinstance(event.data, WebhookEventData)
        assert event.data.additional_properties == data
    # The dict construct_event used to return is still readable by key.
    assert event["data"] == data and event["type"] == event_type and "synthetic" in event


def test_unknown_type_parses_as_the_generic_event_keeping_its_data() -> None:
    """A type the SDK does not know yet is a WebhookEvent with type_ and data as delivered."""
    data = {"id": "lora_1", "nested": {"a": [1, 2]}}
    body = envelope("lora.trained", data, extra_field="kept")
    event = construct_event(body, sign(body, SECRET, NOW), SECRET, now=NOW)
    assert type(event) is WebhookEvent
    assert event.type_ == "lora.trained"
    assert event.data.additional_properties == data and event.data["nested"] == {"a": [1, 2]}
    assert event.id == "evt_01J0000000000000000000TEST" and event.synthetic is False
    assert event["extra_field"] == "kept" and event.get("missing", 7) == 7


def test_a_payload_not_matching_its_type_falls_back_to_the_generic_event() -> None:
    """A synthetic test delivery's data is no generation: the generic event, not an error."""
    data = {"id": "image_test", "object": "test"}
    body = envelope("image.completed", data, synthetic=True)
    event = construct_event(body, sign(body, SECRET, NOW), SECRET, now=NOW)
    assert type(event) is WebhookEvent
    assert (event.type_, event.synthetic, event.data.additional_properties) == (
        "image.completed",
        True,
        data,
    )
    assert event["data"]["id"] == "image_test"


async def test_a_fake_test_delivery_parses() -> None:
    """test_webhook_endpoint's synthetic delivery parses, synthetic set, as the generic event."""
    async with FakeAurous() as fake:
        client = fake.client()
        endpoint = await client.create_webhook_endpoint(
            url="https://example.com/h", events=["usage.balance_low"]
        )
        await client.test_webhook_endpoint(endpoint.id, event_type="usage.balance_low")
        delivery = fake.team().deliveries[-1]
    assert endpoint.secret
    event = construct_event(
        delivery.body, delivery.headers[SIGNATURE_HEADER], endpoint.secret, now=delivery.created_at
    )
    # usage.balance_low's data is free-form, so even the synthetic one is typed.
    assert isinstance(event, UsageBalanceLowEvent) and event.synthetic is True


@pytest.mark.parametrize(
    "delivered",
    [
        {"data": {}},
        {"type": 5, "data": {}},
        {"type": "image.completed"},
        {"type": "image.completed", "data": [1]},
        {"type": "image.completed", "data": None},
    ],
)
def test_a_verified_object_that_is_no_event_is_refused(delivered: dict[str, Any]) -> None:
    """Without a string type and an object data a delivery is a WebhookPayloadError."""
    body = json.dumps(delivered).encode()
    with pytest.raises(WebhookPayloadError):
        construct_event(body, sign(body, SECRET, NOW), SECRET, now=NOW)


def test_parse_event_takes_parsed_json() -> None:
    """parse_event types JSON already verified elsewhere, the same way construct_event does."""
    event = parse_event({"type": "webhook.endpoint_disabled", "data": {"id": "we_1"}})
    assert type(event) is WebhookEvent  # no id/created/synthetic: not the documented envelope
    with pytest.raises(WebhookPayloadError):
        parse_event([1])  # type: ignore[arg-type]


def test_typed_events_pickle_and_compare() -> None:
    """A typed event survives pickle (still readable by key) and equals its copy."""
    body = envelope("usage.balance_low", {"credits": 1})
    event = construct_event(body, sign(body, SECRET, NOW), SECRET, now=NOW)
    copy = pickle.loads(pickle.dumps(event))
    assert copy == event and type(copy) is UsageBalanceLowEvent
    assert copy["data"] == {"credits": 1} and copy["type"] == "usage.balance_low"


# -- client.webhooks.unwrap -----------------------------------------------------------------


def signed(body: bytes, secret: str = SECRET) -> dict[str, str]:
    """The headers of a delivery of *body*, as a plain dict with the header's usual case."""
    return {"Content-Type": "application/json", SIGNATURE_HEADER: sign(body, secret, NOW)}


async def test_unwrap_reads_the_secret_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """With AUROUS_WEBHOOK_SECRET set, unwrap(body, headers) verifies and types the event."""
    monkeypatch.setenv("AUROUS_WEBHOOK_SECRET", SECRET)
    body = envelope("lora.trained", {"id": "lora_1"})
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        with caplog.at_level(logging.DEBUG):
            event = client.webhooks.unwrap(body, signed(body), now=NOW)
            lower = {k.lower(): v for k, v in signed(body).items()}
            lowered = client.webhooks.unwrap(body, lower, now=NOW)
            as_httpx = client.webhooks.unwrap(body.decode(), httpx.Headers(signed(body)), now=NOW)
        shown = repr(client.webhooks)
    assert type(event) is WebhookEvent and event == lowered == as_httpx
    assert SECRET not in shown and SECRET not in caplog.text


async def test_unwrap_prefers_a_given_secret_and_refuses_a_wrong_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """secret= overrides the environment; a signature by another secret is refused."""
    monkeypatch.setenv("AUROUS_WEBHOOK_SECRET", "whsec_wrong")
    body = envelope("lora.trained", {"id": "lora_1"})
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        assert client.webhooks.unwrap(body, signed(body), secret=SECRET, now=NOW).type_ == (
            "lora.trained"
        )
        with pytest.raises(WebhookSignatureError) as caught:
            client.webhooks.unwrap(body, signed(body), now=NOW)
    assert "whsec_wrong" not in str(caught.value) and SECRET not in str(caught.value)


async def test_unwrap_without_any_secret_is_a_caller_error() -> None:
    """No secret= and no AUROUS_WEBHOOK_SECRET raise InvalidArgumentError naming the variable."""
    body = envelope("lora.trained", {})
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        with pytest.raises(InvalidArgumentError) as caught:
            client.webhooks.unwrap(body, signed(body))
    assert "AUROUS_WEBHOOK_SECRET" in str(caught.value)


async def test_unwrap_checks_its_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing signature header is a WebhookHeaderError; headers that are no mapping, misuse."""
    monkeypatch.setenv("AUROUS_WEBHOOK_SECRET", SECRET)
    body = envelope("lora.trained", {})
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        with pytest.raises(WebhookHeaderError):
            client.webhooks.unwrap(body, {"Content-Type": "application/json"})
        with pytest.raises(InvalidArgumentError):
            client.webhooks.unwrap(body, sign(body, SECRET))  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            pickle.dumps(client.webhooks)


# -- the spec -------------------------------------------------------------------------------


def test_spec_webhooks_describe_every_documented_type() -> None:
    """openapi.yaml's webhooks: one per documented type, each payload a components schema."""
    known = SPEC["components"]["schemas"]["KnownWebhookEventType"]["enum"]
    assert sorted(known) == sorted(DOCUMENTED) == sorted(SPEC["webhooks"]) == sorted(EVENT_TYPES)
    for event_type, item in SPEC["webhooks"].items():
        schema_ref = item["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        name = schema_ref.rsplit("/", 1)[1]
        schema = SPEC["components"]["schemas"][name]
        assert schema["properties"]["type"]["const"] == event_type
        assert {"id", "type", "created", "synthetic", "data"} <= set(schema["required"])
        assert EVENT_TYPES[event_type].__mro__[2].__name__ == name  # the generated model
