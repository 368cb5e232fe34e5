from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_webhook_event_type import KnownWebhookEventType, check_known_webhook_event_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_endpoint_metadata import WebhookEndpointMetadata


T = TypeVar("T", bound="WebhookEndpoint")


@_attrs_define
class WebhookEndpoint:
    """A webhook endpoint. `secret` holds the plaintext signing secret only in the answers
    to create and rotate_secret; elsewhere it is null.

    """

    id: str
    """ we_ followed by a ULID. """
    object_: Literal["webhook_endpoint"]
    url: str
    events: list[KnownWebhookEventType | str]
    """ Subscribed event types (["*"] is expanded at creation). """
    secret_preview: str
    """ e.g. whsec_8jK...ABCD """
    secret: None | str
    """ The plaintext whsec_ secret, only on create and rotate_secret. """
    is_active: bool
    """ False once auto-disabled after repeated failures. """
    consecutive_failures: int
    last_success_at: datetime.datetime | None
    last_failure_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    description: None | str | Unset = UNSET
    metadata: None | Unset | WebhookEndpointMetadata = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.webhook_endpoint_metadata import WebhookEndpointMetadata  # noqa: PLC0415

        id = self.id

        object_ = self.object_

        url = self.url

        events = []
        for events_item_data in self.events:
            events_item: str
            if isinstance(events_item_data, str):
                events_item = events_item_data
            else:
                events_item = events_item_data
            events.append(events_item)

        secret_preview = self.secret_preview

        secret: None | str
        secret = self.secret

        is_active = self.is_active

        consecutive_failures = self.consecutive_failures

        last_success_at: None | str
        if isinstance(self.last_success_at, datetime.datetime):
            last_success_at = self.last_success_at.isoformat()
        else:
            last_success_at = self.last_success_at

        last_failure_at: None | str
        if isinstance(self.last_failure_at, datetime.datetime):
            last_failure_at = self.last_failure_at.isoformat()
        else:
            last_failure_at = self.last_failure_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, WebhookEndpointMetadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "url": url,
                "events": events,
                "secret_preview": secret_preview,
                "secret": secret,
                "is_active": is_active,
                "consecutive_failures": consecutive_failures,
                "last_success_at": last_success_at,
                "last_failure_at": last_failure_at,
                "created_at": created_at,
                "updated_at": updated_at,
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
        id = d.pop("id")

        object_ = cast(Literal["webhook_endpoint"], d.pop("object"))
        if object_ != "webhook_endpoint":
            raise ValueError(f"object must match const 'webhook_endpoint', got '{object_}'")

        url = d.pop("url")

        events = []
        _events = d.pop("events")
        for events_item_data in _events:

            def _parse_events_item(data: object) -> KnownWebhookEventType | str:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    componentsschemas_webhook_event_type_type_0 = check_known_webhook_event_type(
                        data
                    )

                    return componentsschemas_webhook_event_type_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(KnownWebhookEventType | str, data)

            events_item = _parse_events_item(events_item_data)

            events.append(events_item)

        secret_preview = d.pop("secret_preview")

        def _parse_secret(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        secret = _parse_secret(d.pop("secret"))

        is_active = d.pop("is_active")

        consecutive_failures = d.pop("consecutive_failures")

        def _parse_last_success_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_success_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_success_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_success_at = _parse_last_success_at(d.pop("last_success_at"))

        def _parse_last_failure_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_failure_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_failure_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_failure_at = _parse_last_failure_at(d.pop("last_failure_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_metadata(data: object) -> None | Unset | WebhookEndpointMetadata:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = WebhookEndpointMetadata.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WebhookEndpointMetadata, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        webhook_endpoint = cls(
            id=id,
            object_=object_,
            url=url,
            events=events,
            secret_preview=secret_preview,
            secret=secret,
            is_active=is_active,
            consecutive_failures=consecutive_failures,
            last_success_at=last_success_at,
            last_failure_at=last_failure_at,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            metadata=metadata,
        )

        webhook_endpoint.additional_properties = d
        return webhook_endpoint

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
