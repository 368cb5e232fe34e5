"""
Output downloads: download_image_output / download_video_output (whole bytes, a byte range),
the streaming forms (stream_*_output, save_*_output), redirects to another host without the
API key, expired (410) and missing (422) outputs, and argument checks before sending.
"""

from __future__ import annotations

import hashlib
import tracemalloc
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    API_VERSION,
    AsyncAurous,
    GoneError,
    InvalidArgumentError,
    NotFoundError,
    UnprocessableEntityError,
)
from tests.conftest import API_KEY, BASE_URL

IMG_ID = "img_01HXMQ7Z3K8Y2ABCDEFGHJKM"
VID_ID = "vid_01HXMQ7Z3K8Y2ABCDEFGHJKN"
IMAGE_OUTPUT = f"/v1/images/{IMG_ID}/output/0"
VIDEO_OUTPUT = f"/v1/videos/{VID_ID}/output"
CDN_IMAGE = f"https://cdn.example.net/outputs/{IMG_ID}/0.png?X-Tos-Signature=8f3a"
CDN_VIDEO = f"https://cdn.example.net/outputs/{VID_ID}.mp4?X-Tos-Signature=77c1"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 40
CHUNK = 64 * 1024


def error_json(code: str, message: str, type: str = "invalid_request") -> dict[str, Any]:
    """An error envelope as the API sends it."""
    return {"error": {"type": type, "code": code, "message": message}}


def video_chunk(index: int) -> bytes:
    """The *index*-th 64 KiB chunk of a synthetic video: distinct for every index."""
    return index.to_bytes(4, "big") * (CHUNK // 4)


def video_chunks(count: int) -> Iterator[bytes]:
    """The chunks of a synthetic video of *count* chunks, made one at a time."""
    return (video_chunk(index) for index in range(count))


class VideoStream(httpx.AsyncByteStream):
    """A response body produced chunk by chunk, never held whole in memory."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.chunks_sent = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in video_chunks(self.count):
            self.chunks_sent += 1
            yield chunk


def serve(
    stream: VideoStream, status: int = 200, headers: dict[str, str] | None = None
) -> Callable[[httpx.Request], httpx.Response]:
    """A respx side effect answering a GET with *stream* as the (unread) body."""

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.method == "GET"
        return httpx.Response(status, headers=headers, stream=stream)

    return answer


def sent_with_key(request: httpx.Request) -> None:
    """Check *request* carried the API key and the version pin."""
    assert request.headers["X-Api-Key"] == API_KEY
    assert request.headers["Aurous-Version"] == API_VERSION


# --- download_image_output ----------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_image_output_returns_the_bytes(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """download_image_output GETs /output/{n} with the key and returns the body bytes."""
    route = respx_mock.get(f"/v1/images/{IMG_ID}/output/2").respond(
        200, content=PNG, headers={"Content-Type": "image/png"}
    )

    data = await client.download_image_output(IMG_ID, 2)

    assert data == PNG
    assert isinstance(data, bytes)
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.url.query == b""
    sent_with_key(request)


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_image_output_defaults_to_the_first_output(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Without n the first output (index 0) is downloaded."""
    route = respx_mock.get(IMAGE_OUTPUT).respond(200, content=PNG)

    assert await client.download_image_output(IMG_ID) == PNG
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_image_output_follows_a_redirect_without_the_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 302 to another host is followed; the CDN request carries no X-Api-Key."""
    api = respx_mock.get(IMAGE_OUTPUT).respond(302, headers={"Location": CDN_IMAGE})
    cdn = respx_mock.get(CDN_IMAGE).respond(200, content=PNG, headers={"Content-Type": "image/png"})

    data = await client.download_image_output(IMG_ID, 0)

    assert data == PNG
    assert api.call_count == 1 and cdn.call_count == 1
    sent_with_key(api.calls.last.request)
    to_cdn = cdn.calls.last.request
    assert to_cdn.url.host == "cdn.example.net"
    assert "X-Api-Key" not in to_cdn.headers
    assert "Authorization" not in to_cdn.headers
    assert API_KEY not in str(to_cdn.headers.raw)


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_image_output_keeps_the_key_on_a_same_origin_redirect(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A redirect that stays on the API origin still carries the key."""
    target = respx_mock.get(IMAGE_OUTPUT, params={"token": "otk_1"}).respond(200, content=PNG)
    respx_mock.get(IMAGE_OUTPUT).respond(
        302, headers={"Location": f"{BASE_URL}/v1/images/{IMG_ID}/output/0?token=otk_1"}
    )

    assert await client.download_image_output(IMG_ID) == PNG
    sent_with_key(target.calls.last.request)


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_image_output_410_raises_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An expired output is a GoneError with code output_expired, sent once."""
    route = respx_mock.get(IMAGE_OUTPUT).respond(
        410, json=error_json("output_expired", "Output expired", type="not_found")
    )

    with pytest.raises(GoneError) as caught:
        await client.download_image_output(IMG_ID, 0)

    assert caught.value.status_code == 410
    assert caught.value.code == "output_expired"
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_image_output_422_raises_unprocessable(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A generation that ended without output is UnprocessableEntityError."""
    route = respx_mock.get(IMAGE_OUTPUT).respond(
        422, json=error_json("output_not_available", "Generation failed; no output")
    )

    with pytest.raises(UnprocessableEntityError) as caught:
        await client.download_image_output(IMG_ID, 0)

    assert caught.value.code == "output_not_available"
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_image_output_404_for_an_index_past_the_outputs(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An index beyond the generated outputs answers 404, raised as NotFoundError."""
    respx_mock.get(f"/v1/images/{IMG_ID}/output/4").respond(
        404, json=error_json("resource_not_found", "No output 4", type="not_found")
    )

    with pytest.raises(NotFoundError):
        await client.download_image_output(IMG_ID, 4)


@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
@pytest.mark.parametrize("n", [-1, True, "0", 1.0, None])
async def test_image_output_index_must_be_a_non_negative_int(
    client: AsyncAurous, respx_mock: respx.MockRouter, n: Any, tmp_path: Path
) -> None:
    """A negative, bool, str, float or None n raises InvalidArgumentError; nothing sent."""
    route = respx_mock.route()

    with pytest.raises(InvalidArgumentError) as caught:
        await client.download_image_output(IMG_ID, n)
    assert caught.value.argument == "n"
    with pytest.raises(InvalidArgumentError):
        await client.save_image_output(IMG_ID, tmp_path / "out.png", n)
    with pytest.raises(InvalidArgumentError):
        client.stream_image_output(IMG_ID, n)

    assert not route.called
    assert not (tmp_path / "out.png").exists()


# --- stream_image_output / save_image_output ----------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_stream_image_output_gives_the_unread_response(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """stream_image_output yields the response; its bytes arrive through aiter_bytes."""
    route = respx_mock.get(f"/v1/images/{IMG_ID}/output/1").respond(
        200, content=PNG, headers={"Content-Type": "image/png"}
    )

    async with client.stream_image_output(IMG_ID, 1) as response:
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "image/png"
        body = b"".join([chunk async for chunk in response.aiter_bytes()])

    assert body == PNG
    sent_with_key(route.calls.last.request)


@pytest.mark.respx(base_url=BASE_URL)
async def test_save_image_output_writes_the_file_via_a_redirect(
    client: AsyncAurous, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    """save_image_output follows the CDN redirect without the key and writes the bytes."""
    respx_mock.get(IMAGE_OUTPUT).respond(302, headers={"Location": CDN_IMAGE})
    cdn = respx_mock.get(CDN_IMAGE).respond(200, content=PNG)
    target = tmp_path / "lighthouse.png"

    written = await client.save_image_output(IMG_ID, target)

    assert written == len(PNG)
    assert target.read_bytes() == PNG
    assert "X-Api-Key" not in cdn.calls.last.request.headers


# --- download_video_output ----------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_video_output_returns_the_whole_video(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Without byte_range no Range header is sent and the whole file comes back."""
    route = respx_mock.get(VIDEO_OUTPUT).respond(
        200, content=MP4, headers={"Content-Type": "video/mp4"}
    )

    data = await client.download_video_output(VID_ID)

    assert data == MP4
    request = route.calls.last.request
    sent_with_key(request)
    assert "Range" not in request.headers
    assert request.url.query == b""


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_video_output_byte_range_returns_partial_content(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """byte_range=(0, 99) sends Range: bytes=0-99 and returns the 206 body."""
    route = respx_mock.get(VIDEO_OUTPUT).respond(
        206,
        content=MP4[:100],
        headers={"Content-Type": "video/mp4", "Content-Range": f"bytes 0-99/{len(MP4)}"},
    )

    data = await client.download_video_output(VID_ID, byte_range=(0, 99))

    assert data == MP4[:100]
    assert route.calls.last.request.headers["Range"] == "bytes=0-99"
    sent_with_key(route.calls.last.request)


@pytest.mark.respx(base_url=BASE_URL)
@pytest.mark.parametrize(
    ("byte_range", "header"),
    [((100, None), "bytes=100-"), ((5, 5), "bytes=5-5"), ("bytes=-500", "bytes=-500")],
)
async def test_download_video_output_open_and_raw_ranges(
    client: AsyncAurous, respx_mock: respx.MockRouter, byte_range: Any, header: str
) -> None:
    """An open end, a one-byte range and a raw bytes= value map to the Range header."""
    route = respx_mock.get(VIDEO_OUTPUT).respond(206, content=b"part")

    assert await client.download_video_output(VID_ID, byte_range=byte_range) == b"part"
    assert route.calls.last.request.headers["Range"] == header


@pytest.mark.respx(base_url=BASE_URL, assert_all_called=False)
@pytest.mark.parametrize(
    "byte_range",
    [
        (10, 5),
        (-1, 5),
        (0, -1),
        ("0", 99),
        (0.5, 9),
        (True, 9),
        (0, 99, 100),
        (0,),
        "0-99",
        "bytes=0-99\r\nX-Api-Key: stolen",
        12,
    ],
)
async def test_download_video_output_rejects_an_invalid_byte_range(
    client: AsyncAurous, respx_mock: respx.MockRouter, byte_range: Any, tmp_path: Path
) -> None:
    """A reversed, negative, non-int, wrongly sized or malformed range is refused unsent."""
    route = respx_mock.route()

    with pytest.raises(InvalidArgumentError) as caught:
        await client.download_video_output(VID_ID, byte_range=byte_range)
    assert caught.value.argument == "byte_range"
    with pytest.raises(InvalidArgumentError):
        client.stream_video_output(VID_ID, byte_range=byte_range)
    with pytest.raises(InvalidArgumentError):
        await client.save_video_output(VID_ID, tmp_path / "clip.mp4", byte_range=byte_range)

    assert not route.called
    assert not (tmp_path / "clip.mp4").exists()


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_video_output_410_raises_gone(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An expired video is a GoneError (output_expired), not retried."""
    route = respx_mock.get(VIDEO_OUTPUT).respond(
        410, json=error_json("output_expired", "Video expired", type="not_found")
    )

    with pytest.raises(GoneError) as caught:
        await client.download_video_output(VID_ID)

    assert caught.value.code == "output_expired"
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_download_video_output_422_raises_unprocessable(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A video generation without output is UnprocessableEntityError."""
    respx_mock.get(VIDEO_OUTPUT).respond(
        422, json=error_json("output_not_available", "Generation was cancelled")
    )

    with pytest.raises(UnprocessableEntityError) as caught:
        await client.download_video_output(VID_ID)

    assert caught.value.code == "output_not_available"


# --- stream_video_output / save_video_output ----------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_stream_video_output_yields_chunks(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The streamed response yields the body in several chunks, as the server sent them."""
    stream = VideoStream(4)
    route = respx_mock.get(VIDEO_OUTPUT).mock(
        side_effect=serve(stream, 206, {"Content-Type": "video/mp4"})
    )

    async with client.stream_video_output(VID_ID, byte_range=(0, None)) as response:
        assert response.status_code == 206
        chunks = [chunk async for chunk in response.aiter_bytes()]

    assert len(chunks) == 4
    assert chunks == list(video_chunks(4))
    request = route.calls.last.request
    sent_with_key(request)
    assert request.headers["Range"] == "bytes=0-"


@pytest.mark.respx(base_url=BASE_URL)
async def test_stream_video_output_stops_reading_when_the_caller_leaves_early(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Leaving the block after one chunk does not read the rest of the video."""
    stream = VideoStream(64)
    respx_mock.get(VIDEO_OUTPUT).mock(side_effect=serve(stream))

    async with client.stream_video_output(VID_ID) as response:
        async for chunk in response.aiter_raw():
            assert chunk == video_chunk(0)
            break

    assert stream.chunks_sent < 64


@pytest.mark.respx(base_url=BASE_URL)
async def test_save_video_output_streams_8_mb_with_bounded_memory(
    client: AsyncAurous, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    """An 8 MB video lands byte-exact on disk while traced memory peaks far below 8 MB."""
    count = 128  # 128 × 64 KiB = 8 MiB
    size = count * CHUNK
    headers = {"Content-Type": "video/mp4", "Content-Length": str(size)}
    route = respx_mock.get(VIDEO_OUTPUT).mock(
        side_effect=[
            httpx.Response(200, stream=VideoStream(1)),
            httpx.Response(200, headers=headers, stream=VideoStream(count)),
        ]
    )
    target = tmp_path / "clip.mp4"
    # Warm up first: imports and the connection pool's TLS setup are one-time costs that
    # have nothing to do with the size of the download.
    assert await client.save_video_output(VID_ID, tmp_path / "warmup.mp4") == CHUNK

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        written = await client.save_video_output(VID_ID, target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert route.call_count == 2
    assert written == size
    assert target.stat().st_size == size
    assert peak < 2 * 1024 * 1024, f"peak {peak} bytes while saving {size} bytes"
    expected, actual = hashlib.sha256(), hashlib.sha256()
    for chunk in video_chunks(count):
        expected.update(chunk)
    with target.open("rb") as saved:
        while block := saved.read(CHUNK):
            actual.update(block)
    assert actual.hexdigest() == expected.hexdigest()


@pytest.mark.respx(base_url=BASE_URL)
async def test_save_video_output_follows_a_cdn_redirect_without_the_key(
    client: AsyncAurous, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    """A 302 to the CDN is followed when saving; only the API request had the key."""
    api = respx_mock.get(VIDEO_OUTPUT).respond(302, headers={"Location": CDN_VIDEO})
    cdn = respx_mock.get(CDN_VIDEO).mock(side_effect=serve(VideoStream(3)))
    target = tmp_path / "clip.mp4"

    written = await client.save_video_output(VID_ID, target)

    assert written == 3 * CHUNK
    assert target.read_bytes() == b"".join(video_chunks(3))
    sent_with_key(api.calls.last.request)
    assert "X-Api-Key" not in cdn.calls.last.request.headers


@pytest.mark.respx(base_url=BASE_URL)
async def test_save_video_output_retries_a_503_before_writing(
    client: AsyncAurous, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    """A 503 answer is retried; the file holds only the successful body."""
    route = respx_mock.get(VIDEO_OUTPUT).mock(
        side_effect=[
            httpx.Response(503, json=error_json("internal_error", "busy", type="server_error")),
            httpx.Response(200, content=MP4),
        ]
    )
    target = tmp_path / "clip.mp4"

    assert await client.save_video_output(VID_ID, target) == len(MP4)
    assert target.read_bytes() == MP4
    assert route.call_count == 2


@pytest.mark.respx(base_url=BASE_URL)
async def test_save_video_output_410_raises_and_writes_no_file(
    client: AsyncAurous, respx_mock: respx.MockRouter, tmp_path: Path
) -> None:
    """An expired video raises GoneError before any file is created."""
    respx_mock.get(VIDEO_OUTPUT).respond(
        410, json=error_json("output_expired", "Video expired", type="not_found")
    )
    target = tmp_path / "clip.mp4"

    with pytest.raises(GoneError):
        await client.save_video_output(VID_ID, target)

    assert not target.exists()
