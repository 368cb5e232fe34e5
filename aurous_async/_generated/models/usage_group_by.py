from typing import Literal

UsageGroupBy = Literal["api_key_id", "model", "status", "type", "user_id"]

USAGE_GROUP_BY_VALUES: set[UsageGroupBy] = {
    "api_key_id",
    "model",
    "status",
    "type",
    "user_id",
}


def check_usage_group_by(value: str) -> UsageGroupBy:
    if value in USAGE_GROUP_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {USAGE_GROUP_BY_VALUES!r}")
