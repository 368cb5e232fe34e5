"""
Output downloads shared by images and videos: whole bytes, a streamed file, or chunks.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from types import ModuleType
from typing import Any

from ._base import ClientBase
from ._exceptions import APIConnectionError
from ._types import RequestOptions
from ._validation import InvalidArgumentError, check_header_value

CHUNK_SIZE = 1 << 16


def range_header(byte_range: tuple[int, int | None] | str | None) -> str | None:
    """
    ``(start, end)`` (end inclusive, or ``None`` for the rest) or a raw ``bytes=...`` value.
    """
    if byte_range is None:
        return None
    if isinstance(byte_range, str):
        if not byte_range.startswith("bytes="):
            raise InvalidArgumentError(
                "byte_range", f"must start with 'bytes=', got {byte_range!r}"
            )
        return check_header_value(byte_range, "byte_range")
    if not isinstance(byte_range, tuple | list) or len(byte_range) != 2:
        raise InvalidArgumentError("byte_range", f"must be (start, end), got {byte_range!r}")
    start, end = byte_range
    if not _offset(start) or (end is not None and (not _offset(end) or end < start)):
        raise InvalidArgumentError("byte_range", f"invalid range {byte_range!r}")
    return f"bytes={start}-{'' if end is None else end}"


def _offset(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class DownloadsBase(ClientBase):
    async def _download(
        self, op: ModuleType, *args: Any, options: RequestOptions, **params: Any
    ) -> bytes:
        from ._generated.types import File

        output = await self._call(op, File, *args, options=options, **params)
        return output.payload.getvalue()  # type: ignore[attr-defined, no-any-return]

    async def _save(
        self,
        op: ModuleType,
        path: str | os.PathLike[str],
        *args: Any,
        options: RequestOptions,
        **params: Any,
    ) -> int:
        target = os.fspath(path)
        folder = os.path.dirname(os.path.abspath(target))
        if os.path.isdir(target):
            raise IsADirectoryError(errno.EISDIR, "the target is a folder, not a file", target)
        # The temporary file beside the target is made before anything is sent: a folder
        # that does not exist or cannot be written fails here, not after the download.
        try:
            handle, partial = tempfile.mkstemp(
                prefix=f".{os.path.basename(target)}.", suffix=".part", dir=folder
            )
        except OSError as exc:
            message = f"cannot write beside the target: {exc.strerror}"
            raise type(exc)(exc.errno, message, target) from exc
        try:
            # Chunks go straight to disk: a large video is never held in memory.
            with os.fdopen(handle, "wb") as out:
                async with self._stream(op, *args, options=options, **params) as response:
                    # Moved over the target only once the whole body has arrived: a cut
                    # stream never destroys a good file or leaves half a one.
                    written = 0
                    async for chunk in response.aiter_bytes(CHUNK_SIZE):
                        out.write(chunk)
                        written += len(chunk)
                    if "Content-Encoding" not in response.headers:
                        _check_length(response.headers.get("Content-Length"), written)
            os.chmod(partial, _file_mode(target))
            os.replace(partial, target)
        except BaseException:
            os.unlink(partial)
            raise
        return written


def _file_mode(target: str) -> int:
    # mkstemp's file is private (0600); the result keeps the target's mode, or gets the
    # mode open() would have given a new file.
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _check_length(declared: str | None, written: int) -> None:
    if declared is None or not declared.isdigit() or int(declared) == written:
        return
    raise APIConnectionError(
        f"the download ended after {written} of {declared} bytes; the file was not written"
    )
