from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.usage_group_key import UsageGroupKey
    from ..models.usage_metrics import UsageMetrics


T = TypeVar("T", bound="UsageGroup")


@_attrs_define
class UsageGroup:
    key: UsageGroupKey
    """ The values of the group_by dimensions for this group; empty when ungrouped. """
    metrics: UsageMetrics
    """ Metrics of one group in one bucket. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key.to_dict()

        metrics = self.metrics.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "metrics": metrics,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_group_key import UsageGroupKey  # noqa: PLC0415
        from ..models.usage_metrics import UsageMetrics  # noqa: PLC0415

        d = dict(src_dict)
        key = UsageGroupKey.from_dict(d.pop("key"))

        metrics = UsageMetrics.from_dict(d.pop("metrics"))

        usage_group = cls(
            key=key,
            metrics=metrics,
        )

        usage_group.additional_properties = d
        return usage_group

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
