"""
Asynchronous Python SDK for the Aurous Labs API.
"""

from __future__ import annotations

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
from ._ratelimit import Limiter, RateLimiter
from ._response import APIResponse
from ._transport import AurousDeprecationWarning, VersionMismatchWarning
from ._types import NOT_GIVEN, NotGiven, RequestOptions
from ._validation import InvalidArgumentError
from ._version import __version__
from ._waiters import WaitTimeoutError

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
    "RateLimiter",
    "RateLimitError",
    "RequestOptions",
    "UnprocessableEntityError",
    "VersionMismatchWarning",
    "WaitTimeoutError",
    "__version__",
]

for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and _obj.__module__.startswith("aurous_async."):
        _obj.__module__ = "aurous_async"
del _name, _obj
