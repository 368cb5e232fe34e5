"""
Raw calls for routes the SDK has no method for yet: ``get``, ``post``, ``patch``, ``delete``.

They go through the same path as every method: the key (same origin only), the version pin,
the client's headers, retries, the rate limiter, the concurrency gate, typed errors and close.
The answer is parsed into ``cast_to``: a generated model (anything with ``from_dict``),
``dict``, ``list``, ``bytes`` (the raw body) or ``None`` (the body is ignored).

Retries: a GET or DELETE is retried like any read or delete. A POST or PATCH is retried
after it may have reached the server only when the caller passes ``idempotency_key``: the
SDK cannot know that an unknown route honours ``Idempotency-Key``, so it treats the caller's
key as the caller's word that a replay is safe. Without one, only a failure that certainly
sent nothing (a refused connection) is retried. A raw DELETE's 404 raises `NotFoundError`:
the delete memory of the ``delete_*`` methods is theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, Unpack, overload

import httpx

from ._arguments import plain
from ._base import ClientBase, _validation_error, take_caller_key
from ._call import CallState
from ._constants import HEADER_IDEMPOTENCY_KEY, HEADER_VERSION
from ._response import RECORDER, record_request_id
from ._types import RequestOptions
from ._validation import (
    InvalidArgumentError,
    check_extra_query,
    check_headers,
    check_idempotency_key,
    checks_keywords,
    type_name,
)

M = TypeVar("M")

_PLAIN = (dict, list, bytes)


@checks_keywords
class RequestsMixin(ClientBase):
    @overload
    async def get(
        self,
        path: str,
        *,
        cast_to: type[M],
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M: ...

    @overload
    async def get(
        self,
        path: str,
        *,
        cast_to: None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> None: ...

    async def get(
        self,
        path: str,
        *,
        cast_to: type[M] | None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M | None:
        """
        Send ``GET path`` (a ``/v1/...`` route on the base URL) and parse it as ``cast_to``.
        """
        return await self._raw("GET", path, cast_to, params, headers, None, options)

    @overload
    async def post(
        self,
        path: str,
        *,
        cast_to: type[M],
        body: object = None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M: ...

    @overload
    async def post(
        self,
        path: str,
        *,
        cast_to: None,
        body: object = None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> None: ...

    async def post(
        self,
        path: str,
        *,
        cast_to: type[M] | None,
        body: object = None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M | None:
        """
        Send ``POST path`` with *body* as JSON; retried once sent only with ``idempotency_key``.
        """
        return await self._raw("POST", path, cast_to, params, headers, body, options)

    @overload
    async def patch(
        self,
        path: str,
        *,
        cast_to: type[M],
        body: object = None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M: ...

    @overload
    async def patch(
        self,
        path: str,
        *,
        cast_to: None,
        body: object = None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> None: ...

    async def patch(
        self,
        path: str,
        *,
        cast_to: type[M] | None,
        body: object = None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M | None:
        """
        Send ``PATCH path`` with *body* as JSON; retried once sent only with ``idempotency_key``.
        """
        return await self._raw("PATCH", path, cast_to, params, headers, body, options)

    @overload
    async def delete(
        self,
        path: str,
        *,
        cast_to: type[M],
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M: ...

    @overload
    async def delete(
        self,
        path: str,
        *,
        cast_to: None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> None: ...

    async def delete(
        self,
        path: str,
        *,
        cast_to: type[M] | None,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> M | None:
        """
        Send ``DELETE path``; a 404 raises `NotFoundError` (no delete memory here).
        """
        return await self._raw("DELETE", path, cast_to, params, headers, None, options)

    async def _raw(
        self,
        method: str,
        path: str,
        cast_to: type[M] | None,
        params: Mapping[str, object] | None,
        headers: Mapping[str, str] | None,
        body: object,
        options: RequestOptions,
    ) -> M | None:
        """
        Check everything, send *method* *path* through the transport, parse as *cast_to*.
        """
        self._check_usable()
        route = _check_path(path)
        _check_cast_to(cast_to)
        query = dict(check_extra_query(params, "params") or {}) if params is not None else None
        own = check_headers(headers, "headers")
        version = self._version(options)
        state = self._call_state(options)
        extra: dict[str, str] = {}
        if own:
            taken = {name.lower() for name in state.extra_headers or {}}
            for name, value in own.items():
                if name.lower() in taken:
                    raise InvalidArgumentError(
                        f"headers[{name!r}]", "is also in extra_headers; pass it once"
                    )
                extra[name] = value
            # Like extra_headers, they are for the API only: a redirect to another origin
            # must not carry them (httpx copies every header onto it).
            state.caller_headers = state.caller_headers | {name.lower() for name in extra}
        key = _caller_key(method, options, state, extra)
        if version != self._api_version:
            if version is None:
                state.drop_version = True
            else:
                extra[HEADER_VERSION] = version
        if key is not None:
            extra[HEADER_IDEMPOTENCY_KEY] = key
        # A read or a delete is safe to send twice; a POST or PATCH on a route the SDK does
        # not know only when the caller vouches for it with an Idempotency-Key.
        state.replay_safe = method in ("GET", "DELETE") or key is not None
        kwargs: dict[str, Any] = {}
        json_body = _json_body(method, body, state.extra_body)
        if json_body is not None:
            kwargs["json"] = json_body
        request = self._build(method, route, query, extra, kwargs, state, argument="path")
        response = await self._send(request, state)
        recorder = RECORDER.get()
        if recorder is not None:
            recorder.append(state)
        parsed = _parse(response, cast_to)
        record_request_id(parsed, state.request_id)
        return parsed


def _check_path(path: object) -> str:
    """A ``/v1/...`` route relative to the base URL, else `InvalidArgumentError`."""
    if not isinstance(path, str):
        raise InvalidArgumentError("path", f"must be a str, got {type_name(path)}")
    if "://" in path or path.startswith("//"):
        raise InvalidArgumentError(
            "path",
            "must be a route on the base URL like /v1/characters, not an absolute URL (the "
            "API key is only sent to the base URL's origin)",
        )
    if not path.startswith("/v1/"):
        raise InvalidArgumentError("path", "must start with /v1/ (a route on the base URL)")
    if "?" in path or "#" in path:
        raise InvalidArgumentError("path", "must not contain a query or fragment; use params=")
    segments = path.split("/")
    if any(segment in (".", "..") for segment in segments):
        # httpx would normalise them away, reaching a route outside /v1/.
        raise InvalidArgumentError("path", "must not contain '.' or '..' segments")
    if any(not 0x21 <= ord(char) <= 0x7E for char in path):
        raise InvalidArgumentError(
            "path", "must be printable ASCII without spaces (percent-encode anything else)"
        )
    return path


def _check_cast_to(cast_to: object) -> None:
    if cast_to is None or cast_to in _PLAIN:
        return
    if isinstance(cast_to, type) and callable(getattr(cast_to, "from_dict", None)):
        return
    raise InvalidArgumentError(
        "cast_to",
        f"must be a model class (with from_dict), dict, list, bytes or None, got {cast_to!r}",
    )


def _caller_key(
    method: str, options: RequestOptions, state: CallState, headers: dict[str, str]
) -> str | None:
    """The caller's checked Idempotency-Key; only a POST or PATCH takes one."""
    key = take_caller_key(options, state, headers)
    if key is None:
        return None
    if method not in ("POST", "PATCH"):
        raise InvalidArgumentError(
            "idempotency_key",
            f"a {method} is replay-safe already; an Idempotency-Key is for POST and PATCH",
        )
    return check_idempotency_key(key)


def _json_body(method: str, body: object, extra: Mapping[str, object] | None) -> object:
    if method in ("GET", "DELETE"):
        if extra is not None:
            raise InvalidArgumentError("extra_body", f"a {method} sends no body")
        return None
    if body is not None:
        body = plain(body)
        import json

        try:
            json.dumps(body, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise InvalidArgumentError("body", f"cannot be sent as JSON: {exc}") from None
    if extra is None:
        return body
    if body is None:
        return dict(extra)
    if not isinstance(body, dict):
        raise InvalidArgumentError("extra_body", "needs a JSON object body to add fields to")
    clash = sorted(set(extra) & set(body))
    if clash:
        raise InvalidArgumentError(
            f"extra_body[{clash[0]!r}]", "is already in body; pass it in one place"
        )
    return {**body, **extra}


def _parse(response: httpx.Response, cast_to: type[M] | None) -> M | None:
    if cast_to is None:
        return None
    if cast_to is bytes:
        return response.content  # type: ignore[return-value]
    try:
        data = response.json()
    except ValueError as exc:
        raise _validation_error(response, f"the body is not JSON ({exc})") from exc
    if cast_to is dict or cast_to is list:
        if not isinstance(data, cast_to):
            raise _validation_error(
                response, f"expected a JSON {cast_to.__name__}, got {type(data).__name__}"
            )
        return data
    try:
        return cast_to.from_dict(data)  # type: ignore[attr-defined, no-any-return]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _validation_error(response, exc) from exc
