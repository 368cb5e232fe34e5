from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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
    """`extension` and `content_type` must name the same format (jpeg or jpg with
    image/jpeg, png with image/png, webp with image/webp) → else 400
    `parameter_invalid_combination`.

    """

    filename: str
    """ Used only for Content-Disposition. """
    extension: InitCharacterUploadRequestExtension
    """ Must match content_type. """
    content_type: InitCharacterUploadRequestContentType
    """ Must match extension. """

    def to_dict(self) -> dict[str, Any]:
        filename = self.filename

        extension: str = self.extension

        content_type: str = self.content_type

        field_dict: dict[str, Any] = {}

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

        return init_character_upload_request
