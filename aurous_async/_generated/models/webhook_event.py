from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.known_webhook_event_type import KnownWebhookEventType, check_known_webhook_event_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_event_data import WebhookEventData


T = TypeVar("T", bound="WebhookEvent")


@_attrs_define
class WebhookEvent:
    """Any signed webhook delivery: the envelope every event type shares, with `data` as
    delivered. `construct_event` returns it for an event type the SDK does not know yet,
    and for a delivery whose `data` does not match its type's documented payload (the
    synthetic data of a test delivery, for example).

    """

    type_: KnownWebhookEventType | str
    """ Event type (open set); see KnownWebhookEventType. """
    data: WebhookEventData
    """ The object an event is about, as delivered, for event types whose payload the
    documentation does not describe (and for event types added later).
     """
    id: str | Unset = UNSET
    """ evt_ followed by a ULID; the same on every retry of a delivery. """
    object_: str | Unset = UNSET
    created: int | Unset = UNSET
    """ When the event happened, in Unix seconds. """
    api_version: str | Unset = UNSET
    """ The API version the payload is written in (the team's pin). """
    synthetic: bool | Unset = UNSET
    """ True for a test delivery (test_webhook_endpoint). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str
        if isinstance(self.type_, str):
            type_ = self.type_
        else:
            type_ = self.type_

        data = self.data.to_dict()

        id = self.id

        object_ = self.object_

        created = self.created

        api_version = self.api_version

        synthetic = self.synthetic

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "data": data,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if object_ is not UNSET:
            field_dict["object"] = object_
        if created is not UNSET:
            field_dict["created"] = created
        if api_version is not UNSET:
            field_dict["api_version"] = api_version
        if synthetic is not UNSET:
            field_dict["synthetic"] = synthetic

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_event_data import WebhookEventData  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_type_(data: object) -> KnownWebhookEventType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_webhook_event_type_type_0 = check_known_webhook_event_type(data)

                return componentsschemas_webhook_event_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnownWebhookEventType | str, data)

        type_ = _parse_type_(d.pop("type"))

        data = WebhookEventData.from_dict(d.pop("data"))

        id = d.pop("id", UNSET)

        object_ = d.pop("object", UNSET)

        created = d.pop("created", UNSET)

        api_version = d.pop("api_version", UNSET)

        synthetic = d.pop("synthetic", UNSET)

        webhook_event = cls(
            type_=type_,
            data=data,
            id=id,
            object_=object_,
            created=created,
            api_version=api_version,
            synthetic=synthetic,
        )

        webhook_event.additional_properties = d
        return webhook_event

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
