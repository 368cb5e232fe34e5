from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.lora import Lora
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    aurous_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(aurous_version, Unset):
        headers["Aurous-Version"] = aurous_version

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/loras",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | list[Lora] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Lora.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ErrorResponse | list[Lora]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    aurous_version: str | Unset = UNSET,
) -> Response[ErrorResponse | list[Lora]]:
    """List LoRA styles

     List the image LoRA styles available to the team (public ones and any delivered
    privately). The answer is a bare JSON array, not paginated.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | list[Lora]]
    """

    kwargs = _get_kwargs(
        aurous_version=aurous_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    aurous_version: str | Unset = UNSET,
) -> ErrorResponse | list[Lora] | None:
    """List LoRA styles

     List the image LoRA styles available to the team (public ones and any delivered
    privately). The answer is a bare JSON array, not paginated.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | list[Lora]
    """

    return sync_detailed(
        client=client,
        aurous_version=aurous_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    aurous_version: str | Unset = UNSET,
) -> Response[ErrorResponse | list[Lora]]:
    """List LoRA styles

     List the image LoRA styles available to the team (public ones and any delivered
    privately). The answer is a bare JSON array, not paginated.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | list[Lora]]
    """

    kwargs = _get_kwargs(
        aurous_version=aurous_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    aurous_version: str | Unset = UNSET,
) -> ErrorResponse | list[Lora] | None:
    """List LoRA styles

     List the image LoRA styles available to the team (public ones and any delivered
    privately). The answer is a bare JSON array, not paginated.

    Args:
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | list[Lora]
    """

    return (
        await asyncio_detailed(
            client=client,
            aurous_version=aurous_version,
        )
    ).parsed
