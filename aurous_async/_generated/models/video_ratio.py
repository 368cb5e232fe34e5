from typing import Literal

VideoRatio = Literal["16:9", "1:1", "21:9", "3:4", "4:3", "9:16"]

VIDEO_RATIO_VALUES: set[VideoRatio] = {
    "16:9",
    "1:1",
    "21:9",
    "3:4",
    "4:3",
    "9:16",
}


def check_video_ratio(value: str) -> VideoRatio:
    if value in VIDEO_RATIO_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIDEO_RATIO_VALUES!r}")
