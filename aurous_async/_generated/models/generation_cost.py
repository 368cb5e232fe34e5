from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_currency import KnownCurrency, check_known_currency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cost_breakdown import CostBreakdown


T = TypeVar("T", bound="GenerationCost")


@_attrs_define
class GenerationCost:
    """Credits of a generation: the held upper bound while pending or processing, the amount
    charged once terminal (refunded when cancelled).

    """

    amount: float
    currency: KnownCurrency | str | Unset = UNSET
    """ Unit of amounts (open set): credit. """
    breakdown: CostBreakdown | Unset = UNSET
    """ How an amount is made up (video estimates may carry no enhance part). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency: str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        elif isinstance(self.currency, str):
            currency = self.currency
        else:
            currency = self.currency

        breakdown: dict[str, Any] | Unset = UNSET
        if not isinstance(self.breakdown, Unset):
            breakdown = self.breakdown.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency
        if breakdown is not UNSET:
            field_dict["breakdown"] = breakdown

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cost_breakdown import CostBreakdown  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        def _parse_currency(data: object) -> KnownCurrency | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_currency_type_0 = check_known_currency(data)

                return componentsschemas_currency_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownCurrency | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        _breakdown = d.pop("breakdown", UNSET)
        breakdown: CostBreakdown | Unset
        if isinstance(_breakdown, Unset):
            breakdown = UNSET
        else:
            breakdown = CostBreakdown.from_dict(_breakdown)

        generation_cost = cls(
            amount=amount,
            currency=currency,
            breakdown=breakdown,
        )

        generation_cost.additional_properties = d
        return generation_cost

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
