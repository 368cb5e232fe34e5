from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.cost_breakdown import CostBreakdown


T = TypeVar("T", bound="EstimatedCost")


@_attrs_define
class EstimatedCost:
    amount: float
    breakdown: CostBreakdown
    """ How an amount is made up (video estimates may carry no enhance part). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        breakdown = self.breakdown.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "breakdown": breakdown,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cost_breakdown import CostBreakdown  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        breakdown = CostBreakdown.from_dict(d.pop("breakdown"))

        estimated_cost = cls(
            amount=amount,
            breakdown=breakdown,
        )

        estimated_cost.additional_properties = d
        return estimated_cost

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
