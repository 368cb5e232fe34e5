from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_billing_mode import KnownBillingMode, check_known_billing_mode
from ..types import UNSET, Unset

T = TypeVar("T", bound="Team")


@_attrs_define
class Team:
    """The team that owns the API key."""

    id: str
    """ team_ followed by a ULID; stable across renames. """
    name: str
    credits_: float
    """ Current balance. """
    created_at: datetime.datetime
    billing_email: None | str | Unset = UNSET
    billing_mode: KnownBillingMode | str | Unset = UNSET
    """ How the team is billed (open set): metered (charged and gated) or exempt (never
    charged or blocked). Treat an unknown value as non-gating.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        credits_ = self.credits_

        created_at = self.created_at.isoformat()

        billing_email: None | str | Unset
        if isinstance(self.billing_email, Unset):
            billing_email = UNSET
        else:
            billing_email = self.billing_email

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
                "id": id,
                "name": name,
                "credits": credits_,
                "created_at": created_at,
            }
        )
        if billing_email is not UNSET:
            field_dict["billing_email"] = billing_email
        if billing_mode is not UNSET:
            field_dict["billing_mode"] = billing_mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        credits_ = d.pop("credits")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_billing_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        billing_email = _parse_billing_email(d.pop("billing_email", UNSET))

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

        team = cls(
            id=id,
            name=name,
            credits_=credits_,
            created_at=created_at,
            billing_email=billing_email,
            billing_mode=billing_mode,
        )

        team.additional_properties = d
        return team

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
