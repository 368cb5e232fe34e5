"""
Cross-cutting behaviour of the fake: keys and teams, the error envelope and request ids,
versions, idempotency, rate limits and fault injection, seen through the facade and raw httpx.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from aurous_async import (
    API_VERSION,
    APIConnectionError,
    APITimeoutError,
    AsyncAurous,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    PermissionDeniedError,
    RateLimitError,
)
from aurous_async.testing import FakeAurous, RateLimit

from .helpers import error_of

# -- keys and teams ---------------------------------------------------------------------


async def test_missing_key_is_401_missing_api_key(fake: FakeAurous) -> None:
    """No X-Api-Key: 401 missing_api_key in the envelope, with request id and version."""
    async with httpx.AsyncClient(transport=fake.transport(), base_url=fake.base_url) as raw:
        response = await raw.get("/v1/balance")
    assert response.status_code == 401
    error = error_of(response)
    assert (error["type"], error["code"]) == ("authentication", "missing_api_key")
    assert error["request_id"].startswith("req_")
    assert response.headers["Aurous-Version"] == API_VERSION


@pytest.mark.parametrize("revoked", [False, True], ids=["unknown", "revoked"])
async def test_bad_keys_are_401(fake: FakeAurous, revoked: bool) -> None:
    """An unknown key is invalid_api_key; a revoked one revoked_api_key."""
    key = "al_live_" + "9" * 64
    if revoked:
        fake.state.add_key("team_a", key).revoked = True
    async with fake.client(api_key=key) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.get_balance()
    assert caught.value.code == ("revoked_api_key" if revoked else "invalid_api_key")


async def test_a_read_key_cannot_write(fake: FakeAurous) -> None:
    """A read-scope key may GET but a POST answers 403 missing_scope."""
    key = fake.state.add_key("team_a", scope="read").key
    async with fake.client(api_key=key) as client:
        assert (await client.get_team()).id == "team_a"
        with pytest.raises(PermissionDeniedError) as caught:
            await client.create_image(prompt="x")
    assert caught.value.code == "missing_scope"


async def test_keys_of_one_team_share_resources(fake: FakeAurous) -> None:
    """A second key of team_a sees team_a's images; Bearer is accepted as an alias."""
    second = fake.state.add_key("team_a").key
    async with fake.client() as first_client, fake.client(api_key=second) as second_client:
        image = await first_client.create_image(prompt="x")
        assert (await second_client.get_image(image.id)).id == image.id
    async with httpx.AsyncClient(transport=fake.transport(), base_url=fake.base_url) as raw:
        response = await raw.get("/v1/team", headers={"Authorization": f"Bearer {second}"})
    assert response.json()["id"] == "team_a"


async def test_other_teams_resources_look_missing(
    aurous: AsyncAurous, other: AsyncAurous, fake: FakeAurous
) -> None:
    """Images and webhook endpoints of team_a are 404 for team_b, same message as unknown."""
    image = await aurous.create_image(prompt="x")
    endpoint = await aurous.create_webhook_endpoint(url="https://e.com/h", events=["*"])
    raw_b = fake.http_client("team_b")
    for path, unknown in [
        (f"/v1/images/{image.id}", "/v1/images/img_unknown"),
        (f"/v1/webhook_endpoints/{endpoint.id}", "/v1/webhook_endpoints/we_unknown"),
    ]:
        theirs, missing = await raw_b.get(path), await raw_b.get(unknown)
        assert theirs.status_code == missing.status_code == 404
        assert error_of(theirs)["message"] == error_of(missing)["message"]
    assert [g.id async for g in other.list_images()] == []


# -- versions and envelopes -------------------------------------------------------------


async def test_version_is_echoed(fake: FakeAurous, http: httpx.AsyncClient) -> None:
    """The pinned version is echoed; an earlier date is accepted; none means the team's pin."""
    assert (await http.get("/v1/team")).headers["Aurous-Version"] == API_VERSION
    older = await http.get("/v1/pricing", headers={"Aurous-Version": "2026-01-01"})
    assert (older.headers["Aurous-Version"], older.json()["version"]) == (
        "2026-01-01",
        "2026-01-01",
    )
    fake.team().default_api_version = "2026-03-01"
    assert (await http.get("/v1/team")).headers["Aurous-Version"] == "2026-03-01"


@pytest.mark.parametrize("version", ["2027-01-01", "2026-02-30", "latest"])
async def test_unknown_versions_are_400(http: httpx.AsyncClient, version: str) -> None:
    """Later, impossible or malformed dates answer 400 unknown_version."""
    response = await http.get("/v1/pricing", headers={"Aurous-Version": version})
    error = error_of(response)
    assert (response.status_code, error["code"], error["param"]) == (
        400,
        "unknown_version",
        "Aurous-Version",
    )


async def test_unknown_version_through_the_facade(fake: FakeAurous) -> None:
    """The facade surfaces unknown_version as BadRequestError carrying the request id."""
    async with fake.client(api_version="2030-01-01") as client:
        with pytest.raises(BadRequestError) as caught:
            await client.get_pricing()
    assert caught.value.code == "unknown_version"
    assert caught.value.request_id == fake.requests[-1].request_id


async def test_unknown_routes_and_methods(http: httpx.AsyncClient) -> None:
    """An unknown path is 404; a wrong method is 405 with Allow."""
    assert (await http.get("/v1/nothing")).status_code == 404
    response = await http.put("/v1/images")
    assert (response.status_code, response.headers["Allow"]) == (405, "GET, POST")


# -- idempotency ------------------------------------------------------------------------


async def test_idempotent_replay_and_conflict(fake: FakeAurous, http: httpx.AsyncClient) -> None:
    """Same key and body replays with the header; another body or route is 409."""
    key = {"Idempotency-Key": "order-42"}
    first = await http.post("/v1/images", json={"prompt": "a", "seed": 1}, headers=key)
    replay = await http.post("/v1/images", json={"seed": 1, "prompt": "a"}, headers=key)
    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.json()["id"] == first.json()["id"]
    assert "Aurous-Idempotent-Replayed" not in first.headers
    assert replay.headers["Aurous-Idempotent-Replayed"] == "true"
    assert replay.headers["Aurous-Request-Id"] != first.headers["Aurous-Request-Id"]
    for path, body in [("/v1/images", {"prompt": "b"}), ("/v1/videos", {"prompt": "a"})]:
        conflict = await http.post(path, json=body, headers=key)
        assert (conflict.status_code, error_of(conflict)["code"]) == (409, "idempotency_key_in_use")
    assert len(fake.team().images) == 1
    assert fake.team().credits == 1000 - 1  # charged once


async def test_idempotency_is_per_team_and_expires(fake: FakeAurous) -> None:
    """Another team may use the same key; after 24 h the key starts fresh."""
    key = {"Idempotency-Key": "k"}
    a, b = fake.http_client("team_a"), fake.http_client("team_b")
    first = (await a.post("/v1/images", json={"prompt": "x"}, headers=key)).json()["id"]
    assert (await b.post("/v1/images", json={"prompt": "x"}, headers=key)).status_code == 201
    fake.advance(24 * 3600 + 1)
    fresh = await a.post("/v1/images", json={"prompt": "x"}, headers=key)
    assert fresh.json()["id"] != first and "Aurous-Idempotent-Replayed" not in fresh.headers


async def test_a_rejected_request_is_evaluated_again() -> None:
    """A 4xx is not cached: after topping up, the same key and body create the image."""
    async with FakeAurous(credits=0) as fake, fake.client() as client:
        with pytest.raises(Exception, match="balance"):
            await client.create_image(prompt="x", idempotency_key="k")
        fake.team().credits = 10
        image = await client.create_image(prompt="x", idempotency_key="k")
        assert image.status == "pending"


async def test_in_flight_key_is_409(fake: FakeAurous, http: httpx.AsyncClient) -> None:
    """While the first request runs, the same key answers 409 without Retry-After."""
    fake.inject("create_image", delay=0.2)
    key = {"Idempotency-Key": "slow"}
    first = asyncio.create_task(http.post("/v1/images", json={"prompt": "x"}, headers=key))
    await asyncio.sleep(0.05)
    second = await http.post("/v1/images", json={"prompt": "x"}, headers=key)
    assert (second.status_code, error_of(second)["code"]) == (409, "idempotency_key_in_use")
    assert "Retry-After" not in second.headers
    assert (await first).status_code == 201


async def test_facade_retries_replay_after_a_lost_answer(
    fake: FakeAurous, aurous: AsyncAurous
) -> None:
    """drop="after": the image is created, the answer lost; the SDK's retry gets the replay."""
    fake.inject("create_image", drop="after")
    image = await aurous.create_image(prompt="x")
    assert len(fake.team().images) == 1 and fake.team().images[0].id == image.id
    assert [(r.status, r.replayed) for r in fake.requests] == [(None, False), (201, True)]


# -- rate limits ------------------------------------------------------------------------


async def test_rate_limits_are_off_by_default(http: httpx.AsyncClient) -> None:
    """Without rate limits there are no X-RateLimit headers and no 429."""
    responses = [await http.get("/v1/team") for _ in range(5)]
    assert all("X-RateLimit-Limit" not in r.headers for r in responses)


async def test_rate_limit_429_with_headers() -> None:
    """An empty bucket answers 429 too_many_requests with Retry-After and X-RateLimit-*."""
    limits = {"images_post": RateLimit(per_minute=6, burst=2)}
    async with FakeAurous(rate_limits=limits) as fake:
        http = fake.http_client()
        ok = [await http.post("/v1/images", json={"prompt": "x"}) for _ in range(2)]
        assert [r.headers["X-RateLimit-Remaining"] for r in ok] == ["1", "0"]
        assert ok[0].headers["X-RateLimit-Limit"] == "2"
        limited = await http.post("/v1/images", json={"prompt": "x"})
        error = error_of(limited)
        assert (limited.status_code, error["code"], error["type"]) == (
            429,
            "too_many_requests",
            "rate_limit",
        )
        assert "param" not in error
        assert limited.headers["Retry-After"] == "10"
        assert int(limited.headers["X-RateLimit-Reset"]) > fake.clock.now()
        other_bucket = await http.get("/v1/team")  # buckets are separate
        assert other_bucket.status_code == 200
        team_b = await fake.http_client("team_b").post("/v1/images", json={"prompt": "x"})
        assert team_b.status_code == 201  # and per team
        fake.advance(10)
        assert (await http.post("/v1/images", json={"prompt": "x"})).status_code == 201


async def test_facade_waits_retry_after_on_the_fake_clock() -> None:
    """The SDK sleeps Retry-After (fake clock, no wall time) and the retry succeeds."""
    async with FakeAurous(rate_limits={"characters_get": RateLimit(60, 1)}) as fake:
        async with fake.client() as client:
            await client.list_characters()
            before = fake.clock.now()
            await client.list_characters()
            assert fake.clock.now() - before >= 1
            assert [r.status for r in fake.requests] == [200, 429, 200]
        async with fake.client(max_retries=0) as impatient:
            with pytest.raises(RateLimitError) as caught:
                await impatient.list_characters()
            assert caught.value.retry_after == 1


async def test_rate_limits_can_be_switched_at_runtime(
    fake: FakeAurous, http: httpx.AsyncClient
) -> None:
    """set_rate_limits turns limiting on with overrides, and off again."""
    fake.set_rate_limits(True, {"get": RateLimit(60, 1)})
    assert (await http.get("/v1/team")).status_code == 200
    assert (await http.get("/v1/team")).status_code == 429
    fake.set_rate_limits(False)
    assert (await http.get("/v1/team")).status_code == 200
    with pytest.raises(ValueError):
        fake.set_rate_limits(True, {"nope": RateLimit(1, 1)})


# -- fault injection --------------------------------------------------------------------


async def test_injected_503s_are_retried_by_the_sdk(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """Two 503s then success: three requests, one image, the same idempotency key each time."""
    fault = fake.inject("POST /v1/images", status=503, times=2)
    image = await aurous.create_image(prompt="x")
    assert (fault.hits, fault.active) == (2, False)
    assert [r.status for r in fake.requests] == [503, 503, 201]
    assert len({r.idempotency_key for r in fake.requests}) == 1
    assert fake.team().images[0].id == image.id


async def test_faults_can_outlast_the_retries(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """A fault without a limit fails every attempt until cleared; its status picks the class."""
    fault = fake.inject("get_balance", status=500, code="internal_error", times=None)
    with pytest.raises(InternalServerError) as caught:
        await aurous.get_balance()
    assert caught.value.code == "internal_error"
    assert fake.count("get_balance", status=500) == 3
    fault.clear()
    assert (await aurous.get_balance()).currency == "credit"


async def test_dropped_connections(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """A dropped GET is retried; with no retries left it is an APIConnectionError."""
    fake.inject("get_team", drop=True)
    assert (await aurous.get_team()).id == "team_a"
    fake.inject("get_team", drop=True)
    with pytest.raises(APIConnectionError):
        await aurous.get_team(max_retries=0)


async def test_delays_trigger_client_timeouts(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """A delay longer than the read timeout is an APITimeoutError in process too."""
    fake.inject("get_team", delay=1.0)
    with pytest.raises(APITimeoutError):
        await aurous.get_team(timeout=0.05, max_retries=0)


async def test_faults_can_target_one_team(
    fake: FakeAurous, aurous: AsyncAurous, other: AsyncAurous
) -> None:
    """A team-scoped fault leaves other teams alone; an unknown route is refused."""
    fake.inject("get_team", status=503, team="team_b", times=None)
    assert (await aurous.get_team()).id == "team_a"
    with pytest.raises(InternalServerError):
        await other.get_team(max_retries=0)
    with pytest.raises(ValueError):
        fake.inject("get_teams", status=503)


async def test_conflict_is_a_typed_error(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """A reused key with another body surfaces as ConflictError (after the SDK's retries)."""
    await aurous.create_image(prompt="a", idempotency_key="same")
    with pytest.raises(ConflictError) as caught:
        await aurous.create_image(prompt="b", idempotency_key="same", max_retries=0)
    assert caught.value.code == "idempotency_key_in_use"
    assert fake.count("create_image", status=409) == 1
