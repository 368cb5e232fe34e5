from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pricing_resolution_factor import PricingResolutionFactor


T = TypeVar("T", bound="PricingVideo")


@_attrs_define
class PricingVideo:
    base_per_second: float
    """ Credits per second at resolution factor 1. """
    resolution_factor: PricingResolutionFactor
    """ Multiplier per resolution, e.g. 480p 1, 720p 1.5, 1080p 2.5. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_per_second = self.base_per_second

        resolution_factor = self.resolution_factor.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base_per_second": base_per_second,
                "resolution_factor": resolution_factor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pricing_resolution_factor import PricingResolutionFactor  # noqa: PLC0415

        d = dict(src_dict)
        base_per_second = d.pop("base_per_second")

        resolution_factor = PricingResolutionFactor.from_dict(d.pop("resolution_factor"))

        pricing_video = cls(
            base_per_second=base_per_second,
            resolution_factor=resolution_factor,
        )

        pricing_video.additional_properties = d
        return pricing_video

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
