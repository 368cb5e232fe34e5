from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.character_upload_ticket import CharacterUploadTicket
from ...models.error_response import ErrorResponse
from ...models.init_character_upload_request import InitCharacterUploadRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: InitCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(aurous_version, Unset):
        headers["Aurous-Version"] = aurous_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/characters/uploads/init",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CharacterUploadTicket | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CharacterUploadTicket.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = CharacterUploadTicket.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

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
) -> Response[CharacterUploadTicket | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InitCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> Response[CharacterUploadTicket | ErrorResponse]:
    """Mint an upload ticket

     Get a signed PUT URL for one reference image. PUT the bytes to `upload_url` (with
    `upload_headers`, and without the API key) within 15 minutes; the ticket lives 24 h and
    is consumed by create.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (InitCharacterUploadRequest): `extension` and `content_type` must name the same
            format (jpeg or jpg with
            image/jpeg, png with image/png, webp with image/webp) → else 400
            `parameter_invalid_combination`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CharacterUploadTicket | ErrorResponse]
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
    body: InitCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> CharacterUploadTicket | ErrorResponse | None:
    """Mint an upload ticket

     Get a signed PUT URL for one reference image. PUT the bytes to `upload_url` (with
    `upload_headers`, and without the API key) within 15 minutes; the ticket lives 24 h and
    is consumed by create.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (InitCharacterUploadRequest): `extension` and `content_type` must name the same
            format (jpeg or jpg with
            image/jpeg, png with image/png, webp with image/webp) → else 400
            `parameter_invalid_combination`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CharacterUploadTicket | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        aurous_version=aurous_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InitCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> Response[CharacterUploadTicket | ErrorResponse]:
    """Mint an upload ticket

     Get a signed PUT URL for one reference image. PUT the bytes to `upload_url` (with
    `upload_headers`, and without the API key) within 15 minutes; the ticket lives 24 h and
    is consumed by create.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (InitCharacterUploadRequest): `extension` and `content_type` must name the same
            format (jpeg or jpg with
            image/jpeg, png with image/png, webp with image/webp) → else 400
            `parameter_invalid_combination`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CharacterUploadTicket | ErrorResponse]
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
    body: InitCharacterUploadRequest,
    aurous_version: str | Unset = UNSET,
) -> CharacterUploadTicket | ErrorResponse | None:
    """Mint an upload ticket

     Get a signed PUT URL for one reference image. PUT the bytes to `upload_url` (with
    `upload_headers`, and without the API key) within 15 minutes; the ticket lives 24 h and
    is consumed by create.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (InitCharacterUploadRequest): `extension` and `content_type` must name the same
            format (jpeg or jpg with
            image/jpeg, png with image/png, webp with image/webp) → else 400
            `parameter_invalid_combination`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CharacterUploadTicket | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            aurous_version=aurous_version,
        )
    ).parsed
