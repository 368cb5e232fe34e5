"""
Output of the ``aurous`` command: tables or JSON, errors with request ids, exit codes,
the progress bar.
"""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from .._exceptions import (
    APIConnectionError,
    APIStatusError,
    AurousError,
)

if TYPE_CHECKING:
    from .._bulk import Progress


EXIT_OK = 0
EXIT_UNVERIFIED = 1
EXIT_USAGE = 2
EXIT_API = 3
EXIT_SERVER = 4
EXIT_PARTIAL = 5

ENV_WEBHOOK_SECRET = "AUROUS_WEBHOOK_SECRET"


class UsageError(Exception):
    """A mistake in the command line found after parsing (exit code 2)."""


# -- output -------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A JSON-ready form of a generated model, a `DeleteResult`, or plain data."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


class Output:
    """Writes results as tables for people or as JSON for scripts."""

    def __init__(self, json_mode: bool, stdout: TextIO, stderr: TextIO) -> None:
        self.json = json_mode
        self.stdout = stdout
        self.stderr = stderr

    def document(self, value: Any) -> None:
        """One object: a JSON document, or ``key: value`` lines."""
        data = plain(value)
        if self.json:
            self.stdout.write(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")
            return
        if not isinstance(data, dict):
            self.stdout.write(f"{data}\n")
            return
        width = max((len(key) for key in data), default=0)
        for key, item in data.items():
            shown = item if isinstance(item, str) else json.dumps(item, default=str)
            self.stdout.write(f"{key.ljust(width)}  {shown}\n")

    def line(self, data: dict[str, Any]) -> None:
        """One JSON line (``--json``) for a stream or bulk result."""
        self.stdout.write(json.dumps(data, sort_keys=True, default=str) + "\n")
        self.stdout.flush()

    def table(self, rows: Iterable[dict[str, Any]], columns: list[str]) -> int:
        """Rows as JSON lines, or as aligned columns; returns how many were written."""
        count = 0
        if self.json:
            for row in rows:
                self.line(row)
                count += 1
            return count
        buffered = [{key: cell(row.get(key)) for key in columns} for row in rows]
        widths = {key: max([len(key), *(len(row[key]) for row in buffered)]) for key in columns}
        self.stdout.write("  ".join(key.upper().ljust(widths[key]) for key in columns).rstrip())
        self.stdout.write("\n")
        for row in buffered:
            self.stdout.write("  ".join(row[key].ljust(widths[key]) for key in columns).rstrip())
            self.stdout.write("\n")
        return len(buffered)

    def error(self, error: BaseException) -> None:
        """Describe *error* on stderr (as ``{"error": ...}`` with ``--json``)."""
        if self.json:
            self.stderr.write(json.dumps({"error": error_json(error)}, sort_keys=True) + "\n")
        else:
            self.stderr.write(f"aurous: error: {error_text(error)}\n")
        self.stderr.flush()


def cell(value: Any) -> str:
    if value is None:
        return "-"
    return value if isinstance(value, str) else json.dumps(plain(value), default=str)


def error_json(error: BaseException) -> dict[str, Any]:
    data: dict[str, Any] = {"type": type(error).__name__, "message": str(error)}
    if isinstance(error, APIStatusError):
        data.update(
            status=error.status_code,
            code=error.code,
            request_id=error.request_id,
            message=error.message or str(error),
        )
    return data


def error_text(error: BaseException) -> str:
    if isinstance(error, APIStatusError):
        text = f"{error.status_code} {error.code or type(error).__name__}: {error.message}"
        if error.request_id:
            text += f" (request_id={error.request_id})"
        return text
    return f"{type(error).__name__}: {error}" if isinstance(error, AurousError) else str(error)


def exit_code(error: BaseException) -> int:
    """The exit code for a failure of a single command."""
    from .._validation import InvalidArgumentError
    from .._waiters import WaitTimeoutError

    if isinstance(error, InvalidArgumentError | UsageError | TypeError | ValueError):
        return EXIT_USAGE
    if isinstance(error, APIStatusError):
        return EXIT_API if error.status_code < 500 else EXIT_SERVER
    if isinstance(error, APIConnectionError | WaitTimeoutError | OSError):
        return EXIT_SERVER
    if isinstance(error, AurousError):
        # No API key, a closed client, ...: the command cannot run as given.
        return EXIT_USAGE
    return EXIT_SERVER


# -- the progress bar -----------------------------------------------------------------------


class ProgressBar:
    """
    A one-line bar on a terminal, redrawn at most every 0.1 s and always at the end.
    """

    WIDTH = 30

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self._drawn = 0.0
        self._last: Progress | None = None

    def __call__(self, progress: Progress) -> None:
        self._last = progress
        now = time.monotonic()
        if progress.done == progress.total or now - self._drawn >= 0.1:
            self._drawn = now
            self._draw(progress)

    def _draw(self, progress: Progress) -> None:
        total = progress.total or 0
        filled = self.WIDTH * progress.done // total if total else 0
        bar = "#" * filled + "." * (self.WIDTH - filled)
        eta = "" if progress.eta_s is None else f" eta {_duration(progress.eta_s)}"
        self.stream.write(
            f"\r{self.label} [{bar}] {progress.done}/{total or '?'}"
            f" failed {progress.failed}{eta}\x1b[K"
        )
        self.stream.flush()

    def close(self) -> None:
        """Draw the last state and end the line."""
        if self._last is not None:
            self._draw(self._last)
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
