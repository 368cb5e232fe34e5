"""
``trust_env``: the proxies (HTTP_PROXY, ALL_PROXY, NO_PROXY) and CA certificates
(SSL_CERT_FILE, SSL_CERT_DIR) of the environment, on both backends, through a real forwarding
proxy and a TLS server on loopback; proxy credentials never reach a message, log or pickle.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import pickle
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from aurous_async import APIConnectionError, APIStatusError, AsyncAurous, AurousError

from .conftest import API_KEY
from .loopback import Action, Handler, Request, serve
from .payloads import CHAR_ID, character_json

CERTS = Path(__file__).resolve().parent / "certs"
PROXY_PASSWORD = "pr0xy-s3cret-pw"
ENV_NAMES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUEST_METHOD",
)


@pytest.fixture(autouse=True)
def no_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test sees the machine's proxy or certificate settings."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    yield


def forwarding_proxy(answer: Action | None = None) -> Handler:
    """
    A CONNECT-less forward proxy for http://: it takes absolute-form requests and relays
    them to their target (or gives *answer* itself, as a failing proxy would).
    """

    async def handler(request: Request) -> Action:
        if answer is not None:
            return answer
        url = httpx.URL(request.path)
        reader, writer = await asyncio.open_connection(url.host, url.port)
        lines = [f"{request.method} {url.raw_path.decode('ascii')} HTTP/1.1"]
        for name, value in request.headers.items():
            if not name.startswith("proxy-") and name not in ("connection", "content-length"):
                lines.append(f"{name}: {value}")
        lines += [f"Content-Length: {len(request.body)}", "Connection: close"]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + request.body)
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ")[1])
        headers: dict[str, str] = {}
        for line in head[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip()] = value.strip()
        length = int(next((v for k, v in headers.items() if k.lower() == "content-length"), 0))
        body = await reader.readexactly(length)
        writer.close()
        kept = {k: v for k, v in headers.items() if k.lower() not in ("content-length",)}
        return Action(status=status, body=body, headers={**kept, "Via": "1.1 test-proxy"})

    return handler


def api() -> Handler:
    """The API: a character for every request."""
    return lambda _request: Action(body=character_json())


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.usefixtures("backend")
async def test_http_proxy_from_the_environment_carries_the_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With HTTP_PROXY set, each call goes through the proxy, which relays it to the API."""
    async with serve(forwarding_proxy()) as proxy, serve(api()) as server:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            character = await client.get_character(CHAR_ID)
            await client.get_character(CHAR_ID)

    assert character.id == CHAR_ID
    assert [r.path for r in proxy.requests] == [f"{server.url}/v1/characters/{CHAR_ID}"] * 2
    assert [r.path for r in server.requests] == [f"/v1/characters/{CHAR_ID}"] * 2
    assert server.requests[0].headers["x-api-key"] == API_KEY


@pytest.mark.usefixtures("backend")
async def test_all_proxy_is_honoured_like_httpx_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """ALL_PROXY alone routes calls through the proxy on both backends."""
    async with serve(forwarding_proxy()) as proxy, serve(api()) as server:
        monkeypatch.setenv("ALL_PROXY", proxy.url)
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            await client.get_character(CHAR_ID)

    assert len(proxy.requests) == 1 and len(server.requests) == 1


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "localhost,127.0.0.1", "*"])
async def test_no_proxy_matching_the_api_sends_directly(
    no_proxy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A NO_PROXY entry matching the API's host bypasses HTTP_PROXY."""
    async with serve(forwarding_proxy()) as proxy, serve(api()) as server:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", no_proxy)
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            await client.get_character(CHAR_ID)

    assert not proxy.requests
    assert [r.path for r in server.requests] == [f"/v1/characters/{CHAR_ID}"]


@pytest.mark.usefixtures("backend")
async def test_no_proxy_for_another_host_keeps_the_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A NO_PROXY entry for some other host leaves the API's calls on the proxy."""
    async with serve(forwarding_proxy()) as proxy, serve(api()) as server:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", "internal.example,10.0.0.1")
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            await client.get_character(CHAR_ID)

    assert len(proxy.requests) == 1


@pytest.mark.usefixtures("backend")
async def test_trust_env_false_ignores_the_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """trust_env=False sends directly although HTTP_PROXY is set."""
    async with serve(forwarding_proxy()) as proxy, serve(api()) as server:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, trust_env=False) as c:
            await c.get_character(CHAR_ID)

    assert not proxy.requests and len(server.requests) == 1


def assert_no_proxy_secret(*texts: str | bytes) -> None:
    """None of *texts* holds the proxy password or its Basic token."""
    token = base64.b64encode(f"user:{PROXY_PASSWORD}".encode()).decode()
    for text in texts:
        raw = text if isinstance(text, bytes) else text.encode()
        assert PROXY_PASSWORD.encode() not in raw
        assert token.encode() not in raw


@pytest.mark.usefixtures("backend")
async def test_proxy_credentials_are_sent_to_the_proxy_and_shown_nowhere(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The proxy gets Proxy-Authorization; its 502 error, logs and pickle never show it."""
    failing = Action(status=502, body=b"<html>bad gateway</html>", headers={"Via": "proxy"})
    async with serve(forwarding_proxy(failing)) as proxy, serve(api()) as server:
        host = proxy.url.removeprefix("http://")
        monkeypatch.setenv("HTTP_PROXY", f"http://user:{PROXY_PASSWORD}@{host}")
        caplog.set_level(logging.DEBUG)
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            with pytest.raises(APIStatusError) as caught:
                await client.get_character(CHAR_ID)
            shown = [
                repr(client),
                repr(client._shared.transport),
                repr(client._shared.transport.inner),
            ]

    sent = proxy.requests[0].headers["proxy-authorization"]
    assert base64.b64decode(sent.split(" ")[1]).decode() == f"user:{PROXY_PASSWORD}"
    assert not server.requests
    error = caught.value
    assert error.status_code == 502
    assert_no_proxy_secret(
        str(error),
        repr(error),
        pickle.dumps(error),
        repr(error.response.request.headers),
        str(error.response.request.url),
        caplog.text,
        *shown,
    )


@pytest.mark.usefixtures("backend")
async def test_unreachable_proxy_with_credentials_names_no_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A proxy that refuses connections is an APIConnectionError without its password."""
    async with serve(api()) as server:
        monkeypatch.setenv("HTTP_PROXY", f"http://user:{PROXY_PASSWORD}@127.0.0.1:{free_port()}")
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            with pytest.raises(APIConnectionError) as caught:
                await client.get_character(CHAR_ID)

    assert not server.requests
    error = caught.value
    assert_no_proxy_secret(str(error), repr(error), pickle.dumps(error), str(error.__cause__))


@pytest.mark.parametrize("http_backend", ["httpx", "aiohttp"])
def test_unusable_proxy_in_the_environment_is_refused_without_its_password(
    http_backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proxy URL of an unknown scheme raises AurousError at construction, password hidden."""
    monkeypatch.setenv("HTTPS_PROXY", f"ftp://user:{PROXY_PASSWORD}@proxy.example:21")

    with pytest.raises(AurousError, match="unsupported scheme 'ftp'") as caught:
        AsyncAurous(api_key=API_KEY, http_backend=http_backend)

    assert_no_proxy_secret(str(caught.value), pickle.dumps(caught.value))


async def test_aiohttp_backend_refuses_a_socks_proxy_it_cannot_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The aiohttp backend raises AurousError instead of silently bypassing a socks proxy."""
    async with serve(api()) as server:
        monkeypatch.setenv("ALL_PROXY", f"socks5://user:{PROXY_PASSWORD}@127.0.0.1:1080")
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, http_backend="aiohttp") as c:
            with pytest.raises(AurousError, match="aiohttp backend cannot use") as caught:
                await c.get_character(CHAR_ID)

    assert not server.requests
    assert_no_proxy_secret(str(caught.value))


# ------------------------------------------------------------------------ certificates


def tls_server() -> ssl.SSLContext:
    """The server side of the loopback TLS server (its self-signed certificate)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERTS / "loopback.pem", CERTS / "loopback.key")
    return context


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(
    ("variable", "value"),
    [("SSL_CERT_FILE", CERTS / "loopback.pem"), ("SSL_CERT_DIR", CERTS / "capath")],
)
async def test_ssl_cert_file_and_dir_are_trusted(
    variable: str, value: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server whose CA is named by SSL_CERT_FILE or SSL_CERT_DIR is trusted over TLS."""
    monkeypatch.setenv(variable, str(value))
    async with serve(api(), tls=tls_server()) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            character = await client.get_character(CHAR_ID)

    assert character.id == CHAR_ID and len(server.requests) == 1


@pytest.mark.usefixtures("backend")
async def test_trust_env_false_ignores_ssl_cert_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """With trust_env=False the SSL_CERT_FILE CA is not trusted: the handshake fails."""
    monkeypatch.setenv("SSL_CERT_FILE", str(CERTS / "loopback.pem"))
    async with serve(api(), tls=tls_server()) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, trust_env=False, max_retries=0
        ) as client:
            with pytest.raises(APIConnectionError, match="(?i)certificate"):
                await client.get_character(CHAR_ID)

    assert not server.requests


@pytest.mark.usefixtures("backend")
async def test_missing_ssl_cert_file_is_an_aurous_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An SSL_CERT_FILE that does not exist raises AurousError naming the variable."""
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    async with serve(api()) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            with pytest.raises(AurousError, match="SSL_CERT_FILE"):
                await client.get_character(CHAR_ID)

    assert not server.requests
