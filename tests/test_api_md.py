"""
api.md and README.md's generated blocks stay in sync with the code (tools/api_md.py), and the
package ships its LICENSE.
"""

from __future__ import annotations

import importlib.util
import inspect
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from aurous_async import AsyncAurous

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "tools" / "api_md.py"


def load_tool() -> ModuleType:
    """Import tools/api_md.py as a module."""
    spec = importlib.util.spec_from_file_location("api_md", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_md_and_readme_blocks_are_current() -> None:
    """tools/api_md.py --check passes: api.md and the README blocks match the code."""
    result = subprocess.run(
        [sys.executable, str(TOOL), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )

    assert result.returncode == 0, result.stderr


def test_a_stale_api_md_is_named_with_the_command_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--check exits 1 and names the stale file and `make api-md`; nothing is written."""
    tool = load_tool()
    stale = tmp_path / "api.md"
    stale.write_text("# API reference\n\nold\n")
    monkeypatch.setattr(tool, "API_MD", stale)

    assert tool.main(["--check"]) == 1

    assert "api.md is stale: run `make api-md`" in capsys.readouterr().err
    assert stale.read_text() == "# API reference\n\nold\n"


def test_the_tool_rewrites_a_stale_api_md(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --check the stale file is rewritten to what --check expects."""
    tool = load_tool()
    stale = tmp_path / "api.md"
    stale.write_text("old\n")
    monkeypatch.setattr(tool, "API_MD", stale)

    assert tool.main([]) == 0

    assert stale.read_text() == (REPO / "api.md").read_text()


def test_api_md_has_every_method_with_its_operation_summary() -> None:
    """Each public client method has a section; each operation shows its route and summary."""
    text = (REPO / "api.md").read_text()
    tool = load_tool()
    operations = tool.spec_operations()
    methods = {
        name
        for cls in AsyncAurous.__mro__
        if cls.__module__.startswith("aurous_async._resources.")
        for name, value in vars(cls).items()
        if not name.startswith("_") and inspect.isfunction(value)
    }

    missing = sorted(name for name in methods if f"### `{name}`" not in text)
    assert not missing
    for op, (route, summary) in operations.items():
        assert f"**Operation** `{op}`: `{route}` — {summary.rstrip('.')}." in text
    assert "## Webhook endpoints" in text
    assert "async def get_character(id: str, **options: Unpack[RequestOptions]) -> Character" in (
        text
    )


def test_readme_lists_the_generated_enum_values() -> None:
    """The README's enum block carries every value of the generated pose and event types."""
    from aurous_async._generated.models import known_pose, known_webhook_event_type

    readme = (REPO / "README.md").read_text()
    block = re.search(r"<!-- generated:enums -->(.*?)<!-- /generated:enums -->", readme, re.S)

    assert block is not None
    for value in known_pose.KNOWN_POSE_VALUES | (
        known_webhook_event_type.KNOWN_WEBHOOK_EVENT_TYPE_VALUES
    ):
        assert f"`{value}`" in block.group(1)


def test_readme_pacing_table_gives_the_documented_example() -> None:
    """500 requests in characters_post (30/min, burst 60) take (500-60)/0.5 s = 14.7 min."""
    readme = (REPO / "README.md").read_text()

    row = next(line for line in readme.splitlines() if line.startswith("| `characters_post`"))
    assert [cell.strip() for cell in row.strip("|").split("|")] == [
        "`characters_post`",
        "30/min",
        "60",
        "80 s",
        "14.7 min",
        "31.3 min",
    ]


def test_license_is_mit_for_the_aurous_async_developers() -> None:
    """LICENSE is the MIT text with the copyright holder pyproject.toml names."""
    text = (REPO / "LICENSE").read_text()
    pyproject = (REPO / "pyproject.toml").read_text()

    assert text.startswith("MIT License\n")
    assert re.search(r"Copyright \(c\) \d{4} the aurous-async developers\n", text)
    assert 'license = "MIT"' in pyproject
    assert '"LICENSE"' in pyproject
