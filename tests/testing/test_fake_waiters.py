"""
Waiters run on the fake's clock: slow fake timings are waited out by advancing it.
"""

from __future__ import annotations

from aurous_async.testing import FakeAurous


async def test_waiters_advance_the_fake_clock_instead_of_sleeping() -> None:
    """wait_for_image / wait_for_character finish at once against slow fake timings."""
    async with FakeAurous(image_seconds=30, synthesis_seconds=60) as fake:
        client = fake.client()
        started = fake.clock.now()
        image = await client.create_image(prompt="a lighthouse")
        assert image.status != "succeeded"
        done = await client.wait_for_image(image.id)
        character = await client.create_character(name="Mia", generate=True, attributes={})
        settled = await client.wait_for_character(character.id)
        advanced = fake.clock.now() - started
    assert done.status == "succeeded"
    assert settled.status == "reviewing"
    assert advanced >= 60  # the waiters' sleeps moved the frozen fake clock
