"""Contains all the data models used in inputs/outputs"""

from .balance import Balance
from .character import Character
from .character_attributes import CharacterAttributes
from .character_cancelled_event import CharacterCancelledEvent
from .character_completed_event import CharacterCompletedEvent
from .character_failed_event import CharacterFailedEvent
from .character_list import CharacterList
from .character_ref import CharacterRef
from .character_status_filter import CharacterStatusFilter
from .character_upload_classification import CharacterUploadClassification
from .character_upload_ticket import CharacterUploadTicket
from .character_upload_ticket_upload_headers import CharacterUploadTicketUploadHeaders
from .classify_character_upload_request import ClassifyCharacterUploadRequest
from .cost_breakdown import CostBreakdown
from .create_character_request import CreateCharacterRequest
from .create_image_request import CreateImageRequest
from .create_video_request import CreateVideoRequest
from .create_webhook_endpoint_request import CreateWebhookEndpointRequest
from .deleted_character import DeletedCharacter
from .deleted_file import DeletedFile
from .error import Error
from .error_response import ErrorResponse
from .estimate import Estimate
from .estimated_cost import EstimatedCost
from .file_metadata import FileMetadata
from .file_object import FileObject
from .generation_cost import GenerationCost
from .generation_list import GenerationList
from .generation_lora import GenerationLora
from .generation_response import GenerationResponse
from .image_cancelled_event import ImageCancelledEvent
from .image_completed_event import ImageCompletedEvent
from .image_failed_event import ImageFailedEvent
from .init_character_upload_request import InitCharacterUploadRequest
from .init_character_upload_request_content_type import InitCharacterUploadRequestContentType
from .init_character_upload_request_extension import InitCharacterUploadRequestExtension
from .known_billing_mode import KnownBillingMode
from .known_character_status import KnownCharacterStatus
from .known_currency import KnownCurrency
from .known_file_purpose import KnownFilePurpose
from .known_generation_status import KnownGenerationStatus
from .known_inference_type import KnownInferenceType
from .known_media_type import KnownMediaType
from .known_mime_type import KnownMimeType
from .known_pose import KnownPose
from .known_usage_event_status import KnownUsageEventStatus
from .known_usage_event_type import KnownUsageEventType
from .known_webhook_event_type import KnownWebhookEventType
from .lora import Lora
from .pricing import Pricing
from .pricing_image import PricingImage
from .pricing_resolution_factor import PricingResolutionFactor
from .pricing_video import PricingVideo
from .regenerate_character_ref_request import RegenerateCharacterRefRequest
from .regenerate_character_ref_request_pose import RegenerateCharacterRefRequestPose
from .resynthesize_character_request import ResynthesizeCharacterRequest
from .team import Team
from .test_webhook_endpoint_request import TestWebhookEndpointRequest
from .update_character_request import UpdateCharacterRequest
from .upload_file_request import UploadFileRequest
from .usage_balance_low_event import UsageBalanceLowEvent
from .usage_bucket import UsageBucket
from .usage_bucket_page import UsageBucketPage
from .usage_bucket_width import UsageBucketWidth
from .usage_event import UsageEvent
from .usage_event_list import UsageEventList
from .usage_event_status_filter import UsageEventStatusFilter
from .usage_event_type_filter import UsageEventTypeFilter
from .usage_group import UsageGroup
from .usage_group_by import UsageGroupBy
from .usage_group_key import UsageGroupKey
from .usage_metrics import UsageMetrics
from .usage_totals import UsageTotals
from .video_camera_fixed_object import VideoCameraFixedObject
from .video_cancelled_event import VideoCancelledEvent
from .video_completed_event import VideoCompletedEvent
from .video_failed_event import VideoFailedEvent
from .video_lora import VideoLora
from .video_ratio import VideoRatio
from .video_resolution import VideoResolution
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_disabled_event import WebhookEndpointDisabledEvent
from .webhook_endpoint_metadata import WebhookEndpointMetadata
from .webhook_event import WebhookEvent
from .webhook_event_data import WebhookEventData
from .webhook_event_type_or_wildcard import WebhookEventTypeOrWildcard
from .webhook_test_result import WebhookTestResult

__all__ = (
    "Balance",
    "Character",
    "CharacterAttributes",
    "CharacterCancelledEvent",
    "CharacterCompletedEvent",
    "CharacterFailedEvent",
    "CharacterList",
    "CharacterRef",
    "CharacterStatusFilter",
    "CharacterUploadClassification",
    "CharacterUploadTicket",
    "CharacterUploadTicketUploadHeaders",
    "ClassifyCharacterUploadRequest",
    "CostBreakdown",
    "CreateCharacterRequest",
    "CreateImageRequest",
    "CreateVideoRequest",
    "CreateWebhookEndpointRequest",
    "DeletedCharacter",
    "DeletedFile",
    "Error",
    "ErrorResponse",
    "Estimate",
    "EstimatedCost",
    "FileMetadata",
    "FileObject",
    "GenerationCost",
    "GenerationList",
    "GenerationLora",
    "GenerationResponse",
    "ImageCancelledEvent",
    "ImageCompletedEvent",
    "ImageFailedEvent",
    "InitCharacterUploadRequest",
    "InitCharacterUploadRequestContentType",
    "InitCharacterUploadRequestExtension",
    "KnownBillingMode",
    "KnownCharacterStatus",
    "KnownCurrency",
    "KnownFilePurpose",
    "KnownGenerationStatus",
    "KnownInferenceType",
    "KnownMediaType",
    "KnownMimeType",
    "KnownPose",
    "KnownUsageEventStatus",
    "KnownUsageEventType",
    "KnownWebhookEventType",
    "Lora",
    "Pricing",
    "PricingImage",
    "PricingResolutionFactor",
    "PricingVideo",
    "RegenerateCharacterRefRequest",
    "RegenerateCharacterRefRequestPose",
    "ResynthesizeCharacterRequest",
    "Team",
    "TestWebhookEndpointRequest",
    "UpdateCharacterRequest",
    "UploadFileRequest",
    "UsageBalanceLowEvent",
    "UsageBucket",
    "UsageBucketPage",
    "UsageBucketWidth",
    "UsageEvent",
    "UsageEventList",
    "UsageEventStatusFilter",
    "UsageEventTypeFilter",
    "UsageGroup",
    "UsageGroupBy",
    "UsageGroupKey",
    "UsageMetrics",
    "UsageTotals",
    "VideoCameraFixedObject",
    "VideoCancelledEvent",
    "VideoCompletedEvent",
    "VideoFailedEvent",
    "VideoLora",
    "VideoRatio",
    "VideoResolution",
    "WebhookEndpoint",
    "WebhookEndpointDisabledEvent",
    "WebhookEndpointMetadata",
    "WebhookEvent",
    "WebhookEventData",
    "WebhookEventTypeOrWildcard",
    "WebhookTestResult",
)
