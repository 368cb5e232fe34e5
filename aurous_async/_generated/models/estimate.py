from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_currency import KnownCurrency, check_known_currency

if TYPE_CHECKING:
    from ..models.estimated_cost import EstimatedCost


T = TypeVar("T", bound="Estimate")


@_attrs_define
class Estimate:
    """The price a generation would cost; nothing is created or held."""

    object_: Literal["estimate"]
    estimated_cost: EstimatedCost
    currency: KnownCurrency | str
    """ Unit of amounts (open set): credit. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_

        estimated_cost = self.estimated_cost.to_dict()

        currency: str
        if isinstance(self.currency, str):
            currency = self.currency
        else:
            currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "estimated_cost": estimated_cost,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.estimated_cost import EstimatedCost  # noqa: PLC0415

        d = dict(src_dict)
        object_ = cast(Literal["estimate"], d.pop("object"))
        if object_ != "estimate":
            raise ValueError(f"object must match const 'estimate', got '{object_}'")

        estimated_cost = EstimatedCost.from_dict(d.pop("estimated_cost"))

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

        estimate = cls(
            object_=object_,
            estimated_cost=estimated_cost,
            currency=currency,
        )

        estimate.additional_properties = d
        return estimate

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
