"""A client library for accessing Aurous Labs API"""

from typing import TYPE_CHECKING, TypedDict

#: The API contract this package is generated from: openapi.yaml ``info.version``.
API_VERSION = "2026-05-15"

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client
    from .models import *  # noqa: F403  (names in the Fields annotations below)

__all__ = (
    "API_VERSION",
    "AuthenticatedClient",
    "Client",
)


def __getattr__(name: str) -> object:
    if name in ("AuthenticatedClient", "Client"):
        from . import client

        return getattr(client, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class CreateCharacterRequestFields(TypedDict, total=False):
    """The optional fields of ``CreateCharacterRequest``."""

    generate: "bool"
    upload_ids: "list[str]"
    attributes: "CharacterAttributes"
    client_reference_id: "str"


class UpdateCharacterRequestFields(TypedDict, total=False):
    """The optional fields of ``UpdateCharacterRequest``."""

    name: "str"
    attributes: "CharacterAttributes"


class ResynthesizeCharacterRequestFields(TypedDict, total=False):
    """The optional fields of ``ResynthesizeCharacterRequest``."""

    force_all: "bool"


class RegenerateCharacterRefRequestFields(TypedDict, total=False):
    """The optional fields of ``RegenerateCharacterRefRequest``."""

    prompt_override: "str"


class InitCharacterUploadRequestFields(TypedDict, total=False):
    """The optional fields of ``InitCharacterUploadRequest``."""


class ClassifyCharacterUploadRequestFields(TypedDict, total=False):
    """The optional fields of ``ClassifyCharacterUploadRequest``."""


class CreateImageRequestFields(TypedDict, total=False):
    """The optional fields of ``CreateImageRequest``."""

    negative_prompt: "str"
    lora_id: "str"
    character_id: "str"
    reference_image_urls: "list[str]"
    size: "str"
    width: "int"
    height: "int"
    steps: "int"
    guidance_scale: "float"
    cfg_rescale: "float"
    denoise_strength: "float"
    seed: "int"
    count: "int"
    enhance_prompt: "bool"
    webhook_url: "str"


class CreateVideoRequestFields(TypedDict, total=False):
    """The optional fields of ``CreateVideoRequest``."""

    prompt: "str"
    first_frame_url: "str"
    last_frame_url: "str"
    resolution: "VideoResolution"
    ratio: "VideoRatio"
    duration: "int"
    seed: "int"
    camera_fixed: "bool"
    watermark: "bool"
    enhance_prompt: "bool"
    webhook_url: "str"


class CreateWebhookEndpointRequestFields(TypedDict, total=False):
    """The optional fields of ``CreateWebhookEndpointRequest``."""

    description: "str"
    metadata: "WebhookEndpointMetadata"


class TestWebhookEndpointRequestFields(TypedDict, total=False):
    """The optional fields of ``TestWebhookEndpointRequest``."""
