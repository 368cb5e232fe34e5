"""
Videos: create, estimate, wait, and the output (whole, ranged, streamed). The API serves a
video's status and cancel on the images routes with a ``vid_`` id (`get_image`,
`cancel_image`); `wait_for_video` polls that route.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Unpack

import httpx

from .._arguments import body
from .._downloads import DownloadsBase, range_header
from .._types import RequestOptions, VideoParams, split_options
from .._validation import check_id, checks_keywords
from .images import GENERATION_TERMINAL, without_key

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
        `wait_for_video`.
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

    async def wait_for_video(
        self,
        id: str,
        *,
        status: str | Collection[str] | None = None,
        poll_interval: float = 2.0,
        max_wait: float = 900.0,
        **options: Unpack[RequestOptions],
    ) -> GenerationResponse:
        """
        Poll a video generation until *status*, by default any terminal one.

        The API reports a video's status on the generation route (``GET /v1/images/{id}``
        with its ``vid_`` id), so this is `wait_for_image` with a video's longer default.
        """
        from .._generated.api.images import get_image as op
        from .._generated.models import GenerationResponse

        key = check_id(id)
        return await self._wait_until(
            lambda: self._call(op, GenerationResponse, key, options=options),
            status=status,
            settled=GENERATION_TERMINAL,
            poll_interval=poll_interval,
            max_wait=max_wait,
            what=f"video {key}",
        )

    async def create_video_and_wait(
        self,
        *,
        video_lora_id: str,
        poll_interval: float = 2.0,
        max_wait: float = 900.0,
        **params: Unpack[VideoParams],
    ) -> GenerationResponse:
        """
        Start a video generation and poll it until it ends (any terminal status).

        *max_wait* bounds the wait after the create; the per-call options apply to every
        request (the ``idempotency_key`` to the create only). Raises `WaitTimeoutError` with
        the last generation seen.
        """
        created = await self.create_video(video_lora_id=video_lora_id, **params)
        if str(created.status) in GENERATION_TERMINAL:
            return created
        return await self.wait_for_video(
            created.id,
            poll_interval=poll_interval,
            max_wait=max_wait,
            **without_key(split_options(params)[1]),
        )
