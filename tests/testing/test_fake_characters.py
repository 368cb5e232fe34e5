"""
Characters on the fake, through the facade: both create flows, the review lifecycle, the
delete matrix, updates, uploads, pagination and the documented 400s.
"""

from __future__ import annotations

import httpx
import pytest

from aurous_async import (
    AsyncAurous,
    BadRequestError,
    InsufficientCreditsError,
    NotFoundError,
)
from aurous_async.testing import FakeAurous

from .helpers import error_of, put_upload, ready_character

ATTRIBUTES = {"gender": "female", "age": 28, "hair_color": "black"}


async def test_synthesis_is_synthesizing_then_reviewing_on_the_next_get(
    fake: FakeAurous, aurous: AsyncAurous
) -> None:
    """With the default delay of 0, create answers synthesizing and the next GET reviewing."""
    created = await aurous.create_character(name="Mia", generate=True, attributes=ATTRIBUTES)
    assert created.status == "synthesizing"
    assert created.refs == []
    fetched = await aurous.get_character(created.id)
    assert fetched.status == "reviewing"
    assert [ref.pose for ref in fetched.refs] == ["portrait", "front", "side", "back"]
    assert fake.team("team_a").credits == 996  # 4 generations charged at create time


async def test_synthesis_delay_follows_the_fake_clock() -> None:
    """A configured delay keeps the character synthesizing until the clock is advanced."""
    async with FakeAurous(synthesis_seconds=30) as fake, fake.client() as aurous:
        created = await aurous.create_character(name="Mia", generate=True, attributes={})
        fake.advance(29)
        assert (await aurous.get_character(created.id)).status == "synthesizing"
        fake.advance(1)
        assert (await aurous.get_character(created.id)).status == "reviewing"
        assert fake.team().characters[created.id].status == "reviewing"


async def test_save_moves_reviewing_to_ready_and_is_idempotent(aurous: AsyncAurous) -> None:
    """Save publishes a reviewing character; saving a ready one changes nothing."""
    created = await aurous.create_character(name="Mia", generate=True, attributes={})
    await aurous.wait_for_character(created.id, status="reviewing", poll_interval=0.01)
    assert (await aurous.save_character(created.id)).status == "ready"
    assert (await aurous.save_character(created.id)).status == "ready"


async def test_save_while_synthesizing_is_invalid_request_error() -> None:
    """Save from a non-savable state answers 400 invalid_request_error."""
    async with FakeAurous(synthesis_seconds=60) as fake, fake.client() as aurous:
        created = await aurous.create_character(name="Mia", generate=True, attributes={})
        with pytest.raises(BadRequestError) as caught:
            await aurous.save_character(created.id)
        assert caught.value.code == "invalid_request_error"


async def test_resynthesize_from_ready_charges_and_returns_to_ready(
    fake: FakeAurous, aurous: AsyncAurous
) -> None:
    """Resynthesize costs 4 and a ready character never goes back to reviewing."""
    character_id = await ready_character(fake, aurous)
    before = fake.team().credits
    resynthesized = await aurous.resynthesize_character(character_id, force_all=True)
    assert resynthesized.status == "synthesizing"
    assert fake.team().credits == before - 4
    assert (await aurous.get_character(character_id)).status == "ready"


async def test_regenerate_replaces_only_that_pose(aurous: AsyncAurous) -> None:
    """Regenerating one pose changes its ref and keeps the three others."""
    created = await aurous.create_character(name="Mia", generate=True, attributes={})
    before = {r.pose: r.url for r in (await aurous.get_character(created.id)).refs}
    await aurous.regenerate_character_ref(created.id, pose="side")
    after = {r.pose: r.url for r in (await aurous.get_character(created.id)).refs}
    assert after["side"] != before["side"]
    assert {p: after[p] for p in ("portrait", "front", "back")} == {
        p: before[p] for p in ("portrait", "front", "back")
    }


async def test_regenerate_with_a_bad_pose_names_the_param(
    aurous: AsyncAurous, http: httpx.AsyncClient
) -> None:
    """An unknown pose answers 400 invalid_request_error with param pose."""
    created = await aurous.create_character(name="Mia", generate=True, attributes={})
    response = await http.post(
        f"/v1/characters/{created.id}/refs/regenerate", json={"pose": "upside-down"}
    )
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["param"]) == ("invalid_request_error", "pose")


async def test_failed_synthesis_can_be_resynthesized(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """A scripted failure ends in failed with its message; resynthesize is allowed from there."""
    fake.next_outcome("character", "failed", error_message="moderation")
    created = await aurous.create_character(name="Mia", generate=True, attributes={})
    failed = await aurous.get_character(created.id)
    assert (failed.status, failed.error_message) == ("failed", "moderation")
    assert (await aurous.resynthesize_character(created.id)).status == "synthesizing"
    assert (await aurous.get_character(created.id)).status == "reviewing"


async def test_update_replaces_attributes_whole(aurous: AsyncAurous) -> None:
    """PATCH attributes drops every attribute not sent; the name is preserved."""
    created = await aurous.create_character(name="Mia", generate=True, attributes=ATTRIBUTES)
    updated = await aurous.update_character(created.id, attributes={"eye_color": "blue"})
    assert updated.attributes.to_dict() == {"eye_color": "blue"}
    assert updated.name == "Mia"
    renamed = await aurous.update_character(created.id, name="Mia B.")
    assert (renamed.name, renamed.attributes.to_dict()) == ("Mia B.", {"eye_color": "blue"})


async def test_update_rejects_unknown_keys_naming_the_first(
    aurous: AsyncAurous, http: httpx.AsyncClient
) -> None:
    """Keys outside name and attributes answer 400 invalid_request; param is the first one."""
    created = await aurous.create_character(name="Mia", generate=True, attributes={})
    response = await http.patch(
        f"/v1/characters/{created.id}", json={"name": "x", "status": "ready", "refs": []}
    )
    error = error_of(response)
    assert response.status_code == 400
    assert (error["code"], error["param"]) == ("invalid_request", "status")
    assert "refs" in error["message"]
    assert (await aurous.get_character(created.id)).name == "Mia"


async def test_upload_flow_consumes_tickets(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """Classify works until create consumes the ticket; then classify and reuse are invalid."""
    ticket = await aurous.init_character_upload(
        filename="side.png", extension="png", content_type="image/png"
    )
    assert ticket.upload_headers.to_dict() == {"Content-Type": "image/png"}
    assert (await put_upload(fake, ticket.upload_url)).status_code == 200
    classified = await aurous.classify_character_upload(upload_id=ticket.upload_id)
    assert (classified.pose, 0 <= classified.confidence <= 1) == ("side", True)
    character = await aurous.create_character(name="Noah", upload_ids=[ticket.upload_id])
    assert (character.status, [r.pose for r in character.refs]) == ("ready", ["side"])
    for attempt in (
        aurous.classify_character_upload(upload_id=ticket.upload_id),
        aurous.create_character(name="Again", upload_ids=[ticket.upload_id]),
    ):
        with pytest.raises(BadRequestError) as caught:
            await attempt
        assert caught.value.code == "upload_invalid"


async def test_another_teams_upload_is_not_found(aurous: AsyncAurous, other: AsyncAurous) -> None:
    """Classifying another team's ticket answers 404 resource_not_found."""
    ticket = await aurous.init_character_upload(
        filename="a.png", extension="png", content_type="image/png"
    )
    with pytest.raises(NotFoundError):
        await other.classify_character_upload(upload_id=ticket.upload_id)


async def test_upload_init_rejects_a_mismatched_content_type(http: httpx.AsyncClient) -> None:
    """extension png with image/jpeg answers 400 naming content_type."""
    response = await http.post(
        "/v1/characters/uploads/init",
        json={"filename": "a.png", "extension": "png", "content_type": "image/jpeg"},
    )
    assert response.status_code == 400
    assert error_of(response)["param"] == "content_type"


@pytest.mark.parametrize(
    "fields",
    [{"name": "x"}, {"name": "x", "generate": True, "upload_ids": ["upl_1"]}],
    ids=["neither", "both"],
)
async def test_create_needs_exactly_one_flow(
    aurous: AsyncAurous, fields: dict[str, object]
) -> None:
    """Both flows or neither answer 400 parameter_invalid_combination."""
    with pytest.raises(BadRequestError) as caught:
        await aurous.create_character(**fields)  # type: ignore[arg-type]
    assert caught.value.code == "parameter_invalid_combination"
    assert caught.value.param == "upload_ids"


async def test_synthesis_without_credits_is_402() -> None:
    """A team with less than 4 available credits cannot synthesize; nothing is created."""
    async with FakeAurous(credits=3) as fake, fake.client() as aurous:
        with pytest.raises(InsufficientCreditsError) as caught:
            await aurous.create_character(name="Mia", generate=True, attributes={})
        assert caught.value.code == "insufficient_credits"
        assert fake.team().characters == {}


# -- the delete matrix ------------------------------------------------------------------


async def _character_in(fake: FakeAurous, aurous: AsyncAurous, status: str) -> str:
    if status == "ready":
        return await ready_character(fake, aurous)
    if status == "failed":
        fake.next_outcome("character", "failed")
    if status == "synthesizing":
        fake.settings.synthesis_seconds = 60
    created = await aurous.create_character(name="Mia", generate=True, attributes={})
    assert (await aurous.get_character(created.id)).status == status
    return created.id


@pytest.mark.parametrize(
    ("status", "hard"),
    [("reviewing", True), ("ready", False), ("failed", False), ("synthesizing", False)],
)
async def test_delete_matrix(
    fake: FakeAurous, aurous: AsyncAurous, http: httpx.AsyncClient, status: str, hard: bool
) -> None:
    """reviewing is hard-deleted, every other status soft; then 404 everywhere."""
    character_id = await _character_in(fake, aurous, status)
    team = fake.team("team_a")
    first = await aurous.delete_character(character_id)
    assert (first.id, first.already_gone) == (character_id, False)
    if hard:
        assert character_id not in team.characters
        assert team.hard_deleted == [character_id]
    else:
        record = team.characters[character_id]
        assert (record.status, record.deleted_at is not None) == ("deleted", True)
        assert record.synth_due is None  # an in-flight synthesis is cancelled
    second = await aurous.delete_character(character_id)
    assert second.already_gone is True
    for method, path in [
        ("DELETE", ""),
        ("GET", ""),
        ("PATCH", ""),
        ("POST", "/save"),
    ]:
        response = await http.request(method, f"/v1/characters/{character_id}{path}", json={})
        assert response.status_code == 404, (method, path)
        assert error_of(response)["code"] == "resource_not_found"
    assert [c.id async for c in aurous.list_characters()] == []


async def test_cross_team_delete_is_404_and_changes_nothing(
    fake: FakeAurous, aurous: AsyncAurous, other: AsyncAurous
) -> None:
    """Another team's character answers 404 like a missing one; missing_ok makes it gone."""
    character_id = await ready_character(fake, aurous)
    with pytest.raises(NotFoundError) as caught:
        await other.delete_character(character_id)
    assert caught.value.code == "resource_not_found"
    with pytest.raises(NotFoundError) as missing:
        await other.delete_character("char_01UNKNOWN")
    assert missing.value.message == caught.value.message  # no existence leak
    assert (await other.delete_character(character_id, missing_ok=True)).already_gone
    assert fake.team("team_a").characters[character_id].status == "ready"


# -- listing ----------------------------------------------------------------------------


async def test_list_walks_pages_newest_first(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """async for with limit=2 walks 5 characters in 3 requests, newest first."""
    ids = [
        (await aurous.create_character(name=f"C{i}", generate=True, attributes={})).id
        for i in range(5)
    ]
    walked = [c.id async for c in aurous.list_characters(limit=2)]
    assert walked == ids[::-1]
    assert fake.count("list_characters") == 3
    first = await aurous.list_characters(limit=2)
    assert (first.has_more, first.next_cursor) == (True, ids[3])
    last = await aurous.list_characters(limit=2, starting_after=ids[1])
    assert ([c.id for c in last.data], last.has_more, last.next_cursor) == ([ids[0]], False, None)


async def test_list_filters_by_status(fake: FakeAurous, aurous: AsyncAurous) -> None:
    """The status filter keeps one lifecycle state."""
    reviewing = await aurous.create_character(name="R", generate=True, attributes={})
    ready = await ready_character(fake, aurous)
    page = await aurous.list_characters(status="ready")
    assert [c.id for c in page.data] == [ready]
    page = await aurous.list_characters(status="reviewing")
    assert [c.id for c in page.data] == [reviewing.id]


@pytest.mark.parametrize(
    ("query", "code", "param"),
    [
        ("limit=0", "value_out_of_range", "limit"),
        ("limit=101", "value_out_of_range", "limit"),
        ("limit=ten", "invalid_format", "limit"),
        ("status=cancelled", "invalid_request", "status"),
        ("starting_after=img_01X", "invalid_format", "starting_after"),
    ],
)
async def test_list_rejects_bad_parameters(
    http: httpx.AsyncClient, query: str, code: str, param: str
) -> None:
    """Limits outside 1-100, a non-filterable status and a foreign cursor answer 400."""
    response = await http.get(f"/v1/characters?{query}")
    assert response.status_code == 400
    error = error_of(response)
    assert (error["code"], error["param"]) == (code, param)
