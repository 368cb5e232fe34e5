from typing import Literal

RegenerateCharacterRefRequestPose = Literal["back", "front", "other", "portrait", "side"]

REGENERATE_CHARACTER_REF_REQUEST_POSE_VALUES: set[RegenerateCharacterRefRequestPose] = {
    "back",
    "front",
    "other",
    "portrait",
    "side",
}


def check_regenerate_character_ref_request_pose(value: str) -> RegenerateCharacterRefRequestPose:
    if value in REGENERATE_CHARACTER_REF_REQUEST_POSE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REGENERATE_CHARACTER_REF_REQUEST_POSE_VALUES!r}"
    )
