"""
Videos: create_video and estimate_video — the request on the wire, the parsed result and a
typed error each. Status and cancel go through the images routes (tests/resources/
test_images.py); the output download is in tests/test_downloads.py.
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
    BadRequestError,
    InsufficientCreditsError,
    NotFoundError,
)
from aurous_async.models import Estimate, GenerationCost, GenerationResponse
from tests.conftest import API_KEY, BASE_URL

VID_ID = "vid_01HXMQ7Z3K8Y2ABCDEFGHJKN"
VIDEO_LORA = "seedance-1-pro"
FIRST_FRAME = "file_01HXMQ7Z3K8Y2NABCDEFGHJKMN"
LAST_FRAME = "https://images.example.com/frames/last.png"
PROMPT = "a paper boat drifting down a rain-soaked street, slow dolly in"


def video_generation(**overrides: Any) -> dict[str, Any]:
    """A just-created video generation in the newest documented shape."""
    data: dict[str, Any] = {
        "object": "inference",
        "id": VID_ID,
        "status": "pending",
        "media_type": "video",
        "prompt": PROMPT,
        "negative_prompt": None,
        "output_urls": None,
        "output_video_url": None,
        "reference_image_urls": None,
        "error_message": None,
        "duration_ms": None,
        "cost": {"amount": 3.75, "currency": "credit", "breakdown": {"base": 3.75}},
        "width": None,
        "height": None,
        "image_count": None,
        "size_preset": None,
        "inference_type": "t2v",
        "seed": -1,
        "video_duration": 5,
        "video_resolution": "720p",
        "video_ratio": "16:9",
        "video_camera_fixed": False,
        "character_id": None,
        "loras": [{"id": "lora_01HXMQ7Z3K8Y2VIDEOLORA0", "name": "Seedance 1.0 Pro"}],
        "aurous_version": "2026-05-15",
        "creation_request_id": "req_01HXMQ7Z3K8Y2ABCDEFGHJKV",
        "created_at": "2026-05-15T10:00:00Z",
        "completed_at": None,
    }
    data.update(overrides)
    return data


def estimate_json(amount: float) -> dict[str, Any]:
    """A video Estimate: base_per_second × resolution factor × seconds, no enhance part."""
    return {
        "object": "estimate",
        "estimated_cost": {"amount": amount, "breakdown": {"base": amount}},
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


# --- create_video -------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_video_sends_only_the_video_lora_with_a_generated_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """create_video(video_lora_id=...) POSTs exactly that field with a UUID4 key."""
    route = respx_mock.post("/v1/videos").respond(201, json=video_generation(prompt=None))

    generation = await client.create_video(video_lora_id=VIDEO_LORA)

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == "/v1/videos"
    assert request.url.query == b""
    assert sent_json(request) == {"video_lora_id": VIDEO_LORA}
    key = request.headers["Idempotency-Key"]
    assert uuid.UUID(key).version == 4 and str(uuid.UUID(key)) == key
    assert isinstance(generation, GenerationResponse)
    assert generation.id == VID_ID
    assert generation.media_type == "video"
    assert generation.status == "pending"
    assert isinstance(generation.cost, GenerationCost)
    assert generation.cost.amount == 3.75


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_video_sends_every_field_given(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Every optional field passed is in the body with its JSON type; nothing else is."""
    route = respx_mock.post("/v1/videos").respond(
        201, json=video_generation(video_resolution="1080p", video_duration=8)
    )

    generation = await client.create_video(
        video_lora_id=VIDEO_LORA,
        prompt=PROMPT,
        first_frame_url=FIRST_FRAME,
        last_frame_url=LAST_FRAME,
        resolution="1080p",
        ratio="9:16",
        duration=8,
        seed=-1,
        camera_fixed=True,
        watermark=False,
        enhance_prompt=True,
        webhook_url="https://hooks.example.com/aurous/video",
    )

    assert sent_json(sent(route)) == {
        "video_lora_id": VIDEO_LORA,
        "prompt": PROMPT,
        "first_frame_url": FIRST_FRAME,
        "last_frame_url": LAST_FRAME,
        "resolution": "1080p",
        "ratio": "9:16",
        "duration": 8,
        "seed": -1,
        "camera_fixed": True,
        "watermark": False,
        "enhance_prompt": True,
        "webhook_url": "https://hooks.example.com/aurous/video",
    }
    assert (generation.video_resolution, generation.video_duration) == ("1080p", 8)


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_video_sends_the_callers_idempotency_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A caller's idempotency_key goes out unchanged and not in the body."""
    route = respx_mock.post("/v1/videos").respond(201, json=video_generation())

    await client.create_video(video_lora_id=VIDEO_LORA, idempotency_key="clip-77")

    request = sent(route)
    assert request.headers["Idempotency-Key"] == "clip-77"
    assert sent_json(request) == {"video_lora_id": VIDEO_LORA}


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_video_parses_the_old_shape(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An old-style answer (no object, bundle_name, camera_fixed {}) still parses."""
    old = video_generation(video_camera_fixed={}, bundle_name="Cinematic Trio")
    del old["object"], old["loras"], old["media_type"]
    respx_mock.post("/v1/videos").respond(201, json=old)

    generation = await client.create_video(video_lora_id=VIDEO_LORA, prompt=PROMPT)

    assert isinstance(generation, GenerationResponse)
    assert generation.bundle_name == "Cinematic Trio"
    assert generation.video_camera_fixed is not None
    assert generation.video_camera_fixed.to_dict() == {}  # type: ignore[union-attr]


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_video_402_raises_insufficient_credits(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """402 balance_too_low is an InsufficientCreditsError, sent once."""
    route = respx_mock.post("/v1/videos").respond(
        402,
        json=error_json(
            "balance_too_low", "Team available balance is 1.5 credits, generation requires 12.5."
        ),
    )

    with pytest.raises(InsufficientCreditsError) as caught:
        await client.create_video(video_lora_id=VIDEO_LORA, resolution="1080p", duration=10)

    assert caught.value.code == "balance_too_low"
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_create_video_400_names_the_param(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A duration out of range is a BadRequestError naming duration."""
    respx_mock.post("/v1/videos").respond(
        400, json=error_json("value_out_of_range", "duration must be 2..12", param="duration")
    )

    with pytest.raises(BadRequestError) as caught:
        await client.create_video(video_lora_id=VIDEO_LORA, duration=30)

    assert caught.value.param == "duration"
    assert caught.value.code == "value_out_of_range"


# --- estimate_video -----------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_estimate_video_sends_the_body_without_an_idempotency_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """estimate_video POSTs the given fields without a key and parses the Estimate."""
    route = respx_mock.post("/v1/videos/estimate").respond(200, json=estimate_json(3.75))

    estimate = await client.estimate_video(video_lora_id=VIDEO_LORA, resolution="720p", duration=5)

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == "/v1/videos/estimate"
    assert "Idempotency-Key" not in request.headers
    assert sent_json(request) == {"video_lora_id": VIDEO_LORA, "resolution": "720p", "duration": 5}
    assert isinstance(estimate, Estimate)
    assert estimate.estimated_cost.amount == 3.75
    assert estimate.estimated_cost.breakdown.base == 3.75
    assert estimate.currency == "credit"


@pytest.mark.respx(base_url=BASE_URL)
async def test_estimate_video_404_unknown_video_lora(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An unknown video LoRA answers 404, raised as NotFoundError with its param."""
    respx_mock.post("/v1/videos/estimate").respond(
        404,
        json=error_json("resource_not_found", "No such video LoRA", param="video_lora_id"),
    )

    with pytest.raises(NotFoundError) as caught:
        await client.estimate_video(video_lora_id="no-such-model")

    assert caught.value.param == "video_lora_id"
    assert caught.value.status_code == 404
