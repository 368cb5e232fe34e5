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
import sys
from typing import TYPE_CHECKING, Any

from .._exceptions import AurousError
from ._output import Output, UsageError, exit_code
from ._parser import Handler, build_parser

if TYPE_CHECKING:
    from .._client import AsyncAurous

__all__ = ["build_parser", "main"]


def _client(args: argparse.Namespace) -> AsyncAurous:
    from .._client import AsyncAurous
    from .._types import NOT_GIVEN

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
