"""
`AsyncAurousWithRawResponse`: ``client.with_raw_response``, typed method by method.

Each attribute takes the parameters of the client's method of the same name and returns an
`APIResponse` of that method's result, so ``(await raw.get_image(id)).parsed`` is a
`GenerationResponse` to mypy and pyright. A method added to a resource mixin is added here
too (``tests/test_typing.py`` names any that is missing); until then it still works at run
time, untyped.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from ._resources.account import AccountMixin
from ._resources.characters import CharactersMixin
from ._resources.files import FilesMixin
from ._resources.images import ImagesMixin
from ._resources.loras import LorasMixin
from ._resources.videos import VideosMixin
from ._resources.webhook_endpoints import WebhookEndpointsMixin
from ._response import APIResponse, RawResponseProxy

if TYPE_CHECKING:
    from typing import Self

P = ParamSpec("P")
T = TypeVar("T")


class _RawMethod(Generic[P, T]):
    """
    A client method seen through ``with_raw_response``: same parameters, `APIResponse` out.
    """

    def __init__(self, method: Callable[Concatenate[Any, P], Awaitable[T]]) -> None:
        self._name = method.__name__
        self.__doc__ = method.__doc__

    @overload
    def __get__(self, proxy: None, owner: type[Any]) -> Self: ...

    @overload
    def __get__(
        self, proxy: RawResponseProxy, owner: type[Any]
    ) -> Callable[P, Awaitable[APIResponse[T]]]: ...

    def __get__(
        self, proxy: RawResponseProxy | None, owner: type[Any]
    ) -> Self | Callable[P, Awaitable[APIResponse[T]]]:
        if proxy is None:
            return self
        # Looked up on the client each time, so a with_options copy's method is the one run.
        method: Callable[P, Awaitable[T]] = getattr(proxy._client, self._name)

        @functools.wraps(method)
        async def call(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
            return await proxy._record(method, *args, **kwargs)

        return call


def _raw(method: Callable[Concatenate[Any, P], Awaitable[T]]) -> _RawMethod[P, T]:
    return _RawMethod(method)


class AsyncAurousWithRawResponse(RawResponseProxy):
    """
    The client's methods returning an `APIResponse` (``parsed``, ``status_code``,
    ``headers``, ``request_id``, ``idempotent_replayed``) instead of the bare result.

    A method that sends several requests (a waiter, a create-and-wait, a paginator's first
    page) reports the last one. Streaming methods are not here: their response is raw already.
    """

    list_characters = _raw(CharactersMixin.list_characters)
    create_character = _raw(CharactersMixin.create_character)
    get_character = _raw(CharactersMixin.get_character)
    update_character = _raw(CharactersMixin.update_character)
    delete_character = _raw(CharactersMixin.delete_character)
    save_character = _raw(CharactersMixin.save_character)
    resynthesize_character = _raw(CharactersMixin.resynthesize_character)
    regenerate_character_ref = _raw(CharactersMixin.regenerate_character_ref)
    init_character_upload = _raw(CharactersMixin.init_character_upload)
    classify_character_upload = _raw(CharactersMixin.classify_character_upload)
    wait_for_character = _raw(CharactersMixin.wait_for_character)
    create_character_and_wait = _raw(CharactersMixin.create_character_and_wait)
    create_image = _raw(ImagesMixin.create_image)
    estimate_image = _raw(ImagesMixin.estimate_image)
    list_images = _raw(ImagesMixin.list_images)
    get_image = _raw(ImagesMixin.get_image)
    cancel_image = _raw(ImagesMixin.cancel_image)
    download_image_output = _raw(ImagesMixin.download_image_output)
    save_image_output = _raw(ImagesMixin.save_image_output)
    wait_for_image = _raw(ImagesMixin.wait_for_image)
    create_image_and_wait = _raw(ImagesMixin.create_image_and_wait)
    create_video = _raw(VideosMixin.create_video)
    estimate_video = _raw(VideosMixin.estimate_video)
    download_video_output = _raw(VideosMixin.download_video_output)
    save_video_output = _raw(VideosMixin.save_video_output)
    wait_for_video = _raw(VideosMixin.wait_for_video)
    create_video_and_wait = _raw(VideosMixin.create_video_and_wait)
    upload_file = _raw(FilesMixin.upload_file)
    get_file = _raw(FilesMixin.get_file)
    delete_file = _raw(FilesMixin.delete_file)
    list_loras = _raw(LorasMixin.list_loras)
    get_lora = _raw(LorasMixin.get_lora)
    get_video_lora = _raw(LorasMixin.get_video_lora)
    get_balance = _raw(AccountMixin.get_balance)
    get_team = _raw(AccountMixin.get_team)
    get_usage = _raw(AccountMixin.get_usage)
    list_usage_events = _raw(AccountMixin.list_usage_events)
    get_pricing = _raw(AccountMixin.get_pricing)
    create_webhook_endpoint = _raw(WebhookEndpointsMixin.create_webhook_endpoint)
    get_webhook_endpoint = _raw(WebhookEndpointsMixin.get_webhook_endpoint)
    rotate_webhook_endpoint_secret = _raw(WebhookEndpointsMixin.rotate_webhook_endpoint_secret)
    test_webhook_endpoint = _raw(WebhookEndpointsMixin.test_webhook_endpoint)
