"""
The API's models (generated from ``openapi.yaml``), importable as ``aurous_async.models``.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # Imported on first use: loading every model costs more than importing the SDK.
    from ._generated import models

    return getattr(models, name)


def __dir__() -> list[str]:
    from ._generated import models

    return list(models.__all__)
