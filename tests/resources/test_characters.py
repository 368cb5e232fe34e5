"""
Every characters method: the request on the wire, the parsed result, one typed error each,
and auto-pagination of ``list_characters``.
"""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    API_VERSION,
    AsyncAurous,
    AsyncPaginator,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DeleteResult,
    InsufficientCreditsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from aurous_async.models import (
    Character,
    CharacterAttributes,
    CharacterList,
    CharacterUploadClassification,
    CharacterUploadTicket,
)
from tests.conftest import API_KEY, BASE_URL
from tests.payloads import CHAR_ID, character_json, deleted_json, error_json, page_json

CHARACTERS = f"{BASE_URL}/v1/characters"
CHARACTER = f"{CHARACTERS}/{CHAR_ID}"


def sent(route: respx.Route) -> httpx.Request:
    """The one request *route* received, after checking the headers every call carries."""
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.headers["X-Api-Key"] == API_KEY
    assert request.headers["Aurous-Version"] == API_VERSION
    assert "Authorization" not in request.headers
    return request


def sent_json(request: httpx.Request) -> Any:
    """The request's JSON body, after checking it was declared as JSON."""
    assert request.headers["Content-Type"] == "application/json"
    return json.loads(request.content)


def assert_uuid4(value: str) -> None:
    """Fail unless *value* is the canonical text of a version-4 UUID."""
    parsed = uuid.UUID(value)
    assert parsed.version == 4
    assert str(parsed) == value


# --- list_characters ---------------------------------------------------------------------


async def test_list_characters_sends_filters_and_parses_first_page(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Awaiting list_characters sends one GET with limit and status and returns the page."""
    route = respx_mock.get(CHARACTERS).respond(
        200, json=page_json(["char_a", "char_b"], has_more=True, next_cursor="char_b")
    )

    page = await client.list_characters(limit=2, status="ready")

    request = sent(route)
    assert request.method == "GET"
    assert request.url.path == "/v1/characters"
    assert dict(request.url.params) == {"limit": "2", "status": "ready"}
    assert isinstance(page, CharacterList)
    assert [c.id for c in page.data] == ["char_a", "char_b"]
    assert page.has_more is True
    assert page.next_cursor == "char_b"


async def test_list_characters_sends_no_query_by_default(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Without arguments list_characters sends no query parameters at all."""
    route = respx_mock.get(CHARACTERS).respond(
        200, json=page_json([], has_more=False, next_cursor=None)
    )

    page = await client.list_characters()

    assert sent(route).url.query == b""
    assert page.data == []


async def test_list_characters_returns_a_paginator(client: AsyncAurous) -> None:
    """Calling list_characters sends nothing until the paginator is awaited or iterated."""
    with respx.mock(assert_all_called=False) as mock:
        route = mock.get(CHARACTERS).respond(
            200, json=page_json([], has_more=False, next_cursor=None)
        )
        paginator = client.list_characters()
        assert isinstance(paginator, AsyncPaginator)
        assert not route.called


async def test_list_characters_401_raises_authentication_error(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 401 on the list is an AuthenticationError carrying the code."""
    respx_mock.get(CHARACTERS).respond(401, json=error_json("invalid_api_key", "bad key"))

    with pytest.raises(AuthenticationError) as caught:
        await client.list_characters()

    assert caught.value.code == "invalid_api_key"
    assert caught.value.status_code == 401


def three_pages(request: httpx.Request) -> httpx.Response:
    """Serve three pages keyed by ``starting_after``: c1 c2 | c3 c4 | c5."""
    pages = {
        None: page_json(["c1", "c2"], has_more=True, next_cursor="c2"),
        "c2": page_json(["c3", "c4"], has_more=True, next_cursor="c4"),
        "c4": page_json(["c5"], has_more=False, next_cursor=None),
    }
    return httpx.Response(200, json=pages[request.url.params.get("starting_after")])


async def test_list_characters_async_for_walks_every_page(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """async for yields every item across 3 pages, passing each cursor as starting_after."""
    route = respx_mock.get(CHARACTERS).mock(side_effect=three_pages)

    ids = [character.id async for character in client.list_characters(limit=2)]

    assert ids == ["c1", "c2", "c3", "c4", "c5"]
    assert route.call_count == 3
    params = [dict(call.request.url.params) for call in route.calls]
    assert params == [
        {"limit": "2"},
        {"limit": "2", "starting_after": "c2"},
        {"limit": "2", "starting_after": "c4"},
    ]


async def test_list_characters_pages_yields_each_page(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """pages() yields the three CharacterList pages in order and stops at has_more false."""
    route = respx_mock.get(CHARACTERS).mock(side_effect=three_pages)

    pages = [page async for page in client.list_characters().pages()]

    assert all(isinstance(page, CharacterList) for page in pages)
    assert [[c.id for c in page.data] for page in pages] == [["c1", "c2"], ["c3", "c4"], ["c5"]]
    assert route.call_count == 3


async def test_list_characters_starts_at_the_callers_cursor(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A starting_after given by the caller is sent on the first request."""
    route = respx_mock.get(CHARACTERS).mock(side_effect=three_pages)

    ids = [c.id async for c in client.list_characters(starting_after="c2")]

    assert ids == ["c3", "c4", "c5"]
    assert [call.request.url.params.get("starting_after") for call in route.calls] == ["c2", "c4"]


async def test_list_characters_get_next_page(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """get_next_page fetches the following page, and returns None after the last one."""
    route = respx_mock.get(CHARACTERS).mock(side_effect=three_pages)
    paginator = client.list_characters()

    first = await paginator
    second = await paginator.get_next_page(first)
    assert second is not None
    third = await paginator.get_next_page(second)
    assert third is not None

    assert await paginator.get_next_page(third) is None
    assert [c.id for c in third.data] == ["c5"]
    assert route.call_count == 3


@pytest.mark.parametrize(
    "cursor",
    [pytest.param(None, id="null-cursor"), pytest.param("", id="empty-cursor")],
)
async def test_list_characters_stops_when_has_more_but_no_cursor(
    client: AsyncAurous, respx_mock: respx.MockRouter, cursor: str | None
) -> None:
    """A page saying has_more true without a usable next_cursor ends the walk."""
    route = respx_mock.get(CHARACTERS).respond(
        200, json=page_json(["c1"], has_more=True, next_cursor=cursor)
    )

    ids = [c.id async for c in client.list_characters()]

    assert ids == ["c1"]
    assert route.call_count == 1


async def test_list_characters_stops_when_has_more_and_cursor_key_missing(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A page whose next_cursor key is absent while has_more is true ends the walk."""
    body = page_json(["c1"], has_more=True, next_cursor=None)
    del body["next_cursor"]
    route = respx_mock.get(CHARACTERS).respond(200, json=body)

    ids = [c.id async for c in client.list_characters()]

    assert ids == ["c1"]
    assert route.call_count == 1


async def test_list_characters_does_not_request_a_repeated_cursor(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A server that hands back an already requested cursor is not asked for it again."""
    pages = {
        None: page_json(["c1"], has_more=True, next_cursor="c1"),
        "c1": page_json(["c2"], has_more=True, next_cursor="c2"),
        # Loops back to a cursor that was already requested.
        "c2": page_json(["c3"], has_more=True, next_cursor="c1"),
    }

    def serve(request: httpx.Request) -> httpx.Response:
        assert route.call_count <= 5, "the paginator is looping over a repeated cursor"
        return httpx.Response(200, json=pages[request.url.params.get("starting_after")])

    route = respx_mock.get(CHARACTERS).mock(side_effect=serve)

    ids = [c.id async for c in client.list_characters()]

    assert ids == ["c1", "c2", "c3"]
    assert [call.request.url.params.get("starting_after") for call in route.calls] == [
        None,
        "c1",
        "c2",
    ]


async def test_list_characters_does_not_request_the_starting_cursor_twice(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A first page whose next_cursor equals the caller's starting_after ends the walk."""

    def serve(request: httpx.Request) -> httpx.Response:
        assert route.call_count <= 5, "the paginator is looping over a repeated cursor"
        return httpx.Response(200, json=page_json(["c9"], has_more=True, next_cursor="c8"))

    route = respx_mock.get(CHARACTERS).mock(side_effect=serve)

    ids = [c.id async for c in client.list_characters(starting_after="c8")]

    assert ids == ["c9"]
    assert route.call_count == 1


async def test_list_characters_error_on_a_later_page_propagates(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A typed error on page 2 is raised from the async for after page 1's items."""
    respx_mock.get(CHARACTERS).mock(
        side_effect=[
            httpx.Response(200, json=page_json(["c1"], has_more=True, next_cursor="c1")),
            httpx.Response(429, json=error_json("rate_limited"), headers={"Retry-After": "1"}),
        ]
    )
    seen: list[str] = []

    with pytest.raises(RateLimitError):
        async for character in client.list_characters(max_retries=0):
            seen.append(character.id)

    assert seen == ["c1"]


# --- create_character --------------------------------------------------------------------


async def test_create_character_upload_flow_body(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The upload flow POSTs name, upload_ids and client_reference_id and nothing else."""
    route = respx_mock.post(CHARACTERS).respond(
        201, json=character_json(client_reference_id="order-42")
    )

    character = await client.create_character(
        name="Mia", upload_ids=("upl_1", "upl_2"), client_reference_id="order-42"
    )

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == "/v1/characters"
    assert sent_json(request) == {
        "name": "Mia",
        "upload_ids": ["upl_1", "upl_2"],
        "client_reference_id": "order-42",
    }
    # Create is not one of the POSTs documented to honour an Idempotency-Key.
    assert "Idempotency-Key" not in request.headers
    assert isinstance(character, Character)
    assert character.id == CHAR_ID
    assert character.client_reference_id == "order-42"


async def test_create_character_synthesize_flow_body(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The synthesize flow POSTs generate true and the attributes mapping as given."""
    route = respx_mock.post(CHARACTERS).respond(
        201, json=character_json(status="synthesizing", refs=[])
    )

    character = await client.create_character(
        name="Mia",
        generate=True,
        attributes={"gender": "female", "age": 28, "additional_details": "warm smile"},
    )

    assert sent_json(sent(route)) == {
        "name": "Mia",
        "generate": True,
        "attributes": {"gender": "female", "age": 28, "additional_details": "warm smile"},
    }
    assert character.status == "synthesizing"
    assert character.refs == []


async def test_create_character_accepts_attributes_model(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A CharacterAttributes model is serialised like the equivalent mapping."""
    route = respx_mock.post(CHARACTERS).respond(201, json=character_json())

    await client.create_character(
        name="Mia", generate=True, attributes=CharacterAttributes(hair_color="black", age=30)
    )

    assert sent_json(sent(route))["attributes"] == {"hair_color": "black", "age": 30}


async def test_create_character_402_raises_insufficient_credits(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 402 on create is an InsufficientCreditsError, whichever code spelling is used."""
    respx_mock.post(CHARACTERS).respond(
        402, json=error_json("balance_too_low", "not enough credits")
    )

    with pytest.raises(InsufficientCreditsError) as caught:
        await client.create_character(name="Mia", generate=True)

    assert caught.value.code == "balance_too_low"
    assert caught.value.message == "not enough credits"


# --- get_character -----------------------------------------------------------------------


async def test_get_character_sends_get_and_parses(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """get_character GETs /v1/characters/{id} and returns a fully parsed Character."""
    route = respx_mock.get(CHARACTER).respond(200, json=character_json())

    character = await client.get_character(CHAR_ID)

    request = sent(route)
    assert request.method == "GET"
    assert request.url.path == f"/v1/characters/{CHAR_ID}"
    assert request.content == b""
    assert isinstance(character, Character)
    assert character.object_ == "character"
    assert character.name == "Mia"
    assert character.status == "ready"
    assert [ref.pose for ref in character.refs] == ["front", "side"]
    assert character.attributes.age == 28
    assert character.error_message is None
    assert character.created_at == datetime.datetime(2026, 5, 15, 10, 0, tzinfo=datetime.UTC)


async def test_get_character_404_raises_not_found(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 404 on get is a NotFoundError with the code and request id."""
    respx_mock.get(CHARACTER).respond(
        404,
        json=error_json("resource_not_found", "No such character"),
        headers={"Aurous-Request-Id": "req_get_404"},
    )

    with pytest.raises(NotFoundError) as caught:
        await client.get_character(CHAR_ID)

    assert caught.value.code == "resource_not_found"
    assert caught.value.request_id == "req_get_404"


# --- update_character --------------------------------------------------------------------


async def test_update_character_sends_only_given_fields(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """update_character PATCHes only the fields passed (an omitted one is not sent)."""
    route = respx_mock.patch(CHARACTER).respond(200, json=character_json(name="Mira"))

    character = await client.update_character(CHAR_ID, name="Mira")

    request = sent(route)
    assert request.method == "PATCH"
    assert request.url.path == f"/v1/characters/{CHAR_ID}"
    assert sent_json(request) == {"name": "Mira"}
    assert character.name == "Mira"


async def test_update_character_replaces_attributes_whole(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The attributes object is sent as given, to replace the stored one."""
    route = respx_mock.patch(CHARACTER).respond(
        200, json=character_json(attributes={"eye_color": "green"})
    )

    character = await client.update_character(CHAR_ID, attributes={"eye_color": "green"})

    assert sent_json(sent(route)) == {"attributes": {"eye_color": "green"}}
    assert character.attributes.eye_color == "green"


async def test_update_character_400_raises_bad_request_with_param(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 400 on update is a BadRequestError whose param names the rejected field."""
    respx_mock.patch(CHARACTER).respond(
        400, json=error_json("invalid_request", "name is too long", param="name")
    )

    with pytest.raises(BadRequestError) as caught:
        await client.update_character(CHAR_ID, name="x" * 500)

    assert caught.value.param == "name"
    assert caught.value.code == "invalid_request"


# --- delete_character --------------------------------------------------------------------


async def test_delete_character_sends_delete_and_returns_result(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """delete_character DELETEs the character and reports it was deleted by this call."""
    route = respx_mock.delete(CHARACTER).respond(
        200, json=deleted_json(), headers={"Aurous-Request-Id": "req_del"}
    )

    result = await client.delete_character(CHAR_ID)

    request = sent(route)
    assert request.method == "DELETE"
    assert request.url.path == f"/v1/characters/{CHAR_ID}"
    assert result == DeleteResult(
        id=CHAR_ID, object="character", already_gone=False, request_id="req_del"
    )
    assert result.deleted is True


async def test_delete_character_403_raises_permission_denied(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 403 on delete is a PermissionDeniedError, not swallowed by idempotent delete."""
    respx_mock.delete(CHARACTER).respond(403, json=error_json("missing_scope"))

    with pytest.raises(PermissionDeniedError) as caught:
        await client.delete_character(CHAR_ID)

    assert caught.value.code == "missing_scope"


# --- save_character ----------------------------------------------------------------------


async def test_save_character_posts_to_save(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """save_character POSTs /save without a body and returns the ready character."""
    route = respx_mock.post(f"{CHARACTER}/save").respond(200, json=character_json(status="ready"))

    character = await client.save_character(CHAR_ID)

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == f"/v1/characters/{CHAR_ID}/save"
    assert request.content == b""
    assert "Idempotency-Key" not in request.headers
    assert character.status == "ready"


async def test_save_character_400_raises_bad_request(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Saving a character in the wrong state is a BadRequestError with the server's code."""
    respx_mock.post(f"{CHARACTER}/save").respond(
        400, json=error_json("invalid_request_error", "not reviewing")
    )

    with pytest.raises(BadRequestError) as caught:
        await client.save_character(CHAR_ID)

    assert caught.value.code == "invalid_request_error"


# --- resynthesize_character --------------------------------------------------------------


async def test_resynthesize_character_sends_auto_uuid4_idempotency_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """resynthesize_character POSTs its body with a generated UUID4 Idempotency-Key."""
    route = respx_mock.post(f"{CHARACTER}/resynthesize").respond(
        200, json=character_json(status="synthesizing")
    )

    character = await client.resynthesize_character(CHAR_ID, force_all=True)

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == f"/v1/characters/{CHAR_ID}/resynthesize"
    assert sent_json(request) == {"force_all": True}
    assert_uuid4(request.headers["Idempotency-Key"])
    assert character.status == "synthesizing"


async def test_resynthesize_character_uses_a_fresh_key_per_call(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Two separate calls carry two different automatic keys."""
    route = respx_mock.post(f"{CHARACTER}/resynthesize").respond(200, json=character_json())

    await client.resynthesize_character(CHAR_ID)
    await client.resynthesize_character(CHAR_ID)

    keys = [call.request.headers["Idempotency-Key"] for call in route.calls]
    assert len(set(keys)) == 2


async def test_resynthesize_character_sends_callers_key_instead(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A caller's idempotency_key is sent as the only Idempotency-Key."""
    route = respx_mock.post(f"{CHARACTER}/resynthesize").respond(200, json=character_json())

    await client.resynthesize_character(CHAR_ID, idempotency_key="my-key-1")

    request = sent(route)
    assert request.headers.get_list("Idempotency-Key") == ["my-key-1"]


async def test_resynthesize_character_reuses_key_on_retry(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A retried resynthesize sends the same automatic key on every attempt."""
    route = respx_mock.post(f"{CHARACTER}/resynthesize").mock(
        side_effect=[
            httpx.Response(500, json=error_json("server_error")),
            httpx.Response(200, json=character_json()),
        ]
    )

    await client.resynthesize_character(CHAR_ID)

    keys = [call.request.headers["Idempotency-Key"] for call in route.calls]
    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert_uuid4(keys[0])


async def test_resynthesize_character_409_raises_conflict(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 409 on resynthesize (retries off) is a ConflictError with its code."""
    respx_mock.post(f"{CHARACTER}/resynthesize").respond(
        409, json=error_json("idempotency_key_in_use")
    )

    with pytest.raises(ConflictError) as caught:
        await client.resynthesize_character(CHAR_ID, max_retries=0)

    assert caught.value.code == "idempotency_key_in_use"


# --- regenerate_character_ref ------------------------------------------------------------


async def test_regenerate_character_ref_sends_pose_and_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """regenerate_character_ref POSTs pose and prompt_override with a UUID4 key."""
    route = respx_mock.post(f"{CHARACTER}/refs/regenerate").respond(
        200, json=character_json(status="synthesizing")
    )

    character = await client.regenerate_character_ref(
        CHAR_ID, pose="side", prompt_override="looking left"
    )

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == f"/v1/characters/{CHAR_ID}/refs/regenerate"
    assert sent_json(request) == {"pose": "side", "prompt_override": "looking left"}
    assert_uuid4(request.headers["Idempotency-Key"])
    assert character.status == "synthesizing"


async def test_regenerate_character_ref_sends_callers_key_instead(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A caller's idempotency_key replaces the automatic one."""
    route = respx_mock.post(f"{CHARACTER}/refs/regenerate").respond(200, json=character_json())

    await client.regenerate_character_ref(CHAR_ID, pose="front", idempotency_key="regen-7")

    request = sent(route)
    assert request.headers.get_list("Idempotency-Key") == ["regen-7"]
    assert sent_json(request) == {"pose": "front"}


async def test_regenerate_character_ref_402_raises_insufficient_credits(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 402 on regenerate is an InsufficientCreditsError."""
    respx_mock.post(f"{CHARACTER}/refs/regenerate").respond(
        402, json=error_json("insufficient_credits")
    )

    with pytest.raises(InsufficientCreditsError) as caught:
        await client.regenerate_character_ref(CHAR_ID, pose="back")

    assert caught.value.code == "insufficient_credits"


# --- init_character_upload ---------------------------------------------------------------


def ticket_json() -> dict[str, Any]:
    """An upload ticket as the server returns it."""
    return {
        "upload_id": "upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR",
        "upload_url": "https://uploads.example-storage.test/put/abc?sig=xyz",
        "upload_headers": {"Content-Type": "image/png"},
        "expires_at": "2026-05-16T10:00:00Z",
    }


@pytest.mark.parametrize("status", [200, 201], ids=["200", "201"])
async def test_init_character_upload_sends_body_and_parses_ticket(
    client: AsyncAurous, respx_mock: respx.MockRouter, status: int
) -> None:
    """init_character_upload POSTs the file facts and parses the ticket (200 or 201)."""
    route = respx_mock.post(f"{CHARACTERS}/uploads/init").respond(status, json=ticket_json())

    ticket = await client.init_character_upload(
        filename="mia.png", extension="png", content_type="image/png"
    )

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == "/v1/characters/uploads/init"
    assert sent_json(request) == {
        "filename": "mia.png",
        "extension": "png",
        "content_type": "image/png",
    }
    assert isinstance(ticket, CharacterUploadTicket)
    assert ticket.upload_id == "upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR"
    assert ticket.upload_url.startswith("https://uploads.example-storage.test/")
    assert ticket.upload_headers.additional_properties == {"Content-Type": "image/png"}
    assert ticket.expires_at == datetime.datetime(2026, 5, 16, 10, 0, tzinfo=datetime.UTC)


async def test_init_character_upload_400_raises_bad_request(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 400 on init (extension and content type disagree) is a BadRequestError."""
    respx_mock.post(f"{CHARACTERS}/uploads/init").respond(
        400, json=error_json("invalid_request", "extension mismatch", param="extension")
    )

    with pytest.raises(BadRequestError) as caught:
        await client.init_character_upload(
            filename="mia.png", extension="jpg", content_type="image/png"
        )

    assert caught.value.param == "extension"


# --- classify_character_upload -----------------------------------------------------------


async def test_classify_character_upload_sends_upload_id_and_parses(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """classify_character_upload POSTs the upload id and returns the pose and confidence."""
    route = respx_mock.post(f"{CHARACTERS}/uploads/classify").respond(
        200, json={"upload_id": "upl_1", "pose": "portrait", "confidence": 0.93}
    )

    result = await client.classify_character_upload(upload_id="upl_1")

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == "/v1/characters/uploads/classify"
    assert sent_json(request) == {"upload_id": "upl_1"}
    assert isinstance(result, CharacterUploadClassification)
    assert (result.upload_id, result.pose, result.confidence) == ("upl_1", "portrait", 0.93)


async def test_classify_character_upload_400_raises_bad_request(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A consumed or expired ticket (400 upload_invalid) is a BadRequestError."""
    respx_mock.post(f"{CHARACTERS}/uploads/classify").respond(
        400, json=error_json("upload_invalid", "ticket consumed")
    )

    with pytest.raises(BadRequestError) as caught:
        await client.classify_character_upload(upload_id="upl_1")

    assert caught.value.code == "upload_invalid"
