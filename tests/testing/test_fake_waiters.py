"""
Waiters run on the fake's clock: a 30 s generation is waited for without 30 s passing.
"""

from __future__ import annotations

import time

from aurous_async.testing import FakeAurous


async def test_waiters_advance_the_fake_clock_instead_of_sleeping() -> None:
    """wait_for_image / wait_for_character finish at once against slow fake timings."""
    async with FakeAurous(image_seconds=30, synthesis_seconds=60) as fake:
        client = fake.client()
        started = time.monotonic()
        image = await client.create_image(prompt="a lighthouse")
        assert image.status != "succeeded"
        done = await client.wait_for_image(image.id)
        character = await client.create_character(name="Mia", generate=True, attributes={})
        settled = await client.wait_for_character(character.id)
        elapsed = time.monotonic() - started
    assert done.status == "succeeded"
    assert settled.status == "reviewing"
    assert elapsed < 5  # the fake clock moved, not the real one
