from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..models.known_file_purpose import KnownFilePurpose, check_known_file_purpose
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="UploadFileRequest")


@_attrs_define
class UploadFileRequest:
    """Any other form field → 400 `invalid_request`."""

    file: File
    """ PNG, JPEG or WebP; at most 10 MB and 4096 px a side. """
    purpose: KnownFilePurpose
    metadata: str | Unset = UNSET
    """ A JSON-encoded object, echoed back on the file. """

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        purpose: str = self.purpose

        metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file": file,
                "purpose": purpose,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        files.append(("purpose", (None, str(self.purpose).encode(), "text/plain")))

        if not isinstance(self.metadata, Unset):
            files.append(("metadata", (None, str(self.metadata).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        purpose = check_known_file_purpose(d.pop("purpose"))

        metadata = d.pop("metadata", UNSET)

        upload_file_request = cls(
            file=file,
            purpose=purpose,
            metadata=metadata,
        )

        return upload_file_request
