"""
LoRAs: list_loras (a bare JSON array), get_lora and get_video_lora — the request on the wire,
the parsed result and a typed error each.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    API_VERSION,
    APIResponseValidationError,
    AsyncAurous,
    AuthenticationError,
    NotFoundError,
)
from aurous_async.models import Lora, VideoLora
from tests.conftest import API_KEY, BASE_URL

LORA_ID = "lora_01HXMQ7Z3K8Y2ABCDEFGHJKM"
PRIVATE_ID = "lora_01HXMQ7Z3K8Y2ABCDEFGHJKP"
VIDEO_LORA_ID = "lora_01HXMQ7Z3K8Y2VIDEOLORA0"
LEGACY_UUID = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"


def lora_json(id: str = LORA_ID, **overrides: Any) -> dict[str, Any]:
    """An image LoRA style as GET /v1/loras lists it."""
    data: dict[str, Any] = {
        "id": id,
        "name": "Golden Hour Photography",
        "is_public": True,
        "slug": "golden-hour",
        "description": "Warm, low-sun light with long shadows.",
        "preview_image_url": "https://cdn.aurous-labs.com/loras/golden-hour.jpg",
        "default_steps": 30,
        "default_guidance_scale": 7.5,
        "default_denoise_strength": 0.8,
        "has_template": False,
        "created_at": "2026-04-01T09:00:00Z",
    }
    data.update(overrides)
    return data


def video_lora_json(**overrides: Any) -> dict[str, Any]:
    """A video LoRA (model) with its defaults."""
    data: dict[str, Any] = {
        "id": VIDEO_LORA_ID,
        "name": "Seedance 1.0 Pro",
        "is_public": True,
        "slug": "seedance-1-pro",
        "description": "Text- and image-to-video up to 1080p.",
        "preview_video_url": "https://cdn.aurous-labs.com/video_loras/seedance-1-pro.mp4",
        "default_resolution": "1080p",
        "default_ratio": "16:9",
        "default_duration": 5,
        "created_at": "2026-04-01T09:00:00Z",
    }
    data.update(overrides)
    return data


def not_found(message: str) -> dict[str, Any]:
    """A 404 error envelope."""
    return {"error": {"type": "not_found", "code": "resource_not_found", "message": message}}


def sent(route: respx.Route) -> httpx.Request:
    """The one GET *route* received, after checking the headers every call carries."""
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.url.query == b""
    assert request.headers["X-Api-Key"] == API_KEY
    assert request.headers["Aurous-Version"] == API_VERSION
    return request


# --- list_loras ---------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_loras_parses_the_bare_array(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """list_loras GETs /v1/loras and returns a plain list of Lora, in order."""
    route = respx_mock.get("/v1/loras").respond(
        200,
        json=[
            lora_json(),
            lora_json(
                PRIVATE_ID,
                name="Acme House Style",
                is_public=False,
                slug=None,
                description=None,
                preview_image_url=None,
                default_steps=None,
                default_guidance_scale=None,
                default_denoise_strength=None,
                has_template=True,
            ),
        ],
    )

    loras = await client.list_loras()

    assert sent(route).url.path == "/v1/loras"
    assert type(loras) is list
    assert all(isinstance(lora, Lora) for lora in loras)
    assert [lora.id for lora in loras] == [LORA_ID, PRIVATE_ID]
    first, private = loras
    assert (first.slug, first.default_steps, first.default_guidance_scale) == (
        "golden-hour",
        30,
        7.5,
    )
    assert first.default_denoise_strength == 0.8
    assert private.is_public is False
    assert private.slug is None
    assert private.has_template is True


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_loras_empty_and_extra_fields(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An empty array is an empty list; old-spec extras (tags, default weight) are kept."""
    route = respx_mock.get("/v1/loras").mock(
        side_effect=[
            httpx.Response(200, json=[]),
            httpx.Response(200, json=[lora_json(tags=["portrait"], default_weight=0.9)]),
        ]
    )

    assert await client.list_loras() == []
    (lora,) = await client.list_loras()

    assert route.call_count == 2
    assert lora.additional_properties == {"tags": ["portrait"], "default_weight": 0.9}


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_loras_rejects_a_non_array_body(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A list envelope instead of the documented bare array is an APIResponseValidationError."""
    respx_mock.get("/v1/loras").respond(
        200, json={"object": "list", "data": [lora_json()], "has_more": False}
    )

    with pytest.raises(APIResponseValidationError):
        await client.list_loras()


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_loras_401_raises_authentication_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A revoked key is an AuthenticationError carrying the code."""
    route = respx_mock.get("/v1/loras").respond(
        401,
        json={
            "error": {
                "type": "authentication",
                "code": "revoked_api_key",
                "message": "This API key was revoked",
            }
        },
    )

    with pytest.raises(AuthenticationError) as caught:
        await client.list_loras()

    assert caught.value.code == "revoked_api_key"
    assert route.call_count == 1


# --- get_lora -----------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
@pytest.mark.parametrize("key", [LORA_ID, "golden-hour", LEGACY_UUID])
async def test_get_lora_by_id_slug_or_legacy_uuid(
    client: AsyncAurous, respx_mock: respx.MockRouter, key: str
) -> None:
    """get_lora puts the id, slug or legacy UUID in the path and parses a Lora."""
    route = respx_mock.get(f"/v1/loras/{key}").respond(200, json=lora_json())

    lora = await client.get_lora(key)

    assert sent(route).url.path == f"/v1/loras/{key}"
    assert isinstance(lora, Lora)
    assert (lora.id, lora.name, lora.is_public) == (LORA_ID, "Golden Hour Photography", True)
    assert lora.created_at.isoformat() == "2026-04-01T09:00:00+00:00"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_lora_404_raises_not_found(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An unknown or private-to-another-team LoRA is a NotFoundError."""
    respx_mock.get("/v1/loras/no-such-style").respond(404, json=not_found("LoRA not found"))

    with pytest.raises(NotFoundError) as caught:
        await client.get_lora("no-such-style")

    assert caught.value.code == "resource_not_found"
    assert caught.value.message == "LoRA not found"


# --- get_video_lora -----------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
@pytest.mark.parametrize("key", [VIDEO_LORA_ID, "seedance-1-pro"])
async def test_get_video_lora_by_id_or_slug(
    client: AsyncAurous, respx_mock: respx.MockRouter, key: str
) -> None:
    """get_video_lora GETs /v1/video_loras/{id} and parses the defaults."""
    route = respx_mock.get(f"/v1/video_loras/{key}").respond(200, json=video_lora_json())

    video_lora = await client.get_video_lora(key)

    assert sent(route).url.path == f"/v1/video_loras/{key}"
    assert isinstance(video_lora, VideoLora)
    assert (video_lora.id, video_lora.name) == (VIDEO_LORA_ID, "Seedance 1.0 Pro")
    assert (
        video_lora.default_resolution,
        video_lora.default_ratio,
        video_lora.default_duration,
    ) == ("1080p", "16:9", 5)
    assert video_lora.slug == "seedance-1-pro"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_video_lora_parses_null_optional_fields(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A video LoRA with null slug, description and preview parses."""
    respx_mock.get(f"/v1/video_loras/{VIDEO_LORA_ID}").respond(
        200, json=video_lora_json(slug=None, description=None, preview_video_url=None)
    )

    video_lora = await client.get_video_lora(VIDEO_LORA_ID)

    assert (video_lora.slug, video_lora.description, video_lora.preview_video_url) == (
        None,
        None,
        None,
    )


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_video_lora_404_raises_not_found(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An unknown video LoRA is a NotFoundError."""
    respx_mock.get("/v1/video_loras/seedance-9").respond(404, json=not_found("No such model"))

    with pytest.raises(NotFoundError) as caught:
        await client.get_video_lora("seedance-9")

    assert caught.value.status_code == 404
