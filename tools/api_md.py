"""
Write ``api.md`` (the API reference) and the generated blocks of ``README.md`` from the code.

``api.md`` has one section per resource mixin of `AsyncAurous`: each public method's
signature, return type, the HTTP route and the spec's ``summary`` of its operationId (or the
operation a helper is built on), and the first paragraph of its docstring. README.md keeps
hand-written prose around blocks between ``<!-- generated:NAME -->`` and
``<!-- /generated:NAME -->`` markers; this tool rewrites only what is inside them: the valid
values of the spec's enums, and how long a paced bulk job takes under each documented bucket.

Usage: ``python tools/api_md.py`` rewrites both files; ``--check`` only reports (exit 1) which
one is stale. ``make api-md`` runs the former, a test the latter.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
import textwrap
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aurous_async import AsyncAurous  # noqa: E402
from aurous_async._ratelimit import DOCUMENTED_LIMITS  # noqa: E402

API_MD = REPO / "api.md"
README = REPO / "README.md"
SPEC = REPO / "openapi.yaml"
COMMAND = "make api-md"
WIDTH = 96
_HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options")
_OP_IMPORT = re.compile(r"from \.\._generated\.api\.\w+ import (\w+) as op")

#: The enums a caller passes or matches on, by generated name, with what they are for.
README_ENUMS: dict[str, str] = {
    "RegenerateCharacterRefRequestPose": "`regenerate_character_ref(pose=...)`",
    "KnownPose": "a character ref's `pose`, an upload classification",
    "KnownCharacterStatus": "`Character.status`",
    "CharacterStatusFilter": "`list_characters(status=...)`",
    "KnownGenerationStatus": "`GenerationResponse.status` (images and videos)",
    "VideoResolution": "`create_video(resolution=...)`",
    "VideoRatio": "`create_video(ratio=...)`",
    "InitCharacterUploadRequestExtension": "`init_character_upload(extension=...)`",
    "InitCharacterUploadRequestContentType": "`init_character_upload(content_type=...)`",
    "KnownFilePurpose": "`upload_file(purpose=...)`",
    "UsageBucketWidth": "`get_usage(bucket_width=...)`",
    "UsageGroupBy": "`get_usage(group_by=[...])`",
    "UsageEventTypeFilter": "`list_usage_events(type=...)`",
    "UsageEventStatusFilter": "`list_usage_events(status=...)`",
    "KnownWebhookEventType": "webhook event `type`, `create_webhook_endpoint(events=[...])`",
}

#: Job sizes of the pacing table.
JOB_SIZES = (100, 500, 1000)


# -- the spec -------------------------------------------------------------------------------


def spec_operations() -> dict[str, tuple[str, str]]:
    """Map each operationId to its ``METHOD /path`` and summary."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    operations: dict[str, tuple[str, str]] = {}
    for path, item in spec["paths"].items():
        for method in _HTTP_METHODS:
            operation = item.get(method)
            if operation is not None:
                route = f"{method.upper()} {path}"
                operations[operation["operationId"]] = (route, operation.get("summary", ""))
    return operations


# -- api.md ----------------------------------------------------------------------------------


def resource_mixins() -> list[type]:
    """The resource mixins of AsyncAurous, in the order the client lists them."""
    return [cls for cls in AsyncAurous.__mro__ if cls.__module__.startswith("aurous_async._res")]


def public_methods(cls: type) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The public methods *cls* defines itself, in source order."""
    for name, value in vars(cls).items():
        if not name.startswith("_") and inspect.isfunction(value):
            yield name, value


def public_properties(cls: type) -> Iterator[tuple[str, property]]:
    """The public properties *cls* defines itself, in source order."""
    for name, value in vars(cls).items():
        if not name.startswith("_") and isinstance(value, property):
            yield name, value


def property_entry(name: str, prop: property) -> str:
    """One property's section of api.md."""
    assert prop.fget is not None
    returns = inspect.signature(prop.fget).return_annotation
    lines = [f"### `{name}`", "", "```python", f"{name}: {returns}  # property", "```", ""]
    lines += [wrap(first_paragraph(prop.fget.__doc__)), ""]
    return "\n".join(lines)


def first_paragraph(text: str | None) -> str:
    """The first paragraph of a docstring, on one line, with Markdown's code quotes."""
    paragraph = inspect.cleandoc(text or "").split("\n\n")[0]
    return " ".join(paragraph.split()).replace("``", "`")


def wrap(text: str) -> str:
    """A paragraph wrapped to the page width (never inside a word)."""
    return textwrap.fill(text, width=100, break_long_words=False, break_on_hyphens=False)


def sentence(summary: str) -> str:
    """A spec summary ending in one full stop."""
    return summary.rstrip(".") + "."


def signature_text(name: str, method: Callable[..., Any]) -> str:
    """``async def name(...) -> T`` without ``self``, wrapped one parameter a line if long."""
    original = inspect.unwrap(method)
    signature = inspect.signature(original)
    params = [p for p in signature.parameters.values() if p.name != "self"]
    prefix = "async def" if inspect.iscoroutinefunction(original) else "def"
    returns = signature.return_annotation
    parts: list[str] = []
    star_done = False
    for param in params:
        if param.kind is param.KEYWORD_ONLY and not star_done:
            parts.append("*")
            star_done = True
        if param.kind is param.VAR_KEYWORD or param.kind is param.VAR_POSITIONAL:
            star_done = True
        parts.append(str(param).replace("'", ""))
    head = f"{prefix} {name}("
    tail = f") -> {returns}"
    one_line = head + ", ".join(parts) + tail
    if len(one_line) <= WIDTH:
        return one_line
    return head + "\n" + "".join(f"    {part},\n" for part in parts) + tail


def method_entry(
    name: str, method: Callable[..., Any], operations: dict[str, tuple[str, str]]
) -> str:
    """One method's section of api.md."""
    original = inspect.unwrap(method)
    returns = inspect.signature(original).return_annotation
    lines = [f"### `{name}`", "", "```python", signature_text(name, method), "```", ""]
    if name in operations:
        route, summary = operations[name]
        lines.append(f"**Operation** `{name}`: `{route}` — {sentence(summary)}")
    else:
        used = _OP_IMPORT.findall(inspect.getsource(original))
        if used and used[0] in operations:
            route, summary = operations[used[0]]
            lines.append(f"**Helper** built on `{used[0]}`: `{route}` — {sentence(summary)}")
        else:
            lines.append(
                "**Helper** built on other methods of this client (no operation of its own)."
            )
    lines += ["", wrap(f"Returns `{returns}`. {first_paragraph(original.__doc__)}"), ""]
    return "\n".join(lines)


def render_api_md() -> str:
    """The whole of api.md."""
    operations = spec_operations()
    out = [
        "# API reference",
        "",
        f"<!-- Generated by `{COMMAND}` (tools/api_md.py) from the code and openapi.yaml; "
        "do not edit. -->",
        "",
        wrap(
            "Every method below is on `AsyncAurous`. Each also takes the per-call options "
            "`api_version`, `timeout`, `max_retries`, `idempotency_key`, `extra_headers`, "
            "`extra_query` and `extra_body` (`RequestOptions`), and each that returns an "
            "awaitable has a typed twin on `client.with_raw_response` returning "
            "`APIResponse[<the same result>]`. Models are in `aurous_async.models`. For "
            "routes not listed here, `client.get/post/patch/delete(path, cast_to=...)` send "
            'through the same transport (README, "Undocumented fields and endpoints").'
        ),
        "",
    ]
    mixins = resource_mixins()
    out += ["## Contents", ""]
    out += [
        f"- [{title}](#{title.lower().replace(' ', '-')})" for title in map(section_title, mixins)
    ]
    out.append("")
    for cls in mixins:
        module = sys.modules[cls.__module__]
        out += [f"## {section_title(cls)}", "", wrap(first_paragraph(module.__doc__)), ""]
        for name, prop in public_properties(cls):
            out.append(property_entry(name, prop))
        for name, method in public_methods(cls):
            out.append(method_entry(name, method, operations))
    return "\n".join(out).rstrip() + "\n"


def section_title(cls: type) -> str:
    """``CharactersMixin`` -> ``Characters``; ``WebhookEndpointsMixin`` -> ``Webhook endpoints``."""
    words = re.findall(r"[A-Z][a-z]*", cls.__name__.removesuffix("Mixin"))
    title = " ".join([words[0], *(word.lower() for word in words[1:])])
    return _TITLES.get(title, title)


_TITLES = {"Loras": "LoRAs"}


# -- README blocks --------------------------------------------------------------------------


def enum_values(name: str) -> list[str]:
    """The values of a generated ``Literal`` enum, in the spec's order."""
    from aurous_async._generated import models

    alias = getattr(models, name)
    return [str(value) for value in typing.get_args(alias)]


def render_enums() -> str:
    """The README table of enum values."""
    rows = ["| values | where |", "| --- | --- |"]
    for name, where in README_ENUMS.items():
        values = ", ".join(f"`{value}`" for value in enum_values(name))
        rows.append(f"| {values} | {where} (`{name}`) |")
    return "\n".join(rows)


def minutes(seconds: float) -> str:
    """A duration as the README shows it."""
    if seconds <= 0:
        return "at once"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def render_pacing() -> str:
    """The README table of how long a paced job of N requests takes in each bucket."""
    header = "| bucket | rate | burst | " + " | ".join(f"{n} requests" for n in JOB_SIZES) + " |"
    rows = [header, "| --- | --- | --- |" + " --- |" * len(JOB_SIZES)]
    for bucket, limit in DOCUMENTED_LIMITS.items():
        per_minute, burst, rate = limit.per_minute, limit.burst, limit.per_second
        cells = [minutes(max(0, n - burst) / rate) for n in JOB_SIZES]
        rows.append(f"| `{bucket}` | {per_minute:g}/min | {burst} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


BLOCKS: dict[str, Callable[[], str]] = {"enums": render_enums, "pacing": render_pacing}


def render_readme(text: str) -> str:
    """*text* with every generated block rewritten; a missing marker is an error."""
    for name, render in BLOCKS.items():
        pattern = re.compile(
            rf"(<!-- generated:{name} -->\n).*?(<!-- /generated:{name} -->)", re.DOTALL
        )
        match = pattern.search(text)
        if match is None:
            raise SystemExit(f"README.md lacks the <!-- generated:{name} --> block")
        text = text[: match.end(1)] + render() + "\n" + text[match.start(2) :]
    return text


# -- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Rewrite api.md and README.md's generated blocks, or with --check report stale ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    wanted = {
        API_MD: render_api_md(),
        README: render_readme(README.read_text(encoding="utf-8")),
    }
    stale = [
        path
        for path, text in wanted.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for path in stale:
            sys.stderr.write(f"{path.name} is stale: run `{COMMAND}` and commit\n")
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path], encoding="utf-8")
        sys.stderr.write(f"wrote {path.name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
