"""
``make demo`` runs the quickstart against the fake on loopback and succeeds, in bounded time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_passes_every_step() -> None:
    """Every printed step runs and the demo exits 0 within a minute."""
    # -o: the venv is already bootstrapped; never reinstall it from inside a test.
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for step in range(1, 8):
        assert f"\n{step}. " in result.stdout
    assert "All steps behaved as documented." in result.stdout
    assert "FAILED" not in result.stdout + result.stderr


def test_quickstart_refuses_the_real_api_without_the_flag() -> None:
    """Without AUROUS_BASE_URL or AUROUS_DEMO_LIVE=1 it spends nothing and exits 2."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "make demo" in result.stderr
