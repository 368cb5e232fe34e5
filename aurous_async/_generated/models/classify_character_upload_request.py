from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ClassifyCharacterUploadRequest")


@_attrs_define
class ClassifyCharacterUploadRequest:
    upload_id: str
    """ The ticket to classify. """

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "upload_id": upload_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        classify_character_upload_request = cls(
            upload_id=upload_id,
        )

        return classify_character_upload_request
