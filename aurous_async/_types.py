"""
Sentinels and the per-call options every facade method accepts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TypedDict

import httpx

if TYPE_CHECKING:
    # From the spec, so a regenerated enum reaches these signatures too.
    from ._generated.models import VideoRatio, VideoResolution


class NotGiven:
    """
    Marks an argument the caller did not pass (distinct from an explicit ``None``).
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

TimeoutTypes = float | httpx.Timeout | None


class RequestOptions(TypedDict, total=False):
    """
    Per-call options; each overrides the client's default for one call only.

    - ``api_version``: the ``Aurous-Version`` pin, or ``None`` to send no header.
    - ``timeout``: seconds or an ``httpx.Timeout``.
    - ``max_retries``: retries after the first attempt.
    - ``idempotency_key``: your own ``Idempotency-Key`` instead of a generated one.
    - ``extra_headers``: more headers to send (checked like every header).
    """

    api_version: str | None
    timeout: TimeoutTypes
    max_retries: int
    idempotency_key: str
    extra_headers: Mapping[str, str]


_OPTION_NAMES = frozenset(RequestOptions.__annotations__)


def split_options(params: Any) -> tuple[dict[str, Any], RequestOptions]:
    """
    Split ``**params`` into request-body fields and per-call `RequestOptions`.
    """
    fields: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for name, value in params.items():
        (options if name in _OPTION_NAMES else fields)[name] = value
    return fields, options  # type: ignore[return-value]


class ImageParams(RequestOptions, total=False):
    """
    Optional fields of an image generation (create_image, estimate_image), plus options.
    """

    negative_prompt: str
    lora_id: str
    character_id: str
    reference_image_urls: Sequence[str]
    size: str
    width: int
    height: int
    steps: int
    guidance_scale: float
    cfg_rescale: float
    denoise_strength: float
    seed: int
    count: int
    enhance_prompt: bool
    webhook_url: str


class VideoParams(RequestOptions, total=False):
    """
    Optional fields of a video generation (create_video, estimate_video), plus options.
    """

    prompt: str
    first_frame_url: str
    last_frame_url: str
    resolution: VideoResolution
    ratio: VideoRatio
    duration: int
    seed: int
    camera_fixed: bool
    watermark: bool
    enhance_prompt: bool
    webhook_url: str
