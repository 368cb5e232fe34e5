from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.character_upload_classification import CharacterUploadClassification
from ...models.classify_character_upload_request import ClassifyCharacterUploadRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ClassifyCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(aurous_version, Unset):
        headers["Aurous-Version"] = aurous_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/characters/uploads/classify",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CharacterUploadClassification | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CharacterUploadClassification.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CharacterUploadClassification | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ClassifyCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> Response[CharacterUploadClassification | ErrorResponse]:
    """Detect the pose of an upload

     Detect the pose of an uploaded image. Optional and free; repeat calls are idempotent.
    A ticket already consumed by create, unknown or expired → 400 `upload_invalid`.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (ClassifyCharacterUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CharacterUploadClassification | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        aurous_version=aurous_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ClassifyCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> CharacterUploadClassification | ErrorResponse | None:
    """Detect the pose of an upload

     Detect the pose of an uploaded image. Optional and free; repeat calls are idempotent.
    A ticket already consumed by create, unknown or expired → 400 `upload_invalid`.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (ClassifyCharacterUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CharacterUploadClassification | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        aurous_version=aurous_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ClassifyCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> Response[CharacterUploadClassification | ErrorResponse]:
    """Detect the pose of an upload

     Detect the pose of an uploaded image. Optional and free; repeat calls are idempotent.
    A ticket already consumed by create, unknown or expired → 400 `upload_invalid`.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (ClassifyCharacterUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CharacterUploadClassification | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        aurous_version=aurous_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ClassifyCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> CharacterUploadClassification | ErrorResponse | None:
    """Detect the pose of an upload

     Detect the pose of an uploaded image. Optional and free; repeat calls are idempotent.
    A ticket already consumed by create, unknown or expired → 400 `upload_invalid`.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (ClassifyCharacterUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CharacterUploadClassification | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            aurous_version=aurous_version,
        )
    ).parsed
