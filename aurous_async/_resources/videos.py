"""
Videos: create, estimate, and the output (whole, ranged, streamed). Status and cancel go
through the images routes with a ``vid_`` id (`get_image`, `cancel_image`, `wait_for_image`).
"""

from __future__ import annotations

import os
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Unpack

import httpx

from .._base import body
from .._downloads import DownloadsBase, range_header
from .._types import RequestOptions, VideoParams, split_options
from .._validation import check_id, checks_keywords

if TYPE_CHECKING:
    from .._generated.models import Estimate, GenerationResponse

ByteRange = tuple[int, int | None] | str | None


@checks_keywords
class VideosMixin(DownloadsBase):
    async def create_video(
        self, *, video_lora_id: str, **params: Unpack[VideoParams]
    ) -> GenerationResponse:
        """
        Start a video generation; an ``Idempotency-Key`` is automatic. Poll with
        `wait_for_image` (videos share the generation routes).
        """
        from .._generated.api.videos import create_video as op
        from .._generated.models import CreateVideoRequest, GenerationResponse

        fields, options = split_options(params)
        request = body(CreateVideoRequest, video_lora_id=video_lora_id, **fields)
        return await self._call(op, GenerationResponse, options=options, body=request)

    async def estimate_video(
        self, *, video_lora_id: str, **params: Unpack[VideoParams]
    ) -> Estimate:
        """
        Price a video generation without creating it.
        """
        from .._generated.api.videos import estimate_video as op
        from .._generated.models import CreateVideoRequest, Estimate

        fields, options = split_options(params)
        request = body(CreateVideoRequest, video_lora_id=video_lora_id, **fields)
        return await self._call(op, Estimate, options=options, body=request)

    async def download_video_output(
        self,
        id: str,
        *,
        byte_range: ByteRange = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> bytes:
        """
        The video's bytes; *byte_range* ``(start, end)`` asks for part of it (206).

        *token* is the short-lived signed token of the video's output URL, if you have one.
        """
        from .._generated.api.videos import download_video_output as op

        return await self._download(
            op, check_id(id), options=options, range_=range_header(byte_range), token=token
        )

    def stream_video_output(
        self,
        id: str,
        *,
        byte_range: ByteRange = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AbstractAsyncContextManager[httpx.Response]:
        """
        ``async with`` it for the unread response; iterate ``response.aiter_bytes()``.
        """
        from .._generated.api.videos import download_video_output as op

        return self._stream(
            op, check_id(id), options=options, range_=range_header(byte_range), token=token
        )

    async def save_video_output(
        self,
        id: str,
        path: str | os.PathLike[str],
        *,
        byte_range: ByteRange = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> int:
        """
        Stream the video into the file at *path* without holding it in memory.
        """
        from .._generated.api.videos import download_video_output as op

        return await self._save(
            op, path, check_id(id), options=options, range_=range_header(byte_range), token=token
        )
