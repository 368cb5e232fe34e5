"""
``make check-generated`` catches a hand edit of ``aurous_async/_generated``.

Runs on a copy of the repo's generator inputs in a temporary folder, so the real tree is
never touched; the repo's own venv provides the pinned generator and ruff.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VENV = REPO / ".venv"
GENERATED = Path("aurous_async") / "_generated"


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A temporary folder holding what ``make check-generated`` reads."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    if not (VENV / "bin" / "openapi-python-client").exists():
        pytest.skip("the repo's .venv has no openapi-python-client; run `make install`")
    for name in ("Makefile", "openapi.yaml", "generator-config.yml", "pyproject.toml"):
        shutil.copy2(REPO / name, tmp_path / name)
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copytree(
        REPO / GENERATED,
        tmp_path / GENERATED,
        ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"),
    )
    # A private install stamp, newer than the copied pyproject.toml: make must never try to
    # (re)install into the shared venv from this test.
    (tmp_path / ".installed").touch()
    return tmp_path


def check_generated(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``make -s check-generated`` in *cwd* with the repo's venv."""
    return subprocess.run(
        ["make", "-s", "check-generated", f"VENV={VENV}", f"STAMP={cwd / '.installed'}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_generated_passes_on_unmodified_copy(repo_copy: Path) -> None:
    """The committed generated code matches what the spec regenerates."""
    result = check_generated(repo_copy)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_check_generated_fails_naming_hand_edited_files(repo_copy: Path) -> None:
    """An edit of _generated/client.py and a stray hand-written file fail the check, named."""
    with (repo_copy / GENERATED / "client.py").open("a", encoding="utf-8") as file:
        file.write("# hand edit\n")
    (repo_copy / GENERATED / "models" / "hand_written.py").write_text("X = 1\n")

    result = check_generated(repo_copy)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "client.py" in output
    assert "hand_written.py" in output
    assert "out of date" in output
