from typing import Literal

KnownMediaType = Literal["image", "video"]

KNOWN_MEDIA_TYPE_VALUES: set[KnownMediaType] = {
    "image",
    "video",
}


def check_known_media_type(value: str) -> KnownMediaType:
    if value in KNOWN_MEDIA_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {KNOWN_MEDIA_TYPE_VALUES!r}")
