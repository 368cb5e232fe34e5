"""
Output proxies: image PNG bytes (or a 302 to another origin, as a provider CDN would), video
mp4 bytes with ``Range`` → 206; 410 ``output_expired`` after the TTL, 422
``output_not_available`` for a generation that has no output.
"""

from __future__ import annotations

import re

from ._http import ApiError, Response, not_found
from ._media import colour_for, mp4, png
from ._routing import ROUTES, Ctx
from ._state import Generation
from ._validate import parse_int
from ._views import check_signature, output_token


def _output(ctx: Ctx, prefix: str) -> Generation:
    """The generation whose output is asked for, by API key or by the URL's signed token."""
    gen_id = ctx.params["id"]
    if ctx.caller is not None:
        generation = ctx.team.generations.get(gen_id)
    else:
        token = ctx.request.arg("token")
        if token is None:
            raise ApiError(401, "missing_api_key", "Send X-Api-Key or use the signed URL.")
        if not check_signature(ctx.state, f"output:{gen_id}", token):
            raise ApiError(401, "invalid_token", "The output URL token is not valid.")
        found = [t.generations[gen_id] for t in ctx.state.teams.values() if gen_id in t.generations]
        generation = found[0] if found else None
    if generation is None or not gen_id.startswith(prefix):
        raise not_found("generation", "id")
    if generation.status != "succeeded":
        raise ApiError(
            422,
            "output_not_available",
            f"Generation {gen_id} is {generation.status}; it has no output.",
        )
    assert generation.completed_at is not None
    if ctx.now > generation.completed_at + ctx.settings.output_ttl_seconds:
        raise ApiError(410, "output_expired", f"The output of {gen_id} has expired.")
    return generation


def _other_origin(base_url: str) -> str:
    """Another origin that still reaches this fake (the CDN of a 302)."""
    scheme, _, host = base_url.partition("://")
    for a, b in (("127.0.0.1", "localhost"), ("localhost", "127.0.0.1")):
        if host == a or host.startswith(a + ":"):
            return f"{scheme}://{b}{host[len(a) :]}"
    return f"{scheme}://cdn.{host}"


@ROUTES.route(
    "GET", "/v1/images/{id}/output/{n}", "download_image_output", auth="token", bucket="get"
)
def download_image_output(ctx: Ctx) -> Response:
    generation = _output(ctx, "img_")
    n = ctx.params["n"]
    index = parse_int(n)
    if index is None or not 0 <= index < generation.fields["image_count"]:
        raise not_found("output", "n")
    if ctx.settings.image_output == "redirect":
        token = output_token(ctx.state, generation.id)
        location = f"{_other_origin(ctx.base_url)}/_fake/outputs/{generation.id}/{n}?token={token}"
        return Response(302, b"", {"Location": location})
    return Response(
        200, png(64, 64, colour_for(f"{generation.id}:{n}")), {"Content-Type": "image/png"}
    )


@ROUTES.route("GET", "/_fake/outputs/{id}/{n}", "cdn_image_output", auth="none")
def cdn_image_output(ctx: Ctx) -> Response:
    """The "provider CDN" a redirected image output points to; the token authorises."""
    generation = _output(ctx, "img_")
    return Response(
        200,
        png(64, 64, colour_for(f"{generation.id}:{ctx.params['n']}")),
        {"Content-Type": "image/png"},
    )


_RANGE_RE = re.compile(r"bytes=([0-9]*)-([0-9]*)")


@ROUTES.route("GET", "/v1/videos/{id}/output", "download_video_output", auth="token", bucket="get")
def download_video_output(ctx: Ctx) -> Response:
    _output(ctx, "vid_")
    data = mp4()
    headers = {"Content-Type": "video/mp4", "Accept-Ranges": "bytes"}
    header = ctx.request.headers.get("range")
    if header is None:
        return Response(200, data, headers)
    found = _RANGE_RE.fullmatch(header.strip())
    size = len(data)
    start = end = -1
    if found is not None and (found[1] or found[2]):
        # parse_int caps a huge position instead of refusing it: past the end is a 416.
        first, last = parse_int(found[1]), parse_int(found[2])
        if first is not None:
            start = first
            end = min(last, size - 1) if last is not None else size - 1
        elif last is not None:  # a suffix range: the last N bytes
            start, end = max(0, size - last), size - 1
    if start < 0 or start >= size or end < start:
        raise ApiError(
            416,
            "range_not_satisfiable",
            f"Range {header!r} is outside the {size} bytes of the video.",
            headers={"Content-Range": f"bytes */{size}"},
        )
    headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    return Response(206, data[start : end + 1], headers)
