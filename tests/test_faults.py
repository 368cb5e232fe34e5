"""
Failures inside an answer's body (cut short, stalled, undecodable), redirect loops and
unsendable URLs: each is an `AurousError`, retried when safe, executed at most once.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from pathlib import Path

import pytest

from aurous_async import (
    APIConnectionError,
    APITimeoutError,
    AsyncAurous,
    ConflictError,
    InternalServerError,
    InvalidArgumentError,
    NotFoundError,
)

from .conftest import API_KEY, instant
from .loopback import Action, Request, serve
from .payloads import CHAR_ID, character_json, deleted_json, error_json

BOUND = 10.0


def _generation(id: str) -> dict[str, object]:
    created = "2026-05-15T10:00:00Z"
    return {"id": id, "object": "inference", "status": "pending", "created_at": created}


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Action(body=character_json(), truncate=20), APIConnectionError),
        (Action(body=character_json(), body_stall=2.0), APITimeoutError),
        (
            Action(body=b"not gzip at all", headers={"Content-Encoding": "gzip"}),
            APIConnectionError,
        ),
    ],
    ids=["truncated", "stalled", "corrupt-gzip"],
)
async def test_body_failures_are_retried_then_typed(fault: Action, error: type[Exception]) -> None:
    """A GET whose body fails is retried; what remains is an AurousError, never raw httpx."""

    def handler(request: Request) -> Action:
        return fault

    async with serve(handler) as server:
        async with AsyncAurous(
            api_key=API_KEY, base_url=server.url, timeout=0.3, max_retries=2
        ) as client:
            instant(client)
            with pytest.raises(error) as caught:
                await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)
    assert type(caught.value) is error
    assert len(server.requests) == 3


@pytest.mark.usefixtures("backend")
async def test_body_failure_then_success_returns_the_model() -> None:
    """A truncated first answer is retried and the second, whole answer parses."""

    def handler(request: Request) -> Action:
        if len(server.requests) == 1:
            return Action(body=character_json(), truncate=10)
        return Action(body=character_json())

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            instant(client)
            character = await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)
    assert character.id == CHAR_ID and len(server.requests) == 2


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(
    ("status", "error", "attempts"),
    [(404, NotFoundError, 1), (409, ConflictError, 1), (503, InternalServerError, 3)],
)
async def test_error_answer_cut_short_keeps_its_typed_exception(
    status: int, error: type[Exception], attempts: int
) -> None:
    """An error answer whose body is cut short still raises the class its status decides."""

    def handler(request: Request) -> Action:
        return Action(status=status, body=error_json("whatever"), truncate=5)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, timeout=1.0) as client:
            instant(client)
            with pytest.raises(error) as caught:
                await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)
    assert caught.value.status_code == status  # type: ignore[attr-defined]
    assert len(server.requests) == attempts


@pytest.mark.usefixtures("backend")
async def test_create_image_whose_201_stalls_is_retried_under_the_same_key() -> None:
    """A stalled 201 body is retried by the SDK with the same key: one image exists."""
    created: dict[str, str] = {}

    def handler(request: Request) -> Action:
        key = request.headers["idempotency-key"]
        first = key not in created
        created.setdefault(key, f"img_{len(created) + 1}")
        body = _generation(created[key])
        if first:
            return Action(status=201, body=body, body_stall=2.0)
        return Action(status=201, body=body, headers={"Aurous-Idempotent-Replayed": "true"})

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, timeout=0.3) as client:
            instant(client)
            image = await asyncio.wait_for(client.create_image(prompt="a lighthouse"), BOUND)
    keys = [r.headers["idempotency-key"] for r in server.requests]
    assert len(keys) == 2 and len(set(keys)) == 1 and uuid.UUID(keys[0]).version == 4
    assert image.id == "img_1" and len(created) == 1


@pytest.mark.usefixtures("backend")
async def test_keyless_post_whose_answer_is_cut_is_not_replayed() -> None:
    """save_character's body cut short: executed once, APIConnectionError, no retry."""

    def handler(request: Request) -> Action:
        return Action(body=character_json(), truncate=10)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            instant(client)
            with pytest.raises(APIConnectionError):
                await asyncio.wait_for(client.save_character(CHAR_ID), BOUND)
    assert len(server.requests) == 1


@pytest.mark.usefixtures("backend")
async def test_delete_character_whose_200_body_is_cut_is_already_gone_on_retry() -> None:
    """The server deletes, the 200's body is cut; the retry's 404 means already gone."""
    alive = {CHAR_ID}

    def handler(request: Request) -> Action:
        if CHAR_ID not in alive:
            return Action(status=404, body=error_json("resource_not_found"))
        alive.discard(CHAR_ID)
        return Action(body=deleted_json(), truncate=8)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            instant(client)
            result = await asyncio.wait_for(client.delete_character(CHAR_ID), BOUND)
    assert result.already_gone is True and len(server.requests) == 2


@pytest.mark.usefixtures("backend")
async def test_redirect_loop_is_a_connection_error() -> None:
    """A route redirecting to itself ends with APIConnectionError, not httpx.TooManyRedirects."""

    def handler(request: Request) -> Action:
        return Action(status=302, headers={"Location": request.path})

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            with pytest.raises(APIConnectionError, match="redirects"):
                await asyncio.wait_for(client.get_character(CHAR_ID), BOUND)
    assert 2 < len(server.requests) <= 25


@pytest.mark.usefixtures("backend")
async def test_id_too_long_for_a_url_is_refused_before_sending() -> None:
    """An id too long for a URL raises InvalidArgumentError; nothing reaches the server."""

    def handler(request: Request) -> Action:
        return Action(body=character_json())

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            with pytest.raises(InvalidArgumentError):
                await client.get_character("c" * 70_000)
    assert server.requests == []


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize("method", ["download", "stream", "save"])
async def test_downloads_cut_short_raise_aurous_errors(method: str, tmp_path: Path) -> None:
    """Every download style reports a body cut short as APIConnectionError."""

    def handler(request: Request) -> Action:
        return Action(body=b"v" * 50_000, headers={"Content-Type": "video/mp4"}, truncate=1000)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            with pytest.raises(APIConnectionError):
                if method == "download":
                    await client.download_video_output("vid_1")
                elif method == "stream":
                    async with client.stream_video_output("vid_1") as response:
                        async for _ in response.aiter_bytes():
                            pass
                else:
                    await client.save_video_output("vid_1", tmp_path / "out.mp4")


@pytest.mark.usefixtures("backend")
async def test_save_output_cut_short_keeps_the_existing_file(tmp_path: Path) -> None:
    """A download cut halfway leaves a good existing file untouched and no partial file."""
    target = tmp_path / "lighthouse.png"
    target.write_bytes(b"the good old image")

    def handler(request: Request) -> Action:
        return Action(body=b"p" * 200_000, headers={"Content-Type": "image/png"}, truncate=70_000)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            with pytest.raises(APIConnectionError):
                await client.save_image_output("img_1", target)
    assert target.read_bytes() == b"the good old image"
    assert os.listdir(tmp_path) == ["lighthouse.png"]


@pytest.mark.usefixtures("backend")
async def test_save_output_replaces_the_file_only_when_complete(tmp_path: Path) -> None:
    """A whole download replaces the target atomically and keeps its permissions."""
    target = tmp_path / "waves.mp4"
    target.write_bytes(b"old")
    target.chmod(0o640)
    payload = os.urandom(300_000)

    def handler(request: Request) -> Action:
        return Action(body=payload, headers={"Content-Type": "video/mp4"})

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url) as client:
            written = await client.save_video_output("vid_1", target)
    assert written == len(payload) and target.read_bytes() == payload
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["waves.mp4"]


@pytest.mark.usefixtures("backend")
async def test_save_output_shorter_than_content_length_is_refused(tmp_path: Path) -> None:
    """A body that ends cleanly before its Content-Length is never written to the target."""
    target = tmp_path / "new.png"

    def handler(request: Request) -> Action:
        # Declares 5000 bytes, closes after 4000: a proxy that lost the end.
        return Action(body=b"q" * 5000, headers={"Content-Type": "image/png"}, truncate=4000)

    async with serve(handler) as server:
        async with AsyncAurous(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
            with pytest.raises(APIConnectionError):
                await client.save_image_output("img_1", target)
    assert not target.exists() and os.listdir(tmp_path) == []
