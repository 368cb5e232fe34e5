"""
Every operation of openapi.yaml has an AsyncAurous method of the same name, defined in the
resource module of the operation's tag. The spec is read without a YAML library.
"""

from __future__ import annotations

import re
from pathlib import Path

from aurous_async import AsyncAurous

SPEC = Path(__file__).resolve().parents[1] / "openapi.yaml"

_METHOD = re.compile(r"^\s+(get|put|post|patch|delete|head|options|trace):\s*(#.*)?$")
_TAGS = re.compile(r"^\s+tags:\s*\[\s*([A-Za-z0-9_]+)\s*\]\s*(#.*)?$")
_OPERATION_ID = re.compile(r"""^\s+operationId:\s*["']?([A-Za-z0-9_]+)["']?\s*(#.*)?$""")


def spec_operations() -> dict[str, str | None]:
    """Map each operationId to the tag of its operation (None when it has no inline tag)."""
    operations: dict[str, str | None] = {}
    tag: str | None = None
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        if line.startswith("components:"):
            break  # operations live under paths; links in components name them again
        if _METHOD.match(line):
            tag = None  # a new operation starts: forget the previous one's tag
        elif match := _TAGS.match(line):
            tag = match.group(1)
        elif match := _OPERATION_ID.match(line):
            assert match.group(1) not in operations, f"duplicate operationId {match.group(1)}"
            operations[match.group(1)] = tag
    return operations


def test_spec_operations_are_all_parsed() -> None:
    """The reader finds every operationId line, each with exactly one tag."""
    operations = spec_operations()
    paths = SPEC.read_text(encoding="utf-8").split("\ncomponents:", 1)[0]
    lines = re.findall(r"^\s+operationId:", paths, re.MULTILINE)

    assert len(operations) == len(lines) > 0
    untagged = sorted(op for op, tag in operations.items() if tag is None)
    assert not untagged, f"operations without a `tags: [x]` line: {untagged}"
    assert operations["list_characters"] == "characters"


def test_every_operation_has_a_client_method() -> None:
    """AsyncAurous has a public method named after every operationId of the spec."""
    missing = sorted(op for op in spec_operations() if not callable(getattr(AsyncAurous, op, None)))

    assert not missing, f"AsyncAurous lacks {len(missing)} spec operation(s): {missing}"


def test_every_method_lives_in_its_tag_module() -> None:
    """Each operation's method is defined in aurous_async._resources.<tag>."""
    misplaced = {
        op: f"{method.__module__} (expected aurous_async._resources.{tag})"
        for op, tag in spec_operations().items()
        if (method := getattr(AsyncAurous, op, None)) is not None
        and method.__module__ != f"aurous_async._resources.{tag}"
    }

    assert not misplaced, f"methods outside their tag's module: {misplaced}"
