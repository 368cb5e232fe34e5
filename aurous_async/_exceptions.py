"""
The exception tree. Classes are chosen by HTTP status, never by error code::

    AurousError
    ├── APIStatusError                    any answer with status >= 400
    │   ├── BadRequestError               400
    │   ├── AuthenticationError           401
    │   ├── InsufficientCreditsError      402
    │   ├── PermissionDeniedError         403
    │   ├── NotFoundError                 404
    │   ├── ConflictError                 409
    │   ├── GoneError                     410
    │   ├── UnprocessableEntityError      422
    │   ├── RateLimitError                429
    │   └── InternalServerError           >= 500, including non-standard codes such as 520
    ├── APIConnectionError                transport failure
    │   └── APITimeoutError
    ├── APIResponseValidationError        a 2xx answer that does not match the spec
    └── ClientClosedError / EventLoopMismatchError   misuse of the client

Every exception pickles and copies. None holds a secret: the attached request and response
are redacted copies (see `_redact`), and the message and body lose the API key and any
``whsec_`` webhook secret.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._constants import HEADER_REQUEST_ID
from ._redact import (
    Secrets,
    redact_request,
    redact_response,
    redact_text,
    request_of,
    request_secrets,
    secret_list,
)


def _restore(cls: type[BaseException], args: tuple[Any, ...]) -> BaseException:
    # Rebuilds an exception without calling its __init__ (whose keyword-only arguments
    # pickle cannot pass); the instance __dict__ is then restored by __setstate__.
    error = cls.__new__(cls, *args)
    error.args = args
    return error


class AurousError(Exception):
    """
    Root of every exception this SDK raises on purpose.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own __reduce__ calls cls(*args), which fails for every subclass with
        # keyword-only or extra arguments; this keeps pickle, copy and deepcopy working.
        return (_restore, (type(self), self.args), dict(self.__dict__))


class APIError(AurousError):
    """
    An error tied to one HTTP exchange; carries the request id when one is known.

    *redact* names secrets (the API key) to scrub from the message; ``whsec_`` webhook
    secrets are always scrubbed.
    """

    request_id: str | None

    def __init__(
        self, message: str, *, request_id: str | None = None, redact: Secrets = None
    ) -> None:
        message = redact_text(message, redact)
        super().__init__(message)
        self.message = message
        self.request_id = request_id

    def __str__(self) -> str:
        if self.request_id:
            return f"{self.message} (request_id={self.request_id})"
        return self.message


class APIStatusError(APIError):
    """
    The server answered with a status >= 400.

    Fields come from the error envelope when there is one, and are ``None`` otherwise;
    ``body`` keeps the raw text (for a non-JSON answer such as a proxy's HTML page).
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: str,
        code: str | None = None,
        type: str | None = None,
        param: str | None = None,
        doc_url: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
        redact: Secrets = None,
    ) -> None:
        secrets = _secrets(response, redact)
        super().__init__(message, request_id=request_id, redact=secrets)
        #: A closed copy: its request, and any secret echoed in its body, are redacted.
        self.response = redact_response(response, secrets)
        self.status_code = response.status_code
        self.body = redact_text(body, secrets)
        self.code = _clean(code, secrets)
        self.type = _clean(type, secrets)
        self.param = _clean(param, secrets)
        self.doc_url = _clean(doc_url, secrets)
        #: The server's ``Retry-After`` in seconds, when it sent one with a retryable status.
        self.retry_after = retry_after

    def __str__(self) -> str:
        code = f" {self.code}" if self.code else ""
        return f"{self.status_code}{code}: {super().__str__()}"


class BadRequestError(APIStatusError):
    """400: the request was invalid; ``param`` names the field when known."""


class AuthenticationError(APIStatusError):
    """401: missing, invalid or revoked API key."""


class InsufficientCreditsError(APIStatusError):
    """402: not enough available credits."""


class PermissionDeniedError(APIStatusError):
    """403: the key's scope is too narrow."""


class NotFoundError(APIStatusError):
    """404: unknown id, another team's resource, or a deleted one."""


class ConflictError(APIStatusError):
    """409: typically ``idempotency_key_in_use``."""


class GoneError(APIStatusError):
    """410: the resource (such as a generation output) has expired."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well formed but cannot be served (e.g. no output)."""


class RateLimitError(APIStatusError):
    """
    429, or a server-directed wait longer than the client accepts to sleep.

    ``retry_after`` is the suggested wait in seconds; ``limit``, ``remaining`` and ``reset``
    come from the ``X-RateLimit-*`` or ``RateLimit-*`` headers.
    """

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        headers = self.response.headers
        self.limit = _int_header(headers, "X-RateLimit-Limit", "RateLimit-Limit")
        self.remaining = _int_header(headers, "X-RateLimit-Remaining", "RateLimit-Remaining")
        self.reset = _int_header(headers, "X-RateLimit-Reset", "RateLimit-Reset")


class InternalServerError(APIStatusError):
    """>= 500: a server or upstream failure, including non-standard codes like 520."""


class APIConnectionError(APIError):
    """
    The request failed in transport (connect, read, write, protocol) and got no answer.

    ``request`` is a redacted copy of the request that failed, when one was given.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None = None,
        request_id: str | None = None,
        redact: Secrets = None,
    ) -> None:
        secrets = [*secret_list(redact), *request_secrets(request)]
        super().__init__(message, request_id=request_id, redact=secrets)
        self.request = redact_request(request, secrets) if request is not None else None


class APITimeoutError(APIConnectionError):
    """
    The request timed out (connect, read, write or waiting for a pooled connection).
    """


class APIResponseValidationError(APIError):
    """
    A successful answer did not match the spec (a required field missing, a bad date-time).

    ``body`` and the message have the API key and any ``whsec_`` secret redacted.
    """

    def __init__(
        self, message: str, *, response: httpx.Response, body: str, redact: Secrets = None
    ) -> None:
        secrets = _secrets(response, redact)
        super().__init__(
            message, request_id=response.headers.get(HEADER_REQUEST_ID), redact=secrets
        )
        self.response = redact_response(response, secrets)
        self.status_code = response.status_code
        self.body = redact_text(body, secrets)


class ClientClosedError(AurousError):
    """The client was used after ``aclose()`` or after its ``async with`` block ended."""


class EventLoopMismatchError(AurousError):
    """The client was used from an event loop other than the one it was first used on."""


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    410: GoneError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _secrets(response: httpx.Response, redact: Secrets) -> list[str]:
    return [*secret_list(redact), *request_secrets(request_of(response))]


def _clean(value: str | None, secrets: list[str]) -> str | None:
    return None if value is None else redact_text(value, secrets)


def _int_header(headers: httpx.Headers, *names: str) -> int | None:
    for name in names:
        value = headers.get(name)
        if value is not None:
            try:
                return int(float(value))
            except ValueError:
                return None
    return None


def _content(response: httpx.Response) -> bytes:
    try:
        return response.content
    except httpx.ResponseNotRead:
        # The body got lost in transport; the status alone still decides the exception.
        return b""


def _text(response: httpx.Response) -> str:
    content = _content(response)
    try:
        return content.decode(response.encoding or "utf-8", errors="replace")
    except LookupError:
        return content.decode("utf-8", errors="replace")


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def error_envelope(response: httpx.Response) -> dict[str, Any]:
    """
    Return the ``error`` object of a response body, or ``{}`` when there is none.
    """
    try:
        data = json.loads(_content(response))
    except ValueError:
        return {}
    error = data.get("error") if isinstance(data, dict) else None
    return error if isinstance(error, dict) else {}


def make_status_error(response: httpx.Response, *, redact: Secrets = None) -> APIStatusError:
    """
    Build the typed exception for a response with status >= 400, whatever its body.

    *redact* is a secret (the API key) or several, scrubbed from any text the server echoed
    back; ``whsec_`` secrets and the request's own credentials are scrubbed in any case.
    """
    status = response.status_code
    error = error_envelope(response)
    body = _text(response)
    message = _str_or_none(error.get("message")) or (
        f"HTTP {status} {response.reason_phrase}".rstrip()
    )
    if status >= 500:
        cls: type[APIStatusError] = InternalServerError
    else:
        cls = _STATUS_CLASSES.get(status, APIStatusError)
    return cls(
        message,
        response=response,
        body=body,
        code=_str_or_none(error.get("code")),
        type=_str_or_none(error.get("type")),
        param=_str_or_none(error.get("param")),
        doc_url=_str_or_none(error.get("doc_url")),
        request_id=response.headers.get(HEADER_REQUEST_ID) or _str_or_none(error.get("request_id")),
        redact=redact,
    )
