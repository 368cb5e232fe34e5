from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VideoLora")


@_attrs_define
class VideoLora:
    """A video LoRA (model) and its defaults."""

    id: str
    """ lora_ followed by a ULID. """
    name: str
    """ e.g. Seedance 1.0 Pro """
    is_public: bool
    default_resolution: str
    """ e.g. 1080p """
    default_ratio: str
    """ e.g. 16:9 """
    default_duration: float
    """ Seconds, e.g. 5. """
    created_at: str
    """ Creation time. The documentation types it as a plain string (no date-time
    format, unlike the image LoRA's), so it is kept as the server sends it.
     """
    slug: None | str | Unset = UNSET
    """ Mutable human-readable alias, e.g. seedance-1-pro. """
    description: None | str | Unset = UNSET
    preview_video_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        is_public = self.is_public

        default_resolution = self.default_resolution

        default_ratio = self.default_ratio

        default_duration = self.default_duration

        created_at = self.created_at

        slug: None | str | Unset
        if isinstance(self.slug, Unset):
            slug = UNSET
        else:
            slug = self.slug

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        preview_video_url: None | str | Unset
        if isinstance(self.preview_video_url, Unset):
            preview_video_url = UNSET
        else:
            preview_video_url = self.preview_video_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "is_public": is_public,
                "default_resolution": default_resolution,
                "default_ratio": default_ratio,
                "default_duration": default_duration,
                "created_at": created_at,
            }
        )
        if slug is not UNSET:
            field_dict["slug"] = slug
        if description is not UNSET:
            field_dict["description"] = description
        if preview_video_url is not UNSET:
            field_dict["preview_video_url"] = preview_video_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        is_public = d.pop("is_public")

        default_resolution = d.pop("default_resolution")

        default_ratio = d.pop("default_ratio")

        default_duration = d.pop("default_duration")

        created_at = d.pop("created_at")

        def _parse_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        slug = _parse_slug(d.pop("slug", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_preview_video_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_video_url = _parse_preview_video_url(d.pop("preview_video_url", UNSET))

        video_lora = cls(
            id=id,
            name=name,
            is_public=is_public,
            default_resolution=default_resolution,
            default_ratio=default_ratio,
            default_duration=default_duration,
            created_at=created_at,
            slug=slug,
            description=description,
            preview_video_url=preview_video_url,
        )

        video_lora.additional_properties = d
        return video_lora

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
