"""
The shared transport layer with respx: retries, idempotency keys, rate-limit errors, logging,
deprecation and version warnings.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
import warnings

import httpx
import pytest
import respx

from aurous_async import (
    AsyncAurous,
    AurousDeprecationWarning,
    InternalServerError,
    RateLimitError,
    VersionMismatchWarning,
)
from aurous_async._logging import logger, setup_from_env

from .conftest import API_KEY, BASE_URL, SleepRecorder

CHARACTER = {
    "id": "char_1",
    "object": "character",
    "name": "Mina",
    "status": "synthesizing",
    "refs": [],
    "attributes": {},
    "error_message": None,
    "aurous_version": "2026-05-15",
    "created_at": "2026-05-15T10:00:00Z",
    "updated_at": "2026-05-15T10:00:00Z",
}


def _err(status: int, code: str = "internal_error", **headers: str) -> httpx.Response:
    return httpx.Response(
        status, headers=headers, json={"error": {"code": code, "message": f"failed: {code}"}}
    )


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_is_retried_with_backoff_then_succeeds(
    client: AsyncAurous, sleeps: SleepRecorder, respx_mock: respx.MockRouter
) -> None:
    """Two 5xx answers then a 200: three attempts, exponential waits between them."""
    route = respx_mock.get("/v1/characters/char_1").mock(
        side_effect=[_err(503), _err(520), httpx.Response(200, json=CHARACTER)]
    )
    character = await client.get_character("char_1")
    assert character.id == "char_1"
    assert route.call_count == 3
    assert len(sleeps.waits) == 2
    assert 0.375 <= sleeps.waits[0] <= 0.5 and 0.75 <= sleeps.waits[1] <= 1.0


@pytest.mark.respx(base_url=BASE_URL)
async def test_retries_exhausted_raise_the_last_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """After max_retries the last answer's typed error is raised."""
    route = respx_mock.get("/v1/characters/char_1").mock(return_value=_err(500))
    with pytest.raises(InternalServerError):
        await client.get_character("char_1")
    assert route.call_count == 3


@pytest.mark.respx(base_url=BASE_URL)
async def test_max_retries_per_call_and_with_options(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Per-call max_retries and with_options(max_retries=...) change attempts only there."""
    route = respx_mock.get("/v1/characters/char_1").mock(return_value=_err(500))
    with pytest.raises(InternalServerError):
        await client.get_character("char_1", max_retries=0)
    assert route.call_count == 1
    patient = client.with_options(max_retries=4)
    with pytest.raises(InternalServerError):
        await patient.get_character("char_1")
    assert route.call_count == 1 + 5
    assert client.max_retries == 2 and patient.max_retries == 4
    assert patient._shared is client._shared


@pytest.mark.respx(base_url=BASE_URL)
async def test_resynthesize_character_reuses_one_generated_idempotency_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Every retry of one call carries the same UUID4 key; the next call gets a new key."""
    route = respx_mock.post("/v1/characters/char_1/resynthesize").mock(
        side_effect=[
            _err(502),
            _err(409, "idempotency_key_in_use"),
            httpx.Response(200, json=CHARACTER),
            httpx.Response(200, json=CHARACTER),
        ]
    )
    await client.resynthesize_character("char_1")
    await client.resynthesize_character("char_1")
    keys = [call.request.headers["Idempotency-Key"] for call in route.calls]
    assert keys[0] == keys[1] == keys[2] != keys[3]
    assert uuid.UUID(keys[0]).version == 4


@pytest.mark.respx(base_url=BASE_URL)
async def test_callers_idempotency_key_is_sent_and_replay_is_visible(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A caller's key is sent as is; with_raw_response shows the server's replay flag."""
    route = respx_mock.post("/v1/characters/char_1/refs/regenerate").mock(
        return_value=httpx.Response(
            200,
            json=CHARACTER,
            headers={"Aurous-Idempotent-Replayed": "true", "Aurous-Request-Id": "req_9"},
        )
    )
    raw = await client.with_raw_response.regenerate_character_ref(
        "char_1", pose="front", idempotency_key="my-key-1"
    )
    assert route.calls.last.request.headers["Idempotency-Key"] == "my-key-1"
    assert raw.idempotent_replayed is True
    assert raw.request_id == "req_9" and raw.status_code == 200
    assert raw.parsed.id == "char_1"


@pytest.mark.respx(base_url=BASE_URL)
async def test_keyless_post_is_not_retried_after_it_may_have_run(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """save_character has no Idempotency-Key: a 503 or a read error is not retried."""
    route = respx_mock.post("/v1/characters/char_1/save").mock(return_value=_err(503))
    with pytest.raises(InternalServerError):
        await client.save_character("char_1")
    assert route.call_count == 1
    assert "Idempotency-Key" not in route.calls.last.request.headers


@pytest.mark.respx(base_url=BASE_URL)
async def test_keyless_post_is_retried_after_a_connect_failure(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A connect error proves the request never left: even a keyless POST is retried."""
    route = respx_mock.post("/v1/characters/char_1/save").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json=CHARACTER)]
    )
    assert (await client.save_character("char_1")).id == "char_1"
    assert route.call_count == 2


@pytest.mark.respx(base_url=BASE_URL)
@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
async def test_other_4xx_are_never_retried(
    client: AsyncAurous, respx_mock: respx.MockRouter, status: int
) -> None:
    """Client errors other than 408/409-in-flight/429 are raised after one attempt."""
    route = respx_mock.get("/v1/characters/char_1").mock(return_value=_err(status, "nope"))
    with pytest.raises(Exception) as caught:
        await client.get_character("char_1")
    assert getattr(caught.value, "status_code", None) == status
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_rate_limit_error_reads_ietf_headers(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """RateLimit-* headers (no X- prefix) fill the same fields as X-RateLimit-*."""
    respx_mock.get("/v1/characters/char_1").mock(
        return_value=_err(
            429,
            "too_many_requests",
            **{"RateLimit-Limit": "240", "RateLimit-Remaining": "0", "RateLimit-Reset": "5"},
        )
    )
    with pytest.raises(RateLimitError) as caught:
        await client.get_character("char_1", max_retries=0)
    error = caught.value
    assert (error.limit, error.remaining, error.reset) == (240, 0, 5)
    assert error.retry_after == 5
    assert error.code == "too_many_requests"


@pytest.mark.respx(base_url=BASE_URL)
async def test_log_records_each_attempt_without_the_key(
    client: AsyncAurous, respx_mock: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    """Each attempt is logged with method, path, status, attempt, wait and request id."""
    respx_mock.get("/v1/characters/char_1").mock(
        side_effect=[
            _err(503, **{"Aurous-Request-Id": "req_a"}),
            httpx.Response(200, json=CHARACTER, headers={"Aurous-Request-Id": "req_b"}),
        ]
    )
    with caplog.at_level(logging.INFO, logger="aurous_async"):
        await client.get_character("char_1")
    messages = [record.getMessage() for record in caplog.records]
    assert any(
        "GET /v1/characters/char_1 -> 503 attempt=1 request_id=req_a; retrying in" in m
        for m in messages
    )
    assert any("GET /v1/characters/char_1 -> 200 attempt=2 request_id=req_b" in m for m in messages)
    assert API_KEY not in caplog.text


async def test_aurous_log_env_installs_one_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    """AUROUS_LOG=debug turns on one stderr handler at DEBUG level, idempotently."""
    monkeypatch.setenv("AUROUS_LOG", "debug")
    before = list(logger.handlers)
    try:
        setup_from_env()
        setup_from_env()
        added = [h for h in logger.handlers if h not in before]
        assert len(added) == 1 and logger.level == logging.DEBUG
    finally:
        for handler in logger.handlers[:]:
            if handler not in before:
                logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)


@pytest.mark.respx(base_url=BASE_URL)
async def test_deprecation_header_warns_once_per_route(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Aurous-Deprecated / Sunset on answers raise one AurousDeprecationWarning per route."""
    respx_mock.get(url__regex=r"/v1/characters/char_\d").mock(
        return_value=httpx.Response(
            200,
            json=CHARACTER,
            headers={"Aurous-Deprecated": "route", "Sunset": "Tue, 04 Aug 2026 00:00:00 GMT"},
        )
    )
    # A FutureWarning (issue "Hardening" overrides decisions.md's DeprecationWarning, which
    # Python hides outside __main__).
    with pytest.warns(AurousDeprecationWarning, match="Aurous-Deprecated: route") as caught:
        await client.get_character("char_1")
        await client.get_character("char_2")
    assert len([w for w in caught if issubclass(w.category, AurousDeprecationWarning)]) == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_version_echo_mismatch_warns_once_per_client(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A different echoed Aurous-Version warns once; matching echoes never warn."""
    respx_mock.get("/v1/characters/char_1").mock(
        return_value=httpx.Response(200, json=CHARACTER, headers={"Aurous-Version": "2027-01-01"})
    )
    with pytest.warns(VersionMismatchWarning, match="2027-01-01") as caught:
        await client.get_character("char_1")
        await client.get_character("char_1")
    assert len(caught) == 1
    respx_mock.get("/v1/characters/char_2").mock(
        return_value=httpx.Response(200, json=CHARACTER, headers={"Aurous-Version": "2026-05-15"})
    )
    async with AsyncAurous(api_key=API_KEY) as fresh:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            await fresh.get_character("char_2")


@pytest.mark.respx(base_url=BASE_URL)
async def test_cancel_during_backoff_stops_retrying_at_once(respx_mock: respx.MockRouter) -> None:
    """A call cancelled while it waits to retry sends nothing more."""
    import asyncio

    route = respx_mock.get("/v1/characters/char_1").mock(
        return_value=_err(503, **{"Retry-After": "30"})
    )
    async with AsyncAurous(api_key=API_KEY) as client:
        task = asyncio.create_task(client.get_character("char_1"))
        while not route.called:
            await asyncio.sleep(0.001)
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.05)
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_extra_headers_and_key_never_follow_a_cross_origin_redirect(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """extra_headers and the key reach the API but not a redirect's CDN."""
    respx_mock.get("/v1/images/img_1/output/0").respond(
        302, headers={"Location": "https://cdn.example.test/o.png"}
    )
    cdn = respx_mock.get("https://cdn.example.test/o.png").respond(200, content=b"png")
    data = await client.download_image_output("img_1", 0, extra_headers={"X-Trace": "t1"})
    assert data == b"png"
    first = respx_mock.calls[0].request
    assert first.headers["X-Trace"] == "t1" and first.headers["X-Api-Key"] == API_KEY
    sent = cdn.calls.last.request.headers
    assert "X-Trace" not in sent and "X-Api-Key" not in sent


@pytest.mark.parametrize("key", ["", "k" * 257])
async def test_idempotency_key_length_is_checked_before_sending(
    client: AsyncAurous, key: str
) -> None:
    """An Idempotency-Key must be 1 to 256 characters; others fail before any request."""
    from aurous_async import InvalidArgumentError

    with respx.mock(base_url=BASE_URL, assert_all_called=False) as mock:
        route = mock.post("/v1/characters/char_1/resynthesize")
        with pytest.raises(InvalidArgumentError, match="idempotency_key"):
            await client.resynthesize_character("char_1", idempotency_key=key)
    assert not route.called


async def test_connection_limits_configure_the_pool() -> None:
    """connection_limits reach the pool; the default is 1000 connections, 100 kept alive."""
    async with (
        AsyncAurous(api_key=API_KEY, connection_limits=httpx.Limits(max_connections=3)) as small,
        AsyncAurous(api_key=API_KEY) as default,
    ):
        small_pool = small._shared.transport.inner._pool  # type: ignore[attr-defined]
        default_pool = default._shared.transport.inner._pool  # type: ignore[attr-defined]
        assert small_pool._max_connections == 3
        assert default_pool._max_connections == 1000
        assert default_pool._max_keepalive_connections == 100


@pytest.mark.respx(base_url=BASE_URL)
@pytest.mark.parametrize(("rand", "expected"), [(0.0, 2.0), (1.0, 2.2)])
async def test_server_directed_wait_is_never_shortened_only_spread(
    client: AsyncAurous,
    sleeps: SleepRecorder,
    respx_mock: respx.MockRouter,
    rand: float,
    expected: float,
) -> None:
    """Retry-After: 2 waits between 2 s and 2.2 s, so throttled callers do not retry in step."""
    client._shared.transport._rand = lambda: rand
    respx_mock.get("/v1/characters/char_1").mock(
        side_effect=[_err(429, **{"Retry-After": "2"}), httpx.Response(200, json=CHARACTER)]
    )
    await client.get_character("char_1")
    assert sleeps.waits == [pytest.approx(expected)]


async def test_concurrency_slots_return_with_prebuilt_mock_answers() -> None:
    """Answers that arrive already read (httpx.MockTransport) free their slot at once."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=CHARACTER)

    mock = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncAurous(api_key=API_KEY, http_client=mock, max_concurrency=2) as client:
        async with asyncio.timeout(5):  # a leaked slot would block the third call forever
            for _ in range(10):
                await client.get_character("char_1")
        gate = client._shared.transport._gate
        assert gate is not None and gate.available == 2
    await mock.aclose()
