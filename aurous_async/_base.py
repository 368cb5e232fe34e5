"""
`ClientBase`: resolved configuration and `_call`, the one helper every facade method uses.

`_call` validates per-call options, pins the version, adds the automatic ``Idempotency-Key``
for operations whose spec declares one, hands the per-call options to the transport, sends the
request the generated module builds, parses the answer with the generated parser, and turns a
malformed success body into `APIResponseValidationError`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import timedelta
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import httpx

from ._arguments import to_timeout
from ._call import CURRENT_CALL, CallState
from ._constants import HEADER_IDEMPOTENCY_KEY, HEADER_VERSION
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    AurousError,
    ClientClosedError,
    EventLoopMismatchError,
)
from ._redact import redact_cause, redact_response_in_place
from ._response import RECORDER, record_request_id
from ._shared import GeneratedClient, Shared
from ._streams import TimedStream
from ._transport import AurousTransport, map_stream_error
from ._types import RequestOptions
from ._validation import (
    InvalidArgumentError,
    check_api_version,
    check_extra_body,
    check_extra_headers,
    check_extra_query,
    check_idempotency_key,
    check_max_retries,
)
from ._waiters import poll, wanted

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Collection


T = TypeVar("T")
S = TypeVar("S", bound="_HasStatus")


class _HasStatus(Protocol):
    @property
    def status(self) -> object: ...


_ACCEPTS_KEY: dict[str, bool] = {}


def _accepts_idempotency_key(op: ModuleType) -> bool:
    accepts = _ACCEPTS_KEY.get(op.__name__)
    if accepts is None:
        code = op.asyncio_detailed.__code__
        accepts = _ACCEPTS_KEY[op.__name__] = "idempotency_key" in code.co_varnames
    return accepts


class ClientBase:
    """
    Configuration and the request helper shared by every resource mixin.
    """

    _shared: Shared
    _api_version: str | None
    _timeout: httpx.Timeout
    _max_retries: int
    # The headers every request starts from (httpx's, the User-Agent, default_headers, the
    # version pin) and the lower-cased names of those the caller chose, which are for the
    # API only (a redirect to another origin drops them).
    _headers: httpx.Headers
    _caller_headers: frozenset[str] = frozenset()

    @property
    def api_version(self) -> str | None:
        """The ``Aurous-Version`` sent by default (``None``: no header)."""
        return self._api_version

    @property
    def timeout(self) -> httpx.Timeout:
        """The default timeout of each request."""
        return self._timeout

    @property
    def max_retries(self) -> int:
        """How many times a failed request is retried by default."""
        return self._max_retries

    def _check_usable(self) -> None:
        shared = self._shared
        if shared.closed:
            raise ClientClosedError("this AsyncAurous client is closed; create a new one")
        # Imported here: asyncio is only needed once a call runs, not to import the SDK.
        from asyncio import get_running_loop

        loop = get_running_loop()
        if shared.loop is None:
            shared.loop = loop
        elif shared.loop is not loop:
            raise EventLoopMismatchError(
                "this AsyncAurous client is bound to the event loop it was first used on; "
                "create one client per event loop"
            )

    def _call_state(self, options: RequestOptions) -> CallState:
        """
        Check the per-call options and turn them into the state the transport reads.

        Every value is checked here, before anything is sent: ``timeout``,
        ``max_retries``, ``extra_headers`` (names, values, headers the SDK owns) and
        ``idempotency_key``; a bad one raises `InvalidArgumentError` naming it.
        """
        extra = check_extra_headers(options.get("extra_headers"))
        max_retries = self._max_retries
        if "max_retries" in options:
            max_retries = check_max_retries(options["max_retries"])
        key = options.get("idempotency_key")
        if key is not None:
            check_idempotency_key(key)
        state = CallState(
            timeout=to_timeout(options["timeout"]) if "timeout" in options else self._timeout,
            max_retries=max_retries,
            extra_headers=extra,
        )
        state.caller_headers = self._caller_headers
        if "extra_query" in options:
            state.extra_query = check_extra_query(options["extra_query"])
        if "extra_body" in options:
            state.extra_body = check_extra_body(options["extra_body"])
        return state

    def _version(self, options: RequestOptions) -> str | None:
        if "api_version" not in options:
            return self._api_version
        version = options["api_version"]
        return None if version is None else check_api_version(version)

    def _prepare(
        self,
        op: ModuleType,
        options: RequestOptions,
        state: CallState | None,
        params: dict[str, Any],
    ) -> CallState:
        """
        Check the client and options, fill the version and idempotency key into *params*.
        """
        self._check_usable()
        # None means "not given" in the facade; the generated functions default to UNSET.
        for name in [name for name, value in params.items() if value is None]:
            del params[name]
        version = self._version(options)
        state = state or self._call_state(options)
        if version != self._api_version:
            if version is None:
                state.drop_version = True
            else:
                params["aurous_version"] = version
        key = _caller_key(op, options, state)
        if _accepts_idempotency_key(op):
            # Generated once per call, so every retry of this call carries the same key.
            params["idempotency_key"] = key or _new_key()
            state.replay_safe = True
        return state

    def _request(
        self, op: ModuleType, args: tuple[Any, ...], params: dict[str, Any], state: CallState
    ) -> httpx.Request:
        """
        Build the generated request; decide from its method whether a replay is safe.
        """
        kwargs = op._get_kwargs(*args, **params)
        method = kwargs.pop("method").upper()
        if state.replay_safe is None:
            # GET and DELETE are safe to send twice; a POST only when its operation takes an
            # Idempotency-Key (decided in _prepare), never because a header happens to be set.
            state.replay_safe = method in _SAFE_METHODS
        if state.extra_body is not None:
            kwargs["json"] = _with_extra_body(op, kwargs.get("json"), state.extra_body)
        return self._build(
            method,
            kwargs.pop("url"),
            kwargs.pop("params", None),
            kwargs.pop("headers", None),
            kwargs,
            state,
            argument="id",
        )

    def _build(
        self,
        method: str,
        route: str,
        query: dict[str, Any] | None,
        extra: Mapping[str, str] | None,
        kwargs: dict[str, Any],
        state: CallState,
        *,
        argument: str,
    ) -> httpx.Request:
        """
        The request for *route* on the base URL: the client's headers, then *extra* and
        the call's, the caller's http_client's query and the call's ``extra_query`` under the
        named parameters in *query*, and the cookie jar's cookies.
        """
        shared = self._shared
        http = shared.http
        params: Any = query or None
        if shared.params is not None or state.extra_query is not None:
            params = _merged_query(shared.params, state.extra_query, query or {})
        try:
            # What AsyncClient.build_request does, in one URL parse and one header copy: the
            # route is relative to the base URL, the default headers are the client's.
            request = httpx.Request(
                method,
                shared.base + "/" + route.lstrip("/"),
                params=params,
                headers=self._headers,
                **kwargs,
            )
        except httpx.InvalidURL as exc:
            raise InvalidArgumentError(
                argument, f"too long or malformed for a URL ({exc}); nothing was sent"
            ) from None
        headers = request.headers
        if extra:
            for name, value in extra.items():
                headers[name] = value
        if state.drop_version:
            del headers[HEADER_VERSION]
        if http.cookies:
            http.cookies.set_cookie_header(request)
        return request

    async def _send(self, request: httpx.Request, state: CallState) -> httpx.Response:
        """
        Send *request* with *state* visible to the transport; map what httpx raises itself.
        """
        token = CURRENT_CALL.set(state)
        try:
            return await self._dispatch(request, state)
        except httpx.HTTPError as exc:
            # What the transport does not see: a redirect loop, a decoding failure, ...
            raise _client_error(exc, self._shared.transport) from exc
        except RuntimeError as exc:
            if self._shared.transport.closed or self._shared.closed:
                raise ClientClosedError("this AsyncAurous client is closed") from exc
            raise
        finally:
            CURRENT_CALL.reset(token)

    async def _dispatch(self, request: httpx.Request, state: CallState) -> httpx.Response:
        """
        What ``AsyncClient.send`` does for the SDK's own client (no auth, no hooks, one
        transport), without its layers: send through `AurousTransport`, follow redirects
        (the transport strips the key off another origin), keep cookies, and time it.
        """
        shared = self._shared
        http = shared.http
        transport = shared.transport
        history: list[httpx.Response] = []
        while True:
            if len(history) > http.max_redirects:
                raise httpx.TooManyRedirects("Exceeded maximum allowed redirects.", request=request)
            started = time.perf_counter()
            response = await transport.handle_async_request(request)
            response.request = request
            if response.is_closed:
                # Read whole by the transport: nothing left to time but the call itself.
                response.elapsed = timedelta(seconds=time.perf_counter() - started)
            else:
                response.stream = TimedStream(response.stream, response, started)  # type: ignore[arg-type]
            if _sets_cookies(response):
                http.cookies.extract_cookies(response)
            if _httpx_logger.isEnabledFor(20):
                _httpx_logger.info(
                    'HTTP Request: %s %s "%s %d %s"',
                    request.method,
                    request.url,
                    response.http_version,
                    response.status_code,
                    response.reason_phrase,
                )
            try:
                response.history = list(history)
                if not response.has_redirect_location:
                    if not state.stream:
                        await response.aread()
                    return response
                request = http._build_redirect_request(request, response)
                history = [*history, response]
                await response.aread()
            except BaseException:
                await response.aclose()
                raise

    async def _call(
        self,
        op: ModuleType,
        expect: type[T],
        *args: Any,
        options: RequestOptions,
        state: CallState | None = None,
        **params: Any,
    ) -> T:
        """
        Send one operation through the generated module *op* and return its parsed result.
        """
        state = self._prepare(op, options, state, params)
        # The generated module's own request builder and parser; its asyncio_detailed
        # wrapper adds only an HTTPStatus and a Response object per call.
        response = await self._send(self._request(op, args, params, state), state)
        try:
            parsed = op._parse_response(client=self._shared.generated, response=response)
            if parsed is None and 200 <= response.status_code < 300:
                parsed = _parse_as_documented(op, self._shared.generated, response)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _validation_error(response, exc) from exc
        recorder = RECORDER.get()
        if recorder is not None:
            recorder.append(state)
        if not isinstance(parsed, expect):
            raise _validation_error(
                response,
                f"expected {getattr(expect, '__name__', expect)}, got {type(parsed).__name__}",
            )
        record_request_id(parsed, state.request_id)
        return parsed

    async def _wait_until(
        self,
        fetch: Callable[[], Awaitable[S]],
        *,
        status: str | Collection[str] | None,
        settled: Collection[str],
        poll_interval: float,
        max_wait: float,
        what: str,
    ) -> S:
        """
        Poll *fetch* until its status is *status* (default: any of *settled*).
        """
        return await poll(
            fetch,
            lambda current: str(current.status),
            wanted(status, settled),
            interval=poll_interval,
            timeout=max_wait,
            what=what,
            # The transport's sleep and clock, so a test double (the fake's clock) drives
            # waiters too, and closing the client ends the wait.
            sleep=self._shared.transport.sleep,
            clock=self._shared.transport.clock,
        )

    @asynccontextmanager
    async def _stream(
        self, op: ModuleType, *args: Any, options: RequestOptions, **params: Any
    ) -> AsyncIterator[httpx.Response]:
        """
        Send *op* like `_call` but yield the response with its body unread, for streaming.
        """
        state = self._prepare(op, options, None, params)
        state.stream = True
        transport = self._shared.transport
        response = await self._send(self._request(op, args, params, state), state)
        recorder = RECORDER.get()
        if recorder is not None:
            recorder.append(state)
        redact_response_in_place(response, transport._api_key)
        try:
            yield response
        except httpx.HTTPError as exc:
            # A body cut short, stalled or undecodable while the caller reads it.
            raise map_stream_error(exc, transport) from exc
        finally:
            await response.aclose()


_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_httpx_logger = logging.getLogger("httpx")


def _merged_query(
    client: httpx.QueryParams | None, extra: Mapping[str, Any] | None, named: Mapping[str, Any]
) -> httpx.QueryParams:
    """
    The http_client's query, then ``extra_query``, then the parameters the caller named; a
    name in both of the last two is refused (a named parameter is never replaced).
    """
    params = client if client is not None else httpx.QueryParams()
    if extra:
        clash = sorted(set(extra) & set(named))
        if clash:
            raise InvalidArgumentError(
                f"extra_query[{clash[0]!r}]",
                "is a parameter this call already sets by name; pass it by name only",
            )
        params = params.merge(extra)
    return params.merge(named) if named else params


def _with_extra_body(op: ModuleType, sent: object, extra: Mapping[str, Any]) -> dict[str, Any]:
    """
    The JSON body *op* sends with ``extra_body``'s fields added; a field the call already
    sends is refused, as is ``extra_body`` on an operation without a JSON object body.
    """
    operation = op.__name__.rsplit(".", 1)[-1]
    if not isinstance(sent, dict):
        raise InvalidArgumentError(
            "extra_body", f"{operation}() sends no JSON body to add fields to"
        )
    clash = sorted(set(extra) & set(sent))
    if clash:
        raise InvalidArgumentError(
            f"extra_body[{clash[0]!r}]",
            f"{operation}() already sends this field; pass it by name only",
        )
    return {**sent, **extra}


def _sets_cookies(response: httpx.Response) -> bool:
    return any(name.lower() == b"set-cookie" for name, _ in response.headers.raw)


def take_caller_key(
    options: RequestOptions, state: CallState, *headers: dict[str, str]
) -> str | None:
    """
    The caller's own Idempotency-Key, from ``idempotency_key=``, ``extra_headers`` or any of
    *headers* (taken out of the mappings, so it is sent once); given twice, refused.
    """
    found: list[str] = []
    if options.get("idempotency_key") is not None:
        found.append(options["idempotency_key"])
    wanted = HEADER_IDEMPOTENCY_KEY.lower()
    extra = state.extra_headers
    if extra and any(name.lower() == wanted for name in extra):
        found += [value for name, value in extra.items() if name.lower() == wanted]
        state.extra_headers = {k: v for k, v in extra.items() if k.lower() != wanted}
    for mapping in headers:
        for name in [name for name in mapping if name.lower() == wanted]:
            found.append(mapping.pop(name))
    if len(found) > 1:
        raise InvalidArgumentError("idempotency_key", "Idempotency-Key given more than once")
    return found[0] if found else None


def _caller_key(op: ModuleType, options: RequestOptions, state: CallState) -> str | None:
    """
    The caller's checked Idempotency-Key, refused on an operation whose spec does not
    declare the header.
    """
    key = take_caller_key(options, state)
    if key is None:
        return None
    operation = op.__name__.rsplit(".", 1)[-1]
    if not _accepts_idempotency_key(op):
        # Sending the header would not make a replay safe: the server ignores it here, so a
        # retry could execute the call twice.
        raise InvalidArgumentError(
            "idempotency_key",
            f"{operation}() does not support an Idempotency-Key (the API ignores it there)",
        )
    return check_idempotency_key(key)


def _parse_as_documented(op: ModuleType, client: GeneratedClient, response: httpx.Response) -> Any:
    """
    Parse a 2xx the spec does not list for *op* (200 for a documented 201, a 202) as the
    documented success, when its body fits.
    """
    actual = response.status_code
    try:
        for documented in (200, 201, 202, 204, 206):
            if documented == actual:
                continue
            response.status_code = documented
            parsed = op._parse_response(client=client, response=response)
            if parsed is not None:
                return parsed
        return None
    finally:
        response.status_code = actual


def _client_error(exc: httpx.HTTPError, transport: AurousTransport) -> AurousError:
    redact_cause(exc, transport._api_key)
    if transport.closed:
        return ClientClosedError("this AsyncAurous client was closed while the call was running")
    if isinstance(exc, httpx.TooManyRedirects):
        return APIConnectionError(f"too many redirects: {exc}")
    return map_stream_error(exc, transport)


def _new_key() -> str:
    from uuid import uuid4

    return str(uuid4())


def _validation_error(response: httpx.Response, cause: object) -> APIResponseValidationError:
    try:
        text = response.text
    except (httpx.ResponseNotRead, UnicodeDecodeError, LookupError):
        text = ""
    return APIResponseValidationError(
        f"{response.request.method} {response.request.url.path} answered "
        f"{response.status_code} with a body that does not match the spec: {cause}",
        response=response,
        body=text,
    )
