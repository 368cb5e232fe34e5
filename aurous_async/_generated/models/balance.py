from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_billing_mode import KnownBillingMode, check_known_billing_mode
from ..models.known_currency import KnownCurrency, check_known_currency
from ..types import UNSET, Unset

T = TypeVar("T", bound="Balance")


@_attrs_define
class Balance:
    """The team's credits."""

    credits_: float
    """ Total, available plus held. """
    held_credits: float
    """ Held against pending generations; committed on success, released otherwise. """
    available_credits: float
    """ credits minus held_credits; new generations are checked against it. """
    currency: KnownCurrency | str
    """ Unit of amounts (open set): credit. """
    billing_mode: KnownBillingMode | str | Unset = UNSET
    """ How the team is billed (open set): metered (charged and gated) or exempt (never
    charged or blocked). Treat an unknown value as non-gating.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credits_ = self.credits_

        held_credits = self.held_credits

        available_credits = self.available_credits

        currency: str
        if isinstance(self.currency, str):
            currency = self.currency
        else:
            currency = self.currency

        billing_mode: str | Unset
        if isinstance(self.billing_mode, Unset):
            billing_mode = UNSET
        elif isinstance(self.billing_mode, str):
            billing_mode = self.billing_mode
        else:
            billing_mode = self.billing_mode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credits": credits_,
                "held_credits": held_credits,
                "available_credits": available_credits,
                "currency": currency,
            }
        )
        if billing_mode is not UNSET:
            field_dict["billing_mode"] = billing_mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credits_ = d.pop("credits")

        held_credits = d.pop("held_credits")

        available_credits = d.pop("available_credits")

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

        def _parse_billing_mode(data: object) -> KnownBillingMode | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_billing_mode_type_0 = check_known_billing_mode(data)

                return componentsschemas_billing_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownBillingMode | str | Unset, data)

        billing_mode = _parse_billing_mode(d.pop("billing_mode", UNSET))

        balance = cls(
            credits_=credits_,
            held_credits=held_credits,
            available_credits=available_credits,
            currency=currency,
            billing_mode=billing_mode,
        )

        balance.additional_properties = d
        return balance

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
