"""
Types that hold in the user's code: the programs in ``tests/typing/`` under mypy and pyright
strict, and the run-time side of what they rely on (lazy models, the raw-response proxy, the
fake's keywords).
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aurous_async import AsyncAurous
from aurous_async._raw import AsyncAurousWithRawResponse
from aurous_async.testing._fake import ClientOptions

REPO = Path(__file__).resolve().parent.parent
PROGRAMS = REPO / "tests" / "typing"
GOOD = "user_program.py"
BAD = "user_mistakes.py"
MISTAKE = re.compile(r"#\s*mistake:\s*([\w-]+)")


def run_checker(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a checker from tests/typing, where the package is found as installed."""
    env = {**os.environ, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=PROGRAMS,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture(scope="module")
def mypy_errors() -> dict[str, set[int]]:
    """mypy --strict (tests/typing/mypy.ini) on both programs: error lines by file."""
    result = run_checker(
        [
            "mypy",
            "--config-file",
            "mypy.ini",
            "--cache-dir",
            str(REPO / ".mypy_cache" / "typing-programs"),
            "--no-error-summary",
            "--show-error-codes",
            GOOD,
            BAD,
        ]
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    errors: dict[str, set[int]] = {GOOD: set(), BAD: set()}
    for line in result.stdout.splitlines():
        match = re.match(r"([\w.]+):(\d+): error:", line)
        if match:
            errors.setdefault(match.group(1), set()).add(int(match.group(2)))
    errors["output"] = result.stdout  # type: ignore[assignment]
    return errors


@pytest.fixture(scope="module")
def pyright_errors() -> dict[str, set[int]]:
    """pyright in strict mode (tests/typing/pyrightconfig.json) on both programs."""
    result = run_checker(
        [
            "pyright",
            "--outputjson",
            "--pythonpath",
            sys.executable,
            "-p",
            "pyrightconfig.json",
            GOOD,
            BAD,
        ]
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    report = json.loads(result.stdout)
    errors: dict[str, set[int]] = {GOOD: set(), BAD: set()}
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] == "error":
            name = Path(diagnostic["file"]).name
            errors.setdefault(name, set()).add(diagnostic["range"]["start"]["line"] + 1)
    errors["output"] = json.dumps(report["generalDiagnostics"], indent=1)  # type: ignore[assignment]
    return errors


def marked_mistakes() -> dict[int, str]:
    """The lines of user_mistakes.py marked ``# mistake: <name>``, by line number."""
    lines = (PROGRAMS / BAD).read_text().splitlines()
    return {n: m.group(1) for n, line in enumerate(lines, 1) if (m := MISTAKE.search(line))}


def test_the_mistakes_program_marks_every_kind_the_issue_names() -> None:
    """The mistakes cover a wrong model type, a misspelled keyword and unknown attributes."""
    names = set(marked_mistakes().values())

    assert {
        "wrong-model-type",
        "misspelled-keyword",
        "unknown-model-attribute",
        "unknown-raw-parsed-attribute",
    } <= names


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
def test_user_program_passes_strict(
    checker: str, mypy_errors: dict[str, Any], pyright_errors: dict[str, Any]
) -> None:
    """The program using every public surface type-checks cleanly in strict mode."""
    errors = mypy_errors if checker == "mypy" else pyright_errors

    assert errors[GOOD] == set(), errors["output"]


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
def test_every_deliberate_mistake_is_rejected(
    checker: str, mypy_errors: dict[str, Any], pyright_errors: dict[str, Any]
) -> None:
    """Each marked line gets an error from the checker, and no unmarked line does."""
    errors = mypy_errors if checker == "mypy" else pyright_errors
    marked = marked_mistakes()

    missed = {name for line, name in marked.items() if line not in errors[BAD]}
    stray = errors[BAD] - set(marked)
    assert not missed, f"{checker} accepted: {sorted(missed)}\n{errors['output']}"
    assert not stray, f"{checker} errors on unmarked lines {sorted(stray)}\n{errors['output']}"


def test_pyright_is_pinned_exactly_with_its_own_node() -> None:
    """The dev extra pins pyright[nodejs] to one version, so no machine needs its own Node."""
    pyproject = (REPO / "pyproject.toml").read_text()

    assert re.search(r'"pyright\[nodejs\]==\d+\.\d+\.\d+"', pyproject)


def test_importing_models_loads_no_attrs_until_a_model_is_used() -> None:
    """import aurous_async.models stays lazy; the first attribute loads the generated class."""
    probe = (
        "import sys\n"
        "import aurous_async.models as m\n"
        "def loaded():\n"
        "    return sorted(n for n in sys.modules if n in ('attr', 'attrs')"
        " or n.startswith('aurous_async._generated.models'))\n"
        "print(loaded())\n"
        "from aurous_async._generated.models.character import Character\n"
        "print(m.Character is Character, 'attrs' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=REPO
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "True True"]


def test_models_module_offers_exactly_the_generated_models() -> None:
    """__all__ and dir() of aurous_async.models are the generated package's names."""
    import aurous_async.models as models
    from aurous_async._generated import models as generated

    assert models.__all__ == generated.__all__
    assert set(dir(models)) == set(generated.__all__)
    assert all(getattr(models, name) is getattr(generated, name) for name in generated.__all__)
    with pytest.raises(AttributeError, match="NoSuchModel"):
        models.NoSuchModel  # noqa: B018


def test_star_import_of_models_binds_every_generated_model() -> None:
    """from aurous_async.models import * gives each generated name."""
    from aurous_async._generated import models as generated

    namespace: dict[str, object] = {}
    exec("from aurous_async.models import *", namespace)

    assert set(namespace) - {"__builtins__"} == set(generated.__all__)


def public_methods() -> set[str]:
    """Every public method of AsyncAurous defined by a resource mixin."""
    return {
        name
        for cls in AsyncAurous.__mro__
        if cls.__module__.startswith("aurous_async._resources.")
        for name, value in vars(cls).items()
        if not name.startswith("_") and inspect.isfunction(value)
    }


def test_with_raw_response_lists_every_method_but_the_streaming_ones() -> None:
    """Each client method has a typed raw twin, so a new method cannot be silently untyped."""
    listed = {
        name
        for name, value in vars(AsyncAurousWithRawResponse).items()
        if not name.startswith("_") and hasattr(value, "__get__") and not callable(value)
    }
    wanted = {name for name in public_methods() if not name.startswith("stream_")}

    missing = sorted(wanted - listed)
    assert not missing, (
        f"add `name = _raw(<Mixin>.name)` to aurous_async/_raw.py for: {', '.join(missing)}"
    )
    assert listed <= wanted


def test_fake_client_keywords_are_the_constructors() -> None:
    """fake.client(**kwargs) is typed with every AsyncAurous argument the fake does not set."""
    parameters = set(inspect.signature(AsyncAurous.__init__).parameters)
    # The fake brings its own in-process HTTP client, which excludes choosing a backend.
    set_by_the_fake = {"self", "api_key", "base_url", "http_client", "http_backend"}

    assert set(ClientOptions.__annotations__) == parameters - set_by_the_fake
