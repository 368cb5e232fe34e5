from typing import Literal

UsageEventStatusFilter = Literal["cancelled", "completed", "failed", "pending", "processing"]

USAGE_EVENT_STATUS_FILTER_VALUES: set[UsageEventStatusFilter] = {
    "cancelled",
    "completed",
    "failed",
    "pending",
    "processing",
}


def check_usage_event_status_filter(value: str) -> UsageEventStatusFilter:
    if value in USAGE_EVENT_STATUS_FILTER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USAGE_EVENT_STATUS_FILTER_VALUES!r}"
    )
