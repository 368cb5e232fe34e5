from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_currency import KnownCurrency, check_known_currency

if TYPE_CHECKING:
    from ..models.pricing_image import PricingImage
    from ..models.pricing_video import PricingVideo


T = TypeVar("T", bound="Pricing")


@_attrs_define
class Pricing:
    """The public rate card of one API version."""

    object_: Literal["pricing"]
    version: str
    """ The API version the card applies to. """
    currency: KnownCurrency | str
    """ Unit of amounts (open set): credit. """
    description: str
    image: PricingImage
    video: PricingVideo
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_

        version = self.version

        currency: str
        if isinstance(self.currency, str):
            currency = self.currency
        else:
            currency = self.currency

        description = self.description

        image = self.image.to_dict()

        video = self.video.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "version": version,
                "currency": currency,
                "description": description,
                "image": image,
                "video": video,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pricing_image import PricingImage  # noqa: PLC0415
        from ..models.pricing_video import PricingVideo  # noqa: PLC0415

        d = dict(src_dict)
        object_ = cast(Literal["pricing"], d.pop("object"))
        if object_ != "pricing":
            raise ValueError(f"object must match const 'pricing', got '{object_}'")

        version = d.pop("version")

        def _parse_currency(data: object) -> KnownCurrency | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_currency_type_0 = check_known_currency(data)

                return componentsschemas_currency_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownCurrency | str, data)

        currency = _parse_currency(d.pop("currency"))

        description = d.pop("description")

        image = PricingImage.from_dict(d.pop("image"))

        video = PricingVideo.from_dict(d.pop("video"))

        pricing = cls(
            object_=object_,
            version=version,
            currency=currency,
            description=description,
            image=image,
            video=video,
        )

        pricing.additional_properties = d
        return pricing

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
