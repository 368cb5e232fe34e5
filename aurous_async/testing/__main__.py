"""
``python -m aurous_async.testing [--port 4010] [options] [-- COMMAND ...]``

Serves the fake Aurous API on loopback until Ctrl-C or SIGTERM. With a COMMAND, runs it with
``AUROUS_BASE_URL`` and ``AUROUS_API_KEY`` pointing at the fake, then stops and exits with the
command's status (this is how ``make demo`` runs the quickstart).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
from typing import TextIO

from ._fake import FakeAurous


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m aurous_async.testing",
        description="Run the stateful fake Aurous API on a loopback port.",
    )
    parser.add_argument("--port", type=int, default=4010, help="port; 0 picks a free one")
    parser.add_argument("--host", default="127.0.0.1", choices=("127.0.0.1", "::1", "localhost"))
    parser.add_argument("--synthesis-seconds", type=float, default=0.0)
    parser.add_argument("--character-outcome", choices=("reviewing", "ready"), default="reviewing")
    parser.add_argument("--queue-seconds", type=float, default=0.0)
    parser.add_argument("--image-seconds", type=float, default=0.0)
    parser.add_argument("--video-seconds", type=float, default=0.0)
    parser.add_argument("--credits", type=float, default=1000.0)
    parser.add_argument(
        "--rate-limits", action="store_true", help="enforce the documented rate limits"
    )
    parser.add_argument(
        "--frozen-clock",
        action="store_true",
        help="time moves only through POST /_fake/advance {seconds} (default: real time)",
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND to run, then stop")
    return parser


def _say(line: str, stream: TextIO = sys.stdout) -> None:
    # Flushed at once: a parent process reads the port from the first line.
    stream.write(line + "\n")
    stream.flush()


async def _serve(args: argparse.Namespace) -> int:
    fake = FakeAurous(
        credits=args.credits,
        synthesis_seconds=args.synthesis_seconds,
        character_outcome=args.character_outcome,
        queue_seconds=args.queue_seconds,
        image_seconds=args.image_seconds,
        video_seconds=args.video_seconds,
        rate_limits=args.rate_limits,
        realtime=not args.frozen_clock,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    async with fake, fake.serve(args.port, args.host) as server:
        _say(f"Aurous fake API listening on {server.url}")
        for team in fake.state.teams:
            _say(f"  {team} X-Api-Key: {fake.key(team)}")
        if not command:
            await stop.wait()
            _say("stopping")
            return 0
        env = {**os.environ, "AUROUS_BASE_URL": server.url, "AUROUS_API_KEY": fake.api_key}
        child = await asyncio.create_subprocess_exec(*command, env=env)
        waiter = asyncio.ensure_future(child.wait())
        stopper = asyncio.ensure_future(stop.wait())
        await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
        stopper.cancel()
        if not waiter.done():
            child.terminate()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter
        if fake.errors:
            _say(f"the fake itself failed {len(fake.errors)} time(s)", sys.stderr)
            return 1
        return child.returncode if child.returncode is not None else 1


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m aurous_async.testing``."""
    args = _parser().parse_args(argv)
    if args.command and args.command[:1] != ["--"] and args.command[0].startswith("-"):
        _parser().error(f"unknown option {args.command[0]}")
    return asyncio.run(_serve(args))


if __name__ == "__main__":
    sys.exit(main())
