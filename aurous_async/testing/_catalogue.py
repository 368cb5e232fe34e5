"""
Seeded reference data: the rate card of 2026-05-15 and the LoRA catalogue (public styles, one
style delivered privately to the first team, and the video LoRAs).
"""

from __future__ import annotations

import uuid
from typing import Any

from ._state import Lora, State

PRICING_DESCRIPTION = (
    "List prices for this API version. Team-negotiated rates may differ; use the estimate "
    "endpoints for the exact amount."
)
RATE_CARD: dict[str, Any] = {
    "image": {"base": 1, "enhance_prompt_multiplier": 2, "reference_image_per_image": 0},
    "video": {"base_per_second": 0.5, "resolution_factor": {"480p": 1, "720p": 1.5, "1080p": 2.5}},
}

_IMAGE_LORAS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "Golden Hour Photography",
        "golden-hour",
        {"default_denoise_strength": 0.8, "default_guidance_scale": 7.5, "default_steps": 30},
    ),
    (
        "Studio Portrait",
        "studio-portrait",
        {"default_denoise_strength": 0.6, "default_guidance_scale": 6.0, "default_steps": 28},
    ),
    (
        "Ink Illustration",
        "ink-illustration",
        {"default_denoise_strength": 0.7, "default_guidance_scale": 8.0, "default_steps": 32},
    ),
]
_VIDEO_LORAS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "Seedance 1.0 Pro",
        "seedance-1-pro",
        {"default_resolution": "1080p", "default_ratio": "16:9", "default_duration": 5},
    ),
    (
        "Seedance 1.0 Lite",
        "seedance-1-lite",
        {"default_resolution": "720p", "default_ratio": "16:9", "default_duration": 5},
    ),
]


def seed_catalogue(state: State, private_team: str | None) -> None:
    """Fill the LoRA catalogue; a "Team Style" LoRA is visible to *private_team* only."""
    now = state.clock.now()

    def add(name: str, slug: str, extra: dict[str, Any], *, video: bool, teams: Any) -> None:
        fields = {
            "description": f"{name} (fake catalogue entry).",
            "preview_image_url" if not video else "preview_video_url": (
                f"https://cdn.aurous.test/previews/{slug}.{'mp4' if video else 'png'}"
            ),
            **({} if video else {"has_template": False}),
            **extra,
        }
        state.loras.append(
            Lora(
                id=state.ids.new("lora"),
                name=name,
                slug=slug,
                legacy_uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"aurous-fake/{slug}")),
                video=video,
                teams=teams,
                created_at=now,
                fields=fields,
            )
        )

    for name, slug, extra in _IMAGE_LORAS:
        add(name, slug, extra, video=False, teams=None)
    if private_team is not None:
        add(
            "Team Style",
            "team-style",
            {"default_denoise_strength": 0.5, "default_guidance_scale": 7.0, "default_steps": 30},
            video=False,
            teams=frozenset({private_team}),
        )
    for name, slug, extra in _VIDEO_LORAS:
        add(name, slug, extra, video=True, teams=None)
