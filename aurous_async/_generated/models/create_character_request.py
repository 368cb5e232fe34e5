from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.character_attributes import CharacterAttributes


T = TypeVar("T", bound="CreateCharacterRequest")


@_attrs_define
class CreateCharacterRequest:
    """Send exactly one of `upload_ids` or `generate` true."""

    name: str
    """ Display name. """
    generate: bool | Unset = UNSET
    """ true selects the synthesize flow. """
    upload_ids: list[str] | Unset = UNSET
    """ Upload tickets (upl_...) from uploads/init, for the upload flow. """
    attributes: CharacterAttributes | Unset = UNSET
    """ Typed descriptive fields plus a free-text catch-all. On update the object replaces the
    stored one as a whole.
     """
    client_reference_id: str | Unset = UNSET
    """ Your own reference, echoed on the character and its webhooks. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        generate = self.generate

        upload_ids: list[str] | Unset = UNSET
        if not isinstance(self.upload_ids, Unset):
            upload_ids = self.upload_ids

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        client_reference_id = self.client_reference_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if generate is not UNSET:
            field_dict["generate"] = generate
        if upload_ids is not UNSET:
            field_dict["upload_ids"] = upload_ids
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if client_reference_id is not UNSET:
            field_dict["client_reference_id"] = client_reference_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.character_attributes import CharacterAttributes  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        generate = d.pop("generate", UNSET)

        upload_ids = cast(list[str], d.pop("upload_ids", UNSET))

        _attributes = d.pop("attributes", UNSET)
        attributes: CharacterAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = CharacterAttributes.from_dict(_attributes)

        client_reference_id = d.pop("client_reference_id", UNSET)

        create_character_request = cls(
            name=name,
            generate=generate,
            upload_ids=upload_ids,
            attributes=attributes,
            client_reference_id=client_reference_id,
        )

        create_character_request.additional_properties = d
        return create_character_request

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
