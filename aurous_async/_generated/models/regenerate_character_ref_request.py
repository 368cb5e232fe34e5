from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.regenerate_character_ref_request_pose import (
    RegenerateCharacterRefRequestPose,
    check_regenerate_character_ref_request_pose,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegenerateCharacterRefRequest")


@_attrs_define
class RegenerateCharacterRefRequest:
    pose: RegenerateCharacterRefRequestPose
    """ The pose to re-run. """
    prompt_override: str | Unset = UNSET
    """ Accepted but currently ignored by the server. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pose: str = self.pose

        prompt_override = self.prompt_override

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pose": pose,
            }
        )
        if prompt_override is not UNSET:
            field_dict["prompt_override"] = prompt_override

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pose = check_regenerate_character_ref_request_pose(d.pop("pose"))

        prompt_override = d.pop("prompt_override", UNSET)

        regenerate_character_ref_request = cls(
            pose=pose,
            prompt_override=prompt_override,
        )

        regenerate_character_ref_request.additional_properties = d
        return regenerate_character_ref_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
