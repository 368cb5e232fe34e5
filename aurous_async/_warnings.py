"""
The warnings the transport raises, and the stack level that points them at the caller.
"""

from __future__ import annotations

import sys


class VersionMismatchWarning(UserWarning):
    """The server applied another API version than the one pinned; types may not match."""


class AurousDeprecationWarning(FutureWarning):
    """
    The server marked a route deprecated (``Aurous-Deprecated`` / ``Sunset``).

    A `FutureWarning`, so that it shows under Python's default filters (a
    `DeprecationWarning` raised from library code is hidden outside ``__main__``).
    """


_INTERNAL_PREFIXES = ("aurous_async", "httpx", "httpcore", "anyio", "asyncio", "contextlib")


def caller_stacklevel() -> int:
    """
    The ``stacklevel`` that points a warning at the first frame outside the SDK and its
    HTTP stack (``skip_file_prefixes`` exists only from Python 3.12).
    """
    frame = sys._getframe(1)
    level = 1
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if not any(
            module == prefix or module.startswith(prefix + ".") for prefix in _INTERNAL_PREFIXES
        ):
            return level
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return 1
