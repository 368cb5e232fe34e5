"""
Forward-compatible parsing ("parse leniently") and what happens when a success body is
genuinely malformed: APIResponseValidationError, never a bare KeyError/TypeError/ValueError.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
import respx

from aurous_async import APIResponseValidationError, AsyncAurous
from aurous_async._generated.types import Unset
from aurous_async.models import Character
from tests.conftest import BASE_URL
from tests.payloads import CHAR_ID, character_json, page_json

CHARACTERS = f"{BASE_URL}/v1/characters"
CHARACTER = f"{CHARACTERS}/{CHAR_ID}"


async def get_parsed(
    client: AsyncAurous, respx_mock: respx.MockRouter, body: dict[str, Any]
) -> Character:
    """Serve *body* as the character and return what get_character parsed."""
    respx_mock.get(CHARACTER).respond(200, json=body)
    return await client.get_character(CHAR_ID)


@pytest.mark.parametrize(
    "status",
    ["synthesizing", "reviewing", "ready", "failed", "deleted", "cancelled", "archived", ""],
)
async def test_get_character_any_status_string_parses(
    client: AsyncAurous, respx_mock: respx.MockRouter, status: str
) -> None:
    """status is an open set: known values and new ones parse unchanged."""
    character = await get_parsed(client, respx_mock, character_json(status=status))

    assert character.status == status


async def test_get_character_unknown_pose_parses(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A ref with a pose added later (three_quarter) parses as that string."""
    refs = [
        {"pose": "three_quarter", "url": "https://x.test/1"},
        {"pose": "portrait", "url": "https://x.test/2"},
    ]
    character = await get_parsed(client, respx_mock, character_json(refs=refs))

    assert [ref.pose for ref in character.refs] == ["three_quarter", "portrait"]


async def test_classify_character_upload_unknown_pose_parses(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The classification's pose is an open set too."""
    respx_mock.post(f"{CHARACTERS}/uploads/classify").respond(
        200, json={"upload_id": "upl_1", "pose": "overhead", "confidence": 0.4}
    )

    result = await client.classify_character_upload(upload_id="upl_1")

    assert result.pose == "overhead"


async def test_get_character_unknown_fields_kept(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Fields the spec does not know are kept in additional_properties, at every level."""
    body = character_json(
        thumbnail_url="https://x.test/thumb.png",
        metadata={"tier": "gold"},
        attributes={"gender": "female", "tattoos": "none"},
        refs=[{"pose": "front", "url": "https://x.test/1", "width": 1024}],
    )

    character = await get_parsed(client, respx_mock, body)

    assert character.additional_properties == {
        "thumbnail_url": "https://x.test/thumb.png",
        "metadata": {"tier": "gold"},
    }
    assert character["thumbnail_url"] == "https://x.test/thumb.png"
    assert character.attributes.gender == "female"
    assert character.attributes.additional_properties == {"tattoos": "none"}
    assert character.refs[0].additional_properties == {"width": 1024}


async def test_list_characters_unknown_page_fields_kept(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A list page with extra fields parses and keeps them."""
    body = {**page_json(["c1"], has_more=False, next_cursor=None), "total_count": 1}
    respx_mock.get(CHARACTERS).respond(200, json=body)

    page = await client.list_characters()

    assert page.additional_properties == {"total_count": 1}
    assert [c.id for c in page.data] == ["c1"]


async def test_get_character_optional_fields_may_be_missing(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A character without client_reference_id and deleted_at (older pages) parses."""
    body = character_json()
    assert "client_reference_id" not in body and "deleted_at" not in body

    character = await get_parsed(client, respx_mock, body)

    assert isinstance(character.client_reference_id, Unset)  # absent, not null
    assert isinstance(character.deleted_at, Unset)
    assert "client_reference_id" not in character.to_dict()
    assert character.id == CHAR_ID


async def test_get_character_optional_fields_may_be_null(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """client_reference_id and deleted_at may be null."""
    character = await get_parsed(
        client, respx_mock, character_json(client_reference_id=None, deleted_at=None)
    )

    assert character.client_reference_id is None
    assert character.deleted_at is None


async def test_get_character_deleted_at_parsed_as_datetime(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A soft-deleted character's deleted_at parses to an aware datetime."""
    character = await get_parsed(
        client,
        respx_mock,
        character_json(status="deleted", deleted_at="2026-06-01T08:30:00+00:00"),
    )

    assert character.deleted_at == datetime.datetime(2026, 6, 1, 8, 30, tzinfo=datetime.UTC)


async def test_get_character_failed_has_error_message(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A failed character carries its error_message string."""
    character = await get_parsed(
        client, respx_mock, character_json(status="failed", error_message="moderation_rejected")
    )

    assert character.error_message == "moderation_rejected"


def without(field: str) -> dict[str, Any]:
    """A character body lacking one required field."""
    body = character_json()
    del body[field]
    return body


MALFORMED = [
    pytest.param(character_json(object="image"), id="object-const-mismatch"),
    pytest.param(without("id"), id="missing-id"),
    pytest.param(without("object"), id="missing-object"),
    pytest.param(without("name"), id="missing-name"),
    pytest.param(without("status"), id="missing-status"),
    pytest.param(without("refs"), id="missing-refs"),
    pytest.param(without("attributes"), id="missing-attributes"),
    pytest.param(without("created_at"), id="missing-created_at"),
    pytest.param(character_json(created_at="yesterday"), id="bad-created_at"),
    pytest.param(character_json(updated_at="2026-13-45T99:00:00Z"), id="bad-updated_at"),
    pytest.param(character_json(created_at=1747300000), id="numeric-created_at"),
    pytest.param(character_json(refs=None), id="null-refs"),
    pytest.param(character_json(refs=[{"pose": "front"}]), id="ref-missing-url"),
    pytest.param(character_json(attributes="tall"), id="attributes-not-object"),
    pytest.param([], id="array-body"),
    pytest.param("character", id="string-body"),
    pytest.param(None, id="null-body"),
]


@pytest.mark.parametrize("body", MALFORMED)
async def test_get_character_malformed_body_raises_validation_error(
    client: AsyncAurous, respx_mock: respx.MockRouter, body: object
) -> None:
    """A malformed success body raises APIResponseValidationError with status and raw body."""
    raw = json.dumps(body)
    respx_mock.get(CHARACTER).respond(
        200,
        content=raw.encode(),
        headers={"Content-Type": "application/json", "Aurous-Request-Id": "req_bad"},
    )

    with pytest.raises(APIResponseValidationError) as caught:
        await client.get_character(CHAR_ID)

    error = caught.value
    assert error.status_code == 200
    assert error.body == raw
    assert error.request_id == "req_bad"
    assert error.response.status_code == 200
    assert f"/v1/characters/{CHAR_ID}" in str(error)
    assert not isinstance(error, KeyError | TypeError | ValueError)


async def test_get_character_non_json_success_raises_validation_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 200 whose body is not JSON (a captive portal page) is a validation error."""
    respx_mock.get(CHARACTER).respond(
        200, text="<html>login</html>", headers={"Content-Type": "text/html"}
    )

    with pytest.raises(APIResponseValidationError) as caught:
        await client.get_character(CHAR_ID)

    assert caught.value.body == "<html>login</html>"


async def test_list_characters_malformed_item_raises_validation_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """One malformed character inside a page makes the page a validation error."""
    body = page_json(["c1"], has_more=False, next_cursor=None)
    del body["data"][0]["name"]
    respx_mock.get(CHARACTERS).respond(200, json=body)

    with pytest.raises(APIResponseValidationError) as caught:
        await client.list_characters()

    assert json.loads(caught.value.body) == body


async def test_list_characters_object_mismatch_raises_validation_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A page whose object is not "list" is a validation error."""
    body = {**page_json([], has_more=False, next_cursor=None), "object": "page"}
    respx_mock.get(CHARACTERS).respond(200, json=body)

    with pytest.raises(APIResponseValidationError):
        await client.list_characters()


async def test_delete_character_malformed_body_raises_validation_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 200 DELETE answer without the required fields is a validation error, not a result."""
    respx_mock.delete(CHARACTER).respond(200, json={"ok": True})

    with pytest.raises(APIResponseValidationError) as caught:
        await client.delete_character(CHAR_ID)

    assert caught.value.status_code == 200
    assert not client._shared.deletes.was_deleted(CHAR_ID)


async def test_init_character_upload_malformed_expiry_raises_validation_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An upload ticket with a malformed expires_at is a validation error."""
    respx_mock.post(f"{CHARACTERS}/uploads/init").respond(
        201,
        json={
            "upload_id": "upl_1",
            "upload_url": "https://x.test/put",
            "upload_headers": {},
            "expires_at": "soon",
        },
    )

    with pytest.raises(APIResponseValidationError) as caught:
        await client.init_character_upload(
            filename="a.png", extension="png", content_type="image/png"
        )

    assert caught.value.status_code == 201
