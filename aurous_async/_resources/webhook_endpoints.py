"""
Webhook endpoints: register, read, rotate the signing secret, fire a test delivery.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Unpack

from .._arguments import body
from .._base import ClientBase
from .._types import RequestOptions
from .._validation import check_id, checks_keywords

if TYPE_CHECKING:
    from .._generated.models import (
        KnownWebhookEventType,
        WebhookEndpoint,
        WebhookEventTypeOrWildcard,
        WebhookTestResult,
    )
    from ..webhooks import Webhooks


class Secret(str):
    """
    A secret string: it compares and encodes like ``str``, but its repr never shows it.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "'whsec_…[redacted]'"


def _hide_secret(endpoint: WebhookEndpoint) -> WebhookEndpoint:
    # The plaintext is shown once; keep it out of reprs, logs and tracebacks.
    if isinstance(endpoint.secret, str) and not isinstance(endpoint.secret, Secret):
        endpoint.secret = Secret(endpoint.secret)
    return endpoint


@checks_keywords
class WebhookEndpointsMixin(ClientBase):
    @property
    def webhooks(self) -> Webhooks:
        """
        Verify and parse deliveries to your endpoints: ``client.webhooks.unwrap(body,
        headers)`` returns the typed event; the secret defaults to ``AUROUS_WEBHOOK_SECRET``.
        """
        # Imported on use: the event models load attrs, which `import aurous_async` avoids.
        from ..webhooks import Webhooks

        return Webhooks()

    async def create_webhook_endpoint(
        self,
        *,
        url: str,
        events: Sequence[WebhookEventTypeOrWildcard],
        description: str | None = None,
        metadata: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> WebhookEndpoint:
        """
        Register an https endpoint; ``secret`` holds the signing secret this one time.
        """
        from .._generated.api.webhook_endpoints import create_webhook_endpoint as op
        from .._generated.models import CreateWebhookEndpointRequest, WebhookEndpoint

        request = body(
            CreateWebhookEndpointRequest,
            url=url,
            events=events,
            description=description,
            metadata=metadata,
        )
        return _hide_secret(await self._call(op, WebhookEndpoint, options=options, body=request))

    async def get_webhook_endpoint(
        self, id: str, **options: Unpack[RequestOptions]
    ) -> WebhookEndpoint:
        """
        Retrieve an endpoint (``secret`` is ``None``; see ``secret_preview``).
        """
        from .._generated.api.webhook_endpoints import get_webhook_endpoint as op
        from .._generated.models import WebhookEndpoint

        return _hide_secret(await self._call(op, WebhookEndpoint, check_id(id), options=options))

    async def rotate_webhook_endpoint_secret(
        self, id: str, **options: Unpack[RequestOptions]
    ) -> WebhookEndpoint:
        """
        Replace the signing secret; the new one is in ``secret`` this one time.
        """
        from .._generated.api.webhook_endpoints import rotate_webhook_endpoint_secret as op
        from .._generated.models import WebhookEndpoint

        return _hide_secret(await self._call(op, WebhookEndpoint, check_id(id), options=options))

    async def test_webhook_endpoint(
        self, id: str, *, event_type: KnownWebhookEventType, **options: Unpack[RequestOptions]
    ) -> WebhookTestResult:
        """
        Fire a synthetic signed delivery of a subscribed event type to the endpoint.
        """
        from .._generated.api.webhook_endpoints import test_webhook_endpoint as op
        from .._generated.models import TestWebhookEndpointRequest, WebhookTestResult

        request = body(TestWebhookEndpointRequest, event_type=event_type)
        return await self._call(op, WebhookTestResult, check_id(id), options=options, body=request)
