from typing import Literal

InitCharacterUploadRequestExtension = Literal["jpeg", "jpg", "png", "webp"]

INIT_CHARACTER_UPLOAD_REQUEST_EXTENSION_VALUES: set[InitCharacterUploadRequestExtension] = {
    "jpeg",
    "jpg",
    "png",
    "webp",
}


def check_init_character_upload_request_extension(
    value: str,
) -> InitCharacterUploadRequestExtension:
    if value in INIT_CHARACTER_UPLOAD_REQUEST_EXTENSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {INIT_CHARACTER_UPLOAD_REQUEST_EXTENSION_VALUES!r}"
    )
