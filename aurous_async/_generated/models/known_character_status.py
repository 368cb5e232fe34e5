from typing import Literal

KnownCharacterStatus = Literal[
    "cancelled", "deleted", "failed", "ready", "reviewing", "synthesizing"
]

KNOWN_CHARACTER_STATUS_VALUES: set[KnownCharacterStatus] = {
    "cancelled",
    "deleted",
    "failed",
    "ready",
    "reviewing",
    "synthesizing",
}


def check_known_character_status(value: str) -> KnownCharacterStatus:
    if value in KNOWN_CHARACTER_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KNOWN_CHARACTER_STATUS_VALUES!r}"
    )
