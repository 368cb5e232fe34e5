"""
Turning facade arguments into what is sent: timeouts normalised and checked, request models
built from keyword fields checked against the generated model's types.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypeVar

import httpx

from ._validation import InvalidArgumentError, check_seconds, field_kinds, type_name

T = TypeVar("T")


def to_timeout(value: object, name: str = "timeout") -> httpx.Timeout:
    """
    Normalise a timeout argument (seconds, ``httpx.Timeout`` or ``None`` for none at all).

    A negative or NaN number of seconds, in any phase of an ``httpx.Timeout`` too, raises
    `InvalidArgumentError`; infinity means no limit, like ``None``.
    """
    if isinstance(value, httpx.Timeout):
        phases = value.as_dict()
        checked = {phase: _phase(seconds, f"{name}.{phase}") for phase, seconds in phases.items()}
        return value if checked == phases else httpx.Timeout(**checked)
    if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
        raise InvalidArgumentError(
            name, f"must be seconds (a number), an httpx.Timeout or None, got {type_name(value)}"
        )
    return httpx.Timeout(_phase(value, name))


def _phase(value: object, name: str) -> float | None:
    if value is None:
        return None
    seconds = check_seconds(value, name)
    # A socket timeout of inf overflows deep in the stack; None is the same "no limit".
    return None if math.isinf(seconds) else seconds


def body(model: type[T], **fields: Any) -> T:
    """
    Build a generated request model from keyword fields, leaving out those that are ``None``.

    Each field is checked against the model's own attrs type first, so a wrong type raises
    `InvalidArgumentError` naming the field instead of a raw error from ``from_dict`` or a
    malformed body; a field the model does not have raises ``TypeError``.
    """
    kinds = field_kinds(model)
    data: dict[str, Any] = {}
    for name, value in fields.items():
        kind = kinds.get(name)
        if kind is None:
            raise TypeError(f"{model.__name__} has no field {name!r}")
        if value is None:
            if kind.required:
                raise InvalidArgumentError(name, "is required, got None")
            continue
        data[name] = kind.check(plain(value), name)
    try:
        return model.from_dict(data)  # type: ignore[attr-defined, no-any-return]
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        # Every field passed its check, so this is a required field left out or a value
        # the generated converter still refuses; name what can be named.
        missing = [name for name, kind in kinds.items() if kind.required and name not in data]
        argument = missing[0] if missing else model.__name__
        raise InvalidArgumentError(argument, f"refused by {model.__name__}: {exc}") from None


def plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(item) for item in value]
    return value
