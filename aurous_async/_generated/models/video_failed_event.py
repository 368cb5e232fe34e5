from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.generation_response import GenerationResponse


T = TypeVar("T", bound="VideoFailedEvent")


@_attrs_define
class VideoFailedEvent:
    """The `video.failed` event. A video generation failed; `data` is the generation."""

    id: str
    """ evt_ followed by a ULID; the same on every retry of a delivery. """
    object_: Literal["event"]
    type_: Literal["video.failed"]
    created: int
    """ When the event happened, in Unix seconds. """
    synthetic: bool
    """ True for a test delivery (test_webhook_endpoint). """
    data: GenerationResponse
    """ One image or video generation. Fields that do not apply to the media type are null or
    absent. Older servers send `bundle_name` and old size presets; newer ones `object`,
    `loras`, `cfg_rescale` and `denoise_strength`.
     """
    api_version: str | Unset = UNSET
    """ The API version the payload is written in (the team's pin). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        type_ = self.type_

        created = self.created

        synthetic = self.synthetic

        data = self.data.to_dict()

        api_version = self.api_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "type": type_,
                "created": created,
                "synthetic": synthetic,
                "data": data,
            }
        )
        if api_version is not UNSET:
            field_dict["api_version"] = api_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.generation_response import GenerationResponse  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["event"], d.pop("object"))
        if object_ != "event":
            raise ValueError(f"object must match const 'event', got '{object_}'")

        type_ = cast(Literal["video.failed"], d.pop("type"))
        if type_ != "video.failed":
            raise ValueError(f"type must match const 'video.failed', got '{type_}'")

        created = d.pop("created")

        synthetic = d.pop("synthetic")

        data = GenerationResponse.from_dict(d.pop("data"))

        api_version = d.pop("api_version", UNSET)

        video_failed_event = cls(
            id=id,
            object_=object_,
            type_=type_,
            created=created,
            synthetic=synthetic,
            data=data,
            api_version=api_version,
        )

        video_failed_event.additional_properties = d
        return video_failed_event

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
