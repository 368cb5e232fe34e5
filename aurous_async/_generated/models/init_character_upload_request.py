from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.init_character_upload_request_content_type import (
    InitCharacterUploadRequestContentType,
    check_init_character_upload_request_content_type,
)
from ..models.init_character_upload_request_extension import (
    InitCharacterUploadRequestExtension,
    check_init_character_upload_request_extension,
)

T = TypeVar("T", bound="InitCharacterUploadRequest")


@_attrs_define
class InitCharacterUploadRequest:
    filename: str
    """ Used only for Content-Disposition. """
    extension: InitCharacterUploadRequestExtension
    """ Must match content_type. """
    content_type: InitCharacterUploadRequestContentType
    """ Must match extension. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filename = self.filename

        extension: str = self.extension

        content_type: str = self.content_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "filename": filename,
                "extension": extension,
                "content_type": content_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        filename = d.pop("filename")

        extension = check_init_character_upload_request_extension(d.pop("extension"))

        content_type = check_init_character_upload_request_content_type(d.pop("content_type"))

        init_character_upload_request = cls(
            filename=filename,
            extension=extension,
            content_type=content_type,
        )

        init_character_upload_request.additional_properties = d
        return init_character_upload_request

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
