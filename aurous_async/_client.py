"""
`AsyncAurous`: construction, lifecycle and ``with_options``; the methods come from mixins.
"""

from __future__ import annotations

import os
import ssl
import sys
from collections.abc import Callable

import httpx

from ._base import Shared, to_timeout
from ._bulk import BulkMixin
from ._constants import (
    API_VERSION,
    DEFAULT_BASE_URL,
    DEFAULT_CONNECTION_LIMITS,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_RETRY_WAIT,
    DEFAULT_TIMEOUT,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_HTTP_BACKEND,
    ENV_VERSION,
    HEADER_VERSION,
)
from ._delete import DeleteMemory, DeleteTracker
from ._exceptions import AurousError
from ._logging import logger, setup_from_env
from ._ratelimit import Limiter, RateLimiter
from ._raw import AsyncAurousWithRawResponse
from ._resources.account import AccountMixin
from ._resources.characters import CharactersMixin
from ._resources.files import FilesMixin
from ._resources.images import ImagesMixin
from ._resources.loras import LorasMixin
from ._resources.videos import VideosMixin
from ._resources.webhook_endpoints import WebhookEndpointsMixin
from ._transport import AurousTransport, ClientTransport
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes
from ._validation import (
    InvalidArgumentError,
    check_api_key,
    check_api_version,
    check_max_retries,
    check_seconds,
    type_name,
)
from ._version import __version__


class AsyncAurous(
    CharactersMixin,
    ImagesMixin,
    VideosMixin,
    FilesMixin,
    LorasMixin,
    AccountMixin,
    WebhookEndpointsMixin,
    BulkMixin,
):
    """
    Asynchronous client for the Aurous Labs API.

    Usage::

        async with AsyncAurous() as client:          # key from AUROUS_API_KEY
            result = await client.delete_character("char_01HXMQ7Z3K8Y2NABCDEFGHJKMR")

    **Parameters** (all keyword-only):

    - ``api_key``: defaults to ``AUROUS_API_KEY``; missing → `AurousError`.
    - ``base_url``: defaults to ``AUROUS_BASE_URL``, else ``https://api.aurous-labs.com``.
      Plain ``http://`` is refused unless the host is loopback or ``allow_insecure_http=True``.
    - ``api_version``: the ``Aurous-Version`` pin; defaults to ``AUROUS_VERSION`` if set,
      else `aurous_async.API_VERSION`. ``None`` sends no header (the team's pin applies).
    - ``timeout``: seconds or an ``httpx.Timeout``; default 60 s, connect 5 s.
    - ``max_retries``: retries after the first attempt (default 2); see `aurous_async._retry`.
    - ``max_retry_wait``: the longest server-directed wait that is slept (default 60 s);
      a longer ``Retry-After`` raises `RateLimitError` at once.
    - ``rate_limit``: ``True`` (or a `RateLimiter`) paces requests client-side per bucket;
      any object with the `Limiter` protocol (``acquire`` / ``refund``) works too, such as
      `aurous_async.redis.RedisRateLimiter`, one budget for every process using the key.
    - ``delete_memory``: a `DeleteMemory` shared beyond this client (for example
      `aurous_async.redis.RedisDeleteMemory`), so that a 404 after another worker's delete
      is "already gone"; the client's own bounded memory is always kept as well.
    - ``connection_limits``: an ``httpx.Limits`` for the pool (default 1000 / 100 keep-alive).
    - ``max_concurrency``: requests in flight at once (default: the keep-alive count, 100);
      more wait their turn in order, which keeps httpx's pool fast under thousands of calls.
    - ``http_client``: your own ``httpx.AsyncClient`` (proxies, transport, limits); the SDK
      sends through it and never closes it.
    - ``http_backend``: ``"httpx"`` (default) or ``"aiohttp"`` (needs
      ``pip install "aurous-async[aiohttp]"``; much faster with many calls in flight);
      defaults to ``AUROUS_HTTP_BACKEND``. Not together with ``http_client``.
    - ``trust_env``: honour proxy and certificate settings from the environment (default
      ``True``), on either backend.

    **Per-call options**, accepted by every method as keyword arguments (see
    `RequestOptions`): ``api_version``, ``timeout``, ``max_retries``, ``idempotency_key``,
    ``extra_headers``. They never change the client.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        api_version: str | None | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT,
        rate_limit: bool | Limiter = False,
        connection_limits: httpx.Limits | None = None,
        max_concurrency: int | None = None,
        http_client: httpx.AsyncClient | None = None,
        allow_insecure_http: bool = False,
        delete_memory: DeleteMemory | None = None,
        http_backend: str | None = None,
        trust_env: bool = True,
    ) -> None:
        setup_from_env()
        if http_client is not None and http_backend is not None:
            raise TypeError(
                "pass either http_client= or http_backend=, not both (the client you pass "
                "already is the backend)"
            )
        if api_key is None:
            api_key = os.environ.get(ENV_API_KEY) or None
        if api_key is None:
            raise AurousError(
                "no API key: pass AsyncAurous(api_key=...) or set the AUROUS_API_KEY "
                "environment variable"
            )
        self._api_key = check_api_key(api_key)
        if not api_key.startswith(("al_live_", "og_")):
            logger.warning("the API key does not start with al_live_ or og_; sending it anyway")

        url = _check_base_url(
            base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL, allow_insecure_http
        )
        self._base_url = url

        if isinstance(api_version, NotGiven):
            api_version = os.environ.get(ENV_VERSION) or API_VERSION
        self._api_version = None if api_version is None else check_api_version(api_version)

        if isinstance(timeout, NotGiven):
            timeout = http_client.timeout if http_client is not None else DEFAULT_TIMEOUT
        self._timeout = to_timeout(timeout)
        self._max_retries = check_max_retries(max_retries)
        max_retry_wait = check_seconds(max_retry_wait, "max_retry_wait")

        limits = connection_limits or DEFAULT_CONNECTION_LIMITS
        if max_concurrency is None:
            max_concurrency = limits.max_keepalive_connections or DEFAULT_MAX_CONCURRENCY
        if (
            not isinstance(max_concurrency, int)
            or isinstance(max_concurrency, bool)
            or max_concurrency < 1
        ):
            raise InvalidArgumentError(
                "max_concurrency", f"must be a positive int, got {max_concurrency!r}"
            )
        inner = _inner_transport(http_client, http_backend, limits, trust_env)
        limiter = _limiter(rate_limit)
        memory = _delete_memory(delete_memory, self._api_key, url)
        transport = AurousTransport(
            inner,
            api_key=self._api_key,
            base_url=url,
            limiter=limiter,
            max_retry_wait=max_retry_wait,
            owns_inner=http_client is None,
            max_concurrency=max_concurrency,
        )
        http = httpx.AsyncClient(
            base_url=url,
            transport=transport,
            timeout=self._timeout,
            follow_redirects=True,
            headers=_default_headers(self._api_version),
            trust_env=trust_env,
        )
        self._shared = Shared(http, transport, DeleteTracker(shared=memory))

    @property
    def base_url(self) -> httpx.URL:
        """The API's base URL."""
        return self._base_url

    @property
    def with_raw_response(self) -> AsyncAurousWithRawResponse:
        """
        The same methods, returning an `APIResponse` (parsed result, status, headers,
        ``request_id``, ``idempotent_replayed``) instead of the bare result.
        """
        return AsyncAurousWithRawResponse(self)

    def with_options(
        self,
        *,
        api_version: str | None | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncAurous:
        """
        A client with other defaults that shares this one's connection pool and state.

        Closing the original closes the pool for both; closing the copy does nothing.
        """
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        if not isinstance(api_version, NotGiven):
            copy._api_version = None if api_version is None else check_api_version(api_version)
        if not isinstance(timeout, NotGiven):
            copy._timeout = to_timeout(timeout)
        if not isinstance(max_retries, NotGiven):
            copy._max_retries = check_max_retries(max_retries)
        copy._owner = False
        return copy

    _owner = True

    async def aclose(self) -> None:
        """
        Close the connection pool (not an injected ``http_client``). Idempotent.
        """
        if not self._owner or self._shared.closed:
            return
        self._shared.closed = True
        await self._shared.http.aclose()

    async def close(self) -> None:
        """
        Close the connection pool; the same as `aclose`.
        """
        await self.aclose()

    @property
    def is_closed(self) -> bool:
        """
        True once the client (or the client a ``with_options`` copy came from) is closed.
        """
        return self._shared.closed

    async def __aenter__(self) -> AsyncAurous:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"AsyncAurous(base_url={str(self._base_url)!r}, api_version={self._api_version!r}, "
            "api_key='[redacted]')"
        )


def _limiter(value: object) -> Limiter | None:
    if value is True:
        return RateLimiter()
    if value is False or value is None:
        return None
    if not all(callable(getattr(value, name, None)) for name in ("acquire", "refund")):
        raise InvalidArgumentError(
            "rate_limit",
            f"must be a bool or an object with acquire() and refund() (a Limiter), got "
            f"{type_name(value)}",
        )
    return value  # type: ignore[return-value]


def _delete_memory(value: object, api_key: str, base_url: httpx.URL) -> DeleteMemory | None:
    if value is None:
        return None
    names = ("begin", "end", "remember", "remember_possibly", "is_gone", "was_deleted")
    if not all(callable(getattr(value, name, None)) for name in names):
        raise InvalidArgumentError(
            "delete_memory",
            f"must be None or a DeleteMemory (with {', '.join(names)}), got {type_name(value)}",
        )
    bind = getattr(value, "bind", None)
    return bind(api_key, base_url) if callable(bind) else value  # type: ignore[return-value]


HTTP_BACKENDS = ("httpx", "aiohttp")


def _inner_transport(
    http_client: httpx.AsyncClient | None,
    http_backend: str | None,
    limits: httpx.Limits,
    trust_env: bool,
) -> httpx.AsyncBaseTransport | Callable[[], httpx.AsyncBaseTransport]:
    """
    The transport that does the I/O under `AurousTransport`: the caller's client, httpx's
    pool, or the aiohttp backend (`_aiohttp.py`), chosen by argument, else by
    ``AUROUS_HTTP_BACKEND``. A factory defers building the pool until the first request.
    """
    if http_client is not None:
        return ClientTransport(http_client)
    backend = http_backend
    name = "http_backend"
    if backend is None:
        backend = os.environ.get(ENV_HTTP_BACKEND) or "httpx"
        name = ENV_HTTP_BACKEND
    if not isinstance(backend, str) or backend.strip().lower() not in HTTP_BACKENDS:
        raise InvalidArgumentError(
            name, f"must be one of {', '.join(HTTP_BACKENDS)}, got {backend!r}"
        )
    if backend.strip().lower() == "aiohttp":
        try:
            from ._aiohttp import AiohttpTransport
        except ImportError as exc:
            raise AurousError(
                "http_backend='aiohttp' needs the optional extra: "
                'pip install "aurous-async[aiohttp]"'
            ) from exc
        return lambda: AiohttpTransport(
            limits=limits, ssl_context=_ssl_context(), trust_env=trust_env
        )
    return lambda: _pool_transport(limits)


def _pool_transport(limits: httpx.Limits) -> httpx.AsyncBaseTransport:
    # Imported on first request: the pool module imports httpcore.
    from ._pool import pool_transport

    return pool_transport(limits, _ssl_context())


def _check_base_url(value: object, allow_insecure_http: bool) -> httpx.URL:
    # Messages never echo the URL: a rejected one may carry a password.
    if not isinstance(value, str | httpx.URL):
        raise InvalidArgumentError(
            "base_url", f"must be a str or httpx.URL, got {type_name(value)}"
        )
    try:
        url = httpx.URL(str(value))
    except httpx.InvalidURL:
        raise InvalidArgumentError("base_url", "is not a valid URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidArgumentError(
            "base_url", "must be an http(s) URL with a host, like https://api.aurous-labs.com"
        )
    if url.userinfo:
        raise InvalidArgumentError(
            "base_url",
            "must not contain a user name or password (they would be sent as Basic auth); "
            "the API key is passed as api_key",
        )
    if url.query or url.fragment or str(value).rstrip().endswith(("?", "#")):
        raise InvalidArgumentError("base_url", "must not contain a query or a fragment")
    path = url.path.rstrip("/")
    if path.endswith("/v1"):
        without = url.copy_with(path=path[: -len("/v1")] or "/")
        raise InvalidArgumentError(
            "base_url",
            f"must not end in /v1 (every route already starts with /v1); pass "
            f"{str(without).rstrip('/')!r} instead",
        )
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise InvalidArgumentError(
            "base_url",
            "plain http:// would send the API key unencrypted; use https://, a loopback "
            "host, or pass allow_insecure_http=True",
        )
    return url


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_SSL_CONTEXT: ssl.SSLContext | None = None


def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle costs tens of milliseconds; every client can share one context.
    global _SSL_CONTEXT
    if _SSL_CONTEXT is None:
        _SSL_CONTEXT = httpx.create_ssl_context()
    return _SSL_CONTEXT


def _default_headers(api_version: str | None) -> dict[str, str]:
    # Set once on the client: a per-call header dict would be merged into a new headers
    # object on every request. A call pinning another version overrides it for itself.
    headers = {"User-Agent": _user_agent()}
    if api_version is not None:
        headers[HEADER_VERSION] = api_version
    return headers


def _user_agent() -> str:
    return (
        f"aurous-async/{__version__} python/{sys.version_info.major}.{sys.version_info.minor} "
        f"httpx/{httpx.__version__}"
    )
