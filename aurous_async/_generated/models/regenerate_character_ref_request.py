from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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

    def to_dict(self) -> dict[str, Any]:
        pose: str = self.pose

        prompt_override = self.prompt_override

        field_dict: dict[str, Any] = {}

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

        return regenerate_character_ref_request
