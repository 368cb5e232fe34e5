"""
Request-body validation with the documented codes: ``missing_field``, ``invalid_format``,
``value_out_of_range`` and ``invalid_request`` for unknown keys, each naming ``param``. The
character pages use one code for everything (``invalid_request`` or ``invalid_request_error``);
``code=`` gives that override.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from typing import Any

from ._http import bad_request

_INTEGER = re.compile(r"-?[0-9]+")
#: Magnitude past which a decimal string is taken as this bound: past every limit the fake
#: checks, and far below the 4300 digits `int` refuses to convert.
INTEGER_CAP = 10**18


def parse_int(text: str | None) -> int | None:
    """
    The integer an ASCII decimal string (optional ``-``) spells, capped at ±`INTEGER_CAP`;
    ``None`` for anything else. Stricter than `int`, which also takes non-ASCII digits,
    spaces, ``_`` and ``+``, and raises on strings of more than 4300 digits.
    """
    if text is None or not text.isascii() or _INTEGER.fullmatch(text) is None:
        return None
    negative = text.startswith("-")
    digits = text.lstrip("-").lstrip("0") or "0"
    value = INTEGER_CAP if len(digits) > 18 else min(int(digits), INTEGER_CAP)
    return -value if negative else value


class Fields:
    """Typed, checked access to a JSON object body."""

    def __init__(self, body: dict[str, Any], *, code: str | None = None) -> None:
        self.body = body
        self.code = code

    def _fail(self, default: str, message: str, param: str) -> Exception:
        return bad_request(self.code or default, message, param)

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        """400 naming the first key not in *allowed*; the message lists all of them."""
        unknown = [key for key in self.body if key not in set(allowed)]
        if unknown:
            raise bad_request(
                self.code or "invalid_request",
                f"Unknown parameter(s): {', '.join(unknown)}.",
                unknown[0],
            )

    def _get(self, name: str, param: str | None = None) -> Any:
        """The value of *name*; an explicit ``null`` is refused, as no request field is nullable."""
        value = self.body.get(name)
        if value is None and name in self.body:
            param = param or name
            raise self._fail("invalid_format", f"{param} must not be null.", param)
        return value

    def present(self, name: str) -> bool:
        """Whether *name* was sent with a non-null value."""
        return self.body.get(name) is not None

    def string(
        self,
        name: str,
        *,
        required: bool = False,
        max_len: int | None = None,
        choices: Collection[str] | None = None,
        param: str | None = None,
    ) -> str | None:
        param = param or name
        value = self._get(name, param)
        if value is None:
            if required:
                raise self._fail("missing_field", f"{param} is required.", param)
            return None
        if not isinstance(value, str):
            raise self._fail("invalid_format", f"{param} must be a string.", param)
        if not value.strip() and required:
            raise self._fail("missing_field", f"{param} must not be blank.", param)
        if max_len is not None and len(value) > max_len:
            raise self._fail(
                "value_out_of_range", f"{param} is longer than {max_len} characters.", param
            )
        if choices is not None and value not in choices:
            raise self._fail(
                "invalid_format", f"{param} must be one of {', '.join(choices)}.", param
            )
        return value

    def integer(
        self, name: str, low: int | None = None, high: int | None = None, *, required: bool = False
    ) -> int | None:
        value = self._get(name)
        if value is None:
            if required:
                raise self._fail("missing_field", f"{name} is required.", name)
            return None
        # JSON has one number type: 1024.0 is an integer to JSON Schema, so it is one here.
        if isinstance(value, float) and value.is_integer() and abs(value) <= INTEGER_CAP:
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._fail("invalid_format", f"{name} must be an integer.", name)
        self._range(name, value, low, high)
        return value

    def number(
        self, name: str, low: float | None = None, high: float | None = None
    ) -> float | None:
        value = self._get(name)
        if value is None:
            return None
        # JSON's NaN and Infinity parse to floats that every range check lets through.
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self._fail("invalid_format", f"{name} must be a number.", name)
        self._range(name, value, low, high)
        return value

    def _range(self, name: str, value: float, low: float | None, high: float | None) -> None:
        if (low is not None and value < low) or (high is not None and value > high):
            raise self._fail(
                "value_out_of_range", f"{name} must be between {low} and {high}.", name
            )

    def boolean(self, name: str) -> bool | None:
        value = self._get(name)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self._fail("invalid_format", f"{name} must be a boolean.", name)
        return value

    def strings(
        self, name: str, *, min_items: int = 0, max_items: int | None = None
    ) -> list[str] | None:
        value = self._get(name)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._fail("invalid_format", f"{name} must be a list of strings.", name)
        if len(value) < min_items or (max_items is not None and len(value) > max_items):
            raise self._fail(
                "value_out_of_range",
                f"{name} must have {min_items} to {max_items} items.",
                name,
            )
        return list(value)

    def mapping(self, name: str) -> dict[str, Any] | None:
        value = self._get(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self._fail("invalid_format", f"{name} must be an object.", name)
        return value


def page_of(
    request: Any,
    records: list[Any],
    prefixes: tuple[str, ...],
    *,
    backward: bool = False,
) -> tuple[list[Any], bool, str | None]:
    """
    One cursor page of *records* (any order), newest first: ``(rows, has_more, next_cursor)``.

    ``starting_after`` walks to older rows; ``ending_before`` (when *backward* is allowed) to
    newer ones, and its ``next_cursor`` is the newest row, to pass as ``ending_before`` again.
    Cursors are keysets, so a cursor whose row was deleted meanwhile still works.
    """
    from ._state import sort_key

    raw_limit = request.arg("limit")
    limit = 20
    if raw_limit not in (None, ""):
        parsed = parse_int(raw_limit)
        if parsed is None:
            raise bad_request("invalid_format", "limit must be an integer.", "limit")
        limit = parsed
        if not 1 <= limit <= 100:
            raise bad_request("value_out_of_range", "limit must be between 1 and 100.", "limit")
    after = request.arg("starting_after") or None
    before = (request.arg("ending_before") or None) if backward else None
    if after and before:
        raise bad_request(
            "parameter_invalid_combination",
            "Send starting_after or ending_before, not both.",
            "ending_before",
        )
    for name, cursor in (("starting_after", after), ("ending_before", before)):
        if cursor is not None and not cursor.startswith(prefixes):
            raise bad_request("invalid_format", f"{name} is not a valid cursor.", name)
    ordered = sorted(records, key=lambda r: sort_key(r.id), reverse=True)
    if before is not None:
        newer = [r for r in ordered if sort_key(r.id) > sort_key(before)]
        rows = newer[-limit:]
        has_more = len(newer) > limit
        return rows, has_more, (rows[0].id if has_more and rows else None)
    if after is not None:
        ordered = [r for r in ordered if sort_key(r.id) < sort_key(after)]
    rows = ordered[:limit]
    has_more = len(ordered) > limit
    return rows, has_more, (rows[-1].id if has_more and rows else None)
