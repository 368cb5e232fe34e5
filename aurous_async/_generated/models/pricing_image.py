from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PricingImage")


@_attrs_define
class PricingImage:
    base: float
    """ Credits per image. """
    enhance_prompt_multiplier: float
    """ Multiplier when enhance_prompt is true. """
    reference_image_per_image: float
    """ Credits per reference image. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        enhance_prompt_multiplier = self.enhance_prompt_multiplier

        reference_image_per_image = self.reference_image_per_image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base": base,
                "enhance_prompt_multiplier": enhance_prompt_multiplier,
                "reference_image_per_image": reference_image_per_image,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base = d.pop("base")

        enhance_prompt_multiplier = d.pop("enhance_prompt_multiplier")

        reference_image_per_image = d.pop("reference_image_per_image")

        pricing_image = cls(
            base=base,
            enhance_prompt_multiplier=enhance_prompt_multiplier,
            reference_image_per_image=reference_image_per_image,
        )

        pricing_image.additional_properties = d
        return pricing_image

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
