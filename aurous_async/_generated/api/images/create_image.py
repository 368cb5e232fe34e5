from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_image_request import CreateImageRequest
from ...models.error_response import ErrorResponse
from ...models.generation_response import GenerationResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateImageRequest,
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
        "url": "/v1/images",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GenerationResponse | None:
    if response.status_code == 201:
        response_201 = GenerationResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

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
) -> Response[ErrorResponse | GenerationResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateImageRequest,
    aurous_version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | GenerationResponse]:
    """Create an image generation

     Submit an asynchronous image generation. Poll `GET /v1/images/{id}` or pass
    `webhook_url`. Credits are held against available credits and committed on success.
    Send an `Idempotency-Key` to make retries safe.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        idempotency_key (str | Unset): Any opaque string of 1 to 256 characters; a UUID4 is
            recommended.
        body (CreateImageRequest): An image generation (also the body of the estimate). `size` and
            `width`/`height` are
            mutually exclusive (→ 400 `parameter_invalid_combination`), and `width` and `height`
            go together (→ 400 `missing_field`); `character_id` and `reference_image_urls` are
            mutually exclusive (→ 400 `mutually_exclusive_input`). Any other key → 400
            `invalid_request`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenerationResponse]
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
    body: CreateImageRequest,
    aurous_version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | GenerationResponse | None:
    """Create an image generation

     Submit an asynchronous image generation. Poll `GET /v1/images/{id}` or pass
    `webhook_url`. Credits are held against available credits and committed on success.
    Send an `Idempotency-Key` to make retries safe.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        idempotency_key (str | Unset): Any opaque string of 1 to 256 characters; a UUID4 is
            recommended.
        body (CreateImageRequest): An image generation (also the body of the estimate). `size` and
            `width`/`height` are
            mutually exclusive (→ 400 `parameter_invalid_combination`), and `width` and `height`
            go together (→ 400 `missing_field`); `character_id` and `reference_image_urls` are
            mutually exclusive (→ 400 `mutually_exclusive_input`). Any other key → 400
            `invalid_request`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GenerationResponse
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
    body: CreateImageRequest,
    aurous_version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | GenerationResponse]:
    """Create an image generation

     Submit an asynchronous image generation. Poll `GET /v1/images/{id}` or pass
    `webhook_url`. Credits are held against available credits and committed on success.
    Send an `Idempotency-Key` to make retries safe.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        idempotency_key (str | Unset): Any opaque string of 1 to 256 characters; a UUID4 is
            recommended.
        body (CreateImageRequest): An image generation (also the body of the estimate). `size` and
            `width`/`height` are
            mutually exclusive (→ 400 `parameter_invalid_combination`), and `width` and `height`
            go together (→ 400 `missing_field`); `character_id` and `reference_image_urls` are
            mutually exclusive (→ 400 `mutually_exclusive_input`). Any other key → 400
            `invalid_request`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenerationResponse]
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
    body: CreateImageRequest,
    aurous_version: str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | GenerationResponse | None:
    """Create an image generation

     Submit an asynchronous image generation. Poll `GET /v1/images/{id}` or pass
    `webhook_url`. Credits are held against available credits and committed on success.
    Send an `Idempotency-Key` to make retries safe.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        idempotency_key (str | Unset): Any opaque string of 1 to 256 characters; a UUID4 is
            recommended.
        body (CreateImageRequest): An image generation (also the body of the estimate). `size` and
            `width`/`height` are
            mutually exclusive (→ 400 `parameter_invalid_combination`), and `width` and `height`
            go together (→ 400 `missing_field`); `character_id` and `reference_image_urls` are
            mutually exclusive (→ 400 `mutually_exclusive_input`). Any other key → 400
            `invalid_request`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GenerationResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            aurous_version=aurous_version,
            idempotency_key=idempotency_key,
        )
    ).parsed
