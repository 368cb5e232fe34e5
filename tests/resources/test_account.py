"""
Account: get_balance, get_team, get_usage, list_usage_events and get_pricing — the request
on the wire, the parsed result and a typed error each. Walking every page of the usage lists
is in tests/test_pagination.py.
"""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    API_VERSION,
    AsyncAurous,
    AsyncPaginator,
    AuthenticationError,
    BadRequestError,
    InvalidArgumentError,
    PermissionDeniedError,
    RateLimitError,
)
from aurous_async.models import (
    Balance,
    Pricing,
    Team,
    UsageBucket,
    UsageBucketPage,
    UsageEvent,
    UsageEventList,
    UsageTotals,
)
from tests.conftest import API_KEY, BASE_URL

UTC = datetime.UTC
START = datetime.datetime(2026, 5, 1, tzinfo=UTC)
END = datetime.datetime(2026, 5, 15, 12, 30, tzinfo=UTC)
CEST = datetime.timezone(datetime.timedelta(hours=2))
API_KEY_ID = "key_01HXMQ7Z3K8Y2ABCDEFGHJKM"
EVENT_KEY_ID = "apikey_01HXMQ7Z3K8Y2ABCDEFGHJKMNPQ"
USER_ID = "usr_01HXMQ7Z3K8Y2ABCDEFGHJKM"
LORA_ID = "lora_01HXMQ7Z3K8Y2ABCDEFGHJKM"
CHAR_ID = "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR"


def metrics(**overrides: Any) -> dict[str, Any]:
    """The metrics of one usage group."""
    data: dict[str, Any] = {
        "request_count": 120,
        "successful_count": 112,
        "failed_count": 6,
        "cancelled_count": 2,
        "credits_used": 231.5,
        "duration_ms_p50": 14200,
        "duration_ms_p95": 29800,
        "image_count": 118,
        "video_seconds": 25,
        "total_input_tokens": 0,
        "total_output_tokens": 0,
    }
    data.update(overrides)
    return data


def bucket(day: int, groups: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A one-day usage bucket starting on May *day*."""
    return {
        "object": "usage.bucket",
        "bucket_start": f"2026-05-{day:02d}T00:00:00Z",
        "bucket_end": f"2026-05-{day + 1:02d}T00:00:00Z",
        "groups": groups if groups is not None else [{"key": {}, "metrics": metrics()}],
    }


def bucket_page(
    days: list[int], *, has_more: bool = False, next_page: str | None = None
) -> dict[str, Any]:
    """A page of the bucketed /v1/usage answer."""
    return {
        "object": "list",
        "data": [bucket(day) for day in days],
        "has_more": has_more,
        "next_page": next_page,
    }


def event_json(id: str, **overrides: Any) -> dict[str, Any]:
    """One billed request as /v1/usage/events lists it."""
    data: dict[str, Any] = {
        "id": id,
        "type": "image",
        "model": "flux-dev",
        "status": "completed",
        "created_at": "2026-05-14T09:12:00Z",
        "completed_at": "2026-05-14T09:12:15Z",
        "duration_ms": 14820,
        "input_tokens": None,
        "output_tokens": None,
        "credits_charged": 2,
        "api_key_id": EVENT_KEY_ID,
        "user_id": "6f1c2a9e-3b7d-4e21-9a40-5d8e2c1b7f30",
        "request_id": "req_01HXMQ7Z3K8Y2ABCDEFGHJKM",
    }
    data.update(overrides)
    return data


def error_json(code: str, message: str, **fields: Any) -> dict[str, Any]:
    """An error envelope as the API sends it."""
    return {"error": {"type": "invalid_request", "code": code, "message": message, **fields}}


def sent(route: respx.Route) -> httpx.Request:
    """The one GET *route* received, after checking the headers every call carries."""
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.content == b""
    assert request.headers["X-Api-Key"] == API_KEY
    assert request.headers["Aurous-Version"] == API_VERSION
    return request


# --- get_balance --------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_balance_parses_credits_and_billing_mode(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """get_balance GETs /v1/balance with no query and parses the Balance."""
    route = respx_mock.get("/v1/balance").respond(
        200,
        json={
            "credits": 1023.49,
            "held_credits": 4,
            "available_credits": 1019.49,
            "currency": "credit",
            "billing_mode": "metered",
        },
    )

    balance = await client.get_balance()

    assert sent(route).url.query == b""
    assert isinstance(balance, Balance)
    assert (balance.credits_, balance.held_credits, balance.available_credits) == (
        1023.49,
        4,
        1019.49,
    )
    assert balance.currency == "credit"
    assert balance.billing_mode == "metered"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_balance_parses_the_old_shape_and_unknown_mode(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Without billing_mode (older crawl) and with an unknown mode the Balance parses."""
    respx_mock.get("/v1/balance").mock(
        side_effect=[
            httpx.Response(
                200,
                json={
                    "credits": 500,
                    "held_credits": 0,
                    "available_credits": 500,
                    "currency": "credit",
                },
            ),
            httpx.Response(
                200,
                json={
                    "credits": 0,
                    "held_credits": 0,
                    "available_credits": 0,
                    "currency": "credit",
                    "billing_mode": "prepaid_v2",
                },
            ),
        ]
    )

    old = await client.get_balance()
    newer = await client.get_balance()

    assert old.available_credits == 500
    assert "billing_mode" not in old.to_dict()
    assert newer.billing_mode == "prepaid_v2"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_balance_401_raises_authentication_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A bad key on /v1/balance is an AuthenticationError."""
    respx_mock.get("/v1/balance").respond(
        401, json=error_json("invalid_api_key", "Invalid API key", type="authentication")
    )

    with pytest.raises(AuthenticationError) as caught:
        await client.get_balance()

    assert caught.value.code == "invalid_api_key"


# --- get_team -----------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_team_parses_the_team(client: AsyncAurous, respx_mock: respx.MockRouter) -> None:
    """get_team GETs /v1/team and parses the Team."""
    route = respx_mock.get("/v1/team").respond(
        200,
        json={
            "id": "team_01HXMQ7Z3K8Y2ABCDEFGHJKM",
            "name": "Acme Studio",
            "credits": 500,
            "billing_email": "billing@acme.example",
            "billing_mode": "exempt",
            "created_at": "2026-01-10T08:00:00Z",
        },
    )

    team = await client.get_team()

    assert sent(route).url.path == "/v1/team"
    assert isinstance(team, Team)
    assert (team.id, team.name, team.credits_) == (
        "team_01HXMQ7Z3K8Y2ABCDEFGHJKM",
        "Acme Studio",
        500,
    )
    assert team.billing_email == "billing@acme.example"
    assert team.billing_mode == "exempt"
    assert team.created_at.isoformat() == "2026-01-10T08:00:00+00:00"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_team_403_raises_permission_denied(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """403 missing_scope on /v1/team is a PermissionDeniedError."""
    respx_mock.get("/v1/team").respond(403, json=error_json("missing_scope", "Needs read"))

    with pytest.raises(PermissionDeniedError) as caught:
        await client.get_team()

    assert caught.value.code == "missing_scope"


# --- get_usage ----------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_usage_sends_only_start_time_and_parses_buckets(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """With only start_time the query is start_time alone (RFC 3339); buckets parse."""
    route = respx_mock.get("/v1/usage").respond(
        200,
        json={
            "object": "list",
            "data": [
                bucket(
                    14,
                    [
                        {"key": {"status": "succeeded"}, "metrics": metrics()},
                        {
                            "key": {"status": "failed"},
                            "metrics": metrics(request_count=6, credits_used=0),
                        },
                    ],
                )
            ],
            "has_more": False,
            "next_page": None,
        },
    )

    page = await client.get_usage(start_time=START)

    request = sent(route)
    assert dict(request.url.params) == {"start_time": "2026-05-01T00:00:00+00:00"}
    assert datetime.datetime.fromisoformat(request.url.params["start_time"]) == START
    assert isinstance(page, UsageBucketPage)
    assert page.has_more is False and page.next_page is None
    (only,) = page.data
    assert isinstance(only, UsageBucket)
    assert only.object_ == "usage.bucket"
    assert only.bucket_start == datetime.datetime(2026, 5, 14, tzinfo=UTC)
    assert [group.key.to_dict() for group in only.groups] == [
        {"status": "succeeded"},
        {"status": "failed"},
    ]
    assert only.groups[0].metrics.credits_used == 231.5
    assert only.groups[0].metrics.duration_ms_p95 == 29800
    assert only.groups[1].metrics.request_count == 6


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_usage_sends_every_filter(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Lists go out as repeated name[] parameters, scalars once, times as RFC 3339."""
    route = respx_mock.get("/v1/usage").respond(200, json=bucket_page([]))

    await client.get_usage(
        start_time=START,
        end_time=END.astimezone(CEST),
        bucket_width="1h",
        group_by=["status", "api_key_id"],
        status=["succeeded", "failed"],
        type=["image", "video"],
        api_key_id=[API_KEY_ID],
        user_id=[USER_ID, "usr_01HXMQ7Z3K8Y2ABCDEFGHJKN"],
        lora_id=LORA_ID,
        character_id=CHAR_ID,
        limit=48,
    )

    params = sent(route).url.params
    assert sorted(params.multi_items()) == sorted(
        [
            ("start_time", "2026-05-01T00:00:00+00:00"),
            ("end_time", "2026-05-15T14:30:00+02:00"),
            ("bucket_width", "1h"),
            ("group_by[]", "status"),
            ("group_by[]", "api_key_id"),
            ("status[]", "succeeded"),
            ("status[]", "failed"),
            ("type[]", "image"),
            ("type[]", "video"),
            ("api_key_id[]", API_KEY_ID),
            ("user_id[]", USER_ID),
            ("user_id[]", "usr_01HXMQ7Z3K8Y2ABCDEFGHJKN"),
            ("lora_id", LORA_ID),
            ("character_id", CHAR_ID),
            ("limit", "48"),
        ]
    )
    assert params.get_list("group_by[]") == ["status", "api_key_id"]
    assert datetime.datetime.fromisoformat(params["end_time"]) == END


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_usage_parses_the_old_lifetime_totals(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An old server's {total_generations, total_credits_used} parses as UsageTotals."""
    route = respx_mock.get("/v1/usage").respond(
        200, json={"total_generations": 1532, "total_credits_used": 2987.5}
    )

    totals = await client.get_usage(start_time=START)
    buckets = [b async for b in client.get_usage(start_time=START)]

    assert isinstance(totals, UsageTotals)
    assert (totals.total_generations, totals.total_credits_used) == (1532, 2987.5)
    assert buckets == []
    assert route.call_count == 2


@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
@pytest.mark.parametrize("argument", ["start_time", "end_time"])
async def test_get_usage_rejects_a_naive_datetime_before_sending(
    client: AsyncAurous, respx_mock: respx.MockRouter, argument: str
) -> None:
    """A naive start_time or end_time raises InvalidArgumentError naming it; nothing sent."""
    route = respx_mock.get("/v1/usage").respond(200, json=bucket_page([]))
    times = {"start_time": START, "end_time": END}
    times[argument] = datetime.datetime(2026, 5, 1, 0, 0)

    with pytest.raises(InvalidArgumentError) as caught:
        client.get_usage(**times)

    assert caught.value.argument == argument
    assert argument in str(caught.value)
    assert not route.called


@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
@pytest.mark.parametrize("value", [datetime.date(2026, 5, 1), "2026-05-01T00:00:00Z", 1746057600])
async def test_get_usage_rejects_a_start_time_that_is_not_a_datetime(
    client: AsyncAurous, respx_mock: respx.MockRouter, value: Any
) -> None:
    """A date, a string or a timestamp as start_time raises InvalidArgumentError."""
    route = respx_mock.get("/v1/usage").respond(200, json=bucket_page([]))

    with pytest.raises(InvalidArgumentError) as caught:
        client.get_usage(start_time=value)

    assert caught.value.argument == "start_time"
    assert not route.called


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_usage_400_invalid_page_token(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A stale page token is a BadRequestError naming page_token."""
    route = respx_mock.get("/v1/usage").respond(
        400,
        json=error_json(
            "invalid_page_token", "page_token does not match this query", param="page_token"
        ),
    )

    with pytest.raises(BadRequestError) as caught:
        await client.get_usage(start_time=START, page_token="pt_stale")

    assert caught.value.code == "invalid_page_token"
    assert caught.value.param == "page_token"
    assert route.calls.last.request.url.params["page_token"] == "pt_stale"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_usage_429_reads_the_ietf_rate_limit_headers(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The usage route's RateLimit-* headers fill the RateLimitError fields."""
    respx_mock.get("/v1/usage").respond(
        429,
        headers={"RateLimit-Limit": "1200", "RateLimit-Remaining": "0", "Retry-After": "3"},
        json={"error": {"type": "rate_limit", "code": "too_many_requests", "message": "slow"}},
    )

    with pytest.raises(RateLimitError) as caught:
        await client.get_usage(start_time=START, max_retries=0)

    assert (caught.value.limit, caught.value.remaining) == (1200, 0)
    assert caught.value.retry_after == 3


# --- list_usage_events --------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_usage_events_sends_filters_and_parses_events(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Every filter goes out once under its own name; the events parse."""
    route = respx_mock.get("/v1/usage/events").respond(
        200,
        json={
            "object": "list",
            "data": [
                event_json("img_01HXMQ7Z3K8Y2ABCDEFGHJKM"),
                event_json(
                    "vid_01HXMQ7Z3K8Y2ABCDEFGHJKN",
                    type="video",
                    model="seedance-1-pro",
                    status="processing",
                    completed_at=None,
                    duration_ms=None,
                    credits_charged=None,
                ),
            ],
            "has_more": False,
            "next_cursor": None,
        },
    )

    page = await client.list_usage_events(
        start_time=START,
        end_time=END,
        type="image",
        status="completed",
        model="flux-dev",
        api_key_id=EVENT_KEY_ID,
        user_id="6f1c2a9e-3b7d-4e21-9a40-5d8e2c1b7f30",
        lora_id=LORA_ID,
        limit=250,
    )

    request = sent(route)
    assert sorted(request.url.params.multi_items()) == sorted(
        [
            ("start_time", "2026-05-01T00:00:00+00:00"),
            ("end_time", "2026-05-15T12:30:00+00:00"),
            ("type", "image"),
            ("status", "completed"),
            ("model", "flux-dev"),
            ("api_key_id", EVENT_KEY_ID),
            ("user_id", "6f1c2a9e-3b7d-4e21-9a40-5d8e2c1b7f30"),
            ("lora_id", LORA_ID),
            ("limit", "250"),
        ]
    )
    assert isinstance(page, UsageEventList)
    assert all(isinstance(event, UsageEvent) for event in page.data)
    image, video = page.data
    assert (image.type_, image.status, image.credits_charged) == ("image", "completed", 2)
    assert image.request_id == "req_01HXMQ7Z3K8Y2ABCDEFGHJKM"
    assert (video.type_, video.status, video.completed_at) == ("video", "processing", None)


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_usage_events_sends_only_start_time_by_default(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Without filters the query is start_time alone (no default limit)."""
    route = respx_mock.get("/v1/usage/events").respond(
        200, json={"data": [], "has_more": False, "next_cursor": None}
    )

    page = await client.list_usage_events(start_time=START)

    assert dict(sent(route).url.params) == {"start_time": "2026-05-01T00:00:00+00:00"}
    assert page.data == []


@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
async def test_list_usage_events_returns_a_paginator_and_checks_times_first(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The call itself sends nothing; a naive end_time is refused at once, naming it."""
    route = respx_mock.get("/v1/usage/events").respond(
        200, json={"data": [], "has_more": False, "next_cursor": None}
    )

    assert isinstance(client.list_usage_events(start_time=START), AsyncPaginator)
    with pytest.raises(InvalidArgumentError) as caught:
        client.list_usage_events(start_time=START, end_time=datetime.datetime(2026, 5, 2))

    assert caught.value.argument == "end_time"
    assert not route.called


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_usage_events_400_names_the_param(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A start_time beyond the lookback window is a BadRequestError naming it."""
    respx_mock.get("/v1/usage/events").respond(
        400,
        json=error_json(
            "value_out_of_range", "start_time is more than 730 days ago", param="start_time"
        ),
    )

    with pytest.raises(BadRequestError) as caught:
        await client.list_usage_events(start_time=datetime.datetime(2020, 1, 1, tzinfo=UTC))

    assert caught.value.param == "start_time"


# --- get_pricing --------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_pricing_parses_the_rate_card(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """get_pricing GETs /v1/pricing and parses the image and video rate card."""
    route = respx_mock.get("/v1/pricing").respond(
        200,
        json={
            "object": "pricing",
            "version": "2026-05-15",
            "currency": "credit",
            "description": "Rate card frozen for this API version.",
            "image": {"base": 1, "enhance_prompt_multiplier": 2, "reference_image_per_image": 0},
            "video": {
                "base_per_second": 0.5,
                "resolution_factor": {"480p": 1, "720p": 1.5, "1080p": 2.5},
            },
        },
        headers={"Aurous-Version": "2026-05-15"},
    )

    pricing = await client.get_pricing()

    assert sent(route).url.path == "/v1/pricing"
    assert isinstance(pricing, Pricing)
    assert (pricing.object_, pricing.version, pricing.currency) == (
        "pricing",
        "2026-05-15",
        "credit",
    )
    assert pricing.image.base == 1
    assert pricing.image.enhance_prompt_multiplier == 2
    assert pricing.image.reference_image_per_image == 0
    assert pricing.video.base_per_second == 0.5
    assert pricing.video.resolution_factor.to_dict() == {"480p": 1, "720p": 1.5, "1080p": 2.5}


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_pricing_400_unknown_version(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A pin the server does not know is a BadRequestError with code unknown_version."""
    route = respx_mock.get("/v1/pricing").respond(
        400,
        json=error_json("unknown_version", "Unknown Aurous-Version 2025-01-01"),
    )

    with pytest.raises(BadRequestError) as caught:
        await client.get_pricing(api_version="2025-01-01")

    assert caught.value.code == "unknown_version"
    assert route.calls.last.request.headers["Aurous-Version"] == "2025-01-01"
