"""
What each ``aurous`` command does, on an `AsyncAurous` client.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any, TextIO

from ._output import (
    ENV_WEBHOOK_SECRET,
    EXIT_API,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_UNVERIFIED,
    Output,
    ProgressBar,
    UsageError,
    error_json,
    error_text,
    plain,
)

if TYPE_CHECKING:
    from .._client import AsyncAurous


_CHARACTER_COLUMNS = ["id", "name", "status", "created_at"]


async def characters_list(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    async def rows() -> AsyncIterator[dict[str, Any]]:
        count = 0
        async for character in client.list_characters(status=args.status):
            if args.limit is not None and count >= args.limit:
                return
            count += 1
            yield plain(character)

    out.table([row async for row in rows()], _CHARACTER_COLUMNS)
    return EXIT_OK


async def characters_get(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.get_character(args.id))
    return EXIT_OK


async def characters_save(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.save_character(args.id))
    return EXIT_OK


async def characters_wait(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
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


async def characters_delete(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    from .._delete import DeleteResult

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
                    "error": error_json(result) if out.json else error_text(result),
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


async def images_create(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
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


async def images_get(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.get_image(args.id))
    return EXIT_OK


async def images_cancel(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
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


async def images_download(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    if args.output == "-":
        await _write_output(out, "-", lambda: client.download_image_output(args.id, args.index))
    else:
        size = await client.save_image_output(args.id, args.output, args.index)
        out.stderr.write(f"saved {size} bytes to {args.output}\n")
    return EXIT_OK


async def videos_create(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
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


async def videos_download(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    if args.output == "-":
        await _write_output(out, "-", lambda: client.download_video_output(args.id))
    else:
        size = await client.save_video_output(args.id, args.output)
        out.stderr.write(f"saved {size} bytes to {args.output}\n")
    return EXIT_OK


async def files_upload(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    if args.metadata is not None and not isinstance(args.metadata, dict):
        raise UsageError("--metadata must be a JSON object")
    out.document(await client.upload_file(args.path, purpose=args.purpose, metadata=args.metadata))
    return EXIT_OK


async def files_get(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.get_file(args.id))
    return EXIT_OK


async def files_delete(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    out.document(await client.delete_file(args.id))
    return EXIT_OK


async def balance(client: AsyncAurous, _args: argparse.Namespace, out: Output) -> int:
    out.document(await client.get_balance())
    return EXIT_OK


async def usage(client: AsyncAurous, args: argparse.Namespace, out: Output) -> int:
    rows = [
        plain(bucket)
        async for bucket in client.get_usage(
            start_time=args.start_time, end_time=args.end_time, bucket_width=args.bucket_width
        )
    ]
    for row in rows:
        row["groups"] = len(row.get("groups") or [])
    out.table(rows, ["bucket_start", "bucket_end", "groups"])
    return EXIT_OK


def webhooks_verify(args: argparse.Namespace, out: Output) -> int:
    from ..webhooks import WebhookVerificationError, construct_event

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


def fake_server(args: argparse.Namespace, _out: Output) -> int:
    from ..testing.__main__ import main as serve

    argv = ["--port", str(args.port)]
    if args.rate_limits:
        argv.append("--rate-limits")
    return serve(argv)
