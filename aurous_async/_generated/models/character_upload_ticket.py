from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.character_upload_ticket_upload_headers import CharacterUploadTicketUploadHeaders


T = TypeVar("T", bound="CharacterUploadTicket")


@_attrs_define
class CharacterUploadTicket:
    upload_id: str
    """ upl_ followed by a ULID; pass it to classify and create. """
    upload_url: str
    """ Signed PUT URL, valid for 15 minutes. Do not send the API key to it. """
    upload_headers: CharacterUploadTicketUploadHeaders
    """ Headers to send with the PUT, e.g. Content-Type. """
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        upload_url = self.upload_url

        upload_headers = self.upload_headers.to_dict()

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "upload_id": upload_id,
                "upload_url": upload_url,
                "upload_headers": upload_headers,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.character_upload_ticket_upload_headers import (
            CharacterUploadTicketUploadHeaders,  # noqa: PLC0415
        )

        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        upload_url = d.pop("upload_url")

        upload_headers = CharacterUploadTicketUploadHeaders.from_dict(d.pop("upload_headers"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        character_upload_ticket = cls(
            upload_id=upload_id,
            upload_url=upload_url,
            upload_headers=upload_headers,
            expires_at=expires_at,
        )

        character_upload_ticket.additional_properties = d
        return character_upload_ticket

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
