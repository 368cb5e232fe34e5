"""
The API's models (generated from ``openapi.yaml``), importable as ``aurous_async.models``.

Type checkers see the generated classes themselves; at run time each is imported on first
use, since loading every model (and attrs) costs more than importing the SDK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # A wildcard import re-exports every generated model to mypy and pyright, so a model
    # added to the spec reaches this module with no edit here.
    from ._generated.models import *  # noqa: F403
else:

    def __getattr__(name: str) -> Any:
        # Hidden from type checkers: a misspelled model name must stay an error there.
        from ._generated import models

        if name == "__all__":
            return models.__all__
        try:
            return getattr(models, name)
        except AttributeError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None

    def __dir__() -> list[str]:
        from ._generated import models

        return list(models.__all__)
