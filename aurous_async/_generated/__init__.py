"""A client library for accessing Aurous Labs API"""

from typing import TYPE_CHECKING

#: The API contract this package is generated from: openapi.yaml ``info.version``.
API_VERSION = "2026-05-15"

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client

__all__ = (
    "API_VERSION",
    "AuthenticatedClient",
    "Client",
)


def __getattr__(name: str) -> object:
    if name in ("AuthenticatedClient", "Client"):
        from . import client

        return getattr(client, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
