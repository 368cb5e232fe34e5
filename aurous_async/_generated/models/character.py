from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_character_status import KnownCharacterStatus, check_known_character_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.character_attributes import CharacterAttributes
    from ..models.character_ref import CharacterRef


T = TypeVar("T", bound="Character")


@_attrs_define
class Character:
    """A reusable character."""

    id: str
    """ char_ followed by a ULID. """
    object_: Literal["character"]
    name: str
    """ Display name. """
    status: KnownCharacterStatus | str
    """ Lifecycle state (open set): synthesizing, reviewing, ready, failed, deleted,
    cancelled, or a value added later.
     """
    refs: list[CharacterRef]
    """ Reference images, cover first. """
    attributes: CharacterAttributes
    """ Typed descriptive fields plus a free-text catch-all. On update the object replaces the
    stored one as a whole.
     """
    error_message: None | str
    """ Set when status is failed (a customer-safe code). """
    aurous_version: str
    """ The API version the character was created under. """
    created_at: datetime.datetime
    updated_at: datetime.datetime
    client_reference_id: None | str | Unset = UNSET
    """ Your own reference, echoed from create. """
    deleted_at: datetime.datetime | None | Unset = UNSET
    """ When the character was soft-deleted. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        name = self.name

        status: str
        if isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        refs = []
        for refs_item_data in self.refs:
            refs_item = refs_item_data.to_dict()
            refs.append(refs_item)

        attributes = self.attributes.to_dict()

        error_message: None | str
        error_message = self.error_message

        aurous_version = self.aurous_version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        client_reference_id: None | str | Unset
        if isinstance(self.client_reference_id, Unset):
            client_reference_id = UNSET
        else:
            client_reference_id = self.client_reference_id

        deleted_at: None | str | Unset
        if isinstance(self.deleted_at, Unset):
            deleted_at = UNSET
        elif isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "name": name,
                "status": status,
                "refs": refs,
                "attributes": attributes,
                "error_message": error_message,
                "aurous_version": aurous_version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if client_reference_id is not UNSET:
            field_dict["client_reference_id"] = client_reference_id
        if deleted_at is not UNSET:
            field_dict["deleted_at"] = deleted_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.character_attributes import CharacterAttributes  # noqa: PLC0415
        from ..models.character_ref import CharacterRef  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["character"], d.pop("object"))
        if object_ != "character":
            raise ValueError(f"object must match const 'character', got '{object_}'")

        name = d.pop("name")

        def _parse_status(data: object) -> KnownCharacterStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_character_status_type_0 = check_known_character_status(data)

                return componentsschemas_character_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownCharacterStatus | str, data)

        status = _parse_status(d.pop("status"))

        refs = []
        _refs = d.pop("refs")
        for refs_item_data in _refs:
            refs_item = CharacterRef.from_dict(refs_item_data)

            refs.append(refs_item)

        attributes = CharacterAttributes.from_dict(d.pop("attributes"))

        def _parse_error_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_message = _parse_error_message(d.pop("error_message"))

        aurous_version = d.pop("aurous_version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_client_reference_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_reference_id = _parse_client_reference_id(d.pop("client_reference_id", UNSET))

        def _parse_deleted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at", UNSET))

        character = cls(
            id=id,
            object_=object_,
            name=name,
            status=status,
            refs=refs,
            attributes=attributes,
            error_message=error_message,
            aurous_version=aurous_version,
            created_at=created_at,
            updated_at=updated_at,
            client_reference_id=client_reference_id,
            deleted_at=deleted_at,
        )

        character.additional_properties = d
        return character

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
