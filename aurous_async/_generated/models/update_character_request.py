from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.character_attributes import CharacterAttributes


T = TypeVar("T", bound="UpdateCharacterRequest")


@_attrs_define
class UpdateCharacterRequest:
    """Only these keys are accepted; any other key → 400 `invalid_request` with `param`
    naming the first rejected key.

    """

    name: str | Unset = UNSET
    """ New display name; blank is rejected. """
    attributes: CharacterAttributes | Unset = UNSET
    """ Typed descriptive fields plus a free-text catch-all. On update the object replaces the
    stored one as a whole.
     """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}

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

        return update_character_request
