from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.character_attributes import CharacterAttributes


T = TypeVar("T", bound="CreateCharacterRequest")


@_attrs_define
class CreateCharacterRequest:
    """Send exactly one flow: `upload_ids` (the upload flow; `generate` absent or false), or
    `generate: true` with `attributes` (the synthesize flow). Both or neither → 400
    `parameter_invalid_combination`; synthesize without `attributes` → 400
    `missing_field`. Any other key → 400 `invalid_request`.

    """

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

        return create_character_request
