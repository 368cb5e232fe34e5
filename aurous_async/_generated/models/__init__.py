"""Contains all the data models used in inputs/outputs"""

from .character import Character
from .character_attributes import CharacterAttributes
from .character_list import CharacterList
from .character_ref import CharacterRef
from .character_status_filter import CharacterStatusFilter
from .character_upload_classification import CharacterUploadClassification
from .character_upload_ticket import CharacterUploadTicket
from .character_upload_ticket_upload_headers import CharacterUploadTicketUploadHeaders
from .classify_character_upload_request import ClassifyCharacterUploadRequest
from .create_character_request import CreateCharacterRequest
from .deleted_character import DeletedCharacter
from .error import Error
from .error_response import ErrorResponse
from .init_character_upload_request import InitCharacterUploadRequest
from .init_character_upload_request_content_type import InitCharacterUploadRequestContentType
from .init_character_upload_request_extension import InitCharacterUploadRequestExtension
from .known_character_status import KnownCharacterStatus
from .known_pose import KnownPose
from .regenerate_character_ref_request import RegenerateCharacterRefRequest
from .regenerate_character_ref_request_pose import RegenerateCharacterRefRequestPose
from .resynthesize_character_request import ResynthesizeCharacterRequest
from .update_character_request import UpdateCharacterRequest

__all__ = (
    "Character",
    "CharacterAttributes",
    "CharacterList",
    "CharacterRef",
    "CharacterStatusFilter",
    "CharacterUploadClassification",
    "CharacterUploadTicket",
    "CharacterUploadTicketUploadHeaders",
    "ClassifyCharacterUploadRequest",
    "CreateCharacterRequest",
    "DeletedCharacter",
    "Error",
    "ErrorResponse",
    "InitCharacterUploadRequest",
    "InitCharacterUploadRequestContentType",
    "InitCharacterUploadRequestExtension",
    "KnownCharacterStatus",
    "KnownPose",
    "RegenerateCharacterRefRequest",
    "RegenerateCharacterRefRequestPose",
    "ResynthesizeCharacterRequest",
    "UpdateCharacterRequest",
)
