"""
`AsyncAurous`: construction, lifecycle and ``with_options``; the methods come from mixins.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

import httpx

from ._arguments import to_timeout
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
from ._environment import ProxyRouter, ProxyRoutes, ca_locations, ssl_context
from ._exceptions import AurousError
from ._logging import logger, setup_from_env
from ._ratelimit import Limiter, RateLimiter
from ._raw import AsyncAurousWithRawResponse
from ._requests import RequestsMixin
from ._resources.account import AccountMixin
from ._resources.characters import CharactersMixin
from ._resources.files import FilesMixin
from ._resources.images import ImagesMixin
from ._resources.loras import LorasMixin
from ._resources.videos import VideosMixin
from ._resources.webhook_endpoints import WebhookEndpointsMixin
from ._shared import Shared
from ._transport import AurousTransport, ClientTransport
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes
from ._validation import (
    DEFAULT_ONLY,
    InvalidArgumentError,
    check_api_key,
    check_api_version,
    check_headers,
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
    RequestsMixin,
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
    - ``trust_env``: honour ``HTTP_PROXY`` / ``HTTPS_PROXY`` / ``ALL_PROXY`` / ``NO_PROXY``
      and ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` as httpx does (default ``True``), on either
      backend.
    - ``default_headers``: headers sent on every call to the API (checked like
      ``extra_headers``); an injected ``http_client``'s headers, query parameters and
      cookies are sent too.

    **Per-call options**, accepted by every method as keyword arguments (see
    `RequestOptions`): ``api_version``, ``timeout``, ``max_retries``, ``idempotency_key``,
    ``extra_headers``, ``extra_query``, ``extra_body``. They never change the client.
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
        default_headers: Mapping[str, str] | None = None,
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
        own_headers = check_headers(default_headers, "default_headers", DEFAULT_ONLY)
        inner = _inner_transport(http_client, http_backend, limits, trust_env)
        limiter = _limiter(rate_limit)
        memory = _delete_memory(delete_memory, self._api_key, url)
        self._allow_insecure_http = allow_insecure_http
        self._delete_memory = delete_memory
        self._max_retry_wait = max_retry_wait
        # A limiter this client made itself (rate_limit=True): a copy for another key or
        # origin gets a fresh one; one the caller passed is the caller's to scope.
        self._own_limiter = rate_limit is True
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
            headers={"User-Agent": _user_agent()},
            trust_env=trust_env,
        )
        # httpx's defaults with the SDK's User-Agent; then the caller's headers and the pin.
        self._base_headers = httpx.Headers(http.headers)
        injected = _injected_headers(http_client, self._base_headers)
        self._default_headers: dict[str, str] = {**injected, **(own_headers or {})}
        self._headers = _client_headers(
            self._base_headers, self._api_version, self._default_headers
        )
        http.headers = self._headers
        self._caller_headers = frozenset(name.lower() for name in self._default_headers)
        params = None
        if http_client is not None:
            # The caller's client's cookie jar itself, so that cookies it holds are sent and
            # cookies the API sets land in it, as if the caller had sent the request.
            http._cookies = http_client.cookies
            if http_client.params:
                params = http_client.params
        self._shared = Shared(
            http, transport, DeleteTracker(shared=memory), base_url=url, params=params
        )

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
        api_key: str | NotGiven = NOT_GIVEN,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        api_version: str | None | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        max_retry_wait: float | NotGiven = NOT_GIVEN,
        rate_limit: bool | Limiter | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
    ) -> AsyncAurous:
        """
        A client with other defaults that shares this one's connection pool.

        Each argument means what it means for `AsyncAurous`; ``default_headers`` are merged
        into this client's. The copy shares the delete memory and the rate limiter while
        ``api_key`` and ``base_url`` are unchanged; a copy for another key or origin gets
        its own delete memory (rebound, if you passed ``delete_memory``) and, when this
        client made its limiter (``rate_limit=True``), a fresh one. Closing the original
        closes the pool for every copy; closing a copy does nothing.
        """
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy._owner = False
        # Everything is checked before anything changes.
        if not isinstance(api_key, NotGiven):
            copy._api_key = check_api_key(api_key)
        if not isinstance(base_url, NotGiven):
            copy._base_url = _check_base_url(base_url, self._allow_insecure_http)
        if not isinstance(api_version, NotGiven):
            copy._api_version = None if api_version is None else check_api_version(api_version)
        if not isinstance(timeout, NotGiven):
            copy._timeout = to_timeout(timeout)
        if not isinstance(max_retries, NotGiven):
            copy._max_retries = check_max_retries(max_retries)
        if not isinstance(max_retry_wait, NotGiven):
            copy._max_retry_wait = check_seconds(max_retry_wait, "max_retry_wait")
        limiter: Limiter | None | NotGiven = NOT_GIVEN
        current = self._shared.transport
        if not isinstance(rate_limit, NotGiven):
            limiter = _limiter(rate_limit)
            copy._own_limiter = rate_limit is True
            if rate_limit is True:
                limiter = _clocked_limiter(current)
        if not isinstance(default_headers, NotGiven):
            own = check_headers(default_headers, "default_headers", DEFAULT_ONLY) or {}
            copy._default_headers = {**self._default_headers, **own}
            copy._caller_headers = frozenset(name.lower() for name in copy._default_headers)
        if copy._api_version != self._api_version or copy._default_headers is not (
            self._default_headers
        ):
            copy._headers = _client_headers(
                self._base_headers, copy._api_version, copy._default_headers
            )

        elsewhere = copy._api_key != self._api_key or copy._base_url != self._base_url
        if elsewhere and isinstance(limiter, NotGiven) and self._own_limiter:
            limiter = _clocked_limiter(current)
        if (
            elsewhere
            or not isinstance(limiter, NotGiven)
            or copy._max_retry_wait != self._max_retry_wait
        ):
            shared = self._shared
            transport = shared.transport.derive(
                api_key=copy._api_key,
                base_url=copy._base_url,
                limiter=shared.transport.limiter if isinstance(limiter, NotGiven) else limiter,
                max_retry_wait=copy._max_retry_wait,
            )
            deletes = shared.deletes
            if elsewhere:
                memory = _delete_memory(self._delete_memory, copy._api_key, copy._base_url)
                deletes = DeleteTracker(shared=memory)
            copy._shared = shared.derive(transport, deletes, base_url=copy._base_url)
        return copy

    _owner = True

    async def aclose(self) -> None:
        """
        Close the connection pool (not an injected ``http_client``). Idempotent.
        """
        if not self._owner or self._shared.closed:
            return
        await self._shared.close()

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


def _clocked_limiter(transport: AurousTransport) -> RateLimiter:
    """
    A fresh `RateLimiter` for a copy, on the client's clock: after `use_clock` (the fake's
    client) its pacing must not sleep in real time while the original's does not.
    """
    return RateLimiter(clock=transport._clock, sleep=transport._sleep)


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
    # Read now, as httpx reads the environment when a client is built; the pools themselves
    # are built on first use.
    routes = ProxyRoutes.from_environment() if trust_env else None
    locations = ca_locations(trust_env)
    if backend.strip().lower() == "aiohttp":
        try:
            from ._aiohttp import AiohttpTransport
        except ImportError as exc:
            raise AurousError(
                "http_backend='aiohttp' needs the optional extra: "
                'pip install "aurous-async[aiohttp]"'
            ) from exc
        return lambda: AiohttpTransport(
            limits=limits, ssl_context=ssl_context(locations), trust_env=trust_env, routes=routes
        )

    def make() -> httpx.AsyncBaseTransport:
        # Imported on first request: the pool module imports httpcore.
        from ._pool import pool_transport

        context = ssl_context(locations)
        direct = pool_transport(limits, context)
        if routes is None:
            return direct
        return ProxyRouter(
            direct,
            routes,
            lambda proxy: httpx.AsyncHTTPTransport(limits=limits, verify=context, proxy=proxy),
        )

    return make


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


def _client_headers(
    base: httpx.Headers, api_version: str | None, default_headers: Mapping[str, str]
) -> httpx.Headers:
    # Set once per client: a per-call header dict would be merged into a new headers object
    # on every request. A call pinning another version overrides it for itself.
    headers = httpx.Headers(base)
    for name, value in default_headers.items():
        headers[name] = value
    if api_version is not None:
        headers[HEADER_VERSION] = api_version
    return headers


def _injected_headers(http_client: httpx.AsyncClient | None, base: httpx.Headers) -> dict[str, str]:
    """
    The headers of the caller's ``http_client`` to send on every request: all but those the
    SDK owns (the key, the version, the framing, the Idempotency-Key) and httpx's defaults
    (*base* holds them, with the SDK's User-Agent), which stay the SDK's.
    """
    if http_client is None:
        return {}
    defaults = {name.lower(): value for name, value in base.items()}
    defaults["user-agent"] = f"python-httpx/{httpx.__version__}"
    found: dict[str, str] = {}
    for name, value in http_client.headers.multi_items():
        lowered = name.lower()
        if lowered in _SDK_OWNED or defaults.get(lowered) == value:
            continue
        found[name] = f"{found[name]}, {value}" if name in found else value
    return found


_SDK_OWNED = frozenset(
    {
        "x-api-key",
        "aurous-version",
        "idempotency-key",
        "host",
        "content-length",
        "transfer-encoding",
    }
)


def _user_agent() -> str:
    return (
        f"aurous-async/{__version__} python/{sys.version_info.major}.{sys.version_info.minor} "
        f"httpx/{httpx.__version__}"
    )
