"""
The fake follows the spec through ``make generate``: enum values added to openapi.yaml are
accepted by the fake of the regenerated tree with no hand edit, and every enum a request can
carry is accepted by the fake exactly as the spec lists it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from aurous_async.testing import FakeAurous
from aurous_async.testing._contract import enum_values

from ..test_regeneration import REPO, make, repo_copy  # noqa: F401 - repo_copy is a fixture

SPEC: dict[str, Any] = yaml.safe_load((REPO / "openapi.yaml").read_text(encoding="utf-8"))

#: Requests carrying values the committed spec does not list; the regenerated fake takes them.
PROBE = r"""
import asyncio, json

from aurous_async.testing import FakeAurous


async def main() -> list[int]:
    async with FakeAurous() as fake:
        http = fake.http_client()
        statuses = [(await http.get("/v1/characters", params={"status": "archived"})).status_code]
        endpoint = {"url": "https://hooks.example.test/x", "events": ["character.archived"]}
        statuses.append((await http.post("/v1/webhook_endpoints", json=endpoint)).status_code)
        video = {"video_lora_id": "seedance-1-pro", "prompt": "a wave", "ratio": "5:4"}
        statuses.append((await http.post("/v1/videos/estimate", json=video)).status_code)
        return statuses


print(json.dumps(asyncio.run(main())))
"""


def _add_enum_value(text: str, schema: str, before: str, line: str) -> str:
    """Insert *line* into the enum list of *schema*, right after the line *before*."""
    head, _, tail = text.partition(f"\n    {schema}:\n")
    assert tail, f"no schema {schema}"
    body, _, rest = tail.partition(before)
    assert rest, f"{before!r} not in {schema}"
    return f"{head}\n    {schema}:\n{body}{before}{line}{rest}"


def test_new_enum_values_reach_the_fake_after_make_generate(repo_copy: Path) -> None:  # noqa: F811
    """archived, character.archived and ratio 5:4 in the spec: 400 before, accepted after."""
    spec = repo_copy / "openapi.yaml"
    text = spec.read_text()
    text = text.replace(
        "      enum: [synthesizing, reviewing, ready, failed]\n",
        "      enum: [synthesizing, reviewing, ready, failed, archived]\n",
    )
    text = text.replace(
        '      enum: ["16:9", "4:3", "1:1", "3:4", "9:16", "21:9"]\n',
        '      enum: ["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "5:4"]\n',
    )
    text = _add_enum_value(
        text,
        "KnownWebhookEventType",
        "        - character.cancelled\n",
        "        - character.archived\n",
    )
    text = _add_enum_value(
        text,
        "WebhookEventTypeOrWildcard",
        "        - character.cancelled\n",
        "        - character.archived\n",
    )
    spec.write_text(text)

    def probe(root: Path) -> list[int]:
        done = subprocess.run(
            [sys.executable, "-c", PROBE],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return [int(code) for code in done.stdout.strip().strip("[]").split(",")]

    assert probe(repo_copy) == [400, 400, 400]  # the old generated code: unknown values
    generated = make(repo_copy, "generate")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    created = probe(repo_copy)
    assert created[0] == 200 and created[1] in (200, 201) and created[2] == 200


def _request_enums() -> dict[str, set[str]]:
    """Every enum a request can carry (query parameters and body fields), by schema name."""
    schemas = SPEC["components"]["schemas"]
    found: dict[str, set[str]] = {}

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                target = schemas[name]
                if "enum" in target and name not in found:
                    found[name] = set(target["enum"])
                visit(target)
            for key, value in node.items():
                if key != "$ref":
                    visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    for item in SPEC["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                visit(operation.get("parameters", []))
                visit(operation.get("requestBody", {}))
    return found


def test_every_request_enum_matches_what_the_fake_accepts() -> None:
    """Each request enum's values, computed from the spec, are the values the fake reads."""
    enums = _request_enums()
    assert "CharacterStatusFilter" in enums and "VideoRatio" in enums
    mismatched = {
        name: (values, set(enum_values(name)))
        for name, values in enums.items()
        if values != set(enum_values(name))
    }
    assert mismatched == {}


async def test_every_video_resolution_has_a_price() -> None:
    """The fake prices each resolution the spec lists; a new one names itself here."""
    async with FakeAurous() as fake:
        http = fake.http_client()
        for resolution in enum_values("VideoResolution"):
            body = {"video_lora_id": "seedance-1-pro", "prompt": "x", "resolution": resolution}
            answer = await http.post("/v1/videos/estimate", json=body)
            assert answer.status_code == 200, resolution
