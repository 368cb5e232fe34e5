from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.character_attributes import CharacterAttributes


T = TypeVar("T", bound="UpdateCharacterRequest")


@_attrs_define
class UpdateCharacterRequest:
    """Only these keys are accepted; any other key is rejected by the server."""

    name: str | Unset = UNSET
    """ New display name. """
    attributes: CharacterAttributes | Unset = UNSET
    """ Typed descriptive fields plus a free-text catch-all. On update the object replaces the
    stored one as a whole.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.character_attributes import CharacterAttributes  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _attributes = d.pop("attributes", UNSET)
        attributes: CharacterAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = CharacterAttributes.from_dict(_attributes)

        update_character_request = cls(
            name=name,
            attributes=attributes,
        )

        update_character_request.additional_properties = d
        return update_character_request

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
