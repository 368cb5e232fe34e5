"""
Sentinels and the per-call options every facade method accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal, TypedDict

import httpx


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
    """

    api_version: str | None
    timeout: TimeoutTypes
    max_retries: int
    idempotency_key: str
    extra_headers: Mapping[str, str]
