"""
Images and videos on the fake: lifecycle timing, holds and charges, cancel, estimates from the
rate card, the documented 400s, and output downloads (bytes, 302, 410, 422, Range).
"""

from __future__ import annotations

import httpx
import pytest

from aurous_async import (
    AsyncAurous,
    AuthenticationError,
    BadRequestError,
    GoneError,
    InsufficientCreditsError,
    NotFoundError,
    UnprocessableEntityError,
)
from aurous_async.testing import FakeAurous

from .helpers import PNG, error_of, ready_character


async def test_image_lifecycle_follows_the_clock_and_charges_on_success() -> None:
    """pending → processing → succeeded by the configured times; the hold becomes a charge."""
    async with FakeAurous(queue_seconds=2, image_seconds=5) as fake, fake.client() as aurous:
        created = await aurous.create_image(prompt="a lighthouse", count=2)
        assert created.status == "pending"
        team = fake.team()
        assert (team.credits, team.held_credits) == (1000, 2)
        assert (await aurous.get_balance()).available_credits == 998
        fake.advance(2)
        assert (await aurous.get_image(created.id)).status == "processing"
        fake.advance(5)
        done = await aurous.get_image(created.id)
        assert (done.status, len(done.output_urls or [])) == ("succeeded", 2)
        assert (team.credits, team.held_credits) == (998, 0)
        assert len(team.images) == 1


async def test_a_failed_generation_releases_its_hold(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """A scripted failure ends failed with its message and nothing is charged."""
    fake.next_outcome("image", "moderation_rejected", error_message="Content policy violation")
    created = await aurous.create_image(prompt="x")
    done = await aurous.wait_for_image(created.id, poll_interval=0.01)
    assert (done.status, done.error_message) == ("moderation_rejected", "Content policy violation")
    assert (fake.team().credits, fake.team().held_credits) == (1000, 0)
    with pytest.raises(UnprocessableEntityError) as caught:
        await aurous.download_image_output(created.id, 0)
    assert caught.value.code == "output_not_available"


async def test_cancel_releases_the_hold_and_is_idempotent() -> None:
    """Cancel of a pending generation refunds the hold; again is a no-op 200."""
    async with FakeAurous(image_seconds=60) as fake, fake.client() as aurous:
        created = await aurous.create_image(prompt="x", enhance_prompt=True)
        assert fake.team().held_credits == 2
        cancelled = await aurous.cancel_image(created.id)
        assert cancelled.status == "cancelled"
        assert (fake.team().held_credits, fake.team().credits) == (0, 1000)
        assert (await aurous.cancel_image(created.id)).status == "cancelled"
        assert fake.count("cancel_image", status=200) == 2


async def test_cancel_of_a_succeeded_generation_is_not_cancellable(aurous: AsyncAurous) -> None:
    """A terminal generation answers 400 generation_not_cancellable."""
    created = await aurous.create_image(prompt="x")
    await aurous.wait_for_image(created.id, poll_interval=0.01)
    with pytest.raises(BadRequestError) as caught:
        await aurous.cancel_image(created.id)
    assert caught.value.code == "generation_not_cancellable"


async def test_estimates_follow_the_rate_card(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """Image: base × count, enhance doubles. Video: 0.5 × resolution factor × seconds."""
    image = await aurous.estimate_image(prompt="x", count=3, enhance_prompt=True)
    assert image.estimated_cost.amount == 6
    assert image.estimated_cost.breakdown.to_dict() == {"base": 3, "enhance": 3}
    video = await aurous.estimate_video(
        video_lora_id="seedance-1-pro", prompt="waves", resolution="720p", duration=4
    )
    assert video.estimated_cost.amount == 3  # 0.5 × 1.5 × 4
    lora_default = await aurous.estimate_video(video_lora_id="seedance-1-pro", prompt="waves")
    assert lora_default.estimated_cost.amount == 6.25  # the LoRA's 1080p, 5 s
    assert fake.team().generations == {}
    assert fake.team().held_credits == 0


async def test_the_character_must_be_ready(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """A reviewing or soft-deleted character answers 400 character_not_ready."""
    reviewing = await aurous.create_character(name="Mia", generate=True, attributes={})
    deleted = await ready_character(fake, aurous)
    await aurous.delete_character(deleted)
    for character_id in (reviewing.id, deleted):
        with pytest.raises(BadRequestError) as caught:
            await aurous.create_image(prompt="x", character_id=character_id)
        assert (caught.value.code, caught.value.param) == ("character_not_ready", "character_id")
    ready = await ready_character(fake, aurous)
    image = await aurous.create_image(prompt="x", character_id=ready)
    assert image.character_id == ready


async def test_another_teams_character_is_not_found(
    fake: FakeAurous, aurous: AsyncAurous, other: AsyncAurous
) -> None:
    """Using another team's character answers 404, like an unknown one."""
    character_id = await ready_character(fake, aurous)
    with pytest.raises(NotFoundError):
        await other.create_image(prompt="x", character_id=character_id)


@pytest.mark.parametrize(
    ("body", "code", "param"),
    [
        ({}, "missing_field", "prompt"),
        ({"prompt": "   "}, "missing_field", "prompt"),
        (
            {"prompt": "x", "character_id": "char_1", "reference_image_urls": ["https://a/b.png"]},
            "mutually_exclusive_input",
            "character_id",
        ),
        ({"prompt": "x", "size": "2k_1_1", "width": 1024}, "parameter_invalid_combination", "size"),
        ({"prompt": "x", "width": 1024}, "missing_field", "height"),
        ({"prompt": "x", "width": 512, "height": 1024}, "value_out_of_range", "width"),
        ({"prompt": "x", "size": "8k_1_1"}, "invalid_format", "size"),
        ({"prompt": "x", "steps": 0}, "value_out_of_range", "steps"),
        ({"prompt": "x", "promt": "typo"}, "invalid_request", "promt"),
        (
            {"prompt": "x", "reference_image_urls": ["http://a/b.png"]},
            "invalid_format",
            "reference_image_urls",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
async def test_create_image_validation(
    fake: FakeAurous, http: httpx.AsyncClient, body: dict[str, object], code: str, param: str
) -> None:
    """Invalid bodies answer 400 with the documented code and param; nothing is created."""
    response = await http.post("/v1/images", json=body)
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["param"], error["type"]) == (code, param, "invalid_request")
    assert fake.team().generations == {}


async def test_dimensions_snap_to_32(aurous: AsyncAurous) -> None:
    """Custom width and height are snapped to multiples of 32; presets set both."""
    custom = await aurous.create_image(prompt="x", width=1030, height=1500)
    assert (custom.width, custom.height) == (1024, 1504)
    preset = await aurous.create_image(prompt="x", size="2k_16_9")
    assert (preset.width, preset.height, preset.size_preset) == (2048, 1152, "2k_16_9")


async def test_balance_too_low_is_402() -> None:
    """A generation costing more than the available credits answers 402 balance_too_low."""
    async with FakeAurous(credits=1.5) as fake, fake.client() as aurous:
        await aurous.create_image(prompt="x")  # holds 1
        with pytest.raises(InsufficientCreditsError) as caught:
            await aurous.create_image(prompt="x")
        assert caught.value.code == "balance_too_low"
        assert len(fake.team().images) == 1


async def test_loras_resolve_by_slug_and_stay_private(
    fake: FakeAurous, aurous: AsyncAurous, other: AsyncAurous
) -> None:
    """lora_id takes a slug; team_a's private style is unknown to team_b."""
    image = await aurous.create_image(prompt="x", lora_id="golden-hour")
    assert isinstance(image.loras, list) and image.loras[0].name == "Golden Hour Photography"
    await aurous.create_image(prompt="x", lora_id="team-style")
    with pytest.raises(NotFoundError) as caught:
        await other.create_image(prompt="x", lora_id="team-style")
    assert caught.value.param == "lora_id"


async def test_reference_files_must_be_the_teams(aurous: AsyncAurous, other: AsyncAurous) -> None:
    """A file_ reference works for its team and is 404 for another."""
    file = await aurous.upload_file(PNG, purpose="reference", filename="ref.png")
    image = await aurous.create_image(prompt="x", reference_image_urls=[file.id])
    assert image.reference_image_urls == [file.id]
    with pytest.raises(NotFoundError):
        await other.create_image(prompt="x", reference_image_urls=[file.id])


async def test_list_images_pages_both_ways(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """Images and videos list newest first; ending_before walks back towards newer rows."""
    ids = [(await aurous.create_image(prompt=f"{i}")).id for i in range(3)]
    ids.append((await aurous.create_video(video_lora_id="seedance-1-lite", prompt="v")).id)
    walked = [g.id async for g in aurous.list_images(limit=3)]
    assert walked == ids[::-1]
    assert fake.count("list_images") == 2
    newer = [g.id async for g in aurous.list_images(limit=1, ending_before=ids[0])]
    assert newer == ids[1:]  # one page each, oldest first from the cursor


async def test_video_needs_its_model(http: httpx.AsyncClient) -> None:
    """video_lora_id is required; an unknown one is 404."""
    missing = await http.post("/v1/videos", json={"prompt": "waves"})
    assert (missing.status_code, error_of(missing)["param"]) == (400, "video_lora_id")
    unknown = await http.post("/v1/videos", json={"prompt": "w", "video_lora_id": "nope"})
    assert unknown.status_code == 404


# -- outputs ----------------------------------------------------------------------------


async def test_image_output_bytes_then_410_after_expiry(
    fake: FakeAurous, aurous: AsyncAurous
) -> None:
    """The output downloads as a PNG until the TTL; then 410 output_expired."""
    created = await aurous.create_image(prompt="x")
    await aurous.wait_for_image(created.id, poll_interval=0.01)
    data = await aurous.download_image_output(created.id, 0)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(NotFoundError):
        await aurous.download_image_output(created.id, 1)
    fake.advance(24 * 3600 + 1)
    with pytest.raises(GoneError) as caught:
        await aurous.download_image_output(created.id, 0)
    assert caught.value.code == "output_expired"


async def test_pending_output_is_not_available() -> None:
    """A generation still running has no output: 422."""
    async with FakeAurous(image_seconds=10) as fake, fake.client() as aurous:
        created = await aurous.create_image(prompt="x")
        with pytest.raises(UnprocessableEntityError):
            await aurous.download_image_output(created.id, 0)


async def test_output_urls_work_without_a_key_but_not_with_a_bad_token(
    fake: FakeAurous, aurous: AsyncAurous
) -> None:
    """The signed output URL loads without X-Api-Key; a wrong token is 401."""
    created = await aurous.create_image(prompt="x")
    done = await aurous.get_image(created.id)
    assert done.output_urls
    async with httpx.AsyncClient(transport=fake.transport()) as anonymous:
        ok = await anonymous.get(done.output_urls[0])
        assert (ok.status_code, ok.headers["content-type"]) == (200, "image/png")
        bad = await anonymous.get(done.output_urls[0][:-4] + "0000")
        assert (bad.status_code, error_of(bad)["code"]) == (401, "invalid_token")
    with pytest.raises(AuthenticationError):
        async with fake.client(api_key="al_live_" + "c" * 64) as stranger:
            await stranger.download_image_output(created.id, 0)


async def test_redirected_output_reaches_another_origin_without_the_key() -> None:
    """In redirect mode the proxy answers 302 to another host; the SDK follows it keyless."""
    async with FakeAurous(image_output="redirect") as fake, fake.client() as aurous:
        created = await aurous.create_image(prompt="x")
        await aurous.get_image(created.id)
        raw = await fake.http_client().get(f"/v1/images/{created.id}/output/0")
        assert raw.status_code == 302
        assert raw.headers["location"].startswith("https://cdn.fake.aurous.test/")
        data = await aurous.download_image_output(created.id, 0)
        assert data.startswith(b"\x89PNG")
        assert fake.count("cdn_image_output", status=200) == 1


async def test_video_output_supports_ranges(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """A Range request answers 206 with exactly those bytes; past the end is 416."""
    video = await aurous.create_video(video_lora_id="seedance-1-pro", prompt="waves")
    done = await aurous.wait_for_image(video.id, poll_interval=0.01)
    assert done.output_video_url and done.media_type == "video"
    whole = await aurous.download_video_output(video.id)
    assert whole[4:8] == b"ftyp"
    part = await aurous.download_video_output(video.id, byte_range=(10, 19))
    assert part == whole[10:20]
    response = await fake.http_client().get(
        f"/v1/videos/{video.id}/output", headers={"Range": "bytes=10-19"}
    )
    assert response.status_code == 206
    assert response.headers["content-range"] == f"bytes 10-19/{len(whole)}"
    beyond = await fake.http_client().get(
        f"/v1/videos/{video.id}/output", headers={"Range": f"bytes={len(whole)}-"}
    )
    assert beyond.status_code == 416
