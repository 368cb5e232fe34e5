from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.file_object import FileObject
from ...models.upload_file_request import UploadFileRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UploadFileRequest,
    aurous_version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(aurous_version, Unset):
        headers["Aurous-Version"] = aurous_version

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/files",
    }

    _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | FileObject | None:
    if response.status_code == 200:
        response_200 = FileObject.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = FileObject.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

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
) -> Response[ErrorResponse | FileObject]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadFileRequest,
    aurous_version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | FileObject]:
    """Upload a reference file

     Upload a PNG, JPEG or WebP image (at most 10 MB and 4096 px a side) for use as
    `reference_image_urls` on images or `first_frame_url` / `last_frame_url` on videos. The
    file is purged 24 h after upload. A replay needs the same key, `purpose` and `metadata`.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        idempotency_key (str | Unset): Any opaque string of 1 to 256 characters; a UUID4 is
            recommended.
        body (UploadFileRequest): Any other form field → 400 `invalid_request`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileObject]
    """

    kwargs = _get_kwargs(
        body=body,
        aurous_version=aurous_version,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: UploadFileRequest,
    aurous_version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | FileObject | None:
    """Upload a reference file

     Upload a PNG, JPEG or WebP image (at most 10 MB and 4096 px a side) for use as
    `reference_image_urls` on images or `first_frame_url` / `last_frame_url` on videos. The
    file is purged 24 h after upload. A replay needs the same key, `purpose` and `metadata`.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        idempotency_key (str | Unset): Any opaque string of 1 to 256 characters; a UUID4 is
            recommended.
        body (UploadFileRequest): Any other form field → 400 `invalid_request`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileObject
    """

    return sync_detailed(
        client=client,
        body=body,
        aurous_version=aurous_version,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UploadFileRequest,
    aurous_version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | FileObject]:
    """Upload a reference file

     Upload a PNG, JPEG or WebP image (at most 10 MB and 4096 px a side) for use as
    `reference_image_urls` on images or `first_frame_url` / `last_frame_url` on videos. The
    file is purged 24 h after upload. A replay needs the same key, `purpose` and `metadata`.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        idempotency_key (str | Unset): Any opaque string of 1 to 256 characters; a UUID4 is
            recommended.
        body (UploadFileRequest): Any other form field → 400 `invalid_request`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | FileObject]
    """

    kwargs = _get_kwargs(
        body=body,
        aurous_version=aurous_version,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UploadFileRequest,
    aurous_version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | FileObject | None:
    """Upload a reference file

     Upload a PNG, JPEG or WebP image (at most 10 MB and 4096 px a side) for use as
    `reference_image_urls` on images or `first_frame_url` / `last_frame_url` on videos. The
    file is purged 24 h after upload. A replay needs the same key, `purpose` and `metadata`.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        idempotency_key (str | Unset): Any opaque string of 1 to 256 characters; a UUID4 is
            recommended.
        body (UploadFileRequest): Any other form field → 400 `invalid_request`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | FileObject
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            aurous_version=aurous_version,
            idempotency_key=idempotency_key,
        )
    ).parsed
