from typing import Literal

KnownCurrency = Literal["credit"]

KNOWN_CURRENCY_VALUES: set[KnownCurrency] = {
    "credit",
}


def check_known_currency(value: str) -> KnownCurrency:
    if value in KNOWN_CURRENCY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {KNOWN_CURRENCY_VALUES!r}")
