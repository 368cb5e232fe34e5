"""
Characters: list, both create flows, retrieve, update, the delete matrix, save, resynthesize,
regenerate, and upload tickets (init, the signed PUT, classify).
"""

from __future__ import annotations

import json
from typing import Any

from ._contract import body_keys, enum_values, field_enum, field_types
from ._http import ApiError, Request, Response, bad_request, not_found
from ._lifecycle import CREDITS_PER_REF, POSES, emit, gated, start_synthesis
from ._media import colour_for, png, sniff_image
from ._routing import ROUTES, Ctx
from ._state import Character, Team, Upload
from ._validate import Fields, page_of
from ._views import character_json, check_signature, sign, upload_ticket_json

NAME_MAX = 100
# The documented format of each file extension; the accepted values come from the spec.
EXTENSIONS = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
UPLOAD_URL_TTL = 15 * 60.0
UPLOAD_TTL = 24 * 3600.0


def _synthesize_bucket(request: Request) -> str:
    try:
        generate = json.loads(request.body or b"{}").get("generate")
    except (ValueError, AttributeError, RecursionError):
        generate = None
    return "characters_synthesize" if generate is True else "characters_post"


def _find(ctx: Ctx) -> Character:
    """The caller's live character, else the 404 unknown, foreign and deleted ones share."""
    character = ctx.team.characters.get(ctx.params["id"])
    if character is None or character.status == "deleted":
        raise not_found("character", "character_id")
    return character


def _attributes(fields: Fields) -> dict[str, Any] | None:
    attributes = fields.mapping("attributes")
    if attributes is None:
        return None
    nested = Fields(attributes, code=fields.code)
    known = field_types("CharacterAttributes")
    unknown = [key for key in attributes if key not in known]
    if unknown:
        raise bad_request(
            fields.code or "invalid_request",
            f"Unknown attribute(s): {', '.join(unknown)}.",
            f"attributes.{unknown[0]}",
        )
    for key, kind in known.items():
        if kind == "int":
            nested.integer(key, 1, 120)
        else:
            nested.string(key, max_len=2000, param=f"attributes.{key}")
    return dict(attributes)


def _charge(team: Team, amount: float) -> None:
    """Synthesis is charged at once and never refunded; 402 uses the character pages' code."""
    if not gated(team):
        return
    if team.available_credits < amount:
        raise ApiError(
            402,
            "insufficient_credits",
            f"Team available balance is {team.available_credits} credits, "
            f"synthesis requires {amount}.",
        )
    team.credits = round(team.credits - amount, 6)


def _ok(ctx: Ctx, character: Character, status: int = 200) -> Response:
    return Response.json(character_json(character, ctx.base_url), status)


@ROUTES.route("GET", "/v1/characters", "list_characters", bucket="characters_get")
def list_characters(ctx: Ctx) -> Response:
    status = ctx.request.arg("status")
    filterable = enum_values("CharacterStatusFilter")
    if status is not None and status not in filterable:
        raise bad_request(
            "invalid_request", f"status must be one of {', '.join(filterable)}.", "status"
        )
    records = [c for c in ctx.team.live_characters() if status is None or c.status == status]
    rows, has_more, cursor = page_of(ctx.request, records, ("char_",))
    return Response.json(
        {
            "object": "list",
            "data": [character_json(c, ctx.base_url) for c in rows],
            "has_more": has_more,
            "next_cursor": cursor,
        }
    )


@ROUTES.route("POST", "/v1/characters", "create_character", bucket=_synthesize_bucket)
def create_character(ctx: Ctx) -> Response:
    fields = Fields(ctx.request.json())
    fields.reject_unknown(body_keys("CreateCharacterRequest"))
    name = fields.string("name", required=True, max_len=NAME_MAX)
    generate = fields.boolean("generate")
    upload_ids = fields.strings("upload_ids", min_items=1, max_items=6)
    attributes = _attributes(fields)
    reference = fields.string("client_reference_id", max_len=256)
    if (generate is True) == (upload_ids is not None):
        raise bad_request(
            "parameter_invalid_combination",
            "Send exactly one of upload_ids or generate: true.",
            "upload_ids",
        )
    team, now = ctx.team, ctx.now
    assert name is not None
    character = Character(
        id=ctx.state.ids.new("char"),
        team_id=team.id,
        name=name,
        status="ready",
        attributes=attributes or {},
        aurous_version=ctx.version,
        created_at=now,
        updated_at=now,
        client_reference_id=reference,
    )
    if upload_ids is None:
        if attributes is None:
            raise bad_request(
                "missing_field", "attributes is required to synthesize.", "attributes"
            )
        _charge(team, len(POSES) * CREDITS_PER_REF)
        start_synthesis(ctx.state, character, None, was_ready=False)
    else:
        uploads = [team.uploads.get(upload_id) for upload_id in upload_ids]
        if len(set(upload_ids)) != len(upload_ids) or any(
            u is None or u.consumed or now > u.expires_at for u in uploads
        ):
            raise bad_request(
                "upload_invalid",
                "An upload is unknown, expired or already used by another character.",
                "upload_ids",
            )
        for upload in uploads:
            assert upload is not None
            upload.consumed = True
            data = upload.data or png(32, 32, colour_for(upload.id))
            blob = ctx.state.put_blob(upload.content_type, data)
            character.refs.append({"pose": upload.pose or "other", "blob": blob})
    team.characters[character.id] = character
    return _ok(ctx, character, 201)


@ROUTES.route("GET", "/v1/characters/{id}", "get_character", bucket="characters_get")
def get_character(ctx: Ctx) -> Response:
    return _ok(ctx, _find(ctx))


@ROUTES.route("PATCH", "/v1/characters/{id}", "update_character", bucket="characters_post")
def update_character(ctx: Ctx) -> Response:
    character = _find(ctx)
    # The update page uses `invalid_request` for every validation failure.
    fields = Fields(ctx.request.json(), code="invalid_request")
    fields.reject_unknown(body_keys("UpdateCharacterRequest"))
    name = fields.string("name", max_len=NAME_MAX)
    attributes = _attributes(fields)
    if name is not None:
        if not name.strip():
            raise bad_request("invalid_request", "name must not be blank.", "name")
        character.name = name
    if attributes is not None:
        character.attributes = attributes  # replaced whole, never merged
    character.updated_at = ctx.now
    return _ok(ctx, character)


@ROUTES.route("DELETE", "/v1/characters/{id}", "delete_character", bucket="characters_post")
def delete_character(ctx: Ctx) -> Response:
    character = _find(ctx)
    team, now = ctx.team, ctx.now
    if character.status == "reviewing":
        # Cancel-review: the refs are discarded and the row is gone.
        del team.characters[character.id]
        team.hard_deleted.append(character.id)
    else:
        if character.status == "synthesizing":
            character.synth_due = None
            emit(
                ctx.state, team, "character.cancelled", character_json(character, ctx.base_url), now
            )
        character.status = "deleted"
        character.deleted_at = now
        character.updated_at = now
    return Response.json({"id": character.id, "object": "character", "deleted": True})


@ROUTES.route("POST", "/v1/characters/{id}/save", "save_character", bucket="characters_post")
def save_character(ctx: Ctx) -> Response:
    character = _find(ctx)
    if character.status == "reviewing":
        character.status = "ready"
        character.updated_at = ctx.now
    elif character.status != "ready":
        raise bad_request(
            "invalid_request_error",
            f"A {character.status} character cannot be saved; save works from reviewing.",
        )
    return _ok(ctx, character)


@ROUTES.route(
    "POST",
    "/v1/characters/{id}/resynthesize",
    "resynthesize_character",
    bucket="characters_synthesize",
    idempotent=True,
)
def resynthesize_character(ctx: Ctx) -> Response:
    character = _find(ctx)
    fields = Fields(ctx.request.json(optional=True), code="invalid_request_error")
    fields.reject_unknown(body_keys("ResynthesizeCharacterRequest"))
    fields.boolean("force_all")
    if character.status not in ("reviewing", "ready", "failed"):
        raise bad_request(
            "invalid_request_error",
            f"A {character.status} character cannot be resynthesized.",
        )
    _charge(ctx.team, len(POSES) * CREDITS_PER_REF)
    start_synthesis(ctx.state, character, None, was_ready=character.status == "ready")
    return _ok(ctx, character)


@ROUTES.route(
    "POST",
    "/v1/characters/{id}/refs/regenerate",
    "regenerate_character_ref",
    bucket="characters_synthesize",
    idempotent=True,
)
def regenerate_character_ref(ctx: Ctx) -> Response:
    character = _find(ctx)
    fields = Fields(ctx.request.json(), code="invalid_request_error")
    fields.reject_unknown(body_keys("RegenerateCharacterRefRequest"))
    pose = fields.string(
        "pose", required=True, choices=field_enum("RegenerateCharacterRefRequest", "pose")
    )
    fields.string("prompt_override", max_len=4000)
    # Regenerating one pose needs the other refs: only reviewing and ready have them.
    if character.status not in ("reviewing", "ready"):
        raise bad_request(
            "invalid_request_error", f"A {character.status} character cannot regenerate refs."
        )
    _charge(ctx.team, CREDITS_PER_REF)
    start_synthesis(ctx.state, character, pose, was_ready=character.status == "ready")
    return _ok(ctx, character)


@ROUTES.route(
    "POST", "/v1/characters/uploads/init", "init_character_upload", bucket="characters_post"
)
def init_character_upload(ctx: Ctx) -> Response:
    fields = Fields(ctx.request.json())
    fields.reject_unknown(body_keys("InitCharacterUploadRequest"))
    filename = fields.string("filename", required=True, max_len=120)
    extension = fields.string(
        "extension", required=True, choices=field_enum("InitCharacterUploadRequest", "extension")
    )
    content_type = fields.string(
        "content_type",
        required=True,
        choices=field_enum("InitCharacterUploadRequest", "content_type"),
    )
    assert filename is not None and extension is not None and content_type is not None
    if EXTENSIONS.get(extension, content_type) != content_type:
        raise bad_request(
            "parameter_invalid_combination",
            f"extension {extension} does not match content_type {content_type}.",
            "content_type",
        )
    now = ctx.now
    upload_id = ctx.state.ids.new("upl")
    upload = Upload(
        id=upload_id,
        team_id=ctx.team.id,
        filename=filename,
        content_type=content_type,
        created_at=now,
        url_expires_at=now + UPLOAD_URL_TTL,
        expires_at=now + UPLOAD_TTL,
        signature=sign(ctx.state, f"upload:{upload_id}"),
    )
    ctx.team.uploads[upload_id] = upload
    return Response.json(upload_ticket_json(upload, ctx.base_url), 201)


@ROUTES.route("PUT", "/_fake/uploads/{id}", "put_upload", auth="none")
def put_upload(ctx: Ctx) -> Response:
    """The signed storage URL of a ticket: no API key, the signature authorises."""
    upload_id = ctx.params["id"]
    upload = next(
        (t.uploads[upload_id] for t in ctx.state.teams.values() if upload_id in t.uploads), None
    )
    signature = ctx.request.arg("signature")
    if upload is None or not check_signature(ctx.state, f"upload:{upload_id}", signature):
        raise ApiError(403, "signature_invalid", "The upload URL signature is not valid.")
    if upload.consumed or ctx.now > upload.url_expires_at:
        raise ApiError(403, "upload_url_expired", "The upload URL has expired.")
    sniffed = sniff_image(ctx.request.body)
    if sniffed is None or sniffed[0] != upload.content_type:
        raise bad_request(
            "invalid_format", f"The bytes are not a {upload.content_type} image.", "body"
        )
    upload.data = ctx.request.body
    return Response(200)


@ROUTES.route(
    "POST",
    "/v1/characters/uploads/classify",
    "classify_character_upload",
    bucket="characters_post",
)
def classify_character_upload(ctx: Ctx) -> Response:
    fields = Fields(ctx.request.json())
    fields.reject_unknown(body_keys("ClassifyCharacterUploadRequest"))
    upload_id = fields.string("upload_id", required=True)
    assert upload_id is not None
    upload = ctx.team.uploads.get(upload_id)
    if upload is None and any(upload_id in t.uploads for t in ctx.state.teams.values()):
        raise not_found("upload", "upload_id")
    if upload is None or upload.consumed or ctx.now > upload.expires_at:
        raise bad_request(
            "upload_invalid", "The upload is unknown, expired or already consumed.", "upload_id"
        )
    # Deterministic stand-in for the pose model: a pose named in the filename wins.
    hinted = [pose for pose in POSES if pose in upload.filename.lower()]
    upload.pose = hinted[0] if hinted else "portrait"
    return Response.json(
        {"upload_id": upload.id, "pose": upload.pose, "confidence": 0.92 if hinted else 0.51}
    )
