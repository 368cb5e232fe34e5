"""
Images (and generation status for videos): create, estimate, list, get, cancel and
wait_for_image — the request on the wire, the parsed result, and a typed error for each.

Downloads live in tests/test_downloads.py and walking every page in tests/test_pagination.py.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    API_VERSION,
    AsyncAurous,
    AsyncPaginator,
    BadRequestError,
    InsufficientCreditsError,
    InvalidArgumentError,
    NotFoundError,
    WaitTimeoutError,
)
from aurous_async.models import (
    Estimate,
    GenerationCost,
    GenerationList,
    GenerationLora,
    GenerationResponse,
    VideoCameraFixedObject,
)
from tests.conftest import API_KEY, BASE_URL, SleepRecorder

IMG_ID = "img_01HXMQ7Z3K8Y2ABCDEFGHJKM"
VID_ID = "vid_01HXMQ7Z3K8Y2ABCDEFGHJKN"
LORA_ID = "lora_01HXMQ7Z3K8Y2ABCDEFGHJKM"
CHAR_ID = "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR"
FILE_ID = "file_01HXMQ7Z3K8Y2NABCDEFGHJKMN"
PROMPT = "a lighthouse on a cliff at dusk, golden hour, 35mm film"


def new_generation(id: str = IMG_ID, **overrides: Any) -> dict[str, Any]:
    """A GenerationResponse in the newest documented shape (object, media_type, loras, cost)."""
    data: dict[str, Any] = {
        "object": "inference",
        "id": id,
        "status": "succeeded",
        "media_type": "image",
        "prompt": PROMPT,
        "negative_prompt": "blurry, low contrast",
        "output_urls": [f"{BASE_URL}/v1/images/{id}/output/0?token=otk_9f8e7d"],
        "output_video_url": None,
        "reference_image_urls": None,
        "error_message": None,
        "duration_ms": 14820,
        "cost": {"amount": 2, "currency": "credit", "breakdown": {"base": 1, "enhance": 1}},
        "width": 2048,
        "height": 2048,
        "image_count": 1,
        "size_preset": "2k_1_1",
        "inference_type": "t2i",
        "cfg_rescale": 0.7,
        "denoise_strength": 0.6,
        "seed": 42,
        "video_duration": None,
        "video_resolution": None,
        "video_ratio": None,
        "video_camera_fixed": None,
        "character_id": None,
        "loras": [{"id": LORA_ID, "name": "Golden Hour Photography"}],
        "aurous_version": "2026-05-15",
        "creation_request_id": "req_01HXMQ7Z3K8Y2ABCDEFGHJKM",
        "created_at": "2026-05-15T10:00:00Z",
        "completed_at": "2026-05-15T10:00:15Z",
    }
    data.update(overrides)
    return data


def old_generation(id: str = IMG_ID, **overrides: Any) -> dict[str, Any]:
    """A GenerationResponse as older servers sent it: bundle_name, hd_square, no object."""
    data: dict[str, Any] = {
        "id": id,
        "status": "succeeded",
        "prompt": PROMPT,
        "negative_prompt": None,
        "output_urls": [f"{BASE_URL}/v1/images/{id}/output/0?token=otk_1a2b3c"],
        "reference_image_urls": [],
        "error_message": None,
        "duration_ms": 14820,
        "width": 1024,
        "height": 1024,
        "image_count": 1,
        "size_preset": "hd_square",
        "inference_type": "t2i",
        "seed": 1234,
        "video_duration": None,
        "video_resolution": None,
        "video_ratio": None,
        "video_camera_fixed": {},
        "character_id": None,
        "bundle_name": "Cinematic Trio",
        "aurous_version": "2026-05-15",
        "creation_request_id": "req_01HXMQ7Z3K8Y2ABCDEFGHJKM",
        "created_at": "2026-05-15T10:00:00Z",
    }
    data.update(overrides)
    return data


def pending_generation(id: str = IMG_ID, **overrides: Any) -> dict[str, Any]:
    """A just-created generation: pending, no outputs, the held cost as an upper bound."""
    fields: dict[str, Any] = {
        "status": "pending",
        "output_urls": None,
        "duration_ms": None,
        "completed_at": None,
    }
    return new_generation(id, **{**fields, **overrides})


def estimate_json(amount: float, base: float, enhance: float | None = None) -> dict[str, Any]:
    """An Estimate answer."""
    breakdown: dict[str, Any] = {"base": base}
    if enhance is not None:
        breakdown["enhance"] = enhance
    return {
        "object": "estimate",
        "estimated_cost": {"amount": amount, "breakdown": breakdown},
        "currency": "credit",
    }


def error_json(code: str, message: str, **fields: Any) -> dict[str, Any]:
    """An error envelope as the API sends it."""
    return {
        "error": {
            "type": "invalid_request",
            "code": code,
            "message": message,
            "request_id": "req_01HXMQ7Z3K8Y2ERRORERRORE",
            "doc_url": f"https://docs.aurous-labs.com/errors#{code}",
            **fields,
        }
    }


def sent(route: respx.Route) -> httpx.Request:
    """The one request *route* received, after checking the headers every call carries."""
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.headers["X-Api-Key"] == API_KEY
    assert request.headers["Aurous-Version"] == API_VERSION
    assert "Authorization" not in request.headers
    return request


def sent_json(request: httpx.Request) -> Any:
    """The JSON body of *request*, after checking it was declared as JSON."""
    assert request.headers["Content-Type"] == "application/json"
    return json.loads(request.content)


def assert_uuid4(value: str) -> None:
    """Fail unless *value* is the canonical text of a version-4 UUID."""
    parsed = uuid.UUID(value)
    assert parsed.version == 4
    assert str(parsed) == value


# --- create_image -------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_image_sends_only_the_prompt_with_a_generated_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """create_image(prompt=...) POSTs exactly {prompt} with a UUID4 Idempotency-Key."""
    route = respx_mock.post("/v1/images").respond(201, json=pending_generation())

    generation = await client.create_image(prompt=PROMPT)

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == "/v1/images"
    assert request.url.query == b""
    assert sent_json(request) == {"prompt": PROMPT}
    assert_uuid4(request.headers["Idempotency-Key"])
    assert isinstance(generation, GenerationResponse)
    assert generation.id == IMG_ID
    assert generation.status == "pending"
    assert isinstance(generation.cost, GenerationCost)
    assert generation.cost.amount == 2


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_image_sends_every_field_given_and_nothing_else(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Every optional field passed is in the body with its JSON type; nothing else is."""
    route = respx_mock.post("/v1/images").respond(201, json=pending_generation())

    await client.create_image(
        prompt=PROMPT,
        negative_prompt="blurry, low contrast",
        lora_id=LORA_ID,
        reference_image_urls=(FILE_ID, "https://images.example.com/ref.png"),
        size="2k_16_9",
        steps=30,
        guidance_scale=7.5,
        cfg_rescale=0.7,
        denoise_strength=0.6,
        seed=42,
        count=2,
        enhance_prompt=True,
        webhook_url="https://hooks.example.com/aurous",
    )

    assert sent_json(sent(route)) == {
        "prompt": PROMPT,
        "negative_prompt": "blurry, low contrast",
        "lora_id": LORA_ID,
        "reference_image_urls": [FILE_ID, "https://images.example.com/ref.png"],
        "size": "2k_16_9",
        "steps": 30,
        "guidance_scale": 7.5,
        "cfg_rescale": 0.7,
        "denoise_strength": 0.6,
        "seed": 42,
        "count": 2,
        "enhance_prompt": True,
        "webhook_url": "https://hooks.example.com/aurous",
    }


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_image_sends_character_and_custom_dimensions(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """character_id, width and height go out as given (no size, no references added)."""
    route = respx_mock.post("/v1/images").respond(
        201, json=pending_generation(character_id=CHAR_ID, width=1536, height=2048)
    )

    generation = await client.create_image(
        prompt=PROMPT, character_id=CHAR_ID, width=1536, height=2048
    )

    assert sent_json(sent(route)) == {
        "prompt": PROMPT,
        "character_id": CHAR_ID,
        "width": 1536,
        "height": 2048,
    }
    assert generation.character_id == CHAR_ID
    assert (generation.width, generation.height) == (1536, 2048)


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_image_sends_the_callers_idempotency_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A caller's idempotency_key is sent unchanged and stays out of the JSON body."""
    route = respx_mock.post("/v1/images").respond(201, json=pending_generation())

    await client.create_image(prompt=PROMPT, idempotency_key="order-1234-image")

    request = sent(route)
    assert request.headers["Idempotency-Key"] == "order-1234-image"
    assert sent_json(request) == {"prompt": PROMPT}


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_image_retry_reuses_the_key_and_next_call_gets_a_new_one(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 503 is retried with the same key and body; a second create gets a fresh key."""
    route = respx_mock.post("/v1/images").mock(
        side_effect=[
            httpx.Response(503, json=error_json("provider_unavailable", "try again")),
            httpx.Response(201, json=pending_generation()),
            httpx.Response(201, json=pending_generation("img_01HXMQ7Z3K8Y2ABCDEFGHJKP")),
        ]
    )

    first = await client.create_image(prompt=PROMPT)
    second = await client.create_image(prompt=PROMPT)

    assert (first.id, second.id) == (IMG_ID, "img_01HXMQ7Z3K8Y2ABCDEFGHJKP")
    keys = [call.request.headers["Idempotency-Key"] for call in route.calls]
    assert keys[0] == keys[1] != keys[2]
    assert route.calls[0].request.content == route.calls[1].request.content


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_image_402_raises_insufficient_credits(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """402 balance_too_low is an InsufficientCreditsError and is not retried."""
    route = respx_mock.post("/v1/images").respond(
        402,
        json=error_json(
            "balance_too_low",
            "Team available balance is 1.5 credits, generation requires 2.0.",
            param=None,
        ),
    )

    with pytest.raises(InsufficientCreditsError) as caught:
        await client.create_image(prompt=PROMPT, enhance_prompt=True)

    assert caught.value.status_code == 402
    assert caught.value.code == "balance_too_low"
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_image_400_carries_the_offending_param(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """400 parameter_invalid_combination is a BadRequestError naming the param."""
    respx_mock.post("/v1/images").respond(
        400,
        json=error_json(
            "parameter_invalid_combination",
            "size cannot be combined with width/height",
            param="size",
        ),
    )

    with pytest.raises(BadRequestError) as caught:
        await client.create_image(prompt=PROMPT, size="2k_1_1", width=2048, height=2048)

    assert caught.value.code == "parameter_invalid_combination"
    assert caught.value.param == "size"


# --- estimate_image -----------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_estimate_image_sends_the_body_without_an_idempotency_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """estimate_image POSTs the same body as create, with no Idempotency-Key, and parses."""
    route = respx_mock.post("/v1/images/estimate").respond(200, json=estimate_json(2, 1, 1))

    estimate = await client.estimate_image(prompt=PROMPT, lora_id=LORA_ID, enhance_prompt=True)

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == "/v1/images/estimate"
    assert sent_json(request) == {"prompt": PROMPT, "lora_id": LORA_ID, "enhance_prompt": True}
    assert "Idempotency-Key" not in request.headers
    assert isinstance(estimate, Estimate)
    assert estimate.object_ == "estimate"
    assert estimate.estimated_cost.amount == 2
    assert estimate.estimated_cost.breakdown.base == 1
    assert estimate.estimated_cost.breakdown.enhance == 1
    assert estimate.currency == "credit"


@pytest.mark.respx(base_url=BASE_URL)
async def test_estimate_image_400_mutually_exclusive_input(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """character_id with references answers 400 mutually_exclusive_input, raised typed."""
    route = respx_mock.post("/v1/images/estimate").respond(
        400,
        json=error_json(
            "mutually_exclusive_input",
            "character_id cannot be combined with reference_image_urls",
            param="character_id",
        ),
    )

    with pytest.raises(BadRequestError) as caught:
        await client.estimate_image(
            prompt=PROMPT, character_id=CHAR_ID, reference_image_urls=[FILE_ID]
        )

    assert caught.value.code == "mutually_exclusive_input"
    assert caught.value.param == "character_id"
    assert sent_json(sent(route)) == {
        "prompt": PROMPT,
        "character_id": CHAR_ID,
        "reference_image_urls": [FILE_ID],
    }


# --- list_images --------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_images_sends_limit_and_parses_the_page(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Awaiting list_images sends one GET with limit only and returns a GenerationList."""
    route = respx_mock.get("/v1/images").respond(
        200,
        json={
            "object": "list",
            "data": [new_generation(VID_ID, media_type="video"), old_generation()],
            "has_more": True,
            "next_cursor": IMG_ID,
        },
    )

    page = await client.list_images(limit=2)

    request = sent(route)
    assert request.method == "GET"
    assert dict(request.url.params) == {"limit": "2"}
    assert isinstance(page, GenerationList)
    assert [g.id for g in page.data] == [VID_ID, IMG_ID]
    assert all(isinstance(g, GenerationResponse) for g in page.data)
    assert page.data[0].media_type == "video"
    assert page.data[1].bundle_name == "Cinematic Trio"
    assert page.has_more is True
    assert page.next_cursor == IMG_ID


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_images_sends_no_query_by_default(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Without arguments list_images sends no query parameters (no default limit)."""
    route = respx_mock.get("/v1/images").respond(
        200, json={"object": "list", "data": [], "has_more": False, "next_cursor": None}
    )

    page = await client.list_images()

    assert sent(route).url.query == b""
    assert page.data == []


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_images_sends_the_callers_cursors(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """starting_after and ending_before given by the caller go out on the first request."""
    route = respx_mock.get("/v1/images").respond(
        200, json={"object": "list", "data": [], "has_more": False, "next_cursor": None}
    )

    await client.list_images(starting_after=IMG_ID)
    await client.list_images(limit=5, ending_before=VID_ID)

    assert [dict(call.request.url.params) for call in route.calls] == [
        {"starting_after": IMG_ID},
        {"limit": "5", "ending_before": VID_ID},
    ]


@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
async def test_list_images_returns_a_paginator_without_sending(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Calling list_images sends nothing until the paginator is awaited or iterated."""
    route = respx_mock.get("/v1/images").respond(
        200, json={"object": "list", "data": [], "has_more": False, "next_cursor": None}
    )

    paginator = client.list_images(limit=10)

    assert isinstance(paginator, AsyncPaginator)
    assert not route.called


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_images_400_invalid_limit(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A limit out of range answers 400 value_out_of_range with param limit."""
    respx_mock.get("/v1/images").respond(
        400, json=error_json("value_out_of_range", "limit must be 1..100", param="limit")
    )

    with pytest.raises(BadRequestError) as caught:
        await client.list_images(limit=500)

    assert caught.value.code == "value_out_of_range"
    assert caught.value.param == "limit"


# --- get_image ----------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_image_parses_the_new_shape(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The newest shape parses: object inference, media_type, loras, cost with breakdown."""
    route = respx_mock.get(f"/v1/images/{IMG_ID}").respond(200, json=new_generation())

    generation = await client.get_image(IMG_ID)

    request = sent(route)
    assert request.method == "GET"
    assert request.url.query == b""
    assert request.content == b""
    assert isinstance(generation, GenerationResponse)
    assert generation.object_ == "inference"
    assert generation.status == "succeeded"
    assert generation.media_type == "image"
    assert generation.size_preset == "2k_1_1"
    assert generation.output_urls == [f"{BASE_URL}/v1/images/{IMG_ID}/output/0?token=otk_9f8e7d"]
    assert generation.loras is not None
    assert all(isinstance(lora, GenerationLora) for lora in generation.loras)
    assert [(lora.id, lora.name) for lora in generation.loras] == [
        (LORA_ID, "Golden Hour Photography")
    ]
    assert isinstance(generation.cost, GenerationCost)
    assert generation.cost.amount == 2
    assert generation.cost.currency == "credit"
    assert generation.cost.breakdown.base == 1
    assert generation.cost.breakdown.enhance == 1
    assert (generation.cfg_rescale, generation.denoise_strength) == (0.7, 0.6)
    assert generation.created_at.isoformat() == "2026-05-15T10:00:00+00:00"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_image_parses_the_old_shape(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The old shape parses: bundle_name, hd_square, video_camera_fixed {}, no object."""
    respx_mock.get(f"/v1/images/{IMG_ID}").respond(200, json=old_generation())

    generation = await client.get_image(IMG_ID)

    assert isinstance(generation, GenerationResponse)
    assert generation.id == IMG_ID
    assert generation.bundle_name == "Cinematic Trio"
    assert generation.size_preset == "hd_square"
    assert isinstance(generation.video_camera_fixed, VideoCameraFixedObject)
    assert generation.video_camera_fixed.additional_properties == {}
    assert (generation.width, generation.height) == (1024, 1024)
    assert "object" not in generation.to_dict()


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_image_accepts_an_unknown_status_and_extra_fields(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An unknown status and unknown fields parse; the extras stay readable."""
    respx_mock.get(f"/v1/images/{IMG_ID}").respond(
        200,
        json=new_generation(status="archived", archive_tier="cold", moderation={"flagged": False}),
    )

    generation = await client.get_image(IMG_ID)

    assert generation.status == "archived"
    assert generation.additional_properties == {
        "archive_tier": "cold",
        "moderation": {"flagged": False},
    }


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_image_reads_a_video_generation_by_vid_id(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A vid_ id is read through /v1/images/{id}; the video fields parse."""
    route = respx_mock.get(f"/v1/images/{VID_ID}").respond(
        200,
        json=new_generation(
            VID_ID,
            media_type="video",
            inference_type="t2v",
            output_urls=None,
            output_video_url=f"{BASE_URL}/v1/videos/{VID_ID}/output?token=otk_v1",
            width=None,
            height=None,
            image_count=None,
            size_preset=None,
            video_duration=5,
            video_resolution="720p",
            video_ratio="16:9",
            video_camera_fixed=False,
            cost={"amount": 3.75, "currency": "credit", "breakdown": {"base": 3.75}},
        ),
    )

    generation = await client.get_image(VID_ID)

    assert sent(route).url.path == f"/v1/images/{VID_ID}"
    assert generation.media_type == "video"
    assert generation.output_video_url == f"{BASE_URL}/v1/videos/{VID_ID}/output?token=otk_v1"
    assert (generation.video_duration, generation.video_resolution) == (5, "720p")
    assert generation.video_camera_fixed is False
    assert isinstance(generation.cost, GenerationCost)
    assert generation.cost.amount == 3.75


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_image_404_raises_not_found(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An unknown or other team's generation is a NotFoundError, not retried."""
    route = respx_mock.get(f"/v1/images/{IMG_ID}").respond(
        404, json=error_json("resource_not_found", "No such generation", type="not_found")
    )

    with pytest.raises(NotFoundError) as caught:
        await client.get_image(IMG_ID)

    assert caught.value.code == "resource_not_found"
    assert caught.value.request_id == "req_01HXMQ7Z3K8Y2ERRORERRORE"
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
@pytest.mark.parametrize("bad", ["", "img 1", "..", 123])
async def test_get_image_rejects_a_bad_id_before_sending(
    client: AsyncAurous, respx_mock: respx.MockRouter, bad: Any
) -> None:
    """An empty, spaced, dot-segment or non-str id raises InvalidArgumentError; nothing sent."""
    route = respx_mock.route()

    with pytest.raises(InvalidArgumentError) as caught:
        await client.get_image(bad)

    assert caught.value.argument == "id"
    assert not route.called


# --- cancel_image -------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_cancel_image_posts_no_body_and_no_idempotency_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """cancel_image POSTs to /cancel with an empty body and returns the cancelled row."""
    route = respx_mock.post(f"/v1/images/{VID_ID}/cancel").respond(
        200,
        json=new_generation(
            VID_ID,
            status="cancelled",
            media_type="video",
            output_urls=None,
            cost={"amount": 0, "currency": "credit", "breakdown": {"base": 0}},
        ),
    )

    generation = await client.cancel_image(VID_ID)

    request = sent(route)
    assert request.method == "POST"
    assert request.content == b""
    assert "Idempotency-Key" not in request.headers
    assert isinstance(generation, GenerationResponse)
    assert generation.status == "cancelled"
    assert generation.id == VID_ID


@pytest.mark.respx(base_url=BASE_URL)
async def test_cancel_image_400_generation_not_cancellable(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Cancelling a succeeded generation is a BadRequestError, sent once (no key, no retry)."""
    route = respx_mock.post(f"/v1/images/{IMG_ID}/cancel").respond(
        400,
        json=error_json("generation_not_cancellable", "Generation already succeeded", param="id"),
    )

    with pytest.raises(BadRequestError) as caught:
        await client.cancel_image(IMG_ID)

    assert caught.value.code == "generation_not_cancellable"
    assert caught.value.param == "id"
    assert route.call_count == 1


# --- wait_for_image -----------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_wait_for_image_polls_until_succeeded(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """pending → processing → succeeded: three GETs and the succeeded generation back."""
    route = respx_mock.get(f"/v1/images/{IMG_ID}").mock(
        side_effect=[
            httpx.Response(200, json=pending_generation()),
            httpx.Response(200, json=pending_generation(status="processing")),
            httpx.Response(200, json=new_generation()),
        ]
    )

    generation = await client.wait_for_image(IMG_ID, poll_interval=0)

    assert route.call_count == 3
    assert generation.status == "succeeded"
    assert generation.output_urls


@pytest.mark.respx(base_url=BASE_URL)
@pytest.mark.parametrize(
    "terminal", ["succeeded", "failed", "cancelled", "expired", "moderation_rejected"]
)
async def test_wait_for_image_stops_at_every_terminal_status_for_a_video(
    client: AsyncAurous, respx_mock: respx.MockRouter, terminal: str
) -> None:
    """Each terminal status ends the wait on a vid_ id after processing; no further GET."""
    route = respx_mock.get(f"/v1/images/{VID_ID}").mock(
        side_effect=[
            httpx.Response(200, json=pending_generation(VID_ID, status="processing")),
            httpx.Response(200, json=new_generation(VID_ID, status=terminal)),
            httpx.Response(200, json=new_generation(VID_ID, status="succeeded")),
        ]
    )

    generation = await client.wait_for_image(VID_ID, poll_interval=0)

    assert generation.status == terminal
    assert generation.id == VID_ID
    assert route.call_count == 2


@pytest.mark.respx(base_url=BASE_URL)
async def test_wait_for_image_stops_at_a_requested_status(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """status="processing" stops at the first processing row."""
    route = respx_mock.get(f"/v1/images/{IMG_ID}").mock(
        side_effect=[
            httpx.Response(200, json=pending_generation(status="queued")),
            httpx.Response(200, json=pending_generation(status="processing")),
        ]
    )

    generation = await client.wait_for_image(IMG_ID, status="processing", poll_interval=0)

    assert generation.status == "processing"
    assert route.call_count == 2


@pytest.mark.respx(base_url=BASE_URL)
async def test_wait_for_image_times_out_with_the_last_generation(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """max_wait=0 gives up after one GET with WaitTimeoutError carrying the last row."""
    route = respx_mock.get(f"/v1/images/{IMG_ID}").respond(200, json=pending_generation())

    with pytest.raises(WaitTimeoutError) as caught:
        await client.wait_for_image(IMG_ID, poll_interval=0, max_wait=0)

    assert caught.value.status == "pending"
    assert isinstance(caught.value.last, GenerationResponse)
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_wait_for_image_raises_a_typed_error_from_polling(
    client: AsyncAurous, sleeps: SleepRecorder, respx_mock: respx.MockRouter
) -> None:
    """A 404 while polling propagates as NotFoundError at once."""
    route = respx_mock.get(f"/v1/images/{IMG_ID}").respond(
        404, json=error_json("resource_not_found", "No such generation")
    )

    with pytest.raises(NotFoundError):
        await client.wait_for_image(IMG_ID, poll_interval=0)

    assert route.call_count == 1
    assert sleeps.waits == []
