from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.usage_group import UsageGroup


T = TypeVar("T", bound="UsageBucket")


@_attrs_define
class UsageBucket:
    """One time bucket."""

    object_: Literal["usage.bucket"]
    bucket_start: datetime.datetime
    bucket_end: datetime.datetime
    groups: list[UsageGroup]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_

        bucket_start = self.bucket_start.isoformat()

        bucket_end = self.bucket_end.isoformat()

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "bucket_start": bucket_start,
                "bucket_end": bucket_end,
                "groups": groups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_group import UsageGroup  # noqa: PLC0415

        d = dict(src_dict)
        object_ = cast(Literal["usage.bucket"], d.pop("object"))
        if object_ != "usage.bucket":
            raise ValueError(f"object must match const 'usage.bucket', got '{object_}'")

        bucket_start = datetime.datetime.fromisoformat(d.pop("bucket_start"))

        bucket_end = datetime.datetime.fromisoformat(d.pop("bucket_end"))

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = UsageGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        usage_bucket = cls(
            object_=object_,
            bucket_start=bucket_start,
            bucket_end=bucket_end,
            groups=groups,
        )

        usage_bucket.additional_properties = d
        return usage_bucket

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
