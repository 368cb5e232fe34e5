from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_generation_status import KnownGenerationStatus, check_known_generation_status
from ..models.known_inference_type import KnownInferenceType, check_known_inference_type
from ..models.known_media_type import KnownMediaType, check_known_media_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.generation_cost import GenerationCost
    from ..models.generation_lora import GenerationLora
    from ..models.video_camera_fixed_object import VideoCameraFixedObject


T = TypeVar("T", bound="GenerationResponse")


@_attrs_define
class GenerationResponse:
    """One image or video generation. Fields that do not apply to the media type are null or
    absent. Older servers send `bundle_name` and old size presets; newer ones `object`,
    `loras`, `cfg_rescale` and `denoise_strength`.

    """

    id: str
    """ img_... for an image, vid_... for a video. """
    status: KnownGenerationStatus | str
    """ Generation state (open set): queued, pending, processing, succeeded, failed, cancelled,
    expired, moderation_rejected, or a value added later. The last five are terminal.
     """
    created_at: datetime.datetime
    object_: Literal["inference"] | Unset = UNSET
    media_type: KnownMediaType | None | str | Unset = UNSET
    """ image or video (open set); null for rows older than the field. """
    prompt: None | str | Unset = UNSET
    """ The prompt as used. """
    negative_prompt: None | str | Unset = UNSET
    output_urls: list[str] | None | Unset = UNSET
    """ Signed output proxy URLs, set when succeeded; download what you keep. """
    output_video_url: None | str | Unset = UNSET
    """ Signed video output proxy URL (videos). """
    reference_image_urls: list[str] | None | Unset = UNSET
    """ The references used. """
    error_message: None | str | Unset = UNSET
    """ Why the generation failed, e.g. Content policy violation. """
    duration_ms: float | None | Unset = UNSET
    """ Processing time in milliseconds. """
    cost: GenerationCost | None | Unset = UNSET
    width: int | None | Unset = UNSET
    """ Width in pixels (after snapping to a multiple of 32). """
    height: int | None | Unset = UNSET
    """ Height in pixels (after snapping to a multiple of 32). """
    image_count: int | None | Unset = UNSET
    size_preset: None | str | Unset = UNSET
    """ Size preset, e.g. 2k_1_1 (older rows, e.g. square). """
    inference_type: KnownInferenceType | None | str | Unset = UNSET
    """ Kind of inference (open set), e.g. t2i, t2v. """
    cfg_rescale: float | None | Unset = UNSET
    denoise_strength: float | None | Unset = UNSET
    seed: int | None | Unset = UNSET
    video_duration: float | None | Unset = UNSET
    """ Video length in seconds. """
    video_resolution: None | str | Unset = UNSET
    """ e.g. 480p """
    video_ratio: None | str | Unset = UNSET
    """ e.g. 16:9 """
    video_camera_fixed: bool | None | Unset | VideoCameraFixedObject = UNSET
    """ Whether the camera was fixed; documented examples render it as an object. """
    character_id: None | str | Unset = UNSET
    """ The character used (char_...). """
    bundle_name: None | str | Unset = UNSET
    """ Style bundle name (older servers only). """
    loras: list[GenerationLora] | None | Unset = UNSET
    """ Styles applied; null for prompt-only and pure-reference generations. """
    aurous_version: str | Unset = UNSET
    """ The API version applied at creation. """
    creation_request_id: None | str | Unset = UNSET
    """ The req_ id of the creating request. """
    completed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.generation_cost import GenerationCost  # noqa: PLC0415
        from ..models.video_camera_fixed_object import VideoCameraFixedObject  # noqa: PLC0415

        id = self.id

        status: str
        if isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        created_at = self.created_at.isoformat()

        object_ = self.object_

        media_type: None | str | Unset
        if isinstance(self.media_type, Unset):
            media_type = UNSET
        elif isinstance(self.media_type, str):
            media_type = self.media_type
        else:
            media_type = self.media_type

        prompt: None | str | Unset
        if isinstance(self.prompt, Unset):
            prompt = UNSET
        else:
            prompt = self.prompt

        negative_prompt: None | str | Unset
        if isinstance(self.negative_prompt, Unset):
            negative_prompt = UNSET
        else:
            negative_prompt = self.negative_prompt

        output_urls: list[str] | None | Unset
        if isinstance(self.output_urls, Unset):
            output_urls = UNSET
        elif isinstance(self.output_urls, list):
            output_urls = self.output_urls

        else:
            output_urls = self.output_urls

        output_video_url: None | str | Unset
        if isinstance(self.output_video_url, Unset):
            output_video_url = UNSET
        else:
            output_video_url = self.output_video_url

        reference_image_urls: list[str] | None | Unset
        if isinstance(self.reference_image_urls, Unset):
            reference_image_urls = UNSET
        elif isinstance(self.reference_image_urls, list):
            reference_image_urls = self.reference_image_urls

        else:
            reference_image_urls = self.reference_image_urls

        error_message: None | str | Unset
        if isinstance(self.error_message, Unset):
            error_message = UNSET
        else:
            error_message = self.error_message

        duration_ms: float | None | Unset
        if isinstance(self.duration_ms, Unset):
            duration_ms = UNSET
        else:
            duration_ms = self.duration_ms

        cost: dict[str, Any] | None | Unset
        if isinstance(self.cost, Unset):
            cost = UNSET
        elif isinstance(self.cost, GenerationCost):
            cost = self.cost.to_dict()
        else:
            cost = self.cost

        width: int | None | Unset
        if isinstance(self.width, Unset):
            width = UNSET
        else:
            width = self.width

        height: int | None | Unset
        if isinstance(self.height, Unset):
            height = UNSET
        else:
            height = self.height

        image_count: int | None | Unset
        if isinstance(self.image_count, Unset):
            image_count = UNSET
        else:
            image_count = self.image_count

        size_preset: None | str | Unset
        if isinstance(self.size_preset, Unset):
            size_preset = UNSET
        else:
            size_preset = self.size_preset

        inference_type: None | str | Unset
        if isinstance(self.inference_type, Unset):
            inference_type = UNSET
        elif isinstance(self.inference_type, str):
            inference_type = self.inference_type
        else:
            inference_type = self.inference_type

        cfg_rescale: float | None | Unset
        if isinstance(self.cfg_rescale, Unset):
            cfg_rescale = UNSET
        else:
            cfg_rescale = self.cfg_rescale

        denoise_strength: float | None | Unset
        if isinstance(self.denoise_strength, Unset):
            denoise_strength = UNSET
        else:
            denoise_strength = self.denoise_strength

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        video_duration: float | None | Unset
        if isinstance(self.video_duration, Unset):
            video_duration = UNSET
        else:
            video_duration = self.video_duration

        video_resolution: None | str | Unset
        if isinstance(self.video_resolution, Unset):
            video_resolution = UNSET
        else:
            video_resolution = self.video_resolution

        video_ratio: None | str | Unset
        if isinstance(self.video_ratio, Unset):
            video_ratio = UNSET
        else:
            video_ratio = self.video_ratio

        video_camera_fixed: bool | dict[str, Any] | None | Unset
        if isinstance(self.video_camera_fixed, Unset):
            video_camera_fixed = UNSET
        elif isinstance(self.video_camera_fixed, VideoCameraFixedObject):
            video_camera_fixed = self.video_camera_fixed.to_dict()
        else:
            video_camera_fixed = self.video_camera_fixed

        character_id: None | str | Unset
        if isinstance(self.character_id, Unset):
            character_id = UNSET
        else:
            character_id = self.character_id

        bundle_name: None | str | Unset
        if isinstance(self.bundle_name, Unset):
            bundle_name = UNSET
        else:
            bundle_name = self.bundle_name

        loras: list[dict[str, Any]] | None | Unset
        if isinstance(self.loras, Unset):
            loras = UNSET
        elif isinstance(self.loras, list):
            loras = []
            for loras_type_0_item_data in self.loras:
                loras_type_0_item = loras_type_0_item_data.to_dict()
                loras.append(loras_type_0_item)

        else:
            loras = self.loras

        aurous_version = self.aurous_version

        creation_request_id: None | str | Unset
        if isinstance(self.creation_request_id, Unset):
            creation_request_id = UNSET
        else:
            creation_request_id = self.creation_request_id

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "created_at": created_at,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if media_type is not UNSET:
            field_dict["media_type"] = media_type
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if output_urls is not UNSET:
            field_dict["output_urls"] = output_urls
        if output_video_url is not UNSET:
            field_dict["output_video_url"] = output_video_url
        if reference_image_urls is not UNSET:
            field_dict["reference_image_urls"] = reference_image_urls
        if error_message is not UNSET:
            field_dict["error_message"] = error_message
        if duration_ms is not UNSET:
            field_dict["duration_ms"] = duration_ms
        if cost is not UNSET:
            field_dict["cost"] = cost
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if image_count is not UNSET:
            field_dict["image_count"] = image_count
        if size_preset is not UNSET:
            field_dict["size_preset"] = size_preset
        if inference_type is not UNSET:
            field_dict["inference_type"] = inference_type
        if cfg_rescale is not UNSET:
            field_dict["cfg_rescale"] = cfg_rescale
        if denoise_strength is not UNSET:
            field_dict["denoise_strength"] = denoise_strength
        if seed is not UNSET:
            field_dict["seed"] = seed
        if video_duration is not UNSET:
            field_dict["video_duration"] = video_duration
        if video_resolution is not UNSET:
            field_dict["video_resolution"] = video_resolution
        if video_ratio is not UNSET:
            field_dict["video_ratio"] = video_ratio
        if video_camera_fixed is not UNSET:
            field_dict["video_camera_fixed"] = video_camera_fixed
        if character_id is not UNSET:
            field_dict["character_id"] = character_id
        if bundle_name is not UNSET:
            field_dict["bundle_name"] = bundle_name
        if loras is not UNSET:
            field_dict["loras"] = loras
        if aurous_version is not UNSET:
            field_dict["aurous_version"] = aurous_version
        if creation_request_id is not UNSET:
            field_dict["creation_request_id"] = creation_request_id
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.generation_cost import GenerationCost  # noqa: PLC0415
        from ..models.generation_lora import GenerationLora  # noqa: PLC0415
        from ..models.video_camera_fixed_object import VideoCameraFixedObject  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_status(data: object) -> KnownGenerationStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_generation_status_type_0 = check_known_generation_status(data)

                return componentsschemas_generation_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownGenerationStatus | str, data)

        status = _parse_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        object_ = cast(Literal["inference"] | Unset, d.pop("object", UNSET))
        if object_ != "inference" and not isinstance(object_, Unset):
            raise ValueError(f"object must match const 'inference', got '{object_}'")

        def _parse_media_type(data: object) -> KnownMediaType | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                media_type_type_0 = check_known_media_type(data)

                return media_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownMediaType | None | str | Unset, data)

        media_type = _parse_media_type(d.pop("media_type", UNSET))

        def _parse_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt = _parse_prompt(d.pop("prompt", UNSET))

        def _parse_negative_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        negative_prompt = _parse_negative_prompt(d.pop("negative_prompt", UNSET))

        def _parse_output_urls(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                output_urls_type_0 = cast(list[str], data)

                return output_urls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        output_urls = _parse_output_urls(d.pop("output_urls", UNSET))

        def _parse_output_video_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output_video_url = _parse_output_video_url(d.pop("output_video_url", UNSET))

        def _parse_reference_image_urls(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                reference_image_urls_type_0 = cast(list[str], data)

                return reference_image_urls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        reference_image_urls = _parse_reference_image_urls(d.pop("reference_image_urls", UNSET))

        def _parse_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message = _parse_error_message(d.pop("error_message", UNSET))

        def _parse_duration_ms(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms", UNSET))

        def _parse_cost(data: object) -> GenerationCost | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cost_type_0 = GenerationCost.from_dict(data)

                return cost_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GenerationCost | None | Unset, data)

        cost = _parse_cost(d.pop("cost", UNSET))

        def _parse_width(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        width = _parse_width(d.pop("width", UNSET))

        def _parse_height(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        height = _parse_height(d.pop("height", UNSET))

        def _parse_image_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        image_count = _parse_image_count(d.pop("image_count", UNSET))

        def _parse_size_preset(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        size_preset = _parse_size_preset(d.pop("size_preset", UNSET))

        def _parse_inference_type(data: object) -> KnownInferenceType | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                inference_type_type_0 = check_known_inference_type(data)

                return inference_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownInferenceType | None | str | Unset, data)

        inference_type = _parse_inference_type(d.pop("inference_type", UNSET))

        def _parse_cfg_rescale(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        cfg_rescale = _parse_cfg_rescale(d.pop("cfg_rescale", UNSET))

        def _parse_denoise_strength(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        denoise_strength = _parse_denoise_strength(d.pop("denoise_strength", UNSET))

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        def _parse_video_duration(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        video_duration = _parse_video_duration(d.pop("video_duration", UNSET))

        def _parse_video_resolution(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        video_resolution = _parse_video_resolution(d.pop("video_resolution", UNSET))

        def _parse_video_ratio(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        video_ratio = _parse_video_ratio(d.pop("video_ratio", UNSET))

        def _parse_video_camera_fixed(data: object) -> bool | None | Unset | VideoCameraFixedObject:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                video_camera_fixed_type_1 = VideoCameraFixedObject.from_dict(data)

                return video_camera_fixed_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | None | Unset | VideoCameraFixedObject, data)

        video_camera_fixed = _parse_video_camera_fixed(d.pop("video_camera_fixed", UNSET))

        def _parse_character_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        character_id = _parse_character_id(d.pop("character_id", UNSET))

        def _parse_bundle_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bundle_name = _parse_bundle_name(d.pop("bundle_name", UNSET))

        def _parse_loras(data: object) -> list[GenerationLora] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                loras_type_0 = []
                _loras_type_0 = data
                for loras_type_0_item_data in _loras_type_0:
                    loras_type_0_item = GenerationLora.from_dict(loras_type_0_item_data)

                    loras_type_0.append(loras_type_0_item)

                return loras_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[GenerationLora] | None | Unset, data)

        loras = _parse_loras(d.pop("loras", UNSET))

        aurous_version = d.pop("aurous_version", UNSET)

        def _parse_creation_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        creation_request_id = _parse_creation_request_id(d.pop("creation_request_id", UNSET))

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        generation_response = cls(
            id=id,
            status=status,
            created_at=created_at,
            object_=object_,
            media_type=media_type,
            prompt=prompt,
            negative_prompt=negative_prompt,
            output_urls=output_urls,
            output_video_url=output_video_url,
            reference_image_urls=reference_image_urls,
            error_message=error_message,
            duration_ms=duration_ms,
            cost=cost,
            width=width,
            height=height,
            image_count=image_count,
            size_preset=size_preset,
            inference_type=inference_type,
            cfg_rescale=cfg_rescale,
            denoise_strength=denoise_strength,
            seed=seed,
            video_duration=video_duration,
            video_resolution=video_resolution,
            video_ratio=video_ratio,
            video_camera_fixed=video_camera_fixed,
            character_id=character_id,
            bundle_name=bundle_name,
            loras=loras,
            aurous_version=aurous_version,
            creation_request_id=creation_request_id,
            completed_at=completed_at,
        )

        generation_response.additional_properties = d
        return generation_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
