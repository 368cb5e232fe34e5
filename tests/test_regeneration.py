"""
``make generate`` is safe and the version pin has one source: openapi.yaml ``info.version``.

The make tests run on a copy of the repo in a temporary folder whose name has a space (the real
tree is never touched), with the repo's own venv reached through a symlink, so the venv's path
has a space too.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import aurous_async
from aurous_async.testing import FakeAurous

REPO = Path(__file__).resolve().parents[1]
GENERATED = Path("aurous_async") / "_generated"
SPEC_VERSION = yaml.safe_load((REPO / "openapi.yaml").read_text())["info"]["version"]
NEW_VERSION = "2026-06-01"


def snapshot(root: Path) -> dict[str, bytes]:
    """Return every file under *root* (bytecode caches aside) with its bytes."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of what ``make generate`` reads and writes, in a folder named with a space."""
    root = tmp_path / "repo copy"
    root.mkdir()
    for name in ("Makefile", "openapi.yaml", "generator-config.yml", "pyproject.toml"):
        shutil.copy2(REPO / name, root / name)
    ignore = shutil.ignore_patterns("__pycache__", ".ruff_cache", ".mypy_cache")
    for name in ("templates", "tools", "aurous_async"):
        shutil.copytree(REPO / name, root / name, ignore=ignore)
    (root / "bench").mkdir()
    shutil.copy2(REPO / "bench" / "server.py", root / "bench" / "server.py")
    (root / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    # A private install stamp (outside the spaced folder: make targets cannot hold spaces),
    # newer than the copied pyproject.toml: make never reinstalls into the shared venv here.
    (tmp_path / ".installed").touch()
    return root


def make(cwd: Path, target: str) -> subprocess.CompletedProcess[str]:
    """Run ``make -s <target>`` in *cwd* with the repo's venv (via the copy's .venv link)."""
    return subprocess.run(
        ["make", "-s", target, f"STAMP={cwd.parent / '.installed'}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def dangling_ref(spec: str) -> str:
    """Point the image request body at a schema that does not exist."""
    return spec.replace(
        '$ref: "#/components/schemas/CreateImageRequest"',
        '$ref: "#/components/schemas/NoSuchSchema"',
    )


def invalid_type(spec: str) -> str:
    """Give a request field a type OpenAPI does not have."""
    head, tail = spec.split("        negative_prompt:\n          type: string", 1)
    return head + "        negative_prompt:\n          type: strng" + tail


@pytest.mark.parametrize(
    ("breakage", "generator_says"),
    [
        pytest.param(dangling_ref, "Could not find reference", id="dangling-ref"),
        pytest.param(invalid_type, "input_value='strng'", id="invalid-type"),
    ],
)
def test_broken_spec_fails_and_leaves_generated_code_byte_identical(
    repo_copy: Path, breakage: object, generator_says: str
) -> None:
    """A broken spec makes make generate fail, print the generator's error, and change nothing."""
    spec = repo_copy / "openapi.yaml"
    spec.write_text(breakage(spec.read_text()))  # type: ignore[operator]
    before = snapshot(repo_copy / GENERATED)

    result = make(repo_copy, "generate")

    assert result.returncode != 0, result.stdout + result.stderr
    assert generator_says in result.stderr
    assert "_generated left unchanged" in result.stderr
    assert snapshot(repo_copy / GENERATED) == before
    assert sorted(p.name for p in (repo_copy / "aurous_async").glob("_generated*")) == [
        "_generated"
    ]


def test_generate_replaces_the_tree_dropping_stray_files(repo_copy: Path) -> None:
    """A good spec regenerates everything, removes a stray file and leaves no staging folder."""
    stray = repo_copy / GENERATED / "models" / "stray.py"
    stray.write_text("X = 1\n")
    expected = snapshot(REPO / GENERATED)

    result = make(repo_copy, "generate")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "regenerated aurous_async/_generated from openapi.yaml" in result.stdout
    assert not stray.exists()
    assert snapshot(repo_copy / GENERATED) == expected
    assert sorted(p.name for p in (repo_copy / "aurous_async").glob("_generated*")) == [
        "_generated"
    ]


REPORT_VERSIONS = r"""
import asyncio, http.client, subprocess, sys

import aurous_async
from aurous_async.testing import FakeAurous


async def fake_version() -> str:
    async with FakeAurous() as fake:
        return (await fake.client().with_raw_response.get_team()).headers["Aurous-Version"]


bench = subprocess.Popen(
    [sys.executable, "bench/server.py"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
)
try:
    port = int(bench.stdout.readline().split()[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", "/v1/characters/char_1", headers={"X-Api-Key": "k"})
    bench_version = conn.getresponse().getheader("Aurous-Version")
    conn.close()
finally:
    bench.stdin.close()
    bench.wait(timeout=5)
print(aurous_async.API_VERSION, asyncio.run(fake_version()), bench_version)
"""


def test_bumping_info_version_needs_only_the_spec_edit_and_make_generate(
    repo_copy: Path,
) -> None:
    """After bumping info.version and make generate, the SDK, fake and bench report it."""
    spec = repo_copy / "openapi.yaml"
    text = spec.read_text()
    assert f'  version: "{SPEC_VERSION}"\n' in text
    spec.write_text(text.replace(f'  version: "{SPEC_VERSION}"\n', f'  version: "{NEW_VERSION}"\n'))

    generated = make(repo_copy, "generate")
    assert generated.returncode == 0, generated.stdout + generated.stderr

    env = {**os.environ, "PYTHONPATH": str(repo_copy)}
    reported = subprocess.run(
        [sys.executable, "-c", REPORT_VERSIONS],
        cwd=repo_copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert reported.returncode == 0, reported.stderr
    assert reported.stdout.split() == [NEW_VERSION] * 3


async def test_sdk_fake_and_bench_agree_with_the_spec_in_this_tree() -> None:
    """API_VERSION, the fake's default and the bench server's constant all equal info.version."""
    loaded = importlib.util.spec_from_file_location("bench_server", REPO / "bench" / "server.py")
    assert loaded is not None and loaded.loader is not None
    server = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(server)
    async with FakeAurous() as fake:
        raw = await fake.client().with_raw_response.get_team()

    assert aurous_async.API_VERSION == SPEC_VERSION
    assert raw.headers["Aurous-Version"] == SPEC_VERSION
    assert fake.team("team_a").default_api_version == SPEC_VERSION
    assert server.API_VERSION == SPEC_VERSION


def test_readme_names_the_constant_not_a_literal_pin() -> None:
    """README.md refers to aurous_async.API_VERSION and never spells the pinned date."""
    readme = (REPO / "README.md").read_text()

    assert SPEC_VERSION not in readme
    assert "aurous_async.API_VERSION" in readme


def test_reading_the_pin_loads_neither_attrs_nor_generated_models() -> None:
    """import aurous_async stays cheap: the generated constant pulls in no attrs or models."""
    probe = (
        "import sys, aurous_async\n"
        "print(aurous_async.API_VERSION)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'attr' or m == 'attrs'"
        " or m.startswith('aurous_async._generated.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=REPO
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [SPEC_VERSION, "[]"]


def test_make_check_generated_still_names_differing_files(repo_copy: Path) -> None:
    """check-generated keeps naming a stale generated file after the generate rework."""
    init = repo_copy / GENERATED / "__init__.py"
    stale = re.sub(r'API_VERSION = "[^"]*"', 'API_VERSION = "1999-01-01"', init.read_text())
    init.write_text(stale)

    result = make(repo_copy, "check-generated")

    assert result.returncode != 0
    assert "__init__.py" in result.stdout + result.stderr
    assert "out of date" in result.stderr


def test_spec_edits_flow_through_or_fail_naming_what_to_write(repo_copy: Path) -> None:
    """After `make generate`, a new optional image field needs no hand edit; a new query
    parameter on list_images makes the parity test name the method and the parameter."""
    shutil.copytree(
        REPO / "tests", repo_copy / "tests", ignore=shutil.ignore_patterns("__pycache__")
    )
    spec_path = repo_copy / "openapi.yaml"
    spec = spec_path.read_text()
    start = spec.index("    CreateImageRequest:\n")
    properties = spec.index("\n      properties:\n", start) + len("\n      properties:\n")
    spec = (
        spec[:properties]
        + "        tone:\n          type: string\n          description: A new optional field.\n"
        + spec[properties:]
    )
    spec = spec.replace(
        '        - $ref: "#/components/parameters/EndingBefore"\n',
        '        - $ref: "#/components/parameters/EndingBefore"\n'
        "        - name: status\n          in: query\n          required: false\n"
        "          schema:\n            type: string\n",
        1,
    )
    spec_path.write_text(spec)
    generated = make(repo_copy, "generate")
    assert generated.returncode == 0, generated.stderr
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rA",
            "-p",
            "no:cacheprovider",
            "tests/test_parity.py",
        ],
        cwd=repo_copy,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(repo_copy)},
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert "list_images() lacks spec parameter(s) ['status']" in result.stdout
    failed = re.findall(r"^FAILED (\S+)", result.stdout, re.M)
    assert failed and all("list_images" in name for name in failed), failed
    # The new body field reached create_image's signature and the wire with no hand edit.
    wire = "test_every_spec_parameter_reaches_the_wire[create_image-create_image-tone]"
    assert f"PASSED tests/test_parity.py::{wire}" in result.stdout
