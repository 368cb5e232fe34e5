"""
What the fake accepts, read from the generated request models and enums (built from
``openapi.yaml`` by ``make generate``) instead of copies kept by hand: a field or an enum value
added to the spec is accepted by the fake after regeneration, with no edit here.

Bounds and cross-field rules are not in the generated code (the generator drops them); the
contract test (schemathesis against the spec) holds the fake's checks to the spec's.
"""

from __future__ import annotations

import functools
import typing


def _models() -> typing.Any:
    from .._generated import models

    return models


def _atoms(model_name: str, field: str) -> list[str]:
    import attrs

    model = getattr(_models(), model_name)
    annotation = str(attrs.fields_dict(model)[field].type)
    atoms = [atom.strip() for atom in annotation.split("|")]
    return [atom for atom in atoms if atom not in ("Unset", "None")]


@functools.cache
def body_keys(model_name: str) -> tuple[str, ...]:
    """The JSON keys of the generated request model *model_name*, in spec order."""
    import attrs

    model = getattr(_models(), model_name)
    # The generator appends "_" to names that clash with Python (object -> object_).
    return tuple(
        field.name.removesuffix("_")
        for field in attrs.fields(model)
        if field.name != "additional_properties"
    )


@functools.cache
def field_types(model_name: str) -> dict[str, str]:
    """Each field of *model_name* and its generated type (``str``, ``int``, ``list[str]``...)."""
    keys = body_keys(model_name)
    fields = _field_names(model_name)
    return {
        key: " | ".join(_atoms(model_name, name)) for key, name in zip(keys, fields, strict=True)
    }


def _field_names(model_name: str) -> list[str]:
    import attrs

    model = getattr(_models(), model_name)
    return [field.name for field in attrs.fields(model) if field.name != "additional_properties"]


@functools.cache
def enum_values(alias: str) -> tuple[str, ...]:
    """The values of the generated enum *alias* (a ``Literal``), e.g. ``"VideoRatio"``."""
    target = getattr(_models(), alias)
    if typing.get_origin(target) is not typing.Literal:
        raise TypeError(f"{alias} is not a generated enum")
    return tuple(sorted(typing.get_args(target)))


@functools.cache
def field_enum(model_name: str, field: str) -> tuple[str, ...]:
    """The enum values a field of *model_name* (or the items of a list field) takes."""
    for atom in _atoms(model_name, field):
        inner = atom[5:-1] if atom.startswith("list[") and atom.endswith("]") else atom
        target = getattr(_models(), inner, None)
        if typing.get_origin(target) is typing.Literal:
            return enum_values(inner)
    raise TypeError(f"{model_name}.{field} is not an enum field")
