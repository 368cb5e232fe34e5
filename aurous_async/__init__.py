"""
Asynchronous Python SDK for the Aurous Labs API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._bulk import Progress
from ._client import AsyncAurous
from ._constants import API_VERSION, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._delete import DeleteMemory, DeleteResult
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AurousError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    EventLoopMismatchError,
    GoneError,
    InsufficientCreditsError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._pagination import AsyncPaginator
from ._ratelimit import Limiter, RateLimit, RateLimiter
from ._response import APIResponse, request_id
from ._types import NOT_GIVEN, NotGiven, RequestOptions
from ._validation import InvalidArgumentError
from ._version import __version__
from ._waiters import WaitTimeoutError
from ._warnings import AurousDeprecationWarning, VersionMismatchWarning

if TYPE_CHECKING:
    from ._generated.types import UNSET, Unset

__all__ = [
    "API_VERSION",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAurous",
    "AsyncPaginator",
    "AurousDeprecationWarning",
    "AurousError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "DeleteMemory",
    "DeleteResult",
    "EventLoopMismatchError",
    "GoneError",
    "InsufficientCreditsError",
    "InternalServerError",
    "InvalidArgumentError",
    "Limiter",
    "NOT_GIVEN",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "Progress",
    "RateLimit",
    "RateLimiter",
    "RateLimitError",
    "request_id",
    "RequestOptions",
    "UnprocessableEntityError",
    "UNSET",
    "Unset",
    "VersionMismatchWarning",
    "WaitTimeoutError",
    "__version__",
]

# Loaded on first use: the generated types module imports attrs, which `import aurous_async`
# does not pay for.
_LAZY = frozenset({"UNSET", "Unset"})

for _name in __all__:
    _obj = None if _name in _LAZY else globals()[_name]
    if isinstance(_obj, type) and _obj.__module__.startswith("aurous_async."):
        _obj.__module__ = "aurous_async"
del _name, _obj

if not TYPE_CHECKING:
    # Hidden from type checkers, which see the imports above: a misspelled name stays an error.
    def __getattr__(name: str) -> object:
        if name not in _LAZY:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from ._generated import types

        types.Unset.__module__ = __name__
        value = getattr(types, name)
        globals()[name] = value
        return value
