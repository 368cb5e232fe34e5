"""
Files: upload_file (multipart from a path, bytes or a binary file object), get_file and
delete_file — the request on the wire, the parsed result and a typed error each.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    API_VERSION,
    AsyncAurous,
    BadRequestError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
)
from aurous_async.models import DeletedFile, FileObject
from tests.conftest import API_KEY, BASE_URL

FILE_ID = "file_01HXMQ7Z3K8Y2NABCDEFGHJKMN"
# Real signatures, then filler: enough for a server (or the SDK) to sniff the format.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04\x00\x00\x00\x04\x00" + bytes(range(256))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(255, -1, -1))
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(64)


def file_json(**overrides: Any) -> dict[str, Any]:
    """A File object as POST and GET /v1/files answer it."""
    data: dict[str, Any] = {
        "id": FILE_ID,
        "object": "file",
        "purpose": "reference",
        "mime_type": "image/png",
        "size_bytes": len(PNG),
        "width_px": 1024,
        "height_px": 1024,
        "url": f"https://storage.aurous-labs.com/files/{FILE_ID}.png?X-Signature=5f0c1e",
        "expires_at": "2026-05-16T10:00:00Z",
        "created_at": "2026-05-15T10:00:00Z",
        "metadata": {"campaign": "spring-launch", "shot": "12"},
    }
    data.update(overrides)
    return data


def error_json(code: str, message: str, **fields: Any) -> dict[str, Any]:
    """An error envelope as the API sends it."""
    return {"error": {"type": "invalid_request", "code": code, "message": message, **fields}}


def sent(route: respx.Route) -> httpx.Request:
    """The one request *route* received, after checking the headers every call carries."""
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.headers["X-Api-Key"] == API_KEY
    assert request.headers["Aurous-Version"] == API_VERSION
    assert "Authorization" not in request.headers
    return request


class Part:
    """One part of a multipart/form-data body."""

    def __init__(self, headers: dict[str, str], data: bytes) -> None:
        self.headers = headers
        self.data = data
        disposition = headers["content-disposition"]
        assert disposition.startswith("form-data;")
        name = re.search(r'\bname="([^"]*)"', disposition)
        filename = re.search(r'\bfilename="([^"]*)"', disposition)
        assert name is not None
        self.name = name.group(1)
        self.filename = filename.group(1) if filename else None
        self.content_type = headers.get("content-type")


def multipart(request: httpx.Request) -> dict[str, Part]:
    """The parts of a multipart request by field name (each name must appear once)."""
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data;")
    boundary = content_type.split("boundary=", 1)[1].strip('"').encode()
    body = request.content
    assert body.endswith(b"--" + boundary + b"--\r\n")
    chunks = body.split(b"--" + boundary)
    assert chunks[0] == b"" and chunks[-1] == b"--\r\n"
    parts: dict[str, Part] = {}
    for chunk in chunks[1:-1]:
        assert chunk.startswith(b"\r\n") and chunk.endswith(b"\r\n")
        head, _, data = chunk[2:-2].partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode().split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        part = Part(headers, data)
        assert part.name not in parts
        parts[part.name] = part
    return parts


# --- upload_file --------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_upload_file_from_a_path_sends_every_part(
    client: AsyncAurous, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    """A path uploads its bytes as the file part (name, type), purpose, and metadata JSON."""
    path = tmp_path / "hero-ref.png"
    path.write_bytes(PNG)
    route = respx_mock.post("/v1/files").respond(201, json=file_json())
    metadata = {"campaign": "spring-launch", "shot": "12"}

    uploaded = await client.upload_file(path, purpose="reference", metadata=metadata)

    request = sent(route)
    assert request.method == "POST"
    assert request.url.path == "/v1/files"
    parts = multipart(request)
    assert set(parts) == {"file", "purpose", "metadata"}
    assert parts["file"].filename == "hero-ref.png"
    assert parts["file"].content_type == "image/png"
    assert parts["file"].data == PNG
    assert parts["purpose"].filename is None
    assert parts["purpose"].data == b"reference"
    assert parts["metadata"].filename is None
    assert json.loads(parts["metadata"].data) == metadata
    key = request.headers["Idempotency-Key"]
    assert uuid.UUID(key).version == 4 and str(uuid.UUID(key)) == key
    assert isinstance(uploaded, FileObject)
    assert uploaded.id == FILE_ID
    assert uploaded.object_ == "file"
    assert uploaded.purpose == "reference"
    assert uploaded.mime_type == "image/png"
    assert uploaded.size_bytes == len(PNG)
    assert uploaded.metadata is not None
    assert uploaded.metadata.to_dict() == metadata  # type: ignore[union-attr]
    assert uploaded.expires_at.isoformat() == "2026-05-16T10:00:00+00:00"


@pytest.mark.respx(base_url=BASE_URL)
async def test_upload_file_from_a_str_path(
    client: AsyncAurous, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    """A str path works like a Path; the file's base name is the part's filename."""
    path = tmp_path / "first.webp"
    path.write_bytes(WEBP)
    route = respx_mock.post("/v1/files").respond(
        201, json=file_json(purpose="first_frame", mime_type="image/webp", metadata=None)
    )

    uploaded = await client.upload_file(str(path), purpose="first_frame")

    parts = multipart(sent(route))
    assert parts["file"].filename == "first.webp"
    assert parts["file"].content_type == "image/webp"
    assert parts["file"].data == WEBP
    assert parts["purpose"].data == b"first_frame"
    assert uploaded.purpose == "first_frame"
    assert uploaded.metadata is None


@pytest.mark.respx(base_url=BASE_URL)
async def test_upload_file_from_bytes_omits_metadata_when_not_given(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Bytes upload as the file part; without metadata there is no metadata part at all."""
    route = respx_mock.post("/v1/files").respond(201, json=file_json(metadata=None))

    await client.upload_file(PNG, purpose="reference")

    parts = multipart(sent(route))
    assert set(parts) == {"file", "purpose"}
    assert parts["file"].data == PNG
    assert parts["file"].filename  # a file part always carries a filename
    assert parts["file"].content_type == "image/png"  # sniffed from the PNG signature


@pytest.mark.respx(base_url=BASE_URL)
async def test_upload_file_from_bytes_with_a_filename(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """filename= names the bytes and sets the content type from its extension."""
    route = respx_mock.post("/v1/files").respond(
        201, json=file_json(purpose="last_frame", mime_type="image/jpeg")
    )

    uploaded = await client.upload_file(JPEG, purpose="last_frame", filename="last.jpg")

    parts = multipart(sent(route))
    assert (parts["file"].filename, parts["file"].content_type) == ("last.jpg", "image/jpeg")
    assert parts["file"].data == JPEG
    assert parts["purpose"].data == b"last_frame"
    assert uploaded.mime_type == "image/jpeg"


@pytest.mark.respx(base_url=BASE_URL)
async def test_upload_file_from_an_open_binary_file(
    client: AsyncAurous, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    """A file opened "rb" uploads its bytes under its own base name."""
    path = tmp_path / "portrait.jpg"
    path.write_bytes(JPEG)
    route = respx_mock.post("/v1/files").respond(201, json=file_json(mime_type="image/jpeg"))

    with path.open("rb") as handle:
        await client.upload_file(handle, purpose="reference", metadata={"subject": "mia"})

    parts = multipart(sent(route))
    assert parts["file"].filename == "portrait.jpg"
    assert parts["file"].content_type == "image/jpeg"
    assert parts["file"].data == JPEG
    assert json.loads(parts["metadata"].data) == {"subject": "mia"}


@pytest.mark.respx(base_url=BASE_URL)
async def test_upload_file_from_a_bytesio(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An in-memory binary stream uploads its bytes."""
    route = respx_mock.post("/v1/files").respond(201, json=file_json(mime_type="image/webp"))

    await client.upload_file(io.BytesIO(WEBP), purpose="reference", filename="ref.webp")

    parts = multipart(sent(route))
    assert parts["file"].data == WEBP
    assert (parts["file"].filename, parts["file"].content_type) == ("ref.webp", "image/webp")


@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
async def test_upload_file_rejects_a_text_mode_file_before_sending(
    client: AsyncAurous, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    """A file opened in text mode raises InvalidArgumentError naming file; nothing is sent."""
    path = tmp_path / "notes.txt"
    path.write_text("not an image")
    route = respx_mock.post("/v1/files").respond(201, json=file_json())

    with path.open("r") as handle, pytest.raises(InvalidArgumentError) as caught:
        await client.upload_file(handle, purpose="reference")
    with pytest.raises(InvalidArgumentError):
        await client.upload_file(io.StringIO("text"), purpose="reference")  # type: ignore[arg-type]

    assert caught.value.argument == "file"
    assert not route.called


@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
@pytest.mark.parametrize("bad", [12345, None, ["ref.png"], object()])
async def test_upload_file_rejects_a_non_file_before_sending(
    client: AsyncAurous, respx_mock: respx.MockRouter, bad: Any
) -> None:
    """Something that is not a path, bytes or a file object raises InvalidArgumentError."""
    route = respx_mock.post("/v1/files").respond(201, json=file_json())

    with pytest.raises(InvalidArgumentError) as caught:
        await client.upload_file(bad, purpose="reference")

    assert caught.value.argument == "file"
    assert not route.called


@pytest.mark.respx(base_url=BASE_URL)
async def test_upload_file_retry_resends_identical_multipart_with_the_same_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """503 then 201: the retry carries byte-identical multipart content and the same key."""
    route = respx_mock.post("/v1/files").mock(
        side_effect=[
            httpx.Response(503, json=error_json("internal_error", "unavailable")),
            httpx.Response(201, json=file_json()),
        ]
    )

    uploaded = await client.upload_file(
        io.BytesIO(PNG), purpose="reference", metadata={"campaign": "spring-launch"}
    )

    assert uploaded.id == FILE_ID
    assert route.call_count == 2
    first, second = (call.request for call in route.calls)
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert first.headers["Content-Type"] == second.headers["Content-Type"]
    assert first.content == second.content
    assert multipart(second)["file"].data == PNG


@pytest.mark.respx(base_url=BASE_URL)
async def test_upload_file_sends_the_callers_idempotency_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A caller's idempotency_key is sent as is."""
    route = respx_mock.post("/v1/files").respond(201, json=file_json())

    await client.upload_file(PNG, purpose="reference", idempotency_key="upload-hero-1")

    assert sent(route).headers["Idempotency-Key"] == "upload-hero-1"


@pytest.mark.respx(base_url=BASE_URL)
async def test_upload_file_400_too_large_names_the_file(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A rejected upload is a BadRequestError whose param is file; it is not retried."""
    route = respx_mock.post("/v1/files").respond(
        400, json=error_json("value_out_of_range", "file exceeds 10 MB", param="file")
    )

    with pytest.raises(BadRequestError) as caught:
        await client.upload_file(PNG, purpose="reference")

    assert caught.value.param == "file"
    assert caught.value.code == "value_out_of_range"
    assert route.call_count == 1


# --- get_file -----------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_file_parses_the_file_with_a_fresh_url(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """get_file GETs /v1/files/{id} and parses the File, null dimensions included."""
    fresh = f"https://storage.aurous-labs.com/files/{FILE_ID}.png?X-Signature=99aa01"
    route = respx_mock.get(f"/v1/files/{FILE_ID}").respond(
        200, json=file_json(url=fresh, width_px=None, height_px=None)
    )

    found = await client.get_file(FILE_ID)

    request = sent(route)
    assert request.method == "GET"
    assert request.url.query == b""
    assert isinstance(found, FileObject)
    assert found.url == fresh
    assert (found.width_px, found.height_px) == (None, None)
    assert found.created_at.isoformat() == "2026-05-15T10:00:00+00:00"


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_file_404_after_purge(client: AsyncAurous, respx_mock: respx.MockRouter) -> None:
    """A deleted or purged file is a NotFoundError."""
    respx_mock.get(f"/v1/files/{FILE_ID}").respond(
        404, json=error_json("resource_not_found", "No such file", type="not_found")
    )

    with pytest.raises(NotFoundError) as caught:
        await client.get_file(FILE_ID)

    assert caught.value.code == "resource_not_found"


# --- delete_file --------------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_delete_file_sends_delete_and_parses_the_answer(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """delete_file sends DELETE with no body and returns the DeletedFile."""
    route = respx_mock.delete(f"/v1/files/{FILE_ID}").respond(
        200, json={"id": FILE_ID, "object": "file", "deleted": True}
    )

    deleted = await client.delete_file(FILE_ID)

    request = sent(route)
    assert request.method == "DELETE"
    assert request.content == b""
    assert "Idempotency-Key" not in request.headers
    assert isinstance(deleted, DeletedFile)
    assert (deleted.id, deleted.object_, deleted.deleted) == (FILE_ID, "file", True)


@pytest.mark.respx(base_url=BASE_URL)
async def test_delete_file_403_missing_scope(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A read-only key gets 403 missing_scope, raised as PermissionDeniedError."""
    respx_mock.delete(f"/v1/files/{FILE_ID}").respond(
        403,
        json=error_json("missing_scope", "This key lacks the write scope", type="authentication"),
    )

    with pytest.raises(PermissionDeniedError) as caught:
        await client.delete_file(FILE_ID)

    assert caught.value.code == "missing_scope"
    assert caught.value.status_code == 403
