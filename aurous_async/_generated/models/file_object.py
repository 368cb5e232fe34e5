from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_file_purpose import KnownFilePurpose, check_known_file_purpose
from ..models.known_mime_type import KnownMimeType, check_known_mime_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.file_metadata import FileMetadata


T = TypeVar("T", bound="FileObject")


@_attrs_define
class FileObject:
    """An uploaded reference file; purged at expires_at (24 h after upload)."""

    id: str
    """ file_ followed by a ULID; usable in reference_image_urls and frame URLs. """
    object_: Literal["file"]
    purpose: KnownFilePurpose | str
    """ What a file is for (open set): reference, first_frame, last_frame. """
    mime_type: KnownMimeType | str
    """ Media type of a file (open set): image/png, image/jpeg, image/webp. """
    size_bytes: int
    width_px: int | None
    height_px: int | None
    url: str
    """ Signed URL valid for about 1 h; retrieve the file again for a fresh one. """
    expires_at: datetime.datetime
    """ When the file is purged. """
    created_at: datetime.datetime
    metadata: FileMetadata | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.file_metadata import FileMetadata  # noqa: PLC0415

        id = self.id

        object_ = self.object_

        purpose: str
        if isinstance(self.purpose, str):
            purpose = self.purpose
        else:
            purpose = self.purpose

        mime_type: str
        if isinstance(self.mime_type, str):
            mime_type = self.mime_type
        else:
            mime_type = self.mime_type

        size_bytes = self.size_bytes

        width_px: int | None
        width_px = self.width_px

        height_px: int | None
        height_px = self.height_px

        url = self.url

        expires_at = self.expires_at.isoformat()

        created_at = self.created_at.isoformat()

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, FileMetadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "purpose": purpose,
                "mime_type": mime_type,
                "size_bytes": size_bytes,
                "width_px": width_px,
                "height_px": height_px,
                "url": url,
                "expires_at": expires_at,
                "created_at": created_at,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.file_metadata import FileMetadata  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["file"], d.pop("object"))
        if object_ != "file":
            raise ValueError(f"object must match const 'file', got '{object_}'")

        def _parse_purpose(data: object) -> KnownFilePurpose | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_file_purpose_type_0 = check_known_file_purpose(data)

                return componentsschemas_file_purpose_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownFilePurpose | str, data)

        purpose = _parse_purpose(d.pop("purpose"))

        def _parse_mime_type(data: object) -> KnownMimeType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_mime_type_type_0 = check_known_mime_type(data)

                return componentsschemas_mime_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownMimeType | str, data)

        mime_type = _parse_mime_type(d.pop("mime_type"))

        size_bytes = d.pop("size_bytes")

        def _parse_width_px(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        width_px = _parse_width_px(d.pop("width_px"))

        def _parse_height_px(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        height_px = _parse_height_px(d.pop("height_px"))

        url = d.pop("url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_metadata(data: object) -> FileMetadata | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = FileMetadata.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FileMetadata | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        file_object = cls(
            id=id,
            object_=object_,
            purpose=purpose,
            mime_type=mime_type,
            size_bytes=size_bytes,
            width_px=width_px,
            height_px=height_px,
            url=url,
            expires_at=expires_at,
            created_at=created_at,
            metadata=metadata,
        )

        file_object.additional_properties = d
        return file_object

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
