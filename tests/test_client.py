"""
AsyncAurous construction, headers, version pinning, timeouts, lifecycle and with_options.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
import pytest
import respx

import aurous_async
from aurous_async import (
    API_VERSION,
    AsyncAurous,
    AurousError,
    AuthenticationError,
    ClientClosedError,
    InvalidArgumentError,
)
from tests.conftest import API_KEY, BASE_URL, instant
from tests.payloads import CHAR_ID, character_json, error_json

SPEC = Path(__file__).resolve().parents[1] / "openapi.yaml"
CHARACTER = f"{BASE_URL}/v1/characters/{CHAR_ID}"

BAD_VERSIONS = [
    pytest.param("2026-02-30", id="not-a-real-date"),
    pytest.param("2026-5-15", id="unpadded-month"),
    pytest.param("２０２６-05-15", id="full-width-digits"),
    pytest.param("2026-05-15\r\n", id="trailing-crlf"),
    pytest.param("2026-05-15T00:00:00", id="datetime"),
    pytest.param("", id="empty"),
    pytest.param(20260515, id="int"),
]


def spec_version() -> str:
    """The ``info.version`` of openapi.yaml, read without a YAML library."""
    match = re.search(
        r"^info:\n(?:[ \t]+.*\n)*?[ \t]+version:[ \t]*[\"']?([^\"'\n]+?)[\"']?[ \t]*$",
        SPEC.read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert match, "no info.version in openapi.yaml"
    return match.group(1)


def character_route(mock: respx.MockRouter | respx.Router, url: str = CHARACTER) -> respx.Route:
    """A GET route answering one valid character."""
    return mock.get(url).respond(200, json=character_json())


# --- api_key -----------------------------------------------------------------------------


async def test_api_key_read_from_environment(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    """Without api_key the client sends the key from AUROUS_API_KEY."""
    monkeypatch.setenv("AUROUS_API_KEY", "og_env_key_123")
    route = character_route(respx_mock)

    async with AsyncAurous() as client:
        await client.get_character(CHAR_ID)

    assert route.calls.last.request.headers["X-Api-Key"] == "og_env_key_123"


async def test_api_key_argument_wins_over_environment(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    """An explicit api_key is sent even when AUROUS_API_KEY is set."""
    monkeypatch.setenv("AUROUS_API_KEY", "og_env_key_123")
    route = character_route(respx_mock)

    async with AsyncAurous(api_key=API_KEY) as client:
        await client.get_character(CHAR_ID)

    assert route.calls.last.request.headers["X-Api-Key"] == API_KEY


@pytest.mark.parametrize("env", [None, ""], ids=["unset", "empty"])
def test_api_key_missing_raises_with_instructions(
    monkeypatch: pytest.MonkeyPatch, env: str | None
) -> None:
    """No key anywhere raises AurousError telling how to provide one."""
    if env is not None:
        monkeypatch.setenv("AUROUS_API_KEY", env)

    with pytest.raises(AurousError) as caught:
        AsyncAurous()

    message = str(caught.value)
    assert "api_key=" in message
    assert "AUROUS_API_KEY" in message


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("al_live_abc def", id="inner-space"),
        pytest.param(" al_live_abcdef", id="leading-space"),
        pytest.param("al_live_abcdef\n", id="trailing-newline"),
        pytest.param("al_live_abc\r\nX-Evil: 1", id="header-injection"),
        pytest.param("al_live_abc\tdef", id="tab"),
        pytest.param("al_live_abc\x00def", id="nul"),
        pytest.param("al_live_abc\x7fdef", id="del"),
        pytest.param("", id="empty"),
    ],
)
def test_api_key_with_whitespace_or_control_chars_is_refused(key: str) -> None:
    """A key with whitespace or control characters raises a ValueError naming api_key."""
    with pytest.raises(ValueError) as caught:
        AsyncAurous(api_key=key)

    assert isinstance(caught.value, InvalidArgumentError)
    assert caught.value.argument == "api_key"
    assert "api_key" in str(caught.value)
    if key.strip():
        assert key not in str(caught.value)


async def test_api_key_without_known_prefix_is_accepted(respx_mock: respx.MockRouter) -> None:
    """A key that starts with neither al_live_ nor og_ is still sent (test keys, proxies)."""
    route = character_route(respx_mock)

    async with AsyncAurous(api_key="sk_test_123") as client:
        await client.get_character(CHAR_ID)

    assert route.calls.last.request.headers["X-Api-Key"] == "sk_test_123"


async def test_api_key_sent_as_x_api_key_only(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Every request carries X-Api-Key and never an Authorization header."""
    route = character_route(respx_mock)

    await client.get_character(CHAR_ID)

    headers = route.calls.last.request.headers
    assert headers.get_list("X-Api-Key") == [API_KEY]
    assert "Authorization" not in headers
    assert headers["User-Agent"].startswith("aurous-async/")


# --- base_url ----------------------------------------------------------------------------


async def test_base_url_read_from_environment(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    """Without base_url the client sends to AUROUS_BASE_URL."""
    monkeypatch.setenv("AUROUS_BASE_URL", "https://proxy.example.test")
    route = character_route(respx_mock, f"https://proxy.example.test/v1/characters/{CHAR_ID}")

    async with AsyncAurous(api_key=API_KEY) as client:
        assert client.base_url == httpx.URL("https://proxy.example.test")
        await client.get_character(CHAR_ID)

    assert route.called


async def test_base_url_defaults_to_production() -> None:
    """Without argument or environment the base URL is https://api.aurous-labs.com."""
    async with AsyncAurous(api_key=API_KEY) as client:
        assert client.base_url == httpx.URL("https://api.aurous-labs.com")


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("http://api.aurous-labs.com", id="public-host"),
        pytest.param("http://10.0.0.5:8080", id="private-ip"),
        pytest.param("http://localhost.evil.test", id="localhost-lookalike"),
    ],
)
def test_base_url_plain_http_refused(url: str) -> None:
    """Plain http:// to a non-loopback host is refused, naming base_url."""
    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(api_key=API_KEY, base_url=url)

    assert caught.value.argument == "base_url"
    assert "allow_insecure_http" in str(caught.value)


def test_base_url_plain_http_refused_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The http:// check applies to AUROUS_BASE_URL too."""
    monkeypatch.setenv("AUROUS_BASE_URL", "http://api.aurous-labs.com")

    with pytest.raises(InvalidArgumentError):
        AsyncAurous(api_key=API_KEY)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("http://localhost:8080", id="localhost"),
        pytest.param("http://127.0.0.1:9000", id="ipv4-loopback"),
        pytest.param("http://[::1]:8000", id="ipv6-loopback"),
    ],
)
async def test_base_url_plain_http_allowed_on_loopback(
    url: str, respx_mock: respx.MockRouter
) -> None:
    """Plain http:// to a loopback host is allowed, and the key is sent there."""
    route = character_route(respx_mock, f"{url}/v1/characters/{CHAR_ID}")

    async with AsyncAurous(api_key=API_KEY, base_url=url) as client:
        await client.get_character(CHAR_ID)

    assert route.calls.last.request.headers["X-Api-Key"] == API_KEY


async def test_base_url_plain_http_allowed_with_opt_in(respx_mock: respx.MockRouter) -> None:
    """allow_insecure_http=True lets a non-loopback http:// base URL through."""
    route = character_route(respx_mock, f"http://gateway.internal/v1/characters/{CHAR_ID}")

    async with AsyncAurous(
        api_key=API_KEY, base_url="http://gateway.internal", allow_insecure_http=True
    ) as client:
        await client.get_character(CHAR_ID)

    assert route.called


@pytest.mark.parametrize(
    "url",
    [pytest.param("ftp://api.aurous-labs.com", id="ftp"), pytest.param("/v1", id="relative")],
)
def test_base_url_must_be_http_or_https(url: str) -> None:
    """A base URL that is not an absolute http(s) URL is refused."""
    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(api_key=API_KEY, base_url=url)

    assert caught.value.argument == "base_url"


# --- api_version -------------------------------------------------------------------------


def test_api_version_constant_matches_spec() -> None:
    """aurous_async.API_VERSION is openapi.yaml's info.version."""
    assert aurous_async.API_VERSION == spec_version()


async def test_api_version_default_sent_on_every_request(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """By default the client pins Aurous-Version to the spec's version."""
    route = character_route(respx_mock)

    await client.get_character(CHAR_ID)

    assert client.api_version == API_VERSION
    assert route.calls.last.request.headers.get_list("Aurous-Version") == [spec_version()]


async def test_api_version_read_from_environment(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    """AUROUS_VERSION overrides the default pin."""
    monkeypatch.setenv("AUROUS_VERSION", "2025-01-01")
    route = character_route(respx_mock)

    async with AsyncAurous(api_key=API_KEY) as client:
        await client.get_character(CHAR_ID)

    assert client.api_version == "2025-01-01"
    assert route.calls.last.request.headers["Aurous-Version"] == "2025-01-01"


def test_api_version_from_environment_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A malformed AUROUS_VERSION is refused at construction, naming api_version."""
    monkeypatch.setenv("AUROUS_VERSION", "latest")

    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(api_key=API_KEY)

    assert caught.value.argument == "api_version"


async def test_api_version_none_sends_no_header(respx_mock: respx.MockRouter) -> None:
    """api_version=None on the client sends no Aurous-Version header."""
    route = character_route(respx_mock)

    async with AsyncAurous(api_key=API_KEY, api_version=None) as client:
        await client.get_character(CHAR_ID)

    assert client.api_version is None
    assert "Aurous-Version" not in route.calls.last.request.headers


async def test_api_version_none_beats_environment(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    """An explicit api_version=None sends no header even when AUROUS_VERSION is set."""
    monkeypatch.setenv("AUROUS_VERSION", "2025-01-01")
    route = character_route(respx_mock)

    async with AsyncAurous(api_key=API_KEY, api_version=None) as client:
        await client.get_character(CHAR_ID)

    assert "Aurous-Version" not in route.calls.last.request.headers


async def test_api_version_per_call_overrides_client_pin(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A per-call api_version is sent for that call only."""
    route = character_route(respx_mock)

    await client.get_character(CHAR_ID, api_version="2025-01-01")
    await client.get_character(CHAR_ID)

    sent = [call.request.headers.get_list("Aurous-Version") for call in route.calls]
    assert sent == [["2025-01-01"], [API_VERSION]]
    assert client.api_version == API_VERSION


async def test_api_version_per_call_none_sends_no_header(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A per-call api_version=None sends no header despite the client's pin."""
    route = character_route(respx_mock)

    await client.get_character(CHAR_ID, api_version=None)

    assert "Aurous-Version" not in route.calls.last.request.headers


async def test_api_version_per_call_on_unpinned_client(respx_mock: respx.MockRouter) -> None:
    """A per-call version is sent even when the client itself pins none."""
    route = character_route(respx_mock)

    async with AsyncAurous(api_key=API_KEY, api_version=None) as client:
        await client.get_character(CHAR_ID, api_version="2026-05-15")

    assert route.calls.last.request.headers["Aurous-Version"] == "2026-05-15"


@pytest.mark.parametrize("version", BAD_VERSIONS)
def test_api_version_bad_value_refused_at_construction(version: object) -> None:
    """A malformed or impossible version is an InvalidArgumentError naming api_version."""
    with pytest.raises(ValueError) as caught:
        AsyncAurous(api_key=API_KEY, api_version=version)  # type: ignore[arg-type]

    assert isinstance(caught.value, InvalidArgumentError)
    assert caught.value.argument == "api_version"
    assert "api_version" in str(caught.value)


@pytest.mark.parametrize("version", BAD_VERSIONS)
@pytest.mark.respx(assert_all_called=False)
async def test_api_version_bad_value_per_call_sends_nothing(
    client: AsyncAurous, respx_mock: respx.MockRouter, version: object
) -> None:
    """A bad per-call version raises InvalidArgumentError before any request leaves."""
    route = character_route(respx_mock)

    with pytest.raises(InvalidArgumentError) as caught:
        await client.get_character(CHAR_ID, api_version=version)  # type: ignore[arg-type]

    assert caught.value.argument == "api_version"
    assert not route.called


@pytest.mark.parametrize("version", BAD_VERSIONS)
def test_api_version_bad_value_refused_by_with_options(
    client: AsyncAurous, version: object
) -> None:
    """with_options checks the version like the constructor does."""
    with pytest.raises(InvalidArgumentError) as caught:
        client.with_options(api_version=version)  # type: ignore[arg-type]

    assert caught.value.argument == "api_version"


# --- timeout -----------------------------------------------------------------------------


async def test_timeout_default_is_finite_with_separate_connect(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The default timeout is finite everywhere, with a shorter connect timeout."""
    route = character_route(respx_mock)

    await client.get_character(CHAR_ID)

    sent = route.calls.last.request.extensions["timeout"]
    assert all(value is not None and value > 0 for value in sent.values()), sent
    assert sent["connect"] < sent["read"]
    assert sent == client.timeout.as_dict()
    assert aurous_async.DEFAULT_TIMEOUT.connect == client.timeout.connect


async def test_timeout_per_call_reaches_the_request(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A per-call timeout is the timeout of that request, and only that one."""
    seen: list[dict[str, float | None]] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json=character_json())

    respx_mock.get(CHARACTER).mock(side_effect=record)

    await client.get_character(CHAR_ID, timeout=httpx.Timeout(7.0, connect=2.0))
    await client.get_character(CHAR_ID, timeout=3.5)
    await client.get_character(CHAR_ID)

    assert seen[0] == {"connect": 2.0, "read": 7.0, "write": 7.0, "pool": 7.0}
    assert seen[1] == {"connect": 3.5, "read": 3.5, "write": 3.5, "pool": 3.5}
    assert seen[2] == client.timeout.as_dict()


async def test_timeout_client_default_reaches_the_request(respx_mock: respx.MockRouter) -> None:
    """A client-level timeout is applied to its requests."""
    route = character_route(respx_mock)

    async with AsyncAurous(api_key=API_KEY, timeout=12.0) as client:
        await client.get_character(CHAR_ID)

    assert route.calls.last.request.extensions["timeout"]["read"] == 12.0


# --- http_client injection ---------------------------------------------------------------


async def test_http_client_injected_transport_is_used_and_not_closed() -> None:
    """Requests go through an injected client's transport, and aclose() leaves it open."""
    received: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(200, json=character_json())

    injected = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    try:
        client = AsyncAurous(api_key=API_KEY, base_url=BASE_URL, http_client=injected)
        character = await client.get_character(CHAR_ID)
        await client.aclose()

        assert character.id == CHAR_ID
        assert len(received) == 1
        assert received[0].url == httpx.URL(CHARACTER)
        assert received[0].headers["X-Api-Key"] == API_KEY
        assert received[0].headers["Aurous-Version"] == API_VERSION
        assert not injected.is_closed
        # Still usable by its owner.
        assert (await injected.get(CHARACTER)).status_code == 200
    finally:
        await injected.aclose()


async def test_http_client_timeout_is_the_default() -> None:
    """Without timeout=, the injected client's timeout is the client's default."""
    injected = httpx.AsyncClient(timeout=httpx.Timeout(11.0, connect=1.0))
    try:
        async with AsyncAurous(api_key=API_KEY, http_client=injected) as client:
            assert client.timeout == httpx.Timeout(11.0, connect=1.0)
    finally:
        await injected.aclose()


# --- lifecycle ---------------------------------------------------------------------------


async def test_aclose_is_idempotent() -> None:
    """aclose() can be called repeatedly without error."""
    client = AsyncAurous(api_key=API_KEY)

    await client.aclose()
    await client.aclose()
    async with client:
        pass


@pytest.mark.respx(assert_all_called=False)
async def test_closed_client_raises_without_sending(respx_mock: respx.MockRouter) -> None:
    """A call on a closed client raises ClientClosedError and sends nothing."""
    route = character_route(respx_mock)
    async with AsyncAurous(api_key=API_KEY) as client:
        pass

    with pytest.raises(ClientClosedError):
        await client.get_character(CHAR_ID)
    with pytest.raises(ClientClosedError):
        await client.list_characters()
    with pytest.raises(ClientClosedError):
        await client.delete_character(CHAR_ID)

    assert not route.called
    assert not respx_mock.calls


# --- secrets never shown -----------------------------------------------------------------


async def test_repr_of_client_hides_key(client: AsyncAurous) -> None:
    """repr() and str() of the client never contain the API key."""
    assert API_KEY not in repr(client)
    assert API_KEY not in str(client)
    assert "redacted" in repr(client)


async def test_exception_text_never_contains_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An error whose body echoes the key exposes it in neither str, repr, message nor body."""
    respx_mock.get(CHARACTER).respond(
        401, json=error_json("invalid_api_key", f"Invalid API key {API_KEY}")
    )

    with pytest.raises(AuthenticationError) as caught:
        await client.get_character(CHAR_ID)

    error = caught.value
    for text in (str(error), repr(error), error.message, error.body):
        assert API_KEY not in text
    assert "Invalid API key" in error.message


# --- with_options ------------------------------------------------------------------------


async def test_with_options_changes_copy_only(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """with_options returns a client with other defaults; the original keeps its own."""
    route = character_route(respx_mock)
    original_timeout = client.timeout

    other = client.with_options(api_version="2025-01-01", timeout=9.0, max_retries=0)
    await other.get_character(CHAR_ID)
    await client.get_character(CHAR_ID)

    assert (other.api_version, other.timeout, other.max_retries) == (
        "2025-01-01",
        httpx.Timeout(9.0),
        0,
    )
    assert (client.api_version, client.timeout, client.max_retries) == (
        API_VERSION,
        original_timeout,
        aurous_async.DEFAULT_MAX_RETRIES,
    )
    first, second = (call.request for call in route.calls)
    assert first.headers["Aurous-Version"] == "2025-01-01"
    assert first.extensions["timeout"]["read"] == 9.0
    assert second.headers["Aurous-Version"] == API_VERSION
    assert second.extensions["timeout"] == original_timeout.as_dict()


async def test_with_options_none_version_sends_no_header(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """with_options(api_version=None) gives a copy that sends no Aurous-Version."""
    route = character_route(respx_mock)

    await client.with_options(api_version=None).get_character(CHAR_ID)

    assert "Aurous-Version" not in route.calls.last.request.headers


async def test_with_options_shares_the_pool(client: AsyncAurous) -> None:
    """The copy uses the original's connection pool, transport and delete memory."""
    other = client.with_options(timeout=1.0)

    assert other._shared is client._shared
    assert other._shared.http is client._shared.http


@pytest.mark.respx(assert_all_called=False)
async def test_with_options_close_semantics(respx_mock: respx.MockRouter) -> None:
    """Closing the copy leaves the pool open; closing the original closes it for both."""
    route = character_route(respx_mock)
    client = AsyncAurous(api_key=API_KEY)
    instant(client)
    other = client.with_options(max_retries=0)

    await other.aclose()
    await client.get_character(CHAR_ID)
    await client.aclose()

    with pytest.raises(ClientClosedError):
        await other.get_character(CHAR_ID)
    assert route.call_count == 1


async def test_with_options_max_retries_applies(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A copy with max_retries=0 sends a failing request once; the original retries."""
    route = respx_mock.get(CHARACTER).respond(503, json=error_json("unavailable"))

    with pytest.raises(aurous_async.InternalServerError):
        await client.with_options(max_retries=0).get_character(CHAR_ID)
    assert route.call_count == 1

    with pytest.raises(aurous_async.InternalServerError):
        await client.get_character(CHAR_ID)
    assert route.call_count == 1 + 1 + client.max_retries


# --- concurrency -------------------------------------------------------------------------


async def test_concurrent_calls_keep_their_own_options(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Many interleaved calls with different per-call versions and timeouts don't mix."""
    versions = ["2024-01-01", "2025-06-30", None, "2026-05-15"]
    expected: dict[str, tuple[str | None, float]] = {}
    seen: dict[str, tuple[str | None, float]] = {}

    async def record(request: httpx.Request) -> httpx.Response:
        # Yield so that the other calls run while this one is "on the wire".
        await asyncio.sleep(0)
        call_id = request.url.path.rsplit("/", 1)[1]
        seen[call_id] = (
            request.headers.get("Aurous-Version"),
            request.extensions["timeout"]["read"],
        )
        await asyncio.sleep(0)
        return httpx.Response(200, json=character_json(call_id))

    respx_mock.get(url__regex=rf"^{BASE_URL}/v1/characters/char_\d+$").mock(side_effect=record)

    calls = []
    for i in range(40):
        call_id = f"char_{i}"
        version = versions[i % len(versions)]
        timeout = float(i + 1)
        expected[call_id] = (version, timeout)
        calls.append(client.get_character(call_id, api_version=version, timeout=timeout))

    results = await asyncio.gather(*calls)

    assert [r.id for r in results] == [f"char_{i}" for i in range(40)]
    assert seen == expected
