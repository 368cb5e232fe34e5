from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_event_type_or_wildcard import (
    WebhookEventTypeOrWildcard,
    check_webhook_event_type_or_wildcard,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_endpoint_metadata import WebhookEndpointMetadata


T = TypeVar("T", bound="CreateWebhookEndpointRequest")


@_attrs_define
class CreateWebhookEndpointRequest:
    """Any other key → 400 `invalid_request`."""

    url: str
    """ https only. """
    events: list[WebhookEventTypeOrWildcard]
    """ Event types to deliver, or ["*"]. """
    description: str | Unset = UNSET
    metadata: WebhookEndpointMetadata | Unset = UNSET
    """ At most 50 keys; values are strings of at most 500 characters. """

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events = []
        for events_item_data in self.events:
            events_item: str = events_item_data
            events.append(events_item)

        description = self.description

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "events": events,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_endpoint_metadata import WebhookEndpointMetadata  # noqa: PLC0415

        d = dict(src_dict)
        url = d.pop("url")

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = check_webhook_event_type_or_wildcard(events_item_data)

            events.append(events_item)

        description = d.pop("description", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: WebhookEndpointMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = WebhookEndpointMetadata.from_dict(_metadata)

        create_webhook_endpoint_request = cls(
            url=url,
            events=events,
            description=description,
            metadata=metadata,
        )

        return create_webhook_endpoint_request
