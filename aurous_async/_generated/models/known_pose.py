from typing import Literal

KnownPose = Literal["back", "front", "other", "portrait", "side"]

KNOWN_POSE_VALUES: set[KnownPose] = {
    "back",
    "front",
    "other",
    "portrait",
    "side",
}


def check_known_pose(value: str) -> KnownPose:
    if value in KNOWN_POSE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {KNOWN_POSE_VALUES!r}")
