"""
The README stays true: its testing example runs as written.
"""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _block_after(heading: str) -> str:
    text = README.read_text()
    section = text[text.index(heading) :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, f"no python block after {heading!r}"
    return match.group(1)


async def test_testing_section_example_runs() -> None:
    """The "Testing your application" snippet passes against the fake."""
    namespace: dict[str, object] = {}
    exec(_block_after("## Testing your application"), namespace)  # noqa: S102 - our README
    await namespace["test_thumbnail_job"]()  # type: ignore[operator]


async def test_fake_clock_example_runs() -> None:
    """The "Time is the fake's clock" snippet passes against the fake, on fake time only."""
    namespace: dict[str, object] = {}
    # It continues the section's first snippet (which imports FakeAurous).
    exec(_block_after("## Testing your application"), namespace)  # noqa: S102 - our README
    exec(_block_after("**Time is the fake's clock.**"), namespace)  # noqa: S102 - our README
    await namespace["test_time_is_fake"]()  # type: ignore[operator]


def test_quickstart_names_real_methods() -> None:
    """Every client.<method>( in the README exists on AsyncAurous."""
    from aurous_async import AsyncAurous

    called = set(re.findall(r"client\.([a-z_]+)\(", README.read_text()))
    missing = sorted(name for name in called if not hasattr(AsyncAurous, name))
    assert not missing, f"README calls unknown methods: {missing}"
