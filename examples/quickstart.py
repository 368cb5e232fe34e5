"""
Quickstart: the main jobs of the Aurous SDK, one printed step at a time.

Against the local fake (no key, no network, no credits)::

    make demo

Against the real API (spends credits: a synthesis costs 4 generations, each image 1)::

    AUROUS_API_KEY=al_live_... AUROUS_DEMO_LIVE=1 python examples/quickstart.py

Set ``AUROUS_DEMO_PHOTO=face.jpg`` to upload your own photo instead of a generated
placeholder. The program exits non-zero as soon as a step does not behave as documented.
"""

from __future__ import annotations

import asyncio
import os
import struct
import sys
import uuid
import zlib
from typing import Literal

import httpx

from aurous_async import AsyncAurous, BadRequestError, NotFoundError


class StepFailed(Exception):
    """A step did not behave as the API documents."""


def check(condition: bool, what: str) -> None:
    if not condition:
        raise StepFailed(what)


def placeholder_png(size: int = 64) -> bytes:
    """A small valid PNG, standing in for the photo of a real person."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = (b"\x00" + b"\xd4\xaf\x37" * size) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


Extension = Literal["png", "jpg", "jpeg", "webp"]
ContentType = Literal["image/png", "image/jpeg", "image/webp"]
PHOTO_TYPES: dict[str, tuple[Extension, ContentType]] = {
    "png": ("png", "image/png"),
    "jpg": ("jpg", "image/jpeg"),
    "jpeg": ("jpeg", "image/jpeg"),
    "webp": ("webp", "image/webp"),
}


def photo() -> tuple[bytes, Extension, ContentType]:
    """The image to upload, with its extension and content type."""
    path = os.environ.get("AUROUS_DEMO_PHOTO")
    if not path:
        return placeholder_png(), "png", "image/png"
    extension, content_type = PHOTO_TYPES[path.rsplit(".", 1)[-1].lower()]
    with open(path, "rb") as f:
        return f.read(), extension, content_type


async def upload_character(client: AsyncAurous, name: str, filename: str) -> str:
    """Create a character from one photo: ticket, PUT to storage, classify, create."""
    data, extension, content_type = photo()
    ticket = await client.init_character_upload(
        filename=filename, extension=extension, content_type=content_type
    )
    # The upload URL is signed: never send your API key there.
    async with httpx.AsyncClient() as storage:
        response = await storage.put(
            ticket.upload_url, content=data, headers=ticket.upload_headers.to_dict()
        )
        response.raise_for_status()
    pose = await client.classify_character_upload(upload_id=ticket.upload_id)
    print(f"   uploaded {filename}: pose {pose.pose} (confidence {pose.confidence:.2f})")
    character = await client.create_character(name=name, upload_ids=[ticket.upload_id])
    check(character.status == "ready", f"an uploaded character is ready, got {character.status}")
    print(f"   created {character.id} ({name}) from the upload: {character.status}")
    return character.id


async def run() -> None:
    async with AsyncAurous() as client:
        print(f"Aurous API at {client.base_url}")

        print("1. Synthesize a character from attributes")
        mia = await client.create_character(
            name="Mia",
            generate=True,
            attributes={"gender": "female", "age": 28, "hair_color": "black"},
        )
        print(f"   created {mia.id}: {mia.status}")
        mia = await client.wait_for_character(mia.id, poll_interval=1.0)
        check(mia.status == "reviewing", f"synthesis ends in reviewing, got {mia.status}")
        print(f"   {mia.status} with {len(mia.refs)} refs: {', '.join(r.pose for r in mia.refs)}")

        print("2. Delete it while reviewing (a hard delete), then delete it again")
        first = await client.delete_character(mia.id)
        check(not first.already_gone, "the first delete deletes it")
        print(f"   deleted {first.id} (request {first.request_id})")
        second = await client.delete_character(mia.id)
        check(second.already_gone, "the second delete reports already gone")
        print("   deleting again: already gone, no exception")

        print("3. Create two characters from uploaded photos")
        noah = await upload_character(client, "Noah", "noah-front.png")
        ava = await upload_character(client, "Ava", "ava-portrait.png")

        print("4. Generate an image of Noah with an idempotency key, and wait for it")
        key = str(uuid.uuid4())
        image = await client.create_image(
            prompt="Noah reading in a sunlit cafe", character_id=noah, idempotency_key=key
        )
        held = image.cost.amount if image.cost else "?"
        print(f"   created {image.id}: {image.status} (holds {held} credits)")
        again = await client.create_image(
            prompt="Noah reading in a sunlit cafe", character_id=noah, idempotency_key=key
        )
        check(again.id == image.id, "a retry with the same key returns the same generation")
        print(f"   retried with the same key: same generation {again.id}, nothing charged twice")
        image = await client.wait_for_image(image.id, poll_interval=1.0)
        check(image.status == "succeeded", f"the image succeeds, got {image.status}")
        data = await client.download_image_output(image.id, 0)
        check(data[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1"), "an image")
        print(f"   {image.status}: downloaded {len(data)} bytes of output 0")

        print("5. List characters with async for (one per page)")
        seen = []
        async for character in client.list_characters(limit=1):
            seen.append(character.id)
            if len(seen) <= 5:
                print(f"   {character.id} {character.name}: {character.status}")
        check({noah, ava} <= set(seen), "the list holds both uploaded characters")
        check(mia.id not in seen, "a deleted character is not listed")

        print("6. Delete the uploaded characters (ready: a soft delete); they are gone")
        for character_id in (noah, ava):
            await client.delete_character(character_id)
            try:
                await client.get_character(character_id)
            except NotFoundError as exc:
                print(f"   {character_id}: deleted, GET answers 404 {exc.code}")
            else:
                raise StepFailed("a deleted character answers 404")

        print("7. A bad request raises a typed error")
        try:
            await client.create_character(name="Nobody")  # neither upload_ids nor generate
        except BadRequestError as exc:
            check(exc.code == "parameter_invalid_combination", f"documented code, got {exc.code}")
            print(f"   BadRequestError {exc.status_code} {exc.code}: {exc.message}")
            print(f"   request id {exc.request_id} (quote it to support)")
        else:
            raise StepFailed("a character with neither flow is rejected")

    print("All steps behaved as documented.")


def main() -> int:
    if not os.environ.get("AUROUS_BASE_URL") and os.environ.get("AUROUS_DEMO_LIVE") != "1":
        print(
            "This demo spends credits on the real API. Run `make demo` for the local fake, "
            "or set AUROUS_DEMO_LIVE=1 to run it live.",
            file=sys.stderr,
        )
        return 2
    try:
        asyncio.run(run())
    except StepFailed as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
