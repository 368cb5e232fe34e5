"""
The ``aurous_async`` logger. ``AUROUS_LOG=info|debug`` turns on a basic stderr handler.

Only method, path, status, attempt, wait and request id are logged: never headers, bodies,
the API key or a webhook secret.
"""

from __future__ import annotations

import logging
import os

from ._constants import ENV_LOG

logger = logging.getLogger("aurous_async")


def setup_from_env() -> None:
    """
    Install a stderr handler on the ``aurous_async`` logger if ``AUROUS_LOG`` asks for one.
    """
    level = os.environ.get(ENV_LOG, "").strip().lower()
    if level not in ("info", "debug") or any(getattr(h, "_aurous", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler._aurous = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if level == "debug" else logging.INFO)
