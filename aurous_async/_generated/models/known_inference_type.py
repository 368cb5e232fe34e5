from typing import Literal

KnownInferenceType = Literal["t2i", "t2v"]

KNOWN_INFERENCE_TYPE_VALUES: set[KnownInferenceType] = {
    "t2i",
    "t2v",
}


def check_known_inference_type(value: str) -> KnownInferenceType:
    if value in KNOWN_INFERENCE_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {KNOWN_INFERENCE_TYPE_VALUES!r}")
