"""
Raw access to the HTTP answer behind a result: ``client.with_raw_response.<method>(...)``.
"""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from ._constants import HEADER_REPLAYED, HEADER_REQUEST_ID
from ._redact import Secrets, redact_response_in_place

if TYPE_CHECKING:
    from ._call import CallState

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


# id(result) -> (a weak reference to it, its request id). Kept beside the result, not on it, so
# the id never reaches the model's to_dict(), ==, repr or pickle; an entry lives as long as
# its result (the weak reference's callback drops it).
_REQUEST_IDS: dict[int, tuple[weakref.ref[Any], str]] = {}


def record_request_id(result: object, request_id: str | None) -> None:
    """
    Remember the request id of the answer *result* was parsed from (see `request_id`).
    """
    if request_id is None:
        return
    key = id(result)
    try:
        ref = weakref.ref(result, lambda _, key=key: _forget(key))  # type: ignore[misc]
    except TypeError:
        # A plain list, bytes or int keeps no weak reference: use with_raw_response.
        return
    _REQUEST_IDS[key] = (ref, request_id)


def _forget(key: int) -> None:
    _REQUEST_IDS.pop(key, None)


def request_id(result: object) -> str | None:
    """
    The ``Aurous-Request-Id`` of the answer a result came from, to quote in support requests.

    Works for every model a method returns (a page of a list too), a `DeleteResult` and an
    `APIResponse`; ``None`` for a result made without a request (a delete that found the id
    already gone through this client's memory) and for plain lists, bytes and ints (use
    ``client.with_raw_response`` there). The id is kept beside the result, so it never shows
    in ``to_dict()``, ``==`` or ``repr``.
    """
    own = getattr(result, "request_id", None)
    if isinstance(own, str) or (own is None and hasattr(type(result), "request_id")):
        # DeleteResult and APIResponse carry their own.
        return own
    entry = _REQUEST_IDS.get(id(result))
    if entry is None or entry[0]() is not result:
        return None
    return entry[1]


class RawResponseProxy:
    """
    Calls a facade method and returns an `APIResponse` instead of the bare result.

    The typed face is `aurous_async._raw.AsyncAurousWithRawResponse`; this base serves any
    public method at run time, so a method not yet listed there still works, untyped.
    """

    def __init__(self, client: object) -> None:
        self._client = client

    async def _record(
        self, method: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any
    ) -> APIResponse[T]:
        """Run *method* while recording its requests; wrap the result and the last answer."""
        states: list[CallState] = []
        token = RECORDER.set(states)
        try:
            result = await method(*args, **kwargs)
        finally:
            RECORDER.reset(token)
        last = states[-1] if states else None
        return APIResponse(
            parsed=result,
            http_response=last.response if last is not None else None,
            retries_taken=last.retries_taken if last is not None else 0,
        )

    if not TYPE_CHECKING:
        # Hidden from type checkers: there, a misspelled method must stay an error.
        def __getattr__(self, name: str) -> Callable[..., Awaitable[APIResponse[Any]]]:
            method = getattr(self._client, name)
            if not callable(method) or name.startswith("_"):
                raise AttributeError(name)

            async def call(*args: Any, **kwargs: Any) -> APIResponse[Any]:
                return await self._record(method, *args, **kwargs)

            call.__name__ = name
            call.__doc__ = method.__doc__
            return call
