"""
Bytes the fake serves (small valid PNGs, an mp4-shaped video) and sniffing of uploaded images.
"""

from __future__ import annotations

import functools
import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


@functools.lru_cache(maxsize=64)
def png(width: int = 64, height: int = 64, rgb: tuple[int, int, int] = (212, 175, 55)) -> bytes:
    """A valid PNG of one colour (8-bit RGB)."""
    row = b"\x00" + bytes(rgb) * width
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + _chunk(b"IDAT", zlib.compress(row * height, 9))
        + _chunk(b"IEND", b"")
    )


def colour_for(text: str) -> tuple[int, int, int]:
    """A stable colour per id, so different outputs have different bytes."""
    digest = zlib.crc32(text.encode())
    return (digest >> 16) & 0xFF, (digest >> 8) & 0xFF, digest & 0xFF


@functools.lru_cache(maxsize=16)
def mp4(size: int = 64 * 1024) -> bytes:
    """
    *size* bytes shaped like an mp4 (``ftyp`` box, then ``mdat`` padding); not playable, but
    sniffed as video/mp4 and big enough to exercise Range requests.
    """
    ftyp = struct.pack(">I", 24) + b"ftypisom" + struct.pack(">I", 512) + b"isomiso2"
    body_len = size - len(ftyp) - 8
    mdat = struct.pack(">I", body_len + 8) + b"mdat" + bytes(i % 251 for i in range(body_len))
    return ftyp + mdat


def sniff_image(data: bytes) -> tuple[str, int | None, int | None] | None:
    """``(mime type, width, height)`` of a PNG, JPEG or WebP, or ``None`` for anything else."""
    if data.startswith(PNG_SIGNATURE) and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return "image/png", width, height
    if data.startswith(b"\xff\xd8"):
        return ("image/jpeg", *_jpeg_size(data))
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ("image/webp", *_webp_size(data))
    return None


def _jpeg_size(data: bytes) -> tuple[int | None, int | None]:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        # SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None, None


def _webp_size(data: bytes) -> tuple[int | None, int | None]:
    kind = data[12:16]
    if kind == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if kind == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None, None
