from typing import Literal

UsageBucketWidth = Literal["15m", "1d", "1h", "1m", "30d", "5m", "7d"]

USAGE_BUCKET_WIDTH_VALUES: set[UsageBucketWidth] = {
    "15m",
    "1d",
    "1h",
    "1m",
    "30d",
    "5m",
    "7d",
}


def check_usage_bucket_width(value: str) -> UsageBucketWidth:
    if value in USAGE_BUCKET_WIDTH_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {USAGE_BUCKET_WIDTH_VALUES!r}")
