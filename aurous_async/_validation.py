"""
Checks on what we send, run before any request leaves the process.
"""

from __future__ import annotations

import datetime
import re

from ._exceptions import AurousError

_VERSION_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Whitespace and C0/C1 control characters: never valid in an id or a header value we send.
_BAD_ID_CHARS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_BAD_HEADER_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class InvalidArgumentError(AurousError, ValueError):
    """
    An argument failed a check before anything was sent; ``argument`` names it.
    """

    def __init__(self, argument: str, problem: str) -> None:
        super().__init__(f"{argument}: {problem}")
        self.argument = argument


def check_id(value: object, name: str = "id") -> str:
    """
    Return *value* if it is usable as a path segment id, else raise `InvalidArgumentError`.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(name, f"must be a str, got {type(value).__name__}")
    if not value:
        raise InvalidArgumentError(name, "must not be empty")
    if _BAD_ID_CHARS.search(value):
        raise InvalidArgumentError(name, "must not contain whitespace or control characters")
    # httpx normalises dot segments, so ".." would silently reach another route.
    if value in (".", ".."):
        raise InvalidArgumentError(name, f"{value!r} is not a valid id")
    return value


def check_api_version(value: object, name: str = "api_version") -> str:
    """
    Return *value* if it is a real calendar date written YYYY-MM-DD, else raise.
    """
    if not isinstance(value, str) or not _VERSION_RE.fullmatch(value):
        raise InvalidArgumentError(name, f"must look like 2026-05-15, got {value!r}")
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidArgumentError(name, f"{value!r} is not a real calendar date") from None
    return value


def check_header_value(value: object, name: str) -> str:
    """
    Return *value* if it can be sent as a header value (no CR, LF or control characters).
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(name, f"must be a str, got {type(value).__name__}")
    if _BAD_HEADER_CHARS.search(value):
        raise InvalidArgumentError(name, "must not contain CR, LF or control characters")
    return value


def check_api_key(value: object, name: str = "api_key") -> str:
    """
    Return the key if it is non-empty and free of whitespace and control characters.

    The message never includes the key itself.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(name, f"must be a str, got {type(value).__name__}")
    if not value:
        raise InvalidArgumentError(name, "must not be empty")
    if _BAD_ID_CHARS.search(value):
        raise InvalidArgumentError(name, "must not contain whitespace or control characters")
    return value
