"""
Files (multipart upload, retrieve with a fresh signed URL, idempotent purge), the LoRA
catalogue, and the public byte routes behind signed URLs (``/_fake/files``, ``/_fake/blobs``).
"""

from __future__ import annotations

import json
from typing import Any

from ._contract import body_keys, enum_values
from ._http import ApiError, Response, bad_request, not_found, parse_multipart
from ._media import sniff_image
from ._routing import ROUTES, Ctx
from ._state import File
from ._validate import Fields, parse_int
from ._views import check_signature, file_json, lora_json

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_SIDE = 4096
FILE_TTL = 24 * 3600.0


@ROUTES.route("POST", "/v1/files", "upload_file", bucket="files", idempotent=True)
def upload_file(ctx: Ctx) -> Response:
    parts = parse_multipart(ctx.request.headers.get("content-type", ""), ctx.request.body)
    unknown = [name for name in parts if name not in body_keys("UploadFileRequest")]
    if unknown:
        raise bad_request("invalid_request", f"Unknown field(s): {', '.join(unknown)}.", unknown[0])
    # An empty file part is sent and is simply not an image: it fails the format check below.
    if "file" not in parts:
        raise bad_request("missing_field", "file is required.", "file")
    if "purpose" not in parts:
        raise bad_request("missing_field", "purpose is required.", "purpose")
    fields = Fields({"purpose": parts["purpose"].data.decode("utf-8", "replace")})
    purpose = fields.string("purpose", required=True, choices=enum_values("KnownFilePurpose"))
    metadata: Any = {}
    if "metadata" in parts:
        try:
            metadata = json.loads(parts["metadata"].data)
        except (ValueError, RecursionError):
            metadata = None
        if not isinstance(metadata, dict):
            raise bad_request("invalid_format", "metadata must be a JSON object.", "metadata")
    data = parts["file"].data
    if len(data) > MAX_FILE_BYTES:
        raise bad_request("value_out_of_range", "file is larger than 10 MB.", "file")
    sniffed = sniff_image(data)
    if sniffed is None:
        raise bad_request("invalid_format", "file must be a PNG, JPEG or WebP image.", "file")
    mime_type, width, height = sniffed
    if (width or 0) > MAX_SIDE or (height or 0) > MAX_SIDE:
        raise bad_request("value_out_of_range", "file is larger than 4096 px a side.", "file")
    assert purpose is not None
    now = ctx.now
    file = File(
        id=ctx.state.ids.new("file"),
        team_id=ctx.team.id,
        purpose=purpose,
        mime_type=mime_type,
        data=data,
        width_px=width,
        height_px=height,
        metadata=metadata,
        created_at=now,
        expires_at=now + FILE_TTL,
    )
    ctx.team.files[file.id] = file
    return Response.json(file_json(ctx.state, file, ctx.base_url, now), 201)


def _live_file(ctx: Ctx) -> File:
    file = ctx.team.files.get(ctx.params["id"])
    if file is None or file.deleted or ctx.now > file.expires_at:
        raise not_found("file", "id")
    return file


@ROUTES.route("GET", "/v1/files/{id}", "get_file", bucket="get")
def get_file(ctx: Ctx) -> Response:
    return Response.json(file_json(ctx.state, _live_file(ctx), ctx.base_url, ctx.now))


@ROUTES.route("DELETE", "/v1/files/{id}", "delete_file")
def delete_file(ctx: Ctx) -> Response:
    # Idempotent: 200 even when the file is missing, purged or another team's.
    file = ctx.team.files.get(ctx.params["id"])
    if file is not None:
        file.deleted = True
    return Response.json({"deleted": True, "id": ctx.params["id"], "object": "file"})


@ROUTES.route("GET", "/_fake/files/{id}", "file_content", auth="none")
def file_content(ctx: Ctx) -> Response:
    """The signed URL of a File object: valid for an hour, and while the file lives."""
    file_id, expires = ctx.params["id"], ctx.request.arg("expires") or ""
    token = ctx.request.arg("token")
    until = parse_int(expires)
    if until is None or not check_signature(ctx.state, f"file:{file_id}:{expires}", token):
        raise ApiError(403, "signature_invalid", "The file URL signature is not valid.")
    if ctx.now > until:
        raise ApiError(403, "url_expired", "The file URL has expired; GET the file again.")
    found = [t.files[file_id] for t in ctx.state.teams.values() if file_id in t.files]
    if not found or found[0].deleted or ctx.now > found[0].expires_at:
        raise not_found("file", "id")
    return Response(200, found[0].data, {"Content-Type": found[0].mime_type})


@ROUTES.route("GET", "/_fake/blobs/{id}", "blob_content", auth="none")
def blob_content(ctx: Ctx) -> Response:
    """Character ref images and uploaded bytes (blob ids are unguessable enough here)."""
    blob = ctx.state.blobs.get(ctx.params["id"])
    if blob is None:
        raise not_found("blob", "id")
    return Response(200, blob[1], {"Content-Type": blob[0]})


@ROUTES.route("GET", "/v1/loras", "list_loras", bucket="get")
def list_loras(ctx: Ctx) -> Response:
    visible = [
        lora
        for lora in ctx.state.loras
        if not lora.video and (lora.teams is None or ctx.team.id in lora.teams)
    ]
    return Response.json([lora_json(lora) for lora in visible])  # a bare array, no envelope


@ROUTES.route("GET", "/v1/loras/{id}", "get_lora", bucket="get")
def get_lora(ctx: Ctx) -> Response:
    lora = ctx.state.find_lora(ctx.params["id"], ctx.team.id, video=False)
    if lora is None:
        raise not_found("LoRA", "id")
    return Response.json(lora_json(lora))


@ROUTES.route("GET", "/v1/video_loras/{id}", "get_video_lora", bucket="get")
def get_video_lora(ctx: Ctx) -> Response:
    lora = ctx.state.find_lora(ctx.params["id"], ctx.team.id, video=True)
    if lora is None:
        raise not_found("video LoRA", "id")
    return Response.json(lora_json(lora))
