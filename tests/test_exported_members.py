"""
The public surface: ``aurous_async.__all__`` is sorted, unique and fully importable.
"""

from __future__ import annotations

import importlib

import pytest

import aurous_async


def all_order_key(name: str) -> tuple[bool, str]:
    """The order __all__ follows: case-insensitive, dunder names last."""
    return (name.startswith("__"), name.casefold())


def test_all_is_sorted() -> None:
    """__all__ is sorted case-insensitively with dunders last, so diffs stay reviewable."""
    names = list(aurous_async.__all__)

    expected = sorted(names, key=all_order_key)

    misplaced = [
        f"{i}: {got} (expected {want})"
        for i, (got, want) in enumerate(zip(names, expected, strict=True))
        if got != want
    ]
    assert names == expected, f"__all__ out of order at {misplaced}"


def test_all_has_no_duplicates() -> None:
    """No name is listed twice."""
    names = aurous_async.__all__

    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", aurous_async.__all__)
def test_all_name_is_importable(name: str) -> None:
    """Every name in __all__ can be imported from aurous_async."""
    module = importlib.import_module("aurous_async")

    assert hasattr(module, name), f"aurous_async.__all__ lists {name!r} but it is missing"
    namespace: dict[str, object] = {}
    exec(f"from aurous_async import {name}", namespace)
    assert namespace[name] is getattr(module, name)


def test_star_import_gives_exactly_all() -> None:
    """from aurous_async import * binds exactly the names of __all__."""
    namespace: dict[str, object] = {}
    exec("from aurous_async import *", namespace)

    assert sorted(k for k in namespace if k != "__builtins__") == sorted(aurous_async.__all__)


def test_public_classes_report_the_package_as_module() -> None:
    """Exported classes show aurous_async as their module (stable reprs and pickles)."""
    wrong = {
        name: obj.__module__
        for name in aurous_async.__all__
        if isinstance(obj := getattr(aurous_async, name), type)
        and obj.__module__.startswith("aurous_async.")
    }

    assert not wrong, f"classes still reporting a private module: {wrong}"
