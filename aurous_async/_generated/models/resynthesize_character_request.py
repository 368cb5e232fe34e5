from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResynthesizeCharacterRequest")


@_attrs_define
class ResynthesizeCharacterRequest:
    force_all: bool | Unset = UNSET
    """ Forward-compatible flag; the whole ref set is replaced anyway (server default false). """

    def to_dict(self) -> dict[str, Any]:
        force_all = self.force_all

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if force_all is not UNSET:
            field_dict["force_all"] = force_all

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        force_all = d.pop("force_all", UNSET)

        resynthesize_character_request = cls(
            force_all=force_all,
        )

        return resynthesize_character_request
