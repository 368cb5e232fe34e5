"""
A user's program with one deliberate mistake per marked line; mypy and pyright must reject
each of them in strict mode.

Type-checked by ``tests/test_typing.py``, never run or collected by pytest. Every line that
ends in ``# mistake: <name>`` must get an error from both checkers, and no other line may.
"""

from __future__ import annotations

from aurous_async import AsyncAurous
from aurous_async.models import Character, GenerationResponse
from aurous_async.testing import FakeAurous


async def mistakes(client: AsyncAurous, fake: FakeAurous) -> None:
    """Each marked line is an error a user's type checker must catch."""
    image = await client.get_image("img_1")
    character: Character = image  # mistake: wrong-model-type
    await client.create_image(prompt="a lighthouse", sizee="2k_16_9")  # mistake: misspelled-keyword
    print(image.no_such_field)  # mistake: unknown-model-attribute
    raw = await client.with_raw_response.get_character("char_1")
    print(raw.parsed.no_such_field)  # mistake: unknown-raw-parsed-attribute
    await client.with_raw_response.get_charakter("char_1")  # mistake: unknown-raw-method
    wrong: GenerationResponse = raw.parsed  # mistake: wrong-raw-parsed-type
    fake.client(max_retriez=3)  # mistake: misspelled-fake-client-keyword
    print(character, wrong)
