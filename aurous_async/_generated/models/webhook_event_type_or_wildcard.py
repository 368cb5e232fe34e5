from typing import Literal

WebhookEventTypeOrWildcard = Literal[
    "*",
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

WEBHOOK_EVENT_TYPE_OR_WILDCARD_VALUES: set[WebhookEventTypeOrWildcard] = {
    "*",
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


def check_webhook_event_type_or_wildcard(value: str) -> WebhookEventTypeOrWildcard:
    if value in WEBHOOK_EVENT_TYPE_OR_WILDCARD_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_TYPE_OR_WILDCARD_VALUES!r}"
    )
