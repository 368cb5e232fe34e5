"""
Images and videos: create (with holds), estimate (rate card), list, retrieve and cancel.
"""

from __future__ import annotations

import re
from typing import Any

from ._catalogue import RATE_CARD
from ._contract import body_keys, enum_values
from ._http import ApiError, Response, bad_request, not_found
from ._lifecycle import finish_generation, gated
from ._routing import ROUTES, Ctx
from ._state import Generation, Lora, Team
from ._validate import Fields, page_of
from ._views import generation_json

RATIOS = ("1_1", "3_2", "2_3", "4_3", "3_4", "16_9", "9_16", "21_9")
OLD_SIZES = {
    "square": (1024, 1024),
    "landscape": (1344, 768),
    "portrait": (768, 1344),
    "hd_square": (2048, 2048),
    "hd_landscape": (2048, 1152),
    "hd_portrait": (1152, 2048),
}
#: The docs give no maximum for `count`; the fake stops at 10 to keep outputs small.
MAX_COUNT = 10
_SIZE_RE = re.compile(r"(2k|4k)_(\d+)_(\d+)")


def _snap(value: int) -> int:
    return max(32, round(value / 32) * 32)


def _size_dims(size: str) -> tuple[int, int]:
    if size in OLD_SIZES:
        return OLD_SIZES[size]
    found = _SIZE_RE.fullmatch(size)
    if found is None or f"{found[2]}_{found[3]}" not in RATIOS:
        raise bad_request(
            "invalid_format", "size must be <2k|4k>_<ratio>, e.g. 2k_16_9 or 4k_1_1.", "size"
        )
    long_side = 2048 if found[1] == "2k" else 4096
    a, b = int(found[2]), int(found[3])
    if a >= b:
        return long_side, _snap(long_side * b // a)
    return _snap(long_side * a // b), long_side


def _reference(ctx: Ctx, value: str | None, param: str) -> str | None:
    """A ``file_`` id of the caller's live file, or an https URL of at most 2048 characters."""
    if value is None:
        return None
    if value.startswith("file_"):
        file = ctx.team.files.get(value)
        if file is None or file.deleted or ctx.now > file.expires_at:
            raise not_found("file", param)
        return value
    if not value.startswith("https://") or len(value) > 2048:
        raise bad_request("invalid_format", f"{param} must be a file_ id or an https URL.", param)
    return value


def https_url(value: str | None, param: str) -> str | None:
    """An https URL of at most 2048 characters (per-request webhook URLs, endpoints)."""
    if value is not None and (not value.startswith("https://") or len(value) > 2048):
        raise bad_request("invalid_format", f"{param} must be an https URL.", param)
    return value


def _lora(ctx: Ctx, ref: str | None, param: str, *, video: bool) -> Lora | None:
    if ref is None:
        return None
    lora = ctx.state.find_lora(ref, ctx.team.id, video=video)
    if lora is None:
        raise not_found("LoRA", param)
    return lora


def _image_request(ctx: Ctx) -> tuple[dict[str, Any], float, dict[str, float]]:
    """Validate an image body like the server; return its fields, cost and breakdown."""
    f = Fields(ctx.request.json())
    f.reject_unknown(body_keys("CreateImageRequest"))
    prompt = f.string("prompt", required=True, max_len=4000)
    size = f.string("size")
    width, height = f.integer("width", 1024, 4096), f.integer("height", 1024, 4096)
    if size is not None and (width is not None or height is not None):
        raise bad_request(
            "parameter_invalid_combination", "Send size or width and height, not both.", "size"
        )
    if (width is None) != (height is None):
        missing = "height" if height is None else "width"
        raise bad_request("missing_field", "width and height go together.", missing)
    refs = f.strings("reference_image_urls", max_items=10)
    character_id = f.string("character_id")
    if character_id is not None and refs:
        raise bad_request(
            "mutually_exclusive_input",
            "character_id and reference_image_urls cannot be combined.",
            "character_id",
        )
    fields: dict[str, Any] = {
        "prompt": prompt,
        "negative_prompt": f.string("negative_prompt", max_len=4000),
        "size": size,
        "steps": f.integer("steps", 1, 100),
        "guidance_scale": f.number("guidance_scale", 0.1, 30),
        "seed": f.integer("seed"),
        "image_count": f.integer("count", 1, MAX_COUNT) or 1,
        "enhance_prompt": bool(f.boolean("enhance_prompt")),
        "cfg_rescale": f.number("cfg_rescale", 0, 1),
        "denoise_strength": f.number("denoise_strength", 0, 1),
        "webhook_url": https_url(f.string("webhook_url"), "webhook_url"),
        "lora": _lora(ctx, f.string("lora_id"), "lora_id", video=False),
        "reference_image_urls": [_reference(ctx, ref, "reference_image_urls") for ref in refs or []]
        or None,
        "character_id": character_id,
    }
    if character_id is not None:
        character = ctx.team.characters.get(character_id)
        if character is None:
            raise not_found("character", "character_id")
        if character.status != "ready":
            raise bad_request(
                "character_not_ready",
                f"Character {character_id} is {character.status}, not ready.",
                "character_id",
            )
    if size is not None:
        width, height = _size_dims(size)
    fields["width"], fields["height"] = _snap(width or 1024), _snap(height or 1024)
    fields["inference_type"] = "i2i" if character_id or refs else "t2i"
    card = RATE_CARD["image"]
    base = float(card["base"] * fields["image_count"])
    enhance = base * (card["enhance_prompt_multiplier"] - 1) if fields["enhance_prompt"] else 0.0
    return fields, base + enhance, {"base": base, "enhance": enhance}


def _video_request(ctx: Ctx) -> tuple[dict[str, Any], float, dict[str, float]]:
    """Validate a video body; the cost is base_per_second × resolution factor × seconds."""
    f = Fields(ctx.request.json())
    f.reject_unknown(body_keys("CreateVideoRequest"))
    # Required as in the spec (the estimate page marks it; it selects the video model).
    lora = _lora(ctx, f.string("video_lora_id", required=True), "video_lora_id", video=True)
    assert lora is not None
    prompt = f.string("prompt", max_len=4000)
    first = _reference(ctx, f.string("first_frame_url"), "first_frame_url")
    last = _reference(ctx, f.string("last_frame_url"), "last_frame_url")
    if not prompt and first is None:
        raise bad_request("missing_field", "Send a prompt or a first_frame_url.", "prompt")
    if last is not None and first is None:
        raise bad_request(
            "missing_field", "last_frame_url needs a first_frame_url.", "first_frame_url"
        )
    card = RATE_CARD["video"]
    defaults = lora.fields
    resolution = f.string("resolution", choices=enum_values("VideoResolution"))
    fields: dict[str, Any] = {
        "prompt": prompt,
        "first_frame_url": first,
        "last_frame_url": last,
        "resolution": resolution or defaults.get("default_resolution", "720p"),
        "ratio": f.string("ratio", choices=enum_values("VideoRatio"))
        or defaults.get("default_ratio", "16:9"),
        "duration": f.integer("duration", 2, 12) or defaults.get("default_duration", 5),
        "seed": f.integer("seed", -1),
        "camera_fixed": f.boolean("camera_fixed"),
        "watermark": f.boolean("watermark"),
        "enhance_prompt": bool(f.boolean("enhance_prompt")),
        "webhook_url": https_url(f.string("webhook_url"), "webhook_url"),
        "lora": lora,
        "inference_type": "i2v" if first else "t2v",
    }
    factor = card["resolution_factor"][fields["resolution"]]
    cost = round(card["base_per_second"] * factor * fields["duration"], 6)
    return fields, cost, {"base": cost, "enhance": 0.0}


def _create(ctx: Ctx, media_type: str, request: tuple[Any, float, dict[str, float]]) -> Response:
    fields, cost, breakdown = request
    team, state, now = ctx.team, ctx.state, ctx.now
    if gated(team) and team.available_credits < cost:
        raise ApiError(
            402,
            "balance_too_low",
            f"Team available balance is {team.available_credits} credits, "
            f"generation requires {cost}.",
        )
    settings = state.settings
    outcome = settings.next_outcome(media_type, "succeeded")
    run = settings.image_seconds if media_type == "image" else settings.video_seconds
    assert ctx.key is not None
    generation = Generation(
        id=state.ids.new("img" if media_type == "image" else "vid"),
        team_id=team.id,
        media_type=media_type,
        status="pending",
        fields=fields,
        cost=cost,
        breakdown=breakdown,
        created_at=now,
        processing_at=now + settings.queue_seconds,
        done_at=now + settings.queue_seconds + run,
        outcome=outcome.status,
        outcome_error=outcome.error_message,
        aurous_version=ctx.version,
        api_key_id=ctx.key.id,
        request_id=ctx.request_id,
        webhook_url=fields.pop("webhook_url"),
    )
    if gated(team):
        team.held_credits = round(team.held_credits + cost, 6)
        generation.held = True
    team.generations[generation.id] = generation
    return Response.json(generation_json(state, generation, ctx.base_url), 201)


def _estimate(request: tuple[Any, float, dict[str, float]]) -> Response:
    _, cost, breakdown = request
    return Response.json(
        {
            "object": "estimate",
            "estimated_cost": {"amount": cost, "breakdown": breakdown},
            "currency": "credit",
        }
    )


@ROUTES.route("POST", "/v1/images", "create_image", bucket="images_post", idempotent=True)
def create_image(ctx: Ctx) -> Response:
    return _create(ctx, "image", _image_request(ctx))


@ROUTES.route("POST", "/v1/images/estimate", "estimate_image", bucket="estimate_post")
def estimate_image(ctx: Ctx) -> Response:
    return _estimate(_image_request(ctx))


@ROUTES.route("GET", "/v1/images", "list_images", bucket="get")
def list_images(ctx: Ctx) -> Response:
    records = list(ctx.team.generations.values())
    rows, has_more, cursor = page_of(ctx.request, records, ("img_", "vid_"), backward=True)
    return Response.json(
        {
            "object": "list",
            "data": [generation_json(ctx.state, g, ctx.base_url) for g in rows],
            "has_more": has_more,
            "next_cursor": cursor,
        }
    )


def _find(ctx: Ctx) -> tuple[Team, Generation]:
    generation = ctx.team.generations.get(ctx.params["id"])
    if generation is None:
        raise not_found("generation", "id")
    return ctx.team, generation


@ROUTES.route("GET", "/v1/images/{id}", "get_image", bucket="get")
def get_image(ctx: Ctx) -> Response:
    _, generation = _find(ctx)
    return Response.json(generation_json(ctx.state, generation, ctx.base_url))


@ROUTES.route("POST", "/v1/images/{id}/cancel", "cancel_image", bucket="images_post")
def cancel_image(ctx: Ctx) -> Response:
    team, generation = _find(ctx)
    if generation.status in ("pending", "processing"):
        finish_generation(ctx.state, team, generation, "cancelled", ctx.now)
    elif generation.status != "cancelled":  # cancelling a cancelled one is a no-op
        raise bad_request(
            "generation_not_cancellable",
            f"Generation {generation.id} is {generation.status} and cannot be cancelled.",
        )
    return Response.json(generation_json(ctx.state, generation, ctx.base_url))


@ROUTES.route("POST", "/v1/videos", "create_video", bucket="images_post", idempotent=True)
def create_video(ctx: Ctx) -> Response:
    return _create(ctx, "video", _video_request(ctx))


@ROUTES.route("POST", "/v1/videos/estimate", "estimate_video", bucket="estimate_post")
def estimate_video(ctx: Ctx) -> Response:
    return _estimate(_video_request(ctx))
