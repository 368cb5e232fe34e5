"""
Files, LoRAs, balance, team, pricing, usage, usage events and webhook endpoints on the fake.
"""

from __future__ import annotations

import datetime

import httpx
import pytest

from aurous_async import API_VERSION, AsyncAurous, BadRequestError, NotFoundError
from aurous_async.testing import FakeAurous
from aurous_async.webhooks import SIGNATURE_HEADER, construct_event

from .helpers import PNG, error_of

DAY = datetime.timedelta(days=1)


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


# -- files ------------------------------------------------------------------------------


async def test_file_upload_get_delete(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """A multipart upload is sniffed and echoed; delete is idempotent and GET then 404s."""
    file = await aurous.upload_file(
        PNG, purpose="first_frame", metadata={"shot": "1"}, filename="f.png"
    )
    assert (file.mime_type, file.width_px, file.height_px, file.size_bytes) == (
        "image/png",
        16,
        16,
        len(PNG),
    )
    assert file.to_dict()["metadata"] == {"shot": "1"}
    fetched = await aurous.get_file(file.id)
    async with httpx.AsyncClient(transport=fake.transport()) as anonymous:
        assert (await anonymous.get(fetched.url)).content == PNG  # the signed URL serves bytes
    assert (await aurous.delete_file(file.id)).deleted is True
    with pytest.raises(NotFoundError):
        await aurous.get_file(file.id)
    assert (await aurous.delete_file(file.id)).deleted is True
    assert (await aurous.delete_file("file_never")).deleted is True


async def test_files_are_purged_after_24_hours(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """expires_at is 24 h after upload; after it the file is 404."""
    file = await aurous.upload_file(PNG, purpose="reference", filename="f.png")
    assert file.expires_at - file.created_at == DAY
    fake.advance(DAY.total_seconds() + 1)
    with pytest.raises(NotFoundError):
        await aurous.get_file(file.id)


@pytest.mark.parametrize(
    ("fields", "files", "code", "param"),
    [
        ({"purpose": "reference"}, {"file": ("a.txt", b"hello")}, "invalid_format", "file"),
        ({"purpose": "poster"}, {"file": ("a.png", PNG)}, "invalid_format", "purpose"),
        ({}, {"file": ("a.png", PNG)}, "missing_field", "purpose"),
        (
            {"purpose": "reference", "metadata": "[1]"},
            {"file": ("a.png", PNG)},
            "invalid_format",
            "metadata",
        ),
    ],
    ids=["not-an-image", "bad-purpose", "no-purpose", "metadata-not-object"],
)
async def test_file_upload_validation(
    http: httpx.AsyncClient, fields: dict[str, str], files: dict[str, object], code: str, param: str
) -> None:
    """Bad multipart uploads answer 400 with the documented code and param."""
    response = await http.post("/v1/files", data=fields, files=files)  # type: ignore[arg-type]
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["param"]) == (code, param)


async def test_file_replay_needs_same_purpose_and_metadata(
    fake: FakeAurous, aurous: AsyncAurous
) -> None:
    """The same key and fields replay the file; other metadata is a 409 conflict."""
    first = await aurous.upload_file(PNG, purpose="reference", idempotency_key="f-1")
    again = await aurous.upload_file(PNG, purpose="reference", idempotency_key="f-1")
    assert again.id == first.id
    assert len(fake.team().files) == 1
    with pytest.raises(Exception) as caught:
        await aurous.upload_file(
            PNG, purpose="reference", metadata={"a": "b"}, idempotency_key="f-1", max_retries=0
        )
    assert getattr(caught.value, "code", None) == "idempotency_key_in_use"


# -- LoRAs and account ------------------------------------------------------------------


async def test_loras_are_a_bare_array_and_resolve_three_ways(
    fake: FakeAurous, aurous: AsyncAurous, other: AsyncAurous, http: httpx.AsyncClient
) -> None:
    """GET /v1/loras is a JSON array; a LoRA is found by id, slug or legacy UUID."""
    raw = (await http.get("/v1/loras")).json()
    assert isinstance(raw, list) and {"golden-hour", "team-style"} <= {x["slug"] for x in raw}
    assert "team-style" not in {lora.slug for lora in await other.list_loras()}
    lora = await aurous.get_lora("golden-hour")
    legacy = next(x for x in fake.state.loras if x.id == lora.id).legacy_uuid
    assert (await aurous.get_lora(lora.id)).slug == (await aurous.get_lora(legacy)).slug
    video = await aurous.get_video_lora("seedance-1-pro")
    assert (video.default_resolution, video.default_duration) == ("1080p", 5)
    with pytest.raises(NotFoundError):
        await aurous.get_lora("seedance-1-pro")  # a video LoRA is not an image style


async def test_balance_team_and_pricing(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """Balance splits held from available; team and rate card have the documented fields."""
    fake.settings.image_seconds = 60
    await aurous.create_image(prompt="x", count=2)
    balance = await aurous.get_balance()
    assert (balance.credits_, balance.held_credits, balance.available_credits) == (1000, 2, 998)
    assert (balance.currency, balance.billing_mode) == ("credit", "metered")
    team = await aurous.get_team()
    assert (team.id, team.credits_) == ("team_a", 1000)
    pricing = await aurous.get_pricing()
    assert (pricing.version, pricing.image.base, pricing.video.base_per_second) == (
        API_VERSION,
        1,
        0.5,
    )
    assert pricing.video.resolution_factor.to_dict() == {"480p": 1, "720p": 1.5, "1080p": 2.5}


async def test_exempt_teams_are_never_gated_or_charged() -> None:
    """billing_mode exempt: no 402, no hold, no charge."""
    async with FakeAurous(credits=0) as fake, fake.client() as aurous:
        fake.team().billing_mode = "exempt"
        image = await aurous.create_image(prompt="x")
        assert (await aurous.wait_for_image(image.id, poll_interval=0.01)).status == "succeeded"
        assert (fake.team().credits, fake.team().held_credits) == (0, 0)


# -- usage ------------------------------------------------------------------------------


async def test_usage_buckets_walk_pages_with_page_token(
    fake: FakeAurous, aurous: AsyncAurous
) -> None:
    """Daily buckets come newest first across pages; metrics count today's generations."""
    for _ in range(2):
        await aurous.create_image(prompt="x")
    fake.next_outcome("image", "failed")
    await aurous.create_image(prompt="x")
    await aurous.list_images()  # let them finish
    start = utcnow() - 4 * DAY
    buckets = [b async for b in aurous.get_usage(start_time=start, bucket_width="1d", limit=2)]
    assert len(buckets) == 5 and fake.count("get_usage") == 3
    assert [b.bucket_start for b in buckets] == sorted(
        (b.bucket_start for b in buckets), reverse=True
    )
    metrics = buckets[0].groups[0].metrics
    assert (metrics.request_count, metrics.successful_count, metrics.failed_count) == (3, 2, 1)
    assert (metrics.credits_used, metrics.image_count) == (2, 2)


async def test_usage_groups_by_status(aurous: AsyncAurous) -> None:
    """group_by gives one group per value of the dimension."""
    await aurous.create_image(prompt="x")
    await aurous.list_images()
    page = await aurous.get_usage(start_time=utcnow() - DAY, group_by=["status", "type"])
    groups = [g.key.to_dict() for b in page.data for g in b.groups]  # type: ignore[union-attr]
    assert groups == [{"status": "completed", "type": "image"}]


async def test_usage_page_token_is_bound_to_its_query(http: httpx.AsyncClient) -> None:
    """A page token with changed parameters answers 400 invalid_page_token."""
    start = (utcnow() - 3 * DAY).isoformat()
    first = (await http.get("/v1/usage", params={"start_time": start, "limit": 1})).json()
    token = first["next_page"]
    alone = await http.get("/v1/usage", params={"page_token": token})
    assert alone.status_code == 200 and len(alone.json()["data"]) == 1
    changed = await http.get(
        "/v1/usage", params={"page_token": token, "limit": 2, "start_time": start}
    )
    assert (changed.status_code, error_of(changed)["code"]) == (400, "invalid_page_token")
    forged = await http.get("/v1/usage", params={"page_token": token[:-2] + "00"})
    assert forged.status_code == 400


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "missing_field"),
        ({"start_time": "yesterday"}, "invalid_format"),
        ({"start_time": "2020-01-01T00:00:00Z"}, "value_out_of_range"),
        ({"start_time": "2026-11-01T00:00:00Z", "bucket_width": "1m"}, "too_many_buckets"),
        ({"start_time": "2026-11-01T00:00:00Z", "group_by[]": ["a", "b", "c"]}, "invalid_format"),
    ],
)
async def test_usage_validation(
    http: httpx.AsyncClient, params: dict[str, object], code: str
) -> None:
    """start_time is required and bounded; too many buckets and bad group_by are 400."""
    response = await http.get("/v1/usage", params=params)  # type: ignore[arg-type]
    assert (response.status_code, error_of(response)["code"]) == (400, code)


async def test_usage_events_page_with_cursor(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """One row per generation, newest first, walked with cursor → next_cursor."""
    ids = [(await aurous.create_image(prompt=f"{i}")).id for i in range(3)]
    video = await aurous.create_video(video_lora_id="seedance-1-pro", prompt="v")
    rows = [e async for e in aurous.list_usage_events(start_time=utcnow() - DAY, limit=3)]
    assert [r.id for r in rows] == [video.id, *ids[::-1]]
    assert fake.count("list_usage_events") == 2
    assert {r.api_key_id for r in rows} == {fake.state.keys_of("team_a")[0].id}
    only_video = [
        e.id async for e in aurous.list_usage_events(start_time=utcnow() - DAY, type="video")
    ]
    assert only_video == [video.id]


# -- webhook endpoints ------------------------------------------------------------------


async def test_webhook_secret_is_shown_on_create_and_rotate_only(aurous: AsyncAurous) -> None:
    """The plaintext secret comes on create and rotate; GET answers null and a preview."""
    endpoint = await aurous.create_webhook_endpoint(url="https://example.com/hook", events=["*"])
    assert endpoint.secret and endpoint.secret.startswith("whsec_")
    assert len(endpoint.events) == 11  # "*" is expanded at creation
    fetched = await aurous.get_webhook_endpoint(endpoint.id)
    assert fetched.secret is None
    assert fetched.secret_preview == f"{endpoint.secret[:9]}...{endpoint.secret[-4:]}"
    rotated = await aurous.rotate_webhook_endpoint_secret(endpoint.id)
    assert rotated.secret and rotated.secret != endpoint.secret


async def test_webhook_test_delivers_a_signed_synthetic_event(
    fake: FakeAurous, aurous: AsyncAurous
) -> None:
    """A subscribed type is delivered, signed with the secret; an unsubscribed one is 400."""
    endpoint = await aurous.create_webhook_endpoint(
        url="https://example.com/hook", events=["image.completed"]
    )
    assert endpoint.secret
    result = await aurous.test_webhook_endpoint(endpoint.id, event_type="image.completed")
    assert result.to_dict()["delivered"] is True
    delivery = fake.team().deliveries[-1]
    event = construct_event(delivery.body, delivery.headers[SIGNATURE_HEADER], endpoint.secret)
    assert (event["type"], event["synthetic"]) == ("image.completed", True)
    with pytest.raises(BadRequestError) as caught:
        await aurous.test_webhook_endpoint(endpoint.id, event_type="video.failed")
    assert caught.value.param == "event_type"


async def test_generation_events_reach_subscribed_endpoints(
    fake: FakeAurous, aurous: AsyncAurous
) -> None:
    """image.completed is delivered to subscribers and to the per-request webhook_url."""
    endpoint = await aurous.create_webhook_endpoint(
        url="https://example.com/hook", events=["image.completed", "character.completed"]
    )
    image = await aurous.create_image(prompt="x", webhook_url="https://example.com/once")
    await aurous.get_image(image.id)
    deliveries = fake.team().deliveries
    assert [(d.endpoint_id, d.event_type) for d in deliveries] == [
        (endpoint.id, "image.completed"),
        (None, "image.completed"),
    ]
    assert deliveries[0].json()["data"]["id"] == image.id
    assert deliveries[1].json() == {
        "event": "image.completed",
        "data": deliveries[0].json()["data"],
    }


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"url": "http://example.com", "events": ["*"]}, "url"),
        ({"url": "https://example.com", "events": ["image.exploded"]}, "events"),
        ({"url": "https://example.com", "events": []}, "events"),
        ({"url": "https://example.com", "events": ["*"], "metadata": {"k": 1}}, "metadata.k"),
    ],
)
async def test_webhook_endpoint_validation(
    http: httpx.AsyncClient, body: dict[str, object], param: str
) -> None:
    """https only, known event types, non-empty events, string metadata values."""
    response = await http.post("/v1/webhook_endpoints", json=body)
    assert (response.status_code, error_of(response)["param"]) == (400, param)
