"""
Sentinels and the per-call options every facade method accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal, TypedDict

import httpx

# Generated from the spec's request bodies (string annotations: no model is imported), so a
# new optional field reaches these signatures with `make generate` alone.
from ._generated import CreateImageRequestFields, CreateVideoRequestFields


class NotGiven:
    """
    Marks an argument the caller did not pass (distinct from an explicit ``None``).
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

TimeoutTypes = float | httpx.Timeout | None


class RequestOptions(TypedDict, total=False):
    """
    Per-call options; each overrides the client's default for one call only.

    - ``api_version``: the ``Aurous-Version`` pin, or ``None`` to send no header.
    - ``timeout``: seconds or an ``httpx.Timeout``.
    - ``max_retries``: retries after the first attempt.
    - ``idempotency_key``: your own ``Idempotency-Key`` instead of a generated one.
    - ``extra_headers``: more headers to send (checked like every header).
    - ``extra_query``: more query parameters to send, for ones the SDK does not know yet;
      never one the call already sets by name (that raises `InvalidArgumentError`).
    - ``extra_body``: more fields for the JSON body, added after the SDK builds it, for
      fields the spec does not have yet; never one the call already sends, and only on
      operations that send a JSON body.
    """

    api_version: str | None
    timeout: TimeoutTypes
    max_retries: int
    idempotency_key: str
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, object]
    extra_body: Mapping[str, object]


_OPTION_NAMES = frozenset(RequestOptions.__annotations__)


def split_options(params: Any) -> tuple[dict[str, Any], RequestOptions]:
    """
    Split ``**params`` into request-body fields and per-call `RequestOptions`.
    """
    fields: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for name, value in params.items():
        (options if name in _OPTION_NAMES else fields)[name] = value
    return fields, options  # type: ignore[return-value]


class ImageParams(CreateImageRequestFields, RequestOptions, total=False):
    """
    The optional fields of an image generation (create_image, estimate_image), generated
    from the spec's ``CreateImageRequest``, plus the per-call options.
    """


class VideoParams(CreateVideoRequestFields, RequestOptions, total=False):
    """
    The optional fields of a video generation (create_video, estimate_video), generated
    from the spec's ``CreateVideoRequest``, plus the per-call options.
    """
