from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.video_ratio import VideoRatio, check_video_ratio
from ..models.video_resolution import VideoResolution, check_video_resolution
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateVideoRequest")


@_attrs_define
class CreateVideoRequest:
    """A video generation (also the body of the estimate): prompt only (text-to-video), or a
    first frame, optionally with a last frame (image-to-video). Without a first frame a
    non-empty `prompt` is required (→ 400 `missing_field`); `last_frame_url` needs
    `first_frame_url` (→ 400 `missing_field`). Any other key → 400 `invalid_request`.

    """

    video_lora_id: str
    """ The video model, a lora_ id, slug (e.g. seedance-1-pro) or legacy UUID. """
    prompt: str | Unset = UNSET
    """ Required without first_frame_url; otherwise optional and enhances the generation. """
    first_frame_url: str | Unset = UNSET
    """ First frame, a file_ id from POST /v1/files or a public https URL. """
    last_frame_url: str | Unset = UNSET
    """ Last frame (with first_frame_url), a file_ id or a public https URL. """
    resolution: VideoResolution | Unset = UNSET
    ratio: VideoRatio | Unset = UNSET
    duration: int | Unset = UNSET
    """ Length in seconds, 2 to 12 (server default 5). """
    seed: int | Unset = UNSET
    """ Seed, -1 or more; -1 for a random one. """
    camera_fixed: bool | Unset = UNSET
    """ Keep the camera still. """
    watermark: bool | Unset = UNSET
    """ Add a watermark. """
    enhance_prompt: bool | Unset = UNSET
    """ Rewrite the prompt with an LLM first. """
    webhook_url: str | Unset = UNSET
    """ An https URL; receives video.completed or video.failed with the generation. """

    def to_dict(self) -> dict[str, Any]:
        video_lora_id = self.video_lora_id

        prompt = self.prompt

        first_frame_url = self.first_frame_url

        last_frame_url = self.last_frame_url

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution

        ratio: str | Unset = UNSET
        if not isinstance(self.ratio, Unset):
            ratio = self.ratio

        duration = self.duration

        seed = self.seed

        camera_fixed = self.camera_fixed

        watermark = self.watermark

        enhance_prompt = self.enhance_prompt

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "video_lora_id": video_lora_id,
            }
        )
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if first_frame_url is not UNSET:
            field_dict["first_frame_url"] = first_frame_url
        if last_frame_url is not UNSET:
            field_dict["last_frame_url"] = last_frame_url
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if ratio is not UNSET:
            field_dict["ratio"] = ratio
        if duration is not UNSET:
            field_dict["duration"] = duration
        if seed is not UNSET:
            field_dict["seed"] = seed
        if camera_fixed is not UNSET:
            field_dict["camera_fixed"] = camera_fixed
        if watermark is not UNSET:
            field_dict["watermark"] = watermark
        if enhance_prompt is not UNSET:
            field_dict["enhance_prompt"] = enhance_prompt
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        video_lora_id = d.pop("video_lora_id")

        prompt = d.pop("prompt", UNSET)

        first_frame_url = d.pop("first_frame_url", UNSET)

        last_frame_url = d.pop("last_frame_url", UNSET)

        _resolution = d.pop("resolution", UNSET)
        resolution: VideoResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_video_resolution(_resolution)

        _ratio = d.pop("ratio", UNSET)
        ratio: VideoRatio | Unset
        if isinstance(_ratio, Unset):
            ratio = UNSET
        else:
            ratio = check_video_ratio(_ratio)

        duration = d.pop("duration", UNSET)

        seed = d.pop("seed", UNSET)

        camera_fixed = d.pop("camera_fixed", UNSET)

        watermark = d.pop("watermark", UNSET)

        enhance_prompt = d.pop("enhance_prompt", UNSET)

        webhook_url = d.pop("webhook_url", UNSET)

        create_video_request = cls(
            video_lora_id=video_lora_id,
            prompt=prompt,
            first_frame_url=first_frame_url,
            last_frame_url=last_frame_url,
            resolution=resolution,
            ratio=ratio,
            duration=duration,
            seed=seed,
            camera_fixed=camera_fixed,
            watermark=watermark,
            enhance_prompt=enhance_prompt,
            webhook_url=webhook_url,
        )

        return create_video_request
