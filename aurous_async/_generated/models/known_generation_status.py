from typing import Literal

KnownGenerationStatus = Literal[
    "cancelled",
    "expired",
    "failed",
    "moderation_rejected",
    "pending",
    "processing",
    "queued",
    "succeeded",
]

KNOWN_GENERATION_STATUS_VALUES: set[KnownGenerationStatus] = {
    "cancelled",
    "expired",
    "failed",
    "moderation_rejected",
    "pending",
    "processing",
    "queued",
    "succeeded",
}


def check_known_generation_status(value: str) -> KnownGenerationStatus:
    if value in KNOWN_GENERATION_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KNOWN_GENERATION_STATUS_VALUES!r}"
    )
