from typing import Literal

KnownMimeType = Literal["image/jpeg", "image/png", "image/webp"]

KNOWN_MIME_TYPE_VALUES: set[KnownMimeType] = {
    "image/jpeg",
    "image/png",
    "image/webp",
}


def check_known_mime_type(value: str) -> KnownMimeType:
    if value in KNOWN_MIME_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {KNOWN_MIME_TYPE_VALUES!r}")
