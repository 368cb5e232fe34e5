"""
Helpers shared by the fake's tests.
"""

from __future__ import annotations

from typing import Any

import httpx

from aurous_async import AsyncAurous
from aurous_async.testing import FakeAurous
from aurous_async.testing._media import png

PNG = png(16, 16)


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The error object of an envelope, checked against the request id header."""
    error = response.json()["error"]
    assert error["request_id"] == response.headers["Aurous-Request-Id"]
    return error  # type: ignore[no-any-return]


async def put_upload(fake: FakeAurous, url: str, data: bytes = PNG) -> httpx.Response:
    """PUT bytes to a signed upload URL, without an API key, as a user would."""
    async with httpx.AsyncClient(transport=fake.transport()) as storage:
        return await storage.put(url, content=data, headers={"Content-Type": "image/png"})


async def ready_character(fake: FakeAurous, client: AsyncAurous, name: str = "Noah") -> str:
    """A ``ready`` character made through the upload flow; returns its id."""
    ticket = await client.init_character_upload(
        filename=f"{name.lower()}-front.png", extension="png", content_type="image/png"
    )
    assert (await put_upload(fake, ticket.upload_url)).status_code == 200
    character = await client.create_character(name=name, upload_ids=[ticket.upload_id])
    assert character.status == "ready"
    return character.id
