"""
The ``aurous`` command line: every command, option and ``--help``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, NoReturn

from .._constants import API_VERSION
from .._version import __version__
from ._commands import (
    balance,
    characters_delete,
    characters_get,
    characters_list,
    characters_save,
    characters_wait,
    fake_server,
    files_delete,
    files_get,
    files_upload,
    images_cancel,
    images_create,
    images_download,
    images_get,
    usage,
    videos_create,
    videos_download,
    webhooks_verify,
)
from ._output import (
    EXIT_USAGE,
    Output,
)

if TYPE_CHECKING:
    from .._client import AsyncAurous


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
    sub = command(chars, "list", "list characters, newest first", characters_list)
    sub.add_argument("--status", help="only this status (ready, reviewing, ...)")
    sub.add_argument("--limit", type=int, default=None, help="at most this many (default: all)")
    sub = command(chars, "get", "show one character", characters_get)
    sub.add_argument("id")
    sub = command(
        chars,
        "delete",
        "delete characters by id; '-' reads ids from stdin (one per line or space-separated)",
        characters_delete,
    )
    sub.add_argument("ids", nargs="+", metavar="ID", help="character ids, or - for stdin")
    sub.add_argument("--missing-ok", action="store_true", help="an unknown id counts as gone")
    sub.add_argument("--concurrency", type=int, default=8, help="deletes at once (default 8)")
    sub = command(chars, "save", "publish a reviewing character", characters_save)
    sub.add_argument("id")
    sub = command(chars, "wait", "wait until a character settles", characters_wait)
    sub.add_argument("id")
    sub.add_argument("--status", action="append", help="wait for this status (repeatable)")
    sub.add_argument("--max-wait", type=float, default=300.0, help="seconds (default 300)")
    sub.add_argument("--poll-interval", type=float, default=2.0, help="seconds (default 2)")

    # images
    images = group("images", "create, get, cancel and download image generations")
    sub = command(images, "create", "start an image generation", images_create)
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
    sub = command(images, "get", "show one generation", images_get)
    sub.add_argument("id")
    sub = command(images, "cancel", "cancel a pending or processing generation", images_cancel)
    sub.add_argument("id")
    sub = command(images, "download", "save an output to a file", images_download)
    sub.add_argument("id")
    sub.add_argument("--index", type=int, default=0, help="which output (default 0)")
    sub.add_argument("--output", "-o", required=True, help="file to write; - for stdout")

    # videos
    videos = group("videos", "create and download video generations")
    sub = command(videos, "create", "start a video generation", videos_create)
    sub.add_argument("--video-lora-id", required=True)
    sub.add_argument("--prompt")
    sub.add_argument("--duration", type=int)
    sub.add_argument("--resolution")
    sub.add_argument("--ratio")
    sub.add_argument("--seed", type=int)
    sub.add_argument("--first-frame-url")
    sub.add_argument("--last-frame-url")
    _create_options(sub)
    sub = command(videos, "download", "save the video to a file", videos_download)
    sub.add_argument("id")
    sub.add_argument("--output", "-o", required=True, help="file to write; - for stdout")

    # files
    files = group("files", "upload, get and delete reference files")
    sub = command(files, "upload", "upload a PNG, JPEG or WebP", files_upload)
    sub.add_argument("path")
    sub.add_argument("--purpose", default="reference", help="default: reference")
    sub.add_argument("--metadata", type=json.loads, help="a JSON object")
    sub = command(files, "get", "show one file", files_get)
    sub.add_argument("id")
    sub = command(files, "delete", "delete a file", files_delete)
    sub.add_argument("id")

    # account
    sub = groups.add_parser("balance", help="show the credit balance", description="balance")
    _common(sub, top=False)
    sub.set_defaults(handler=balance)
    sub = groups.add_parser(
        "usage", help="usage buckets (JSON lines with --json)", description="usage buckets"
    )
    _common(sub, top=False)
    sub.set_defaults(handler=usage)
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
    sub.set_defaults(handler=None, offline=webhooks_verify)
    sub.add_argument("--signature", required=True, help="the Aurous-Webhook-Signature header")
    sub.add_argument("--secret-file", help="a file holding the endpoint's secret")
    sub.add_argument("--tolerance", type=float, default=300.0, help="seconds (default 300)")

    # the fake
    sub = groups.add_parser(
        "fake-server",
        help="serve the fake Aurous API on loopback (Ctrl-C stops it)",
        description="Serve the stateful fake Aurous API on loopback until Ctrl-C.",
    )
    sub.set_defaults(handler=None, offline=fake_server)
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
