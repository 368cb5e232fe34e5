"""
What ``trust_env=True`` reads from the environment, as httpx reads it for a client it builds
itself: the proxies (``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``, in either
case) and the CA certificates (``SSL_CERT_FILE``, ``SSL_CERT_DIR``).

httpx mounts environment proxies only when it builds its transport; the SDK passes its own,
so it does the same here: `ProxyRoutes` is httpx's rule (its ``get_environment_proxies`` and
``URLPattern``, most specific pattern first, like ``AsyncClient._transport_for_url``), shared
by both backends. `ProxyRouter` sends each request through the pool for its proxy, under
`AurousTransport`. No proxy URL is ever shown as configured: its user name and password are
credentials, so messages name the scheme and host only.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Callable

import httpx

from ._exceptions import AurousError

#: Proxy schemes httpx can use (socks5 needs the ``socksio`` package).
_PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def shown(url: httpx.URL) -> str:
    """*url* without its user name and password, safe to put in a message."""
    return str(url.copy_with(username=None, password=None)) if url.userinfo else str(url)


class ProxyRoutes:
    """
    The proxy for each URL under httpx's environment rules, looked up once per origin.
    """

    def __init__(self, mounts: dict[str, str | None]) -> None:
        from httpx._utils import URLPattern

        routes: list[tuple[URLPattern, httpx.URL | None]] = []
        for pattern, target in mounts.items():
            proxy = None if target is None else _proxy_url(target)
            routes.append((URLPattern(pattern), proxy))
        # URLPattern sorts most specific first, as httpx sorts its mounts.
        routes.sort(key=lambda route: route[0])
        self._routes = routes
        self._cache: dict[tuple[str, str, int | None], httpx.URL | None] = {}

    @classmethod
    def from_environment(cls) -> ProxyRoutes | None:
        """The routes the environment sets, or ``None`` when it sets no proxy."""
        from httpx._utils import get_environment_proxies

        mounts = get_environment_proxies()
        if not any(target is not None for target in mounts.values()):
            return None
        return cls(mounts)

    @property
    def proxies(self) -> list[httpx.URL]:
        """Every distinct proxy a request may go through."""
        found: list[httpx.URL] = []
        for _, proxy in self._routes:
            if proxy is not None and proxy not in found:
                found.append(proxy)
        return found

    def proxy_for(self, url: httpx.URL) -> httpx.URL | None:
        """The proxy *url* goes through, or ``None`` for a direct connection."""
        key = (url.scheme, url.host, url.port)
        try:
            return self._cache[key]
        except KeyError:
            pass
        found: httpx.URL | None = None
        for pattern, proxy in self._routes:
            if pattern.matches(url):
                found = proxy
                break
        if len(self._cache) < 256:
            self._cache[key] = found
        return found

    def __repr__(self) -> str:
        return f"<ProxyRoutes {[shown(proxy) for proxy in self.proxies]}>"


def _proxy_url(target: str) -> httpx.URL:
    try:
        url = httpx.URL(target)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise AurousError(
            "a proxy set in the environment (HTTP_PROXY, HTTPS_PROXY or ALL_PROXY) is not a "
            "valid URL; fix it, or pass trust_env=False to ignore the environment"
        ) from None
    if url.scheme not in _PROXY_SCHEMES or not url.host:
        raise AurousError(
            f"the proxy {shown(url)!r} set in the environment has an unsupported scheme "
            f"{url.scheme!r} (one of {', '.join(_PROXY_SCHEMES)}); fix it, or pass "
            "trust_env=False to ignore the environment"
        )
    return url


class ProxyRouter(httpx.AsyncBaseTransport):
    """
    Send each request through the pool of the proxy `ProxyRoutes` picks for it, or through
    the direct pool; each proxy's pool is built on first use.
    """

    def __init__(
        self,
        direct: httpx.AsyncBaseTransport,
        routes: ProxyRoutes,
        make_proxied: Callable[[httpx.Proxy], httpx.AsyncBaseTransport],
    ) -> None:
        self._direct = direct
        self._routes = routes
        self._make_proxied = make_proxied
        self._proxied: dict[str, httpx.AsyncBaseTransport] = {}

    def transport_for(self, url: httpx.URL) -> httpx.AsyncBaseTransport:
        """The pool *url* is sent through."""
        proxy = self._routes.proxy_for(url)
        if proxy is None:
            return self._direct
        key = str(proxy)
        transport = self._proxied.get(key)
        if transport is None:
            try:
                transport = self._make_proxied(httpx.Proxy(proxy))
            except ImportError:
                raise AurousError(
                    f"the proxy {shown(proxy)!r} set in the environment needs the socksio "
                    'package: pip install "httpx[socks]" (or pass trust_env=False)'
                ) from None
            self._proxied[key] = transport
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.transport_for(request.url).handle_async_request(request)

    async def aclose(self) -> None:
        transports = [self._direct, *self._proxied.values()]
        self._proxied = {}
        for transport in transports:
            await transport.aclose()

    def __repr__(self) -> str:
        return f"<ProxyRouter {self._routes!r}>"


_SSL_CONTEXTS: dict[tuple[str | None, str | None], ssl.SSLContext] = {}


def ca_locations(trust_env: bool) -> tuple[str | None, str | None]:
    """
    ``(SSL_CERT_FILE, SSL_CERT_DIR)`` when *trust_env* (the file wins, as in httpx), else
    ``(None, None)``: the certifi bundle.
    """
    if not trust_env:
        return (None, None)
    cafile = os.environ.get("SSL_CERT_FILE") or None
    if cafile is not None:
        return (cafile, None)
    return (None, os.environ.get("SSL_CERT_DIR") or None)


def ssl_context(locations: tuple[str | None, str | None]) -> ssl.SSLContext:
    """
    The shared SSL context for *locations* (see `ca_locations`), built once each: loading a
    CA bundle costs tens of milliseconds, and every client can share one context.
    """
    context = _SSL_CONTEXTS.get(locations)
    if context is None:
        cafile, capath = locations
        try:
            if cafile is None and capath is None:
                context = httpx.create_ssl_context(trust_env=False)
            else:
                context = ssl.create_default_context(cafile=cafile, capath=capath)
        except (OSError, ssl.SSLError) as exc:
            variable = "SSL_CERT_FILE" if cafile is not None else "SSL_CERT_DIR"
            raise AurousError(
                f"the CA certificates named by {variable} ({cafile or capath}) could not be "
                f"loaded: {type(exc).__name__}: {exc}; fix it, or pass trust_env=False"
            ) from None
        _SSL_CONTEXTS[locations] = context
    return context
