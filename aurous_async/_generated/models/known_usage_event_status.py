from typing import Literal

KnownUsageEventStatus = Literal["cancelled", "completed", "failed", "pending", "processing"]

KNOWN_USAGE_EVENT_STATUS_VALUES: set[KnownUsageEventStatus] = {
    "cancelled",
    "completed",
    "failed",
    "pending",
    "processing",
}


def check_known_usage_event_status(value: str) -> KnownUsageEventStatus:
    if value in KNOWN_USAGE_EVENT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KNOWN_USAGE_EVENT_STATUS_VALUES!r}"
    )
