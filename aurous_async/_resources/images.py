"""
Images (and generation status for videos): create, estimate, list, get, cancel, outputs.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Unpack

import httpx

from .._arguments import body
from .._downloads import DownloadsBase
from .._pagination import AsyncPaginator, cursor_if_more
from .._types import ImageParams, RequestOptions, split_options
from .._validation import InvalidArgumentError, check_id, checks_keywords
from .._waiters import Settled

if TYPE_CHECKING:
    from .._generated.models import Estimate, GenerationList, GenerationResponse

#: Terminal generation statuses (decisions.md); polling stops at any of them.
#: Where a default wait stops: every status but the in-progress ones (an open set).
GENERATION_TERMINAL = Settled(
    ("succeeded", "failed", "cancelled", "expired", "moderation_rejected"),
    in_progress=("queued", "pending", "processing"),
)


@checks_keywords
class ImagesMixin(DownloadsBase):
    async def create_image(
        self, *, prompt: str, **params: Unpack[ImageParams]
    ) -> GenerationResponse:
        """
        Start an image generation (status ``pending``); an ``Idempotency-Key`` is automatic.
        """
        from .._generated.api.images import create_image as op
        from .._generated.models import CreateImageRequest, GenerationResponse

        fields, options = split_options(params)
        request = body(CreateImageRequest, prompt=prompt, **fields)
        return await self._call(op, GenerationResponse, options=options, body=request)

    async def estimate_image(self, *, prompt: str, **params: Unpack[ImageParams]) -> Estimate:
        """
        Price an image generation without creating it (no hold, no row).
        """
        from .._generated.api.images import estimate_image as op
        from .._generated.models import CreateImageRequest, Estimate

        fields, options = split_options(params)
        request = body(CreateImageRequest, prompt=prompt, **fields)
        return await self._call(op, Estimate, options=options, body=request)

    def list_images(
        self,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        ending_before: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[GenerationList, GenerationResponse]:
        """
        List image and video generations, newest first; ``async for`` walks every page.

        With ``ending_before`` the walk goes backwards (towards newer generations).
        """
        from .._generated.api.images import list_images as op
        from .._generated.models import GenerationList

        backwards = ending_before is not None

        async def fetch(cursor: str | None) -> GenerationList:
            return await self._call(
                op,
                GenerationList,
                options=options,
                limit=limit,
                starting_after=None if backwards else cursor,
                ending_before=cursor if backwards else None,
            )

        def next_cursor(page: GenerationList) -> str | None:
            if backwards:
                return cursor_if_more(page.has_more, page.data[0].id if page.data else None)
            return cursor_if_more(page.has_more, page.next_cursor)

        return AsyncPaginator(
            fetch,
            items=lambda page: page.data,
            next_cursor=next_cursor,
            start=ending_before if backwards else starting_after,
        )

    async def get_image(self, id: str, **options: Unpack[RequestOptions]) -> GenerationResponse:
        """
        Retrieve a generation: an image (``img_``) or a video (``vid_``).
        """
        from .._generated.api.images import get_image as op
        from .._generated.models import GenerationResponse

        return await self._call(op, GenerationResponse, check_id(id), options=options)

    async def cancel_image(self, id: str, **options: Unpack[RequestOptions]) -> GenerationResponse:
        """
        Cancel a pending or processing generation (image or video); held credits return.
        """
        from .._generated.api.images import cancel_image as op
        from .._generated.models import GenerationResponse

        return await self._call(op, GenerationResponse, check_id(id), options=options)

    async def download_image_output(
        self,
        id: str,
        n: int = 0,
        *,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> bytes:
        """
        The bytes of output *n* (0-based). Expired → `GoneError`; none → 422.

        *token* is the short-lived signed token of the generation's output URL, if you have
        one instead of (or besides) the API key.
        """
        from .._generated.api.images import download_image_output as op

        return await self._download(op, check_id(id), _index(n), options=options, token=token)

    def stream_image_output(
        self,
        id: str,
        n: int = 0,
        *,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AbstractAsyncContextManager[httpx.Response]:
        """
        ``async with`` it for the unread response; iterate ``response.aiter_bytes()``.
        """
        from .._generated.api.images import download_image_output as op

        return self._stream(op, check_id(id), _index(n), options=options, token=token)

    async def save_image_output(
        self,
        id: str,
        path: str | os.PathLike[str],
        n: int = 0,
        *,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> int:
        """
        Stream output *n* into the file at *path*; returns the number of bytes written.
        """
        from .._generated.api.images import download_image_output as op

        return await self._save(op, path, check_id(id), _index(n), options=options, token=token)

    async def wait_for_image(
        self,
        id: str,
        *,
        status: str | Collection[str] | None = None,
        poll_interval: float = 2.0,
        max_wait: float = 600.0,
        **options: Unpack[RequestOptions],
    ) -> GenerationResponse:
        """
        Poll a generation (image or video) until *status*, by default any terminal one: every
        status but ``queued``, ``pending`` and ``processing``, also one added to the API later.
        """
        key = check_id(id)
        return await self._wait_until(
            lambda: self.get_image(key, **options),
            status=status,
            settled=GENERATION_TERMINAL,
            poll_interval=poll_interval,
            max_wait=max_wait,
            what=f"generation {key}",
        )

    async def create_image_and_wait(
        self,
        *,
        prompt: str,
        poll_interval: float = 2.0,
        max_wait: float = 600.0,
        **params: Unpack[ImageParams],
    ) -> GenerationResponse:
        """
        Start an image generation and poll it until it ends (any terminal status).

        *max_wait* bounds the wait after the create; the per-call options apply to every
        request (the ``idempotency_key`` to the create only). Raises `WaitTimeoutError` with
        the last generation seen.
        """
        created = await self.create_image(prompt=prompt, **params)
        if str(created.status) in GENERATION_TERMINAL:
            return created
        return await self.wait_for_image(
            created.id,
            poll_interval=poll_interval,
            max_wait=max_wait,
            **without_key(split_options(params)[1]),
        )


def without_key(options: RequestOptions) -> RequestOptions:
    """The per-call options for the polls after a create: a GET takes no Idempotency-Key."""
    polls = RequestOptions(**options)
    polls.pop("idempotency_key", None)
    return polls


def _index(n: int) -> int:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise InvalidArgumentError("n", f"must be a non-negative int, got {n!r}")
    return n
