from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.known_webhook_event_type import KnownWebhookEventType, check_known_webhook_event_type

T = TypeVar("T", bound="TestWebhookEndpointRequest")


@_attrs_define
class TestWebhookEndpointRequest:
    event_type: KnownWebhookEventType

    def to_dict(self) -> dict[str, Any]:
        event_type: str = self.event_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_type": event_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_type = check_known_webhook_event_type(d.pop("event_type"))

        test_webhook_endpoint_request = cls(
            event_type=event_type,
        )

        return test_webhook_endpoint_request
