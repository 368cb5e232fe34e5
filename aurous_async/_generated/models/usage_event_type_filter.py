from typing import Literal

UsageEventTypeFilter = Literal["chat", "embedding", "image", "video"]

USAGE_EVENT_TYPE_FILTER_VALUES: set[UsageEventTypeFilter] = {
    "chat",
    "embedding",
    "image",
    "video",
}


def check_usage_event_type_filter(value: str) -> UsageEventTypeFilter:
    if value in USAGE_EVENT_TYPE_FILTER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USAGE_EVENT_TYPE_FILTER_VALUES!r}"
    )
