"""
Raw access to the HTTP answer behind a result: ``client.with_raw_response.<method>(...)``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from ._constants import HEADER_REPLAYED, HEADER_REQUEST_ID
from ._redact import Secrets, redact_response_in_place

if TYPE_CHECKING:
    from ._transport import CallState

T = TypeVar("T")

# Set by RawResponseProxy around one facade call; _call appends the state of each request.
RECORDER: ContextVar[list[CallState] | None] = ContextVar("aurous_recorder", default=None)


class APIResponse(Generic[T]):
    """
    A parsed result together with the HTTP answer it came from.

    ``http_response.request`` (and any ``history`` entry's) is a redacted copy: the API key
    and other credentials read ``[redacted]``. The body is the server's, untouched.
    """

    __slots__ = ("parsed", "http_response", "retries_taken")

    def __init__(
        self,
        parsed: T,
        http_response: httpx.Response | None,
        retries_taken: int = 0,
        *,
        redact: Secrets = None,
    ) -> None:
        self.parsed = parsed
        if http_response is not None:
            redact_response_in_place(http_response, redact)
        self.http_response = http_response
        self.retries_taken = retries_taken

    def __repr__(self) -> str:
        return f"APIResponse(status_code={self.status_code}, parsed={self.parsed!r})"

    @property
    def status_code(self) -> int | None:
        """The HTTP status of the last answer."""
        return self.http_response.status_code if self.http_response is not None else None

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers (empty when there was no answer)."""
        return self.http_response.headers if self.http_response is not None else httpx.Headers()

    @property
    def request_id(self) -> str | None:
        """The ``Aurous-Request-Id`` header, to quote in support requests."""
        value: str | None = self.headers.get(HEADER_REQUEST_ID)
        return value

    @property
    def idempotent_replayed(self) -> bool:
        """True when the server replayed an earlier answer for this ``Idempotency-Key``."""
        return str(self.headers.get(HEADER_REPLAYED, "")).lower() == "true"


class RawResponseProxy:
    """
    Calls any facade method and returns an `APIResponse` instead of the bare result.
    """

    def __init__(self, client: object) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Callable[..., Awaitable[APIResponse[Any]]]:
        method = getattr(self._client, name)
        if not callable(method) or name.startswith("_"):
            raise AttributeError(name)

        async def call(*args: Any, **kwargs: Any) -> APIResponse[Any]:
            states: list[CallState] = []
            token = RECORDER.set(states)
            try:
                result = method(*args, **kwargs)
                if hasattr(result, "__await__"):
                    result = await result
            finally:
                RECORDER.reset(token)
            last = states[-1] if states else None
            return APIResponse(
                parsed=result,
                http_response=last.response if last is not None else None,
                retries_taken=last.retries_taken if last is not None else 0,
            )

        call.__name__ = name
        call.__doc__ = method.__doc__
        return call
