from typing import Literal

KnownUsageEventType = Literal["chat", "embedding", "image", "video"]

KNOWN_USAGE_EVENT_TYPE_VALUES: set[KnownUsageEventType] = {
    "chat",
    "embedding",
    "image",
    "video",
}


def check_known_usage_event_type(value: str) -> KnownUsageEventType:
    if value in KNOWN_USAGE_EVENT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KNOWN_USAGE_EVENT_TYPE_VALUES!r}"
    )
