from typing import Literal

KnownBillingMode = Literal["exempt", "metered"]

KNOWN_BILLING_MODE_VALUES: set[KnownBillingMode] = {
    "exempt",
    "metered",
}


def check_known_billing_mode(value: str) -> KnownBillingMode:
    if value in KNOWN_BILLING_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {KNOWN_BILLING_MODE_VALUES!r}")
