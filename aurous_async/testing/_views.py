"""
The documented JSON shapes of each resource, and the signed tokens in the URLs the fake hands
out (output proxies, upload tickets, file URLs).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from ._state import (
    Character,
    File,
    Generation,
    Lora,
    State,
    Upload,
    WebhookEndpoint,
    iso,
)


def sign(state: State, message: str) -> str:
    """A URL-safe signature of *message* with the fake's secret."""
    return hmac.new(state.secret, message.encode(), hashlib.sha256).hexdigest()[:32]


def check_signature(state: State, message: str, signature: str | None) -> bool:
    """
    Whether *signature* is the signature of *message*; any other string, including a
    non-ASCII one (which `hmac.compare_digest` refuses with a TypeError), is simply wrong.
    """
    if signature is None or not signature.isascii():
        return False
    return hmac.compare_digest(sign(state, message), signature)


def character_json(c: Character, base_url: str) -> dict[str, Any]:
    refs = [{"pose": r["pose"], "url": f"{base_url}/_fake/blobs/{r['blob']}"} for r in c.refs]
    return {
        "id": c.id,
        "object": "character",
        "name": c.name,
        "status": c.status,
        "refs": refs,
        "attributes": dict(c.attributes),
        "error_message": c.error_message,
        "aurous_version": c.aurous_version,
        "client_reference_id": c.client_reference_id,
        "created_at": iso(c.created_at),
        "updated_at": iso(c.updated_at),
        "deleted_at": iso(c.deleted_at),
    }


def upload_ticket_json(upload: Upload, base_url: str) -> dict[str, Any]:
    return {
        "upload_id": upload.id,
        "upload_url": f"{base_url}/_fake/uploads/{upload.id}?signature={upload.signature}",
        "upload_headers": {"Content-Type": upload.content_type},
        "expires_at": iso(upload.url_expires_at),
    }


def output_token(state: State, generation_id: str) -> str:
    return sign(state, f"output:{generation_id}")


def generation_json(state: State, g: Generation, base_url: str) -> dict[str, Any]:
    """
    The GenerationResponse (new docs): image and video fields side by side, null when they
    do not apply. Request-only fields (steps, frames...) are not echoed, as in the examples.
    """
    f = g.fields
    video = g.media_type == "video"
    token = output_token(state, g.id)
    output_urls: list[str] = []
    output_video_url = None
    if g.status == "succeeded":
        if video:
            output_video_url = f"{base_url}/v1/videos/{g.id}/output?token={token}"
            output_urls = [output_video_url]
        else:
            output_urls = [
                f"{base_url}/v1/images/{g.id}/output/{n}?token={token}"
                for n in range(f["image_count"])
            ]
    lora = f.get("lora")
    return {
        "id": g.id,
        "object": "inference",
        "status": g.status,
        "media_type": g.media_type,
        "inference_type": f["inference_type"],
        "prompt": f.get("prompt"),
        "negative_prompt": f.get("negative_prompt"),
        "output_urls": output_urls,
        "output_video_url": output_video_url,
        "reference_image_urls": f.get("reference_image_urls"),
        "error_message": g.error_message,
        "duration_ms": (
            round((g.completed_at - g.created_at) * 1000) if g.completed_at is not None else None
        ),
        "cost": {
            "amount": g.cost,
            "currency": "credit",
            "breakdown": dict(g.breakdown),
        },
        "width": None if video else f["width"],
        "height": None if video else f["height"],
        "image_count": None if video else f["image_count"],
        "size_preset": f.get("size"),
        "cfg_rescale": f.get("cfg_rescale"),
        "denoise_strength": f.get("denoise_strength"),
        "seed": f.get("seed"),
        "video_duration": f["duration"] if video else None,
        "video_resolution": f["resolution"] if video else None,
        "video_ratio": f["ratio"] if video else None,
        "video_camera_fixed": f.get("camera_fixed") if video else None,
        "character_id": f.get("character_id"),
        "loras": [{"id": lora.id, "name": lora.name}] if lora is not None else None,
        "aurous_version": g.aurous_version,
        "creation_request_id": g.request_id,
        "created_at": iso(g.created_at),
        "completed_at": iso(g.completed_at),
    }


def file_json(state: State, f: File, base_url: str, now: float) -> dict[str, Any]:
    """The File object with a freshly signed URL valid for an hour."""
    until = int(now + 3600)
    token = sign(state, f"file:{f.id}:{until}")
    return {
        "id": f.id,
        "object": "file",
        "purpose": f.purpose,
        "mime_type": f.mime_type,
        "size_bytes": len(f.data),
        "width_px": f.width_px,
        "height_px": f.height_px,
        "url": f"{base_url}/_fake/files/{f.id}?expires={until}&token={token}",
        "expires_at": iso(f.expires_at),
        "created_at": iso(f.created_at),
        "metadata": dict(f.metadata),
    }


def lora_json(lora: Lora) -> dict[str, Any]:
    return {
        "id": lora.id,
        "name": lora.name,
        "slug": lora.slug,
        "is_public": lora.teams is None,
        "created_at": iso(lora.created_at),
        **lora.fields,
    }


def endpoint_json(e: WebhookEndpoint, *, secret: bool) -> dict[str, Any]:
    """The endpoint; the plaintext ``secret`` only on create and rotate, else null."""
    return {
        "id": e.id,
        "object": "webhook_endpoint",
        "url": e.url,
        "events": list(e.events),
        "description": e.description,
        "metadata": dict(e.metadata),
        "secret": e.secret if secret else None,
        "secret_preview": f"{e.secret[:9]}...{e.secret[-4:]}",
        "is_active": e.is_active,
        "consecutive_failures": e.consecutive_failures,
        "last_success_at": iso(e.last_success_at),
        "last_failure_at": iso(e.last_failure_at),
        "created_at": iso(e.created_at),
        "updated_at": iso(e.updated_at),
    }
