"""
The ``aurous`` command: the SDK from a terminal (``aurous --help``).

Built on the standard library's argparse, so it needs nothing beyond the SDK's own runtime
dependencies (argparse offers no shell completion). Output is a readable table, or with
``--json`` one JSON document (JSON lines for lists, streams and bulk results).

Exit codes: 0 success, 1 a webhook signature that does not verify, 2 usage error, 3 API error
(4xx), 4 server or network error (5xx, connection, timeout), 5 partial failure of a bulk
command. Errors name the request id when the API sent one.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ._constants import API_VERSION
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    AurousError,
)
from ._version import __version__

if TYPE_CHECKING:
    from ._bulk import Progress
    from ._client import AsyncAurous

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


def _plain(value: Any) -> Any:
    """A JSON-ready form of a generated model, a `DeleteResult`, or plain data."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
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
        data = _plain(value)
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
        buffered = [{key: _cell(row.get(key)) for key in columns} for row in rows]
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
            self.stderr.write(json.dumps({"error": _error_json(error)}, sort_keys=True) + "\n")
        else:
            self.stderr.write(f"aurous: error: {_error_text(error)}\n")
        self.stderr.flush()


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return value if isinstance(value, str) else json.dumps(_plain(value), default=str)


def _error_json(error: BaseException) -> dict[str, Any]:
    data: dict[str, Any] = {"type": type(error).__name__, "message": str(error)}
    if isinstance(error, APIStatusError):
        data.update(
            status=error.status_code,
            code=error.code,
            request_id=error.request_id,
            message=error.message or str(error),
        )
    return data


def _error_text(error: BaseException) -> str:
    if isinstance(error, APIStatusError):
        text = f"{error.status_code} {error.code or type(error).__name__}: {error.message}"
        if error.request_id:
            text += f" (request_id={error.request_id})"
        return text
    return f"{type(error).__name__}: {error}" if isinstance(error, AurousError) else str(error)


def exit_code(error: BaseException) -> int:
    """The exit code for a failure of a single command."""
    from ._validation import InvalidArgumentError
    from ._waiters import WaitTimeoutError

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


# -- the parser -------------------------------------------------------------------------------

Handler = Callable[["AsyncAurous", argparse.Namespace, Output], Awaitable[int]]


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # On the top parser and every subcommand, so options work before or after the command;
    # SUPPRESS keeps a subcommand's absent option from hiding one given before it.
    default = None if top else argparse.SUPPRESS
    group = parser.add_argument_group("connection and output")
    group.add_argument(
        "--api-key",
        default=default,
        help="API key (default: $AUROUS_API_KEY); prefer the variable, arguments are visible "
        "to other users of the machine",
    )
    group.add_argument("--base-url", default=default, help="default: $AUROUS_BASE_URL")
    group.add_argument(
        "--api-version", default=default, help=f"Aurous-Version pin (default: {API_VERSION})"
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="JSON output: one document, or JSON lines for lists and bulk results",
    )
    group.add_argument(
        "--timeout", type=float, default=default, help="seconds per request (default: 60)"
    )
    group.add_argument(
        "--rate-limit",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="pace requests client-side at the documented rate limits",
    )


def _field(text: str) -> tuple[str, Any]:
    name, sep, raw = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected name=value, got {text!r}")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return name.strip(), value


def _timestamp(text: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date-time: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # No prefixes: `--secret` must never be taken for `--secret-file`.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree (`main` parses with it)."""
    parser = _Parser(
        prog="aurous",
        description="The Aurous Labs API from the command line.",
        epilog="Exit codes: 0 ok, 1 webhook signature not verified, 2 usage error, "
        "3 API error (4xx), 4 server or network error, 5 partial failure of a bulk command. "
        "Shell completion is not available (argparse offers none).",
    )
    parser.add_argument(
        "--version", action="version", version=f"aurous {__version__} (API {API_VERSION})"
    )
    _common(parser, top=True)
    groups = parser.add_subparsers(dest="group", metavar="COMMAND", required=True)

    def group(name: str, text: str) -> Any:
        sub = groups.add_parser(name, help=text, description=text)
        return sub.add_subparsers(dest="command", metavar="SUBCOMMAND", required=True)

    def command(
        where: Any,
        name: str,
        text: str,
        handler: Handler | None,
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = where.add_parser(name, help=text, description=text)
        _common(sub, top=False)
        sub.set_defaults(handler=handler)
        return sub

    # characters
    chars = group("characters", "list, get, delete, save and wait for characters")
    sub = command(chars, "list", "list characters, newest first", _characters_list)
    sub.add_argument("--status", help="only this status (ready, reviewing, ...)")
    sub.add_argument("--limit", type=int, default=None, help="at most this many (default: all)")
    sub = command(chars, "get", "show one character", _characters_get)
    sub.add_argument("id")
    sub = command(
        chars,
        "delete",
        "delete characters by id; '-' reads ids from stdin (one per line or space-separated)",
        _characters_delete,
    )
    sub.add_argument("ids", nargs="+", metavar="ID", help="character ids, or - for stdin")
    sub.add_argument("--missing-ok", action="store_true", help="an unknown id counts as gone")
    sub.add_argument("--concurrency", type=int, default=8, help="deletes at once (default 8)")
    sub = command(chars, "save", "publish a reviewing character", _characters_save)
    sub.add_argument("id")
    sub = command(chars, "wait", "wait until a character settles", _characters_wait)
    sub.add_argument("id")
    sub.add_argument("--status", action="append", help="wait for this status (repeatable)")
    sub.add_argument("--max-wait", type=float, default=300.0, help="seconds (default 300)")
    sub.add_argument("--poll-interval", type=float, default=2.0, help="seconds (default 2)")

    # images
    images = group("images", "create, get, cancel and download image generations")
    sub = command(images, "create", "start an image generation", _images_create)
    sub.add_argument("--prompt", required=True)
    sub.add_argument("--negative-prompt")
    sub.add_argument("--size", help="a size preset such as 2k_16_9")
    sub.add_argument("--width", type=int)
    sub.add_argument("--height", type=int)
    sub.add_argument("--count", type=int)
    sub.add_argument("--seed", type=int)
    sub.add_argument("--lora-id")
    sub.add_argument("--character-id")
    _create_options(sub)
    sub = command(images, "get", "show one generation", _images_get)
    sub.add_argument("id")
    sub = command(images, "cancel", "cancel a pending or processing generation", _images_cancel)
    sub.add_argument("id")
    sub = command(images, "download", "save an output to a file", _images_download)
    sub.add_argument("id")
    sub.add_argument("--index", type=int, default=0, help="which output (default 0)")
    sub.add_argument("--output", "-o", required=True, help="file to write; - for stdout")

    # videos
    videos = group("videos", "create and download video generations")
    sub = command(videos, "create", "start a video generation", _videos_create)
    sub.add_argument("--video-lora-id", required=True)
    sub.add_argument("--prompt")
    sub.add_argument("--duration", type=int)
    sub.add_argument("--resolution")
    sub.add_argument("--ratio")
    sub.add_argument("--seed", type=int)
    sub.add_argument("--first-frame-url")
    sub.add_argument("--last-frame-url")
    _create_options(sub)
    sub = command(videos, "download", "save the video to a file", _videos_download)
    sub.add_argument("id")
    sub.add_argument("--output", "-o", required=True, help="file to write; - for stdout")

    # files
    files = group("files", "upload, get and delete reference files")
    sub = command(files, "upload", "upload a PNG, JPEG or WebP", _files_upload)
    sub.add_argument("path")
    sub.add_argument("--purpose", default="reference", help="default: reference")
    sub.add_argument("--metadata", type=json.loads, help="a JSON object")
    sub = command(files, "get", "show one file", _files_get)
    sub.add_argument("id")
    sub = command(files, "delete", "delete a file", _files_delete)
    sub.add_argument("id")

    # account
    sub = groups.add_parser("balance", help="show the credit balance", description="balance")
    _common(sub, top=False)
    sub.set_defaults(handler=_balance)
    sub = groups.add_parser(
        "usage", help="usage buckets (JSON lines with --json)", description="usage buckets"
    )
    _common(sub, top=False)
    sub.set_defaults(handler=_usage)
    sub.add_argument("--start-time", type=_timestamp, required=True, help="ISO 8601")
    sub.add_argument("--end-time", type=_timestamp, help="ISO 8601")
    sub.add_argument("--bucket-width", help="1m, 1h or 1d")

    # webhooks
    hooks = group("webhooks", "verify webhook deliveries")
    sub = command(
        hooks,
        "verify",
        "verify a delivery read from stdin; the secret comes from $AUROUS_WEBHOOK_SECRET or "
        "--secret-file, never from the command line",
        None,
    )
    sub.set_defaults(handler=None, offline=_webhooks_verify)
    sub.add_argument("--signature", required=True, help="the Aurous-Webhook-Signature header")
    sub.add_argument("--secret-file", help="a file holding the endpoint's secret")
    sub.add_argument("--tolerance", type=float, default=300.0, help="seconds (default 300)")

    # the fake
    sub = groups.add_parser(
        "fake-server",
        help="serve the fake Aurous API on loopback (Ctrl-C stops it)",
        description="Serve the stateful fake Aurous API on loopback until Ctrl-C.",
    )
    sub.set_defaults(handler=None, offline=_fake_server)
    sub.add_argument("--port", type=int, default=4010, help="0 picks a free port")
    sub.add_argument("--rate-limits", action="store_true", help="enforce the documented limits")
    return parser


def _create_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--field",
        action="append",
        type=_field,
        default=[],
        metavar="NAME=VALUE",
        help="any other request field of the spec (VALUE parsed as JSON when it is JSON)",
    )
    sub.add_argument("--wait", action="store_true", help="wait until the generation ends")
    sub.add_argument("--output", "-o", help="then save output 0 to this file (implies --wait)")
    sub.add_argument("--max-wait", type=float, default=600.0, help="seconds (default 600)")


# -- commands ---------------------------------------------------------------------------------

_CHARACTER_COLUMNS = ["id", "name", "status", "created_at"]


async def _characters_list(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    async def rows() -> AsyncIterator[dict[str, Any]]:
        count = 0
        async for character in client.list_characters(status=args.status):
            if args.limit is not None and count >= args.limit:
                return
            count += 1
            yield _plain(character)

    out.table([row async for row in rows()], _CHARACTER_COLUMNS)
    return EXIT_OK


async def _characters_get(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.get_character(args.id))
    return EXIT_OK


async def _characters_save(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.save_character(args.id))
    return EXIT_OK


async def _characters_wait(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    character = await client.wait_for_character(
        args.id, status=args.status, max_wait=args.max_wait, poll_interval=args.poll_interval
    )
    out.document(character)
    return EXIT_OK


def _read_ids(values: list[str], stdin: TextIO) -> list[str]:
    ids: list[str] = []
    for value in values:
        if value == "-":
            ids.extend(stdin.read().split())
        else:
            ids.append(value)
    if not ids:
        raise UsageError("no character ids given")
    return ids


async def _characters_delete(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    from ._delete import DeleteResult

    ids = _read_ids(args.ids, sys.stdin)
    bar = ProgressBar(out.stderr, "deleting") if out.stderr.isatty() else None
    try:
        results = await client.delete_characters(
            ids, concurrency=args.concurrency, missing_ok=args.missing_ok, on_progress=bar
        )
    finally:
        if bar is not None:
            bar.close()
    deleted = gone = failed = 0
    rows: list[dict[str, Any]] = []
    for cid, result in zip(ids, results, strict=True):
        if isinstance(result, DeleteResult):
            outcome = "already_gone" if result.already_gone else "deleted"
            gone += result.already_gone
            deleted += not result.already_gone
            rows.append({"id": cid, "result": outcome, "request_id": result.request_id})
        else:
            failed += 1
            rows.append(
                {
                    "id": cid,
                    "result": "failed",
                    "request_id": getattr(result, "request_id", None),
                    "error": _error_json(result) if out.json else _error_text(result),
                }
            )
    out.table(rows, ["id", "result", "request_id", "error"])
    out.stderr.write(f"{len(ids)} ids: {deleted} deleted, {gone} already gone, {failed} failed\n")
    return EXIT_PARTIAL if failed else EXIT_OK


def _fields(args: argparse.Namespace, named: dict[str, Any]) -> dict[str, Any]:
    fields = {name: value for name, value in named.items() if value is not None}
    for name, value in args.field:
        if name in fields:
            raise UsageError(f"field {name!r} given twice")
        fields[name] = value
    return fields


async def _finish(
    client: AsyncAurous, args: argparse.Namespace, out: Output, generation: Any, kind: str
) -> int:
    if args.wait or args.output:
        generation = await client.wait_for_image(generation.id, max_wait=args.max_wait)
        if str(generation.status) != "succeeded":
            out.document(generation)
            out.stderr.write(f"aurous: the {kind} ended {generation.status}\n")
            return EXIT_API
        if args.output:
            if kind == "video":
                size = await client.save_video_output(generation.id, args.output)
            else:
                size = await client.save_image_output(generation.id, args.output, 0)
            out.stderr.write(f"saved {size} bytes to {args.output}\n")
    out.document(generation)
    return EXIT_OK


async def _images_create(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    fields = _fields(
        args,
        {
            "negative_prompt": args.negative_prompt,
            "size": args.size,
            "width": args.width,
            "height": args.height,
            "count": args.count,
            "seed": args.seed,
            "lora_id": args.lora_id,
            "character_id": args.character_id,
        },
    )
    generation = await client.create_image(prompt=args.prompt, **fields)
    return await _finish(client, args, out, generation, "image")


async def _images_get(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.get_image(args.id))
    return EXIT_OK


async def _images_cancel(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.cancel_image(args.id))
    return EXIT_OK


async def _write_output(out: Output, target: str, data: Callable[[], Awaitable[bytes]]) -> None:
    payload = await data()
    if target == "-":
        out.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    else:
        with open(target, "wb") as file:
            file.write(payload)
        out.stderr.write(f"saved {len(payload)} bytes to {target}\n")


async def _images_download(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    if args.output == "-":
        await _write_output(out, "-", lambda: client.download_image_output(args.id, args.index))
    else:
        size = await client.save_image_output(args.id, args.output, args.index)
        out.stderr.write(f"saved {size} bytes to {args.output}\n")
    return EXIT_OK


async def _videos_create(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    fields = _fields(
        args,
        {
            "prompt": args.prompt,
            "duration": args.duration,
            "resolution": args.resolution,
            "ratio": args.ratio,
            "seed": args.seed,
            "first_frame_url": args.first_frame_url,
            "last_frame_url": args.last_frame_url,
        },
    )
    generation = await client.create_video(video_lora_id=args.video_lora_id, **fields)
    return await _finish(client, args, out, generation, "video")


async def _videos_download(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    if args.output == "-":
        await _write_output(out, "-", lambda: client.download_video_output(args.id))
    else:
        size = await client.save_video_output(args.id, args.output)
        out.stderr.write(f"saved {size} bytes to {args.output}\n")
    return EXIT_OK


async def _files_upload(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    if args.metadata is not None and not isinstance(args.metadata, dict):
        raise UsageError("--metadata must be a JSON object")
    out.document(await client.upload_file(args.path, purpose=args.purpose, metadata=args.metadata))
    return EXIT_OK


async def _files_get(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.get_file(args.id))
    return EXIT_OK


async def _files_delete(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.delete_file(args.id))
    return EXIT_OK


async def _balance(client: AsyncAurous, _args: argparse.Namespace, out: Output) -> int:
    out.document(await client.get_balance())
    return EXIT_OK


async def _usage(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    rows = [
        _plain(bucket)
        async for bucket in client.get_usage(
            start_time=args.start_time, end_time=args.end_time, bucket_width=args.bucket_width
        )
    ]
    for row in rows:
        row["groups"] = len(row.get("groups") or [])
    out.table(rows, ["bucket_start", "bucket_end", "groups"])
    return EXIT_OK


def _webhooks_verify(args: argparse.Namespace, out: Output) -> int:
    from .webhooks import WebhookVerificationError, construct_event

    if args.secret_file:
        with open(args.secret_file, encoding="utf-8") as file:
            secret = file.read().strip()
    else:
        secret = os.environ.get(ENV_WEBHOOK_SECRET, "")
    if not secret:
        raise UsageError(f"no secret: set {ENV_WEBHOOK_SECRET} or pass --secret-file")
    payload = sys.stdin.buffer.read()
    try:
        construct_event(payload, args.signature, secret, tolerance=args.tolerance)
    except WebhookVerificationError as exc:
        out.error(exc)
        return EXIT_UNVERIFIED
    # The delivery as it was sent (the typed event would print its parsed form).
    out.document(json.loads(payload))
    return EXIT_OK


def _fake_server(args: argparse.Namespace, _out: Output) -> int:
    from .testing.__main__ import main as serve

    argv = ["--port", str(args.port)]
    if args.rate_limits:
        argv.append("--rate-limits")
    return serve(argv)


# -- entry point ----------------------------------------------------------------------------


def _client(args: argparse.Namespace) -> AsyncAurous:
    from ._client import AsyncAurous
    from ._types import NOT_GIVEN

    options: dict[str, Any] = {}
    if getattr(args, "timeout", None) is not None:
        options["timeout"] = args.timeout
    return AsyncAurous(
        api_key=getattr(args, "api_key", None),
        base_url=getattr(args, "base_url", None),
        api_version=getattr(args, "api_version", None) or NOT_GIVEN,
        rate_limit=bool(getattr(args, "rate_limit", False)),
        **options,
    )


async def _run(handler: Handler, args: argparse.Namespace, out: Output) -> int:
    async with _client(args) as client:
        return await handler(client, args, out)


def main(argv: list[str] | None = None) -> int:
    """Run ``aurous`` with *argv* (default: the process's arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Output(bool(getattr(args, "json", False)), sys.stdout, sys.stderr)
    try:
        offline = getattr(args, "offline", None)
        if offline is not None:
            return int(offline(args, out))
        return asyncio.run(_run(args.handler, args, out))
    except KeyboardInterrupt:
        out.stderr.write("aurous: interrupted\n")
        return 130
    except (AurousError, UsageError, TypeError, OSError, ValueError) as exc:
        out.error(exc)
        return exit_code(exc)


if __name__ == "__main__":
    sys.exit(main())
