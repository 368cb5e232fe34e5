from typing import Literal

InitCharacterUploadRequestContentType = Literal["image/jpeg", "image/png", "image/webp"]

INIT_CHARACTER_UPLOAD_REQUEST_CONTENT_TYPE_VALUES: set[InitCharacterUploadRequestContentType] = {
    "image/jpeg",
    "image/png",
    "image/webp",
}


def check_init_character_upload_request_content_type(
    value: str,
) -> InitCharacterUploadRequestContentType:
    if value in INIT_CHARACTER_UPLOAD_REQUEST_CONTENT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {INIT_CHARACTER_UPLOAD_REQUEST_CONTENT_TYPE_VALUES!r}"
    )
