"""
The idempotent-delete matrix of decisions.md ("Idempotent delete"), on delete_character.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
import respx

from aurous_async import (
    AsyncAurous,
    DeleteResult,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
)
from aurous_async._delete import DeleteTracker
from tests.conftest import BASE_URL, SleepRecorder
from tests.payloads import CHAR_ID, deleted_json, error_json

CHARACTER = f"{BASE_URL}/v1/characters/{CHAR_ID}"


def ok(id: str = CHAR_ID) -> httpx.Response:
    """A 200 answer to DELETE."""
    return httpx.Response(200, json=deleted_json(id), headers={"Aurous-Request-Id": "req_ok"})


def not_found() -> httpx.Response:
    """The 404 the API gives for an unknown, foreign or already deleted character."""
    return httpx.Response(
        404,
        json=error_json("resource_not_found", "No such character", type="not_found"),
        headers={"Aurous-Request-Id": "req_404"},
    )


async def test_delete_character_200_is_deleted_by_this_call(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Rule 1: a 200 means this call deleted it (already_gone False)."""
    route = respx_mock.delete(CHARACTER).mock(return_value=ok())

    result = await client.delete_character(CHAR_ID)

    assert route.call_count == 1
    assert result == DeleteResult(
        id=CHAR_ID, object="character", already_gone=False, request_id="req_ok"
    )


async def test_delete_character_200_then_404_is_already_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Rule 2: a 404 after this client saw a 200 for the id is success, already gone."""
    route = respx_mock.delete(CHARACTER).mock(side_effect=[ok(), not_found()])

    first = await client.delete_character(CHAR_ID)
    second = await client.delete_character(CHAR_ID)

    assert route.call_count == 2
    assert first.already_gone is False
    assert second.already_gone is True
    assert second.id == CHAR_ID
    assert second.object == "character"
    assert second.request_id == "req_404"


async def test_delete_character_404_without_evidence_raises_not_found(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Rule 4: a 404 for an id this client never deleted is a NotFoundError."""
    route = respx_mock.delete(CHARACTER).mock(return_value=not_found())

    with pytest.raises(NotFoundError) as caught:
        await client.delete_character(CHAR_ID)

    assert route.call_count == 1
    assert caught.value.status_code == 404
    assert caught.value.code == "resource_not_found"
    assert caught.value.type == "not_found"
    assert caught.value.request_id == "req_404"


async def test_delete_character_404_of_other_id_is_not_evidence(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Deleting one id is no evidence about another: its 404 still raises."""
    respx_mock.delete(CHARACTER).mock(return_value=ok())
    respx_mock.delete(f"{BASE_URL}/v1/characters/char_other").mock(return_value=not_found())

    await client.delete_character(CHAR_ID)
    with pytest.raises(NotFoundError):
        await client.delete_character("char_other")


async def test_delete_character_missing_ok_turns_404_into_already_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Rule 4: with missing_ok=True a 404 is success, already gone."""
    route = respx_mock.delete(CHARACTER).mock(return_value=not_found())

    result = await client.delete_character(CHAR_ID, missing_ok=True)

    assert route.call_count == 1
    assert result.already_gone is True
    assert result.id == CHAR_ID


async def test_delete_character_500_after_retries_raises_internal_server_error(
    client: AsyncAurous, respx_mock: respx.MockRouter, sleeps: SleepRecorder
) -> None:
    """Rule 5: a 500 that persists through every retry raises InternalServerError."""
    route = respx_mock.delete(CHARACTER).respond(500, json=error_json("server_error"))

    with pytest.raises(InternalServerError) as caught:
        await client.delete_character(CHAR_ID)

    assert route.call_count == 1 + client.max_retries
    assert len(sleeps.waits) == client.max_retries
    assert caught.value.status_code == 500


async def test_delete_character_missing_ok_does_not_hide_other_errors(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Rule 5: missing_ok only concerns 404; a 403 still raises PermissionDeniedError."""
    route = respx_mock.delete(CHARACTER).respond(403, json=error_json("missing_scope"))

    with pytest.raises(PermissionDeniedError) as caught:
        await client.delete_character(CHAR_ID, missing_ok=True)

    assert route.call_count == 1
    assert caught.value.code == "missing_scope"


async def test_delete_character_memory_is_bounded(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The memory keeps only the newest ids: the oldest forgotten id's 404 raises again."""
    client._shared.deletes = DeleteTracker(capacity=2)
    routes = {}
    for name in ("char_1", "char_2", "char_3"):
        routes[name] = respx_mock.delete(f"{BASE_URL}/v1/characters/{name}").mock(
            side_effect=[ok(name), not_found()]
        )

    for name in ("char_1", "char_2", "char_3"):
        assert (await client.delete_character(name)).already_gone is False

    with pytest.raises(NotFoundError):
        await client.delete_character("char_1")
    assert (await client.delete_character("char_3")).already_gone is True
    assert routes["char_1"].call_count == 2
    assert routes["char_3"].call_count == 2
    assert len(client._shared.deletes) == 2


async def test_delete_character_memory_is_shared_with_option_copies(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A with_options copy remembers what the original deleted (one memory per client)."""
    respx_mock.delete(CHARACTER).mock(side_effect=[ok(), not_found()])

    await client.delete_character(CHAR_ID)
    result = await client.with_options(timeout=5).delete_character(CHAR_ID)

    assert result.already_gone is True


async def test_delete_character_concurrent_calls_share_one_request(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Two concurrent deletes of one id send ONE request and both succeed."""
    release = asyncio.Event()

    async def slow_ok(request: httpx.Request) -> httpx.Response:
        await release.wait()
        return ok()

    route = respx_mock.delete(CHARACTER).mock(side_effect=slow_ok)

    async def release_soon() -> None:
        for _ in range(20):
            await asyncio.sleep(0)
        release.set()

    first, second, _ = await asyncio.gather(
        client.delete_character(CHAR_ID), client.delete_character(CHAR_ID), release_soon()
    )

    assert route.call_count == 1
    assert sorted([first.already_gone, second.already_gone]) == [False, True]
    assert first.id == second.id == CHAR_ID


async def test_delete_character_concurrent_calls_share_the_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """When the shared request fails, every concurrent caller gets the typed error."""

    async def slow_forbidden(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0)
        return httpx.Response(403, json=error_json("missing_scope"))

    route = respx_mock.delete(CHARACTER).mock(side_effect=slow_forbidden)

    results = await asyncio.gather(
        client.delete_character(CHAR_ID),
        client.delete_character(CHAR_ID),
        return_exceptions=True,
    )

    assert route.call_count == 1
    assert all(isinstance(r, PermissionDeniedError) for r in results), results


async def test_delete_character_read_timeout_then_404_is_already_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter, sleeps: SleepRecorder
) -> None:
    """Rule 3: after a read timeout (request sent, answer lost) the retry's 404 is success."""
    route = respx_mock.delete(CHARACTER).mock(
        side_effect=[httpx.ReadTimeout("read timed out"), not_found()]
    )

    result = await client.delete_character(CHAR_ID)

    assert route.call_count == 2
    assert len(sleeps.waits) == 1
    assert result.already_gone is True
    assert result.id == CHAR_ID


async def test_delete_character_connection_lost_then_404_is_already_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Rule 3: a connection dropped after sending (RemoteProtocolError) is also ambiguous."""
    route = respx_mock.delete(CHARACTER).mock(
        side_effect=[httpx.RemoteProtocolError("server disconnected"), not_found()]
    )

    result = await client.delete_character(CHAR_ID)

    assert route.call_count == 2
    assert result.already_gone is True


async def test_delete_character_connect_error_then_404_raises_not_found(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A ConnectError proves the first attempt never reached the server: 404 still raises."""
    route = respx_mock.delete(CHARACTER).mock(
        side_effect=[httpx.ConnectError("connection refused"), not_found()]
    )

    with pytest.raises(NotFoundError) as caught:
        await client.delete_character(CHAR_ID)

    assert route.call_count == 2
    assert caught.value.code == "resource_not_found"


async def test_delete_character_ambiguity_does_not_leak_to_next_call(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An ambiguous attempt in one call is no evidence for a later, separate call."""
    other = f"{BASE_URL}/v1/characters/char_other"
    respx_mock.delete(CHARACTER).mock(side_effect=[httpx.ReadTimeout("lost"), ok()])
    respx_mock.delete(other).mock(return_value=not_found())

    await client.delete_character(CHAR_ID)
    with pytest.raises(NotFoundError):
        await client.delete_character("char_other")


async def test_delete_character_follower_takes_over_from_a_cancelled_leader(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """If the call that owns the in-flight DELETE is cancelled, a waiting caller sends its own."""
    first_sent = asyncio.Event()
    calls = 0

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            first_sent.set()
            await asyncio.sleep(30)  # the leader's request never answers
        return ok()

    respx_mock.delete(CHARACTER).mock(side_effect=answer)
    leader = asyncio.create_task(client.delete_character(CHAR_ID))
    await first_sent.wait()
    follower = asyncio.create_task(client.delete_character(CHAR_ID))
    for _ in range(5):
        await asyncio.sleep(0)
    leader.cancel()
    result = await asyncio.wait_for(follower, timeout=5)
    assert leader.cancelled()
    assert calls == 2
    assert result.already_gone is False


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_delete_character_5xx_after_execution_then_404_is_already_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter, status: int
) -> None:
    """A gateway error that followed the server's commit, then the retry's 404: already gone."""
    route = respx_mock.delete(CHARACTER).mock(
        side_effect=[httpx.Response(status, json=error_json("upstream")), not_found()]
    )
    result = await client.delete_character(CHAR_ID)
    assert result.already_gone is True and route.call_count == 2


async def test_delete_character_5xx_exhausted_then_next_call_404_is_already_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Retries end on 503s; the caller's next delete of that id treats its 404 as gone."""
    respx_mock.delete(CHARACTER).mock(
        side_effect=[httpx.Response(503, json=error_json("down"))] * 3 + [not_found()]
    )
    with pytest.raises(InternalServerError):
        await client.delete_character(CHAR_ID)
    result = await client.delete_character(CHAR_ID)
    assert result.already_gone is True


async def test_delete_character_cancelled_after_write_then_new_delete_is_already_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A call cancelled (wait_for) after its DELETE reached the server leaves evidence."""
    calls = 0

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            await asyncio.sleep(30)  # the server deleted; the answer never comes in time
        return not_found()

    respx_mock.delete(CHARACTER).mock(side_effect=answer)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(client.delete_character(CHAR_ID), 0.2)
    result = await client.delete_character(CHAR_ID)
    assert result.already_gone is True and calls == 2


async def test_delete_character_follower_of_a_cancelled_leader_gets_already_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The leader is cancelled after sending; its follower's own DELETE 404s: already gone."""
    first_sent = asyncio.Event()
    calls = 0

    async def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            first_sent.set()
            await asyncio.sleep(30)
        return not_found()

    respx_mock.delete(CHARACTER).mock(side_effect=answer)
    leader = asyncio.create_task(client.delete_character(CHAR_ID))
    await first_sent.wait()
    follower = asyncio.create_task(client.delete_character(CHAR_ID))
    for _ in range(5):
        await asyncio.sleep(0)
    leader.cancel()
    result = await asyncio.wait_for(follower, timeout=5)
    assert leader.cancelled() and calls == 2
    assert result.already_gone is True


async def test_delete_character_cancelled_before_sending_is_no_evidence(
    respx_mock: respx.MockRouter,
) -> None:
    """A call cancelled while queued for a slot never sent its DELETE: a later 404 raises."""
    release = asyncio.Event()

    async def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("char_busy"):
            await release.wait()
            return ok("char_busy")
        return not_found()

    respx_mock.delete(url__startswith=f"{BASE_URL}/v1/characters/").mock(side_effect=answer)
    async with AsyncAurous(api_key="al_live_k", max_concurrency=1) as client:
        busy = asyncio.create_task(client.delete_character("char_busy"))
        await asyncio.sleep(0.05)
        queued = asyncio.create_task(client.delete_character(CHAR_ID))
        await asyncio.sleep(0.05)
        queued.cancel()
        await asyncio.gather(queued, return_exceptions=True)
        release.set()
        await busy
        with pytest.raises(NotFoundError):
            await client.delete_character(CHAR_ID)


def test_possibly_deleted_memory_is_bounded() -> None:
    """The possibly-deleted memory keeps the newest ids up to its capacity."""
    tracker = DeleteTracker(capacity=3)
    for key in ("a", "b", "c", "d"):
        tracker.remember_possibly(key)
    assert [tracker.is_gone(key) for key in "abcd"] == [False, True, True, True]
    tracker.remember("b")
    assert tracker.was_deleted("b") and tracker.is_gone("b")
