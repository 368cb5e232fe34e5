"""
``tools/spec_diff.py`` and ``make spec-diff``: what changed in the spec, and what breaks callers.

The realistic edit below is the one regeneration issue's table lists: a new optional query
parameter on ``list_images``, a removed request-body field, a new character status and a new
operation, plus a few edits that do break callers.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.spec_diff import Change, diff, main

REPO = Path(__file__).resolve().parents[1]
SPEC: dict[str, Any] = yaml.safe_load((REPO / "openapi.yaml").read_text())


def realistic_edit(spec: dict[str, Any]) -> dict[str, Any]:
    """Return *spec* with the table's edits: none of them breaks callers but the removal."""
    new = copy.deepcopy(spec)
    schemas = new["components"]["schemas"]
    new["paths"]["/v1/images"]["get"]["parameters"].append(
        {"name": "status", "in": "query", "required": False, "schema": {"type": "string"}}
    )
    del schemas["CreateImageRequest"]["properties"]["negative_prompt"]
    schemas["KnownCharacterStatus"]["enum"].append("archived")
    new["paths"]["/v1/images/{id}/archive"] = {
        "post": {
            "operationId": "archive_image",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {"200": {"description": "Archived."}},
        }
    }
    return new


def lines(changes: list[Change]) -> list[str]:
    """Render changes as the report does."""
    return [c.line() for c in changes]


def test_unchanged_spec_reports_nothing() -> None:
    """The committed spec compared with itself has no changes."""
    assert diff(SPEC, copy.deepcopy(SPEC)) == []


def test_realistic_edit_is_reported_by_category_with_breaking_marks() -> None:
    """Operation, parameter, field and enum changes are each named, only the removal breaking."""
    assert lines(diff(SPEC, realistic_edit(SPEC))) == [
        "  ok       operation added: POST /v1/images/{id}/archive (archive_image)",
        "  ok       parameter added: list_images query status (optional, string)",
        "  BREAKING field removed: CreateImageRequest.negative_prompt"
        " (callers may send it; used by create_image, estimate_image)",
        "  ok       enum value added: KnownCharacterStatus: 'archived' (used by create_character,"
        " get_character, list_characters, regenerate_character_ref and 3 more)",
    ]


def test_breaking_edits_are_marked_breaking() -> None:
    """Removed operations, new required inputs, tightened requests and closed enums break."""
    new = copy.deepcopy(SPEC)
    schemas = new["components"]["schemas"]
    del new["paths"]["/v1/files/{id}"]["delete"]
    new["paths"]["/v1/images"]["get"]["parameters"].append(
        {"name": "team", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    schemas["CreateImageRequest"]["required"].append("negative_prompt")
    schemas["CreateImageRequest"]["properties"]["mood"] = {"type": "string"}
    schemas["CreateImageRequest"]["required"].append("mood")
    schemas["CharacterStatusFilter"]["enum"].remove("failed")
    schemas["CharacterStatusFilter"]["enum"].append("archived")

    got = {(c.kind, c.action, c.subject): c.breaking for c in diff(SPEC, new)}

    assert got == {
        ("operation", "removed", "DELETE /v1/files/{id} (delete_file)"): True,
        ("parameter", "added", "list_images query team"): True,
        ("field", "changed", "CreateImageRequest.negative_prompt"): True,
        ("field", "added", "CreateImageRequest.mood"): True,
        ("enum value", "removed", "CharacterStatusFilter: 'failed'"): True,
        ("enum value", "added", "CharacterStatusFilter: 'archived'"): False,
    }


def test_new_value_of_a_closed_response_enum_breaks_callers() -> None:
    """A response enum without a plain-string fallback rejects new values in older SDKs."""
    old = {
        "paths": {
            "/v1/things": {
                "get": {
                    "operationId": "list_things",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "required": ["kind"],
                    "properties": {
                        "kind": {"type": "string", "enum": ["a", "b"]},
                        "note": {"type": "string"},
                    },
                }
            }
        },
    }
    new = copy.deepcopy(old)
    thing = new["components"]["schemas"]["Thing"]
    thing["properties"]["kind"]["enum"].append("c")
    thing["required"] = []
    thing["properties"]["size"] = {"type": "integer"}

    assert lines(diff(old, new)) == [
        "  BREAKING field changed: Thing.kind (required -> optional; used by list_things)",
        "  BREAKING enum value added: Thing.kind: 'c' (used by list_things)",
        "  ok       field added: Thing.size (optional, integer; used by list_things)",
    ]


def test_cli_compares_with_a_base_file_and_can_fail_on_breaking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--base reads the old spec from a file; --fail-on-breaking turns a removal into exit 1."""
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(realistic_edit(SPEC)))
    args = ["--base", str(REPO / "openapi.yaml"), "--spec", str(tmp_path / "new.yaml")]

    assert main(args) == 0
    assert main([*args, "--fail-on-breaking"]) == 1
    out = capsys.readouterr().out
    assert "4 change(s), 1 breaking callers" in out
    assert "info.version unchanged" in out


def git(cwd: Path, *args: str) -> None:
    """Run a git command in *cwd* with a throwaway identity and no user configuration."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=30)


def test_make_spec_diff_on_a_fresh_clone_then_after_an_edit(tmp_path: Path) -> None:
    """make spec-diff says the spec is unchanged on a clean checkout, then lists an edit."""
    root = tmp_path / "fresh clone"
    root.mkdir()
    for name in ("Makefile", "openapi.yaml", "pyproject.toml"):
        shutil.copy2(REPO / name, root / name)
    shutil.copytree(REPO / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (root / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    (tmp_path / ".installed").touch()
    git(root, "init", "-q")
    git(root, "add", "Makefile", "openapi.yaml", "pyproject.toml", "tools")
    git(root, "commit", "-q", "-m", "spec")
    command = ["make", "-s", "spec-diff", f"STAMP={tmp_path / '.installed'}"]

    clean = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=60)
    edited = realistic_edit(SPEC)
    edited["info"]["version"] = "2026-06-01"
    (root / "openapi.yaml").write_text(yaml.safe_dump(edited, sort_keys=False))
    changed = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=60)

    assert clean.returncode == 0, clean.stderr
    assert clean.stdout == "spec-diff: openapi.yaml has no API changes against git HEAD\n"
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.splitlines()[:2] == [
        "spec-diff: openapi.yaml against git HEAD",
        f"  info.version {SPEC['info']['version']} -> 2026-06-01",
    ]
    assert "BREAKING field removed: CreateImageRequest.negative_prompt" in changed.stdout
    assert changed.stdout.endswith("4 change(s), 1 breaking callers\n")
