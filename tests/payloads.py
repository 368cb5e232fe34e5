"""
JSON bodies shaped like the API's answers, shared by the Foundation tests.
"""

from __future__ import annotations

from typing import Any

CHAR_ID = "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR"


def character_json(id: str = CHAR_ID, **overrides: Any) -> dict[str, Any]:
    """A complete, valid Character object; *overrides* replace or add top-level fields."""
    data: dict[str, Any] = {
        "id": id,
        "object": "character",
        "name": "Mia",
        "status": "ready",
        "refs": [
            {"pose": "front", "url": "https://api.aurous-labs.com/v1/refs/ref_1"},
            {"pose": "side", "url": "https://api.aurous-labs.com/v1/refs/ref_2"},
        ],
        "attributes": {"gender": "female", "age": 28, "hair_color": "black"},
        "error_message": None,
        "aurous_version": "2026-05-15",
        "created_at": "2026-05-15T10:00:00Z",
        "updated_at": "2026-05-15T10:05:00Z",
    }
    data.update(overrides)
    return data


def page_json(ids: list[str], *, has_more: bool, next_cursor: str | None) -> dict[str, Any]:
    """A CharacterList page holding one character per id."""
    return {
        "object": "list",
        "data": [character_json(i) for i in ids],
        "has_more": has_more,
        "next_cursor": next_cursor,
    }


def deleted_json(id: str = CHAR_ID) -> dict[str, Any]:
    """The answer to a successful DELETE."""
    return {"id": id, "object": "character", "deleted": True}


def error_json(code: str, message: str = "something went wrong", **fields: Any) -> dict[str, Any]:
    """An error envelope with *code*, *message* and any other error fields."""
    return {"error": {"code": code, "message": message, **fields}}
