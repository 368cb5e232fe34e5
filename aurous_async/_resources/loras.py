"""
LoRA styles for images, and video LoRAs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from .._base import ClientBase
from .._types import RequestOptions
from .._validation import check_id, checks_keywords

if TYPE_CHECKING:
    from .._generated.models import Lora, VideoLora


@checks_keywords
class LorasMixin(ClientBase):
    async def list_loras(self, **options: Unpack[RequestOptions]) -> list[Lora]:
        """
        Every LoRA style available to the team (a plain list: this route is not paginated).
        """
        from .._generated.api.loras import list_loras as op

        return await self._call(op, list, options=options)

    async def get_lora(self, id: str, **options: Unpack[RequestOptions]) -> Lora:
        """
        Retrieve a LoRA style by ``lora_`` id, slug or legacy UUID.
        """
        from .._generated.api.loras import get_lora as op
        from .._generated.models import Lora

        return await self._call(op, Lora, check_id(id), options=options)

    async def get_video_lora(self, id: str, **options: Unpack[RequestOptions]) -> VideoLora:
        """
        Retrieve a video LoRA by ``lora_`` id, slug or legacy UUID.
        """
        from .._generated.api.loras import get_video_lora as op
        from .._generated.models import VideoLora

        return await self._call(op, VideoLora, check_id(id), options=options)
