"""
Account: balance, team, pricing, bucketed usage (``page_token`` → ``next_page``, bound to the
query it was minted for) and the usage event stream (``cursor`` → ``next_cursor``). Usage is
derived from the team's image and video generations.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from typing import Any

from ._catalogue import PRICING_DESCRIPTION, RATE_CARD
from ._contract import enum_values
from ._http import Request, Response, bad_request
from ._routing import ROUTES, Ctx
from ._state import Generation, iso, parse_time, sort_key
from ._validate import parse_int
from ._views import check_signature, sign

WIDTHS = {"1m": 60, "5m": 300, "15m": 900, "1h": 3600, "1d": 86400, "7d": 604800, "30d": 2592000}
MAX_BUCKETS = 1000
MAX_LOOKBACK = 730 * 86400.0
TOKEN_TTL = 24 * 3600.0
_STATUS = {"succeeded": "completed", "moderation_rejected": "failed", "expired": "failed"}


@ROUTES.route("GET", "/v1/balance", "get_balance", bucket="get")
def get_balance(ctx: Ctx) -> Response:
    team = ctx.team
    return Response.json(
        {
            "credits": team.credits,
            "held_credits": team.held_credits,
            "available_credits": team.available_credits,
            "currency": "credit",
            "billing_mode": team.billing_mode,
        }
    )


@ROUTES.route("GET", "/v1/team", "get_team", bucket="get")
def get_team(ctx: Ctx) -> Response:
    team = ctx.team
    return Response.json(
        {
            "id": team.id,
            "name": team.name,
            "credits": team.credits,
            "created_at": iso(team.created_at),
            "billing_email": team.billing_email,
            "billing_mode": team.billing_mode,
        }
    )


@ROUTES.route("GET", "/v1/pricing", "get_pricing", bucket="get")
def get_pricing(ctx: Ctx) -> Response:
    return Response.json(
        {
            "object": "pricing",
            "version": ctx.version,
            "currency": "credit",
            "description": PRICING_DESCRIPTION,
            **json.loads(json.dumps(RATE_CARD)),
        }
    )


def _row(g: Generation) -> dict[str, Any]:
    """A usage event: the generation as billing saw it."""
    lora = g.fields.get("lora")
    default_model = "aurous-image-1" if g.media_type == "image" else "seedance-1-pro"
    return {
        "id": g.id,
        "type": g.media_type,
        "model": lora.slug if lora is not None else default_model,
        "status": _STATUS.get(g.status, g.status),
        "created_at": iso(g.created_at),
        "completed_at": iso(g.completed_at),
        "duration_ms": (
            round((g.completed_at - g.created_at) * 1000) if g.completed_at is not None else None
        ),
        "input_tokens": None,
        "output_tokens": None,
        "credits_charged": g.charged,
        "api_key_id": g.api_key_id,
        "user_id": None,
        "request_id": g.request_id,
    }


def _time(query: Request, name: str, *, required: bool, default: float | None = None) -> float:
    raw = query.arg(name)
    if raw in (None, ""):
        if required or default is None:
            raise bad_request("missing_field", f"{name} is required.", name)
        return default
    value = parse_time(raw)
    if value is None:
        raise bad_request("invalid_format", f"{name} must be an RFC 3339 date-time.", name)
    return value


def _limit(query: Request, default: int, high: int) -> int:
    raw = query.arg("limit")
    if raw in (None, ""):
        return default
    limit = parse_int(raw)
    if limit is None:
        raise bad_request("invalid_format", "limit must be an integer.", "limit")
    if not 1 <= limit <= high:
        raise bad_request("value_out_of_range", f"limit must be between 1 and {high}.", "limit")
    return limit


def _filtered(ctx: Ctx, query: Request, names: tuple[str, ...]) -> list[dict[str, Any]]:
    """Usage rows of the caller's team that pass every filter in *query*."""
    rows = []
    for g in ctx.team.generations.values():
        row = _row(g)
        lora = g.fields.get("lora")
        row["lora_id"] = lora.id if lora is not None else None
        row["character_id"] = g.fields.get("character_id")
        if all(not query.args(n) or str(row.get(n)) in query.args(n) for n in names):
            rows.append(row)
    return rows


@ROUTES.route("GET", "/v1/usage/events", "list_usage_events", bucket="get")
def list_usage_events(ctx: Ctx) -> Response:
    query = ctx.request
    start = _time(query, "start_time", required=True)
    # "Now" plus a second: with a frozen clock, rows created this instant must still count.
    end = _time(query, "end_time", required=False, default=ctx.now + 1)
    limit = _limit(query, 100, 500)
    for name, enum in (("type", "UsageEventTypeFilter"), ("status", "UsageEventStatusFilter")):
        value = query.arg(name)
        if value is not None and value not in enum_values(enum):
            raise bad_request(
                "invalid_format", f"{name} must be one of {', '.join(enum_values(enum))}.", name
            )
    names = ("type", "status", "model", "api_key_id", "user_id", "lora_id")
    rows = [
        r for r in _filtered(ctx, query, names) if start <= (parse_time(r["created_at"]) or 0) < end
    ]
    rows.sort(key=lambda r: sort_key(r["id"]), reverse=True)  # newest first, ties by id
    cursor = query.arg("cursor")
    if cursor:
        if not cursor.startswith(("img_", "vid_")):
            raise bad_request("invalid_format", "cursor is not a valid cursor.", "cursor")
        rows = [r for r in rows if sort_key(r["id"]) < sort_key(cursor)]
    page, has_more = rows[:limit], len(rows) > limit
    for row in page:
        del row["lora_id"], row["character_id"]
    return Response.json(
        {
            "object": "list",
            "data": page,
            "has_more": has_more,
            "next_cursor": page[-1]["id"] if has_more else None,
        }
    )


def _fingerprint(pairs: list[tuple[str, str]]) -> str:
    return hashlib.sha256(json.dumps(sorted(pairs)).encode()).hexdigest()[:16]


def _mint_token(ctx: Ctx, pairs: list[tuple[str, str]], offset: int) -> str:
    payload = {"t": ctx.team.id, "o": offset, "i": ctx.now, "q": pairs}
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    return f"{body}.{sign(ctx.state, body)}"


def _read_token(ctx: Ctx, token: str, pairs: list[tuple[str, str]]) -> tuple[list[Any], int]:
    """The query and offset a page token was minted for; 400 ``invalid_page_token`` else."""
    invalid = bad_request("invalid_page_token", "The page token is not valid.", "page_token")
    body, _, signature = token.partition(".")
    if not check_signature(ctx.state, body, signature):
        raise invalid
    try:
        payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        team_id, issued, offset = payload["t"], float(payload["i"]), int(payload["o"])
        minted = [(str(k), str(v)) for k, v in payload["q"]]
    except (ValueError, TypeError, KeyError):
        raise invalid from None  # signed by the fake, so only a fake of another version
    if team_id != ctx.team.id:
        raise invalid
    if ctx.now - issued > TOKEN_TTL:
        raise bad_request("invalid_page_token", "The page token has expired.", "page_token")
    if pairs and _fingerprint(pairs) != _fingerprint(minted):
        raise bad_request(
            "invalid_page_token",
            "The query changed since the page token was issued; send page_token alone.",
            "page_token",
        )
    return minted, offset


def _metrics(rows: list[dict[str, Any]], generations: dict[str, Generation]) -> dict[str, Any]:
    done = sorted(r["duration_ms"] for r in rows if r["status"] == "completed")

    def pct(p: float) -> int | None:
        return done[min(len(done) - 1, math.ceil(p * len(done)) - 1)] if done else None

    succeeded = [generations[r["id"]] for r in rows if r["status"] == "completed"]
    return {
        "request_count": len(rows),
        "successful_count": len(succeeded),
        "failed_count": sum(r["status"] == "failed" for r in rows),
        "cancelled_count": sum(r["status"] == "cancelled" for r in rows),
        "credits_used": round(sum(r["credits_charged"] for r in rows), 6),
        "duration_ms_p50": pct(0.5),
        "duration_ms_p95": pct(0.95),
        "image_count": sum(g.fields["image_count"] for g in succeeded if g.media_type == "image"),
        "video_seconds": sum(g.fields["duration"] for g in succeeded if g.media_type == "video"),
        "total_input_tokens": 0,
        "total_output_tokens": 0,
    }


@ROUTES.route("GET", "/v1/usage", "get_usage", bucket="get")
def get_usage(ctx: Ctx) -> Response:
    pairs = [(k, v) for k, v in ctx.request.query if k != "page_token"]
    offset = 0
    token = ctx.request.arg("page_token")
    if token:
        pairs, offset = _read_token(ctx, token, pairs)
    query = Request("GET", ctx.request.path, pairs, {}, b"", ctx.base_url)
    start = _time(query, "start_time", required=True)
    if ctx.now - start > MAX_LOOKBACK:
        raise bad_request(
            "value_out_of_range", "start_time is more than 730 days ago.", "start_time"
        )
    end = _time(query, "end_time", required=False, default=ctx.now)
    if end <= start:
        raise bad_request("value_out_of_range", "end_time must be after start_time.", "end_time")
    width_name = query.arg("bucket_width")
    widths = enum_values("UsageBucketWidth")
    if width_name is None:
        width_name = "1d"
    elif width_name not in widths:
        raise bad_request(
            "invalid_format", f"bucket_width must be one of {', '.join(widths)}.", "bucket_width"
        )
    width = WIDTHS[width_name]
    group_by = query.args("group_by")
    dimensions = enum_values("UsageGroupBy")
    if len(group_by) > 2 or any(g not in dimensions for g in group_by):
        raise bad_request(
            "invalid_format", f"group_by takes up to 2 of {', '.join(dimensions)}.", "group_by"
        )
    limit = _limit(query, 24, 100)
    first = math.floor(start / width) * width
    count = math.ceil((end - first) / width)
    if count > MAX_BUCKETS:
        raise bad_request(
            "too_many_buckets",
            f"The range spans {count} buckets; at most {MAX_BUCKETS}.",
            "bucket_width",
        )
    names = ("status", "type", "api_key_id", "user_id", "lora_id", "character_id")
    rows = _filtered(ctx, query, names)
    data = []
    for index in range(count - 1 - offset, max(-1, count - 1 - offset - limit), -1):
        bucket_start = first + index * width
        inside = [
            r
            for r in rows
            if bucket_start <= (parse_time(r["created_at"]) or 0) < bucket_start + width
        ]
        groups: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
        if not group_by:
            groups[""] = ({}, inside)
        for row in inside if group_by else []:
            key = {g: row.get(g) for g in group_by}
            groups.setdefault(json.dumps(key, sort_keys=True), (key, []))[1].append(row)
        data.append(
            {
                "object": "usage.bucket",
                "bucket_start": iso(bucket_start),
                "bucket_end": iso(bucket_start + width),
                "groups": [
                    {"key": key, "metrics": _metrics(members, ctx.team.generations)}
                    for key, members in groups.values()
                ],
            }
        )
    has_more = offset + limit < count
    return Response.json(
        {
            "object": "list",
            "data": data,
            "has_more": has_more,
            "next_page": _mint_token(ctx, pairs, offset + limit) if has_more else None,
        }
    )
