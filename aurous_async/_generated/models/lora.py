from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Lora")


@_attrs_define
class Lora:
    """An image LoRA style."""

    id: str
    """ lora_ followed by a ULID. """
    name: str
    is_public: bool
    created_at: datetime.datetime
    slug: None | str | Unset = UNSET
    """ Mutable human-readable alias; the id is canonical. """
    description: None | str | Unset = UNSET
    preview_image_url: None | str | Unset = UNSET
    default_steps: int | None | Unset = UNSET
    default_guidance_scale: float | None | Unset = UNSET
    default_denoise_strength: float | None | Unset = UNSET
    has_template: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        is_public = self.is_public

        created_at = self.created_at.isoformat()

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

        preview_image_url: None | str | Unset
        if isinstance(self.preview_image_url, Unset):
            preview_image_url = UNSET
        else:
            preview_image_url = self.preview_image_url

        default_steps: int | None | Unset
        if isinstance(self.default_steps, Unset):
            default_steps = UNSET
        else:
            default_steps = self.default_steps

        default_guidance_scale: float | None | Unset
        if isinstance(self.default_guidance_scale, Unset):
            default_guidance_scale = UNSET
        else:
            default_guidance_scale = self.default_guidance_scale

        default_denoise_strength: float | None | Unset
        if isinstance(self.default_denoise_strength, Unset):
            default_denoise_strength = UNSET
        else:
            default_denoise_strength = self.default_denoise_strength

        has_template: bool | None | Unset
        if isinstance(self.has_template, Unset):
            has_template = UNSET
        else:
            has_template = self.has_template

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "is_public": is_public,
                "created_at": created_at,
            }
        )
        if slug is not UNSET:
            field_dict["slug"] = slug
        if description is not UNSET:
            field_dict["description"] = description
        if preview_image_url is not UNSET:
            field_dict["preview_image_url"] = preview_image_url
        if default_steps is not UNSET:
            field_dict["default_steps"] = default_steps
        if default_guidance_scale is not UNSET:
            field_dict["default_guidance_scale"] = default_guidance_scale
        if default_denoise_strength is not UNSET:
            field_dict["default_denoise_strength"] = default_denoise_strength
        if has_template is not UNSET:
            field_dict["has_template"] = has_template

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        is_public = d.pop("is_public")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        def _parse_preview_image_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_image_url = _parse_preview_image_url(d.pop("preview_image_url", UNSET))

        def _parse_default_steps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        default_steps = _parse_default_steps(d.pop("default_steps", UNSET))

        def _parse_default_guidance_scale(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        default_guidance_scale = _parse_default_guidance_scale(
            d.pop("default_guidance_scale", UNSET)
        )

        def _parse_default_denoise_strength(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        default_denoise_strength = _parse_default_denoise_strength(
            d.pop("default_denoise_strength", UNSET)
        )

        def _parse_has_template(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        has_template = _parse_has_template(d.pop("has_template", UNSET))

        lora = cls(
            id=id,
            name=name,
            is_public=is_public,
            created_at=created_at,
            slug=slug,
            description=description,
            preview_image_url=preview_image_url,
            default_steps=default_steps,
            default_guidance_scale=default_guidance_scale,
            default_denoise_strength=default_denoise_strength,
            has_template=has_template,
        )

        lora.additional_properties = d
        return lora

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
