from typing import Literal

KnownWebhookEventType = Literal[
    "character.cancelled",
    "character.completed",
    "character.failed",
    "image.cancelled",
    "image.completed",
    "image.failed",
    "usage.balance_low",
    "video.cancelled",
    "video.completed",
    "video.failed",
    "webhook.endpoint_disabled",
]

KNOWN_WEBHOOK_EVENT_TYPE_VALUES: set[KnownWebhookEventType] = {
    "character.cancelled",
    "character.completed",
    "character.failed",
    "image.cancelled",
    "image.completed",
    "image.failed",
    "usage.balance_low",
    "video.cancelled",
    "video.completed",
    "video.failed",
    "webhook.endpoint_disabled",
}


def check_known_webhook_event_type(value: str) -> KnownWebhookEventType:
    if value in KNOWN_WEBHOOK_EVENT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KNOWN_WEBHOOK_EVENT_TYPE_VALUES!r}"
    )
