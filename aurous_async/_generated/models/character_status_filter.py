from typing import Literal

CharacterStatusFilter = Literal["failed", "ready", "reviewing", "synthesizing"]

CHARACTER_STATUS_FILTER_VALUES: set[CharacterStatusFilter] = {
    "failed",
    "ready",
    "reviewing",
    "synthesizing",
}


def check_character_status_filter(value: str) -> CharacterStatusFilter:
    if value in CHARACTER_STATUS_FILTER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CHARACTER_STATUS_FILTER_VALUES!r}"
    )
