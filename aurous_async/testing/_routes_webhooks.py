"""
Webhook endpoints: register (secret shown once), retrieve (secret null), rotate the secret
(shown once more), and a synthetic signed test delivery of a subscribed event type.
"""

from __future__ import annotations

import secrets
import string

from ._contract import body_keys, enum_values
from ._http import Response, bad_request, not_found
from ._lifecycle import emit
from ._routes_generations import https_url
from ._routing import ROUTES, Ctx
from ._state import WebhookEndpoint
from ._validate import Fields
from ._views import endpoint_json

_ALPHABET = string.ascii_letters + string.digits


def _secret() -> str:
    return "whsec_" + "".join(secrets.choice(_ALPHABET) for _ in range(32))


def _find(ctx: Ctx) -> WebhookEndpoint:
    endpoint = ctx.team.webhook_endpoints.get(ctx.params["id"])
    if endpoint is None:
        raise not_found("webhook endpoint", "id")
    return endpoint


@ROUTES.route(
    "POST", "/v1/webhook_endpoints", "create_webhook_endpoint", bucket="webhook_endpoints"
)
def create_webhook_endpoint(ctx: Ctx) -> Response:
    fields = Fields(ctx.request.json())
    fields.reject_unknown(body_keys("CreateWebhookEndpointRequest"))
    url = https_url(fields.string("url", required=True), "url")
    events = fields.strings("events", min_items=1)
    if events is None:
        raise bad_request("missing_field", "events is required.", "events")
    known = enum_values("KnownWebhookEventType")
    unknown = [e for e in events if e not in known and e != "*"]
    if unknown:
        raise bad_request(
            "invalid_format", f"Unknown event type(s): {', '.join(unknown)}.", "events"
        )
    if "*" in events:
        events = list(known)  # expanded now: later event types do not auto-subscribe
    description = fields.string("description", max_len=1000) or ""
    metadata = fields.mapping("metadata") or {}
    if len(metadata) > 50:
        raise bad_request("value_out_of_range", "metadata takes at most 50 keys.", "metadata")
    for key, value in metadata.items():
        if not isinstance(value, str) or len(value) > 500:
            raise bad_request(
                "invalid_format",
                "metadata values are strings of at most 500 characters.",
                f"metadata.{key}",
            )
    assert url is not None
    now = ctx.now
    endpoint = WebhookEndpoint(
        id=ctx.state.ids.new("we"),
        team_id=ctx.team.id,
        url=url,
        events=list(dict.fromkeys(events)),
        description=description,
        metadata=metadata,
        secret=_secret(),
        created_at=now,
        updated_at=now,
    )
    ctx.team.webhook_endpoints[endpoint.id] = endpoint
    return Response.json(endpoint_json(endpoint, secret=True), 201)


@ROUTES.route("GET", "/v1/webhook_endpoints/{id}", "get_webhook_endpoint", bucket="get")
def get_webhook_endpoint(ctx: Ctx) -> Response:
    return Response.json(endpoint_json(_find(ctx), secret=False))


@ROUTES.route(
    "POST",
    "/v1/webhook_endpoints/{id}/rotate_secret",
    "rotate_webhook_endpoint_secret",
    bucket="webhook_endpoints",
)
def rotate_webhook_endpoint_secret(ctx: Ctx) -> Response:
    endpoint = _find(ctx)
    endpoint.secret = _secret()
    endpoint.updated_at = ctx.now
    return Response.json(endpoint_json(endpoint, secret=True))


@ROUTES.route(
    "POST", "/v1/webhook_endpoints/{id}/test", "test_webhook_endpoint", bucket="webhooks_test"
)
def test_webhook_endpoint(ctx: Ctx) -> Response:
    endpoint = _find(ctx)
    fields = Fields(ctx.request.json())
    fields.reject_unknown(body_keys("TestWebhookEndpointRequest"))
    event_type = fields.string(
        "event_type", required=True, choices=enum_values("KnownWebhookEventType")
    )
    assert event_type is not None
    if event_type not in endpoint.events:
        raise bad_request(
            "invalid_request",
            f"The endpoint is not subscribed to {event_type}.",
            "event_type",
        )
    before = len(ctx.team.deliveries)
    data = {"id": f"{event_type.split('.')[0]}_test", "object": "test"}
    emit(ctx.state, ctx.team, event_type, data, ctx.now, only_endpoint=endpoint.id, synthetic=True)
    sent = ctx.team.deliveries[before:]  # empty when the endpoint was disabled
    return Response.json(
        {
            "object": "webhook_test",
            "endpoint_id": endpoint.id,
            "event_type": event_type,
            "event_id": sent[0].json()["id"] if sent else None,
            "delivered": bool(sent),
        }
    )
