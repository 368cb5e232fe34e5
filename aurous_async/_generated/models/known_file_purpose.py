from typing import Literal

KnownFilePurpose = Literal["first_frame", "last_frame", "reference"]

KNOWN_FILE_PURPOSE_VALUES: set[KnownFilePurpose] = {
    "first_frame",
    "last_frame",
    "reference",
}


def check_known_file_purpose(value: str) -> KnownFilePurpose:
    if value in KNOWN_FILE_PURPOSE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {KNOWN_FILE_PURPOSE_VALUES!r}")
