from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsageMetrics")


@_attrs_define
class UsageMetrics:
    """Metrics of one group in one bucket."""

    request_count: int | Unset = UNSET
    successful_count: int | Unset = UNSET
    failed_count: int | Unset = UNSET
    cancelled_count: int | Unset = UNSET
    credits_used: float | Unset = UNSET
    duration_ms_p50: float | None | Unset = UNSET
    duration_ms_p95: float | None | Unset = UNSET
    image_count: int | Unset = UNSET
    video_seconds: float | Unset = UNSET
    total_input_tokens: int | Unset = UNSET
    total_output_tokens: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_count = self.request_count

        successful_count = self.successful_count

        failed_count = self.failed_count

        cancelled_count = self.cancelled_count

        credits_used = self.credits_used

        duration_ms_p50: float | None | Unset
        if isinstance(self.duration_ms_p50, Unset):
            duration_ms_p50 = UNSET
        else:
            duration_ms_p50 = self.duration_ms_p50

        duration_ms_p95: float | None | Unset
        if isinstance(self.duration_ms_p95, Unset):
            duration_ms_p95 = UNSET
        else:
            duration_ms_p95 = self.duration_ms_p95

        image_count = self.image_count

        video_seconds = self.video_seconds

        total_input_tokens = self.total_input_tokens

        total_output_tokens = self.total_output_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if request_count is not UNSET:
            field_dict["request_count"] = request_count
        if successful_count is not UNSET:
            field_dict["successful_count"] = successful_count
        if failed_count is not UNSET:
            field_dict["failed_count"] = failed_count
        if cancelled_count is not UNSET:
            field_dict["cancelled_count"] = cancelled_count
        if credits_used is not UNSET:
            field_dict["credits_used"] = credits_used
        if duration_ms_p50 is not UNSET:
            field_dict["duration_ms_p50"] = duration_ms_p50
        if duration_ms_p95 is not UNSET:
            field_dict["duration_ms_p95"] = duration_ms_p95
        if image_count is not UNSET:
            field_dict["image_count"] = image_count
        if video_seconds is not UNSET:
            field_dict["video_seconds"] = video_seconds
        if total_input_tokens is not UNSET:
            field_dict["total_input_tokens"] = total_input_tokens
        if total_output_tokens is not UNSET:
            field_dict["total_output_tokens"] = total_output_tokens

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        request_count = d.pop("request_count", UNSET)

        successful_count = d.pop("successful_count", UNSET)

        failed_count = d.pop("failed_count", UNSET)

        cancelled_count = d.pop("cancelled_count", UNSET)

        credits_used = d.pop("credits_used", UNSET)

        def _parse_duration_ms_p50(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        duration_ms_p50 = _parse_duration_ms_p50(d.pop("duration_ms_p50", UNSET))

        def _parse_duration_ms_p95(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        duration_ms_p95 = _parse_duration_ms_p95(d.pop("duration_ms_p95", UNSET))

        image_count = d.pop("image_count", UNSET)

        video_seconds = d.pop("video_seconds", UNSET)

        total_input_tokens = d.pop("total_input_tokens", UNSET)

        total_output_tokens = d.pop("total_output_tokens", UNSET)

        usage_metrics = cls(
            request_count=request_count,
            successful_count=successful_count,
            failed_count=failed_count,
            cancelled_count=cancelled_count,
            credits_used=credits_used,
            duration_ms_p50=duration_ms_p50,
            duration_ms_p95=duration_ms_p95,
            image_count=image_count,
            video_seconds=video_seconds,
            total_input_tokens=total_input_tokens,
            total_output_tokens=total_output_tokens,
        )

        usage_metrics.additional_properties = d
        return usage_metrics

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
