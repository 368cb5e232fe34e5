"""
Webhook endpoints: create, get, rotate the secret, fire a test — the request on the wire, the
parsed result, a typed error each, and the plaintext secret kept out of every repr.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    API_VERSION,
    AsyncAurous,
    BadRequestError,
    NotFoundError,
    RateLimitError,
)
from aurous_async.models import WebhookEndpoint, WebhookTestResult
from tests.conftest import API_KEY, BASE_URL

WE_ID = "we_01HXMQ7Z3K8Y2ABCDEFGHJKM"
SECRET = "whsec_8jKpQ4nVmR2xT7yWb3Zc5Ld9Hf1Ga6Ne0UoABCD"
ROTATED = "whsec_Zq9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBaWXYZ"
HOOK_URL = "https://hooks.acme.example/aurous"


def endpoint_json(secret: str | None = None, **overrides: Any) -> dict[str, Any]:
    """A webhook endpoint object; *secret* is the plaintext only create/rotate carry."""
    data: dict[str, Any] = {
        "id": WE_ID,
        "object": "webhook_endpoint",
        "url": HOOK_URL,
        "events": ["image.completed", "image.failed", "video.completed"],
        "description": "Production renders",
        "metadata": {"env": "prod"},
        "secret_preview": "whsec_8jK...ABCD",
        "secret": secret,
        "is_active": True,
        "consecutive_failures": 0,
        "last_success_at": None,
        "last_failure_at": None,
        "created_at": "2026-05-15T10:00:00Z",
        "updated_at": "2026-05-15T10:00:00Z",
    }
    data.update(overrides)
    return data


def error_json(code: str, message: str, **fields: Any) -> dict[str, Any]:
    """An error envelope as the API sends it."""
    return {"error": {"type": "invalid_request", "code": code, "message": message, **fields}}


def sent(route: respx.Route) -> httpx.Request:
    """The one request *route* received, after checking the headers every call carries."""
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.headers["X-Api-Key"] == API_KEY
    assert request.headers["Aurous-Version"] == API_VERSION
    assert "Idempotency-Key" not in request.headers
    return request


def sent_json(request: httpx.Request) -> Any:
    """The JSON body of *request*, after checking it was declared as JSON."""
    assert request.headers["Content-Type"] == "application/json"
    return json.loads(request.content)


# --- create_webhook_endpoint --------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_webhook_endpoint_sends_url_and_events_only(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """With url and events only, the body holds exactly those two fields."""
    route = respx_mock.post("/v1/webhook_endpoints").respond(
        201, json=endpoint_json(SECRET, description=None, metadata=None)
    )

    endpoint = await client.create_webhook_endpoint(
        url=HOOK_URL, events=("image.completed", "image.failed", "video.completed")
    )

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == "/v1/webhook_endpoints"
    assert sent_json(request) == {
        "url": HOOK_URL,
        "events": ["image.completed", "image.failed", "video.completed"],
    }
    assert isinstance(endpoint, WebhookEndpoint)
    assert endpoint.id == WE_ID
    assert endpoint.description is None


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_webhook_endpoint_sends_every_field_and_reveals_the_secret(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """description and metadata go out; the plaintext secret is readable but not in repr."""
    route = respx_mock.post("/v1/webhook_endpoints").respond(
        201,
        json=endpoint_json(
            SECRET,
            events=[
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
            ],
        ),
    )

    endpoint = await client.create_webhook_endpoint(
        url=HOOK_URL, events=["*"], description="Production renders", metadata={"env": "prod"}
    )

    assert sent_json(sent(route)) == {
        "url": HOOK_URL,
        "events": ["*"],
        "description": "Production renders",
        "metadata": {"env": "prod"},
    }
    assert endpoint.secret == SECRET
    assert isinstance(endpoint.secret, str)
    assert endpoint.secret.startswith("whsec_")
    assert SECRET not in repr(endpoint)
    assert SECRET not in repr(endpoint.secret)
    assert SECRET not in str([endpoint])
    assert endpoint.secret_preview == "whsec_8jK...ABCD"
    assert len(endpoint.events) == 11
    assert endpoint.metadata is not None
    assert endpoint.metadata.to_dict() == {"env": "prod"}  # type: ignore[union-attr]
    assert (endpoint.is_active, endpoint.consecutive_failures) == (True, 0)


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_webhook_endpoint_400_names_the_url(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A non-https url is a BadRequestError naming url."""
    respx_mock.post("/v1/webhook_endpoints").respond(
        400, json=error_json("invalid_format", "url must use https", param="url")
    )

    with pytest.raises(BadRequestError) as caught:
        await client.create_webhook_endpoint(url="http://hooks.acme.example", events=["*"])

    assert caught.value.param == "url"
    assert caught.value.code == "invalid_format"


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_webhook_endpoint_429_is_a_rate_limit_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The 10/min registration bucket answers 429, raised as RateLimitError."""
    respx_mock.post("/v1/webhook_endpoints").respond(
        429,
        headers={"Retry-After": "6", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0"},
        json={"error": {"type": "rate_limit", "code": "too_many_requests", "message": "slow"}},
    )

    with pytest.raises(RateLimitError) as caught:
        await client.create_webhook_endpoint(url=HOOK_URL, events=["*"], max_retries=0)

    assert caught.value.retry_after == 6
    assert caught.value.limit == 10


# --- get_webhook_endpoint -----------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_webhook_endpoint_has_no_secret(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """get_webhook_endpoint GETs the endpoint; secret is None, the preview is shown."""
    route = respx_mock.get(f"/v1/webhook_endpoints/{WE_ID}").respond(
        200,
        json=endpoint_json(
            None,
            is_active=False,
            consecutive_failures=20,
            last_success_at="2026-05-14T08:00:00Z",
            last_failure_at="2026-05-15T09:59:00Z",
        ),
    )

    endpoint = await client.get_webhook_endpoint(WE_ID)

    request = sent(route)
    assert request.method == "GET"
    assert request.content == b""
    assert isinstance(endpoint, WebhookEndpoint)
    assert endpoint.secret is None
    assert endpoint.secret_preview == "whsec_8jK...ABCD"
    assert (endpoint.is_active, endpoint.consecutive_failures) == (False, 20)
    assert endpoint.last_failure_at is not None
    assert endpoint.last_failure_at.isoformat() == "2026-05-15T09:59:00+00:00"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_webhook_endpoint_404_raises_not_found(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An unknown endpoint is a NotFoundError."""
    respx_mock.get(f"/v1/webhook_endpoints/{WE_ID}").respond(
        404, json=error_json("resource_not_found", "No such webhook endpoint", type="not_found")
    )

    with pytest.raises(NotFoundError) as caught:
        await client.get_webhook_endpoint(WE_ID)

    assert caught.value.code == "resource_not_found"


# --- rotate_webhook_endpoint_secret -------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_rotate_webhook_endpoint_secret_reveals_the_new_secret_once(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """rotate POSTs with no body; the new secret is readable but never in repr."""
    route = respx_mock.post(f"/v1/webhook_endpoints/{WE_ID}/rotate_secret").respond(
        200,
        json=endpoint_json(
            ROTATED, secret_preview="whsec_Zq9...WXYZ", updated_at="2026-05-16T10:00:00Z"
        ),
    )

    endpoint = await client.rotate_webhook_endpoint_secret(WE_ID)

    request = sent(route)
    assert request.method == "POST"
    assert request.content == b""
    assert endpoint.secret == ROTATED
    assert ROTATED not in repr(endpoint)
    assert endpoint.secret_preview == "whsec_Zq9...WXYZ"


@pytest.mark.respx(base_url=BASE_URL)
async def test_rotate_webhook_endpoint_secret_404_raises_not_found(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Rotating an unknown endpoint is a NotFoundError, sent once."""
    route = respx_mock.post(f"/v1/webhook_endpoints/{WE_ID}/rotate_secret").respond(
        404, json=error_json("resource_not_found", "No such webhook endpoint")
    )

    with pytest.raises(NotFoundError):
        await client.rotate_webhook_endpoint_secret(WE_ID)

    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_raw_response_of_rotate_keeps_the_secret_out_of_repr(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """with_raw_response gives the same hidden secret in parsed and in its own repr."""
    respx_mock.post(f"/v1/webhook_endpoints/{WE_ID}/rotate_secret").respond(
        200, json=endpoint_json(ROTATED)
    )

    raw = await client.with_raw_response.rotate_webhook_endpoint_secret(WE_ID)

    assert raw.parsed.secret == ROTATED
    assert ROTATED not in repr(raw)


# --- test_webhook_endpoint ----------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_test_webhook_endpoint_sends_the_event_type(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """test_webhook_endpoint POSTs {event_type}; any JSON object answer parses."""
    route = respx_mock.post(f"/v1/webhook_endpoints/{WE_ID}/test").respond(
        202,
        json={"object": "webhook_test", "event_id": "evt_01HXMQ7Z3K8Y2ABCDEFGHJKM", "queued": True},
    )

    result = await client.test_webhook_endpoint(WE_ID, event_type="image.completed")

    request = sent(route)
    assert request.method == "POST"
    assert sent_json(request) == {"event_type": "image.completed"}
    assert isinstance(result, WebhookTestResult)
    assert result.additional_properties == {
        "object": "webhook_test",
        "event_id": "evt_01HXMQ7Z3K8Y2ABCDEFGHJKM",
        "queued": True,
    }


@pytest.mark.respx(base_url=BASE_URL)
async def test_test_webhook_endpoint_400_unsubscribed_event(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An event type the endpoint does not subscribe to is a BadRequestError naming it."""
    respx_mock.post(f"/v1/webhook_endpoints/{WE_ID}/test").respond(
        400,
        json=error_json(
            "invalid_request", "endpoint is not subscribed to usage.balance_low", param="event_type"
        ),
    )

    with pytest.raises(BadRequestError) as caught:
        await client.test_webhook_endpoint(WE_ID, event_type="usage.balance_low")

    assert caught.value.param == "event_type"
