from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_pose import KnownPose, check_known_pose

T = TypeVar("T", bound="CharacterUploadClassification")


@_attrs_define
class CharacterUploadClassification:
    upload_id: str
    pose: KnownPose | str
    """ Reference pose (open set): portrait, front, side, back, other. """
    confidence: float
    """ Informational confidence, 0 to 1. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        pose: str
        if isinstance(self.pose, str):
            pose = self.pose
        else:
            pose = self.pose

        confidence = self.confidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "upload_id": upload_id,
                "pose": pose,
                "confidence": confidence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        def _parse_pose(data: object) -> KnownPose | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_pose_type_0 = check_known_pose(data)

                return componentsschemas_pose_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownPose | str, data)

        pose = _parse_pose(d.pop("pose"))

        confidence = d.pop("confidence")

        character_upload_classification = cls(
            upload_id=upload_id,
            pose=pose,
            confidence=confidence,
        )

        character_upload_classification.additional_properties = d
        return character_upload_classification

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
