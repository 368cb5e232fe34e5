"""
Files: upload a reference image (multipart), fetch it with a fresh URL, purge it.
"""

from __future__ import annotations

import io
import json
import mimetypes
import os
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, Unpack

from .._base import ClientBase
from .._types import RequestOptions
from .._validation import (
    InvalidArgumentError,
    check_id,
    checks_keywords,
    field_kinds,
    type_name,
)

if TYPE_CHECKING:
    from .._generated.models import DeletedFile, FileObject, KnownFilePurpose

FileInput = str | os.PathLike[str] | bytes | IO[bytes]


@checks_keywords
class FilesMixin(ClientBase):
    async def upload_file(
        self,
        file: FileInput,
        *,
        purpose: KnownFilePurpose,
        metadata: Mapping[str, Any] | None = None,
        filename: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> FileObject:
        """
        Upload a PNG, JPEG or WebP (≤ 10 MB) as a path, bytes or a binary file object.

        *metadata* is sent as the JSON string the API expects and echoed back. The upload
        is read into memory once, so every retry sends the same bytes.
        """
        from .._generated.api.files import upload_file as op
        from .._generated.models import FileObject, UploadFileRequest
        from .._generated.types import UNSET, File

        field_kinds(UploadFileRequest)["purpose"].check(purpose, "purpose")
        encoded = _metadata_json(metadata)
        if filename is not None and not isinstance(filename, str):
            raise InvalidArgumentError("filename", f"must be a str, got {type_name(filename)}")
        name, payload = _read(file, filename)
        mime = mimetypes.guess_type(name)[0] or _sniff(payload)
        request = UploadFileRequest(
            file=File(payload=io.BytesIO(payload), file_name=name, mime_type=mime),
            purpose=purpose,
            metadata=UNSET if encoded is None else encoded,
        )
        return await self._call(op, FileObject, options=options, body=request)

    async def get_file(self, id: str, **options: Unpack[RequestOptions]) -> FileObject:
        """
        Retrieve a file with a freshly minted signed URL (valid about 1 h).
        """
        from .._generated.api.files import get_file as op
        from .._generated.models import FileObject

        return await self._call(op, FileObject, check_id(id), options=options)

    async def delete_file(self, id: str, **options: Unpack[RequestOptions]) -> DeletedFile:
        """
        Purge a file now. The server answers 200 even when it is already gone.
        """
        from .._generated.api.files import delete_file as op
        from .._generated.models import DeletedFile

        return await self._call(op, DeletedFile, check_id(id), options=options)


def _metadata_json(metadata: object) -> str | None:
    if metadata is None:
        return None
    if not isinstance(metadata, Mapping):
        raise InvalidArgumentError("metadata", f"must be a mapping, got {type_name(metadata)}")
    try:
        return json.dumps(dict(metadata), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidArgumentError("metadata", f"must be JSON-serialisable: {exc}") from None


def _sniff(data: bytes) -> str:
    # Bytes or a nameless stream: the accepted formats are told apart by their signatures.
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def _read(file: FileInput, filename: str | None) -> tuple[str, bytes]:
    if isinstance(file, bytes | bytearray):
        return filename or "upload", bytes(file)
    if isinstance(file, str | os.PathLike):
        path = os.fspath(file)
        with open(path, "rb") as handle:
            return filename or os.path.basename(path), handle.read()
    read = getattr(file, "read", None)
    if read is None:
        raise InvalidArgumentError(
            "file", f"must be a path, bytes or a binary file object, got {type(file).__name__}"
        )
    data = read()
    if not isinstance(data, bytes):
        raise InvalidArgumentError("file", "file object must be opened in binary mode")
    name = filename or os.path.basename(str(getattr(file, "name", "") or "upload"))
    return name, data
