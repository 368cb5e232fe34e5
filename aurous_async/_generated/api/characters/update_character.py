from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.character import Character
from ...models.error_response import ErrorResponse
from ...models.update_character_request import UpdateCharacterRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: UpdateCharacterRequest,
    aurous_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(aurous_version, Unset):
        headers["Aurous-Version"] = aurous_version

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/characters/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Character | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = Character.from_dict(response.json())

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
) -> Response[Character | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateCharacterRequest,
    aurous_version: str | Unset = UNSET,
) -> Response[Character | ErrorResponse]:
    """Update a character

     Update `name` and/or `attributes`; omitted fields are preserved. `attributes` is
    replaced as a whole, not merged. Any other key → 400 `invalid_request` with `param`
    naming the first rejected key.

    Args:
        id (str): Opaque character id, e.g. char_01HXMQ7Z3K8Y2NABCDEFGHJKMR.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (UpdateCharacterRequest): Only these keys are accepted; any other key → 400
            `invalid_request` with `param`
            naming the first rejected key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Character | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        aurous_version=aurous_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateCharacterRequest,
    aurous_version: str | Unset = UNSET,
) -> Character | ErrorResponse | None:
    """Update a character

     Update `name` and/or `attributes`; omitted fields are preserved. `attributes` is
    replaced as a whole, not merged. Any other key → 400 `invalid_request` with `param`
    naming the first rejected key.

    Args:
        id (str): Opaque character id, e.g. char_01HXMQ7Z3K8Y2NABCDEFGHJKMR.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (UpdateCharacterRequest): Only these keys are accepted; any other key → 400
            `invalid_request` with `param`
            naming the first rejected key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Character | ErrorResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        aurous_version=aurous_version,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateCharacterRequest,
    aurous_version: str | Unset = UNSET,
) -> Response[Character | ErrorResponse]:
    """Update a character

     Update `name` and/or `attributes`; omitted fields are preserved. `attributes` is
    replaced as a whole, not merged. Any other key → 400 `invalid_request` with `param`
    naming the first rejected key.

    Args:
        id (str): Opaque character id, e.g. char_01HXMQ7Z3K8Y2NABCDEFGHJKMR.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (UpdateCharacterRequest): Only these keys are accepted; any other key → 400
            `invalid_request` with `param`
            naming the first rejected key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Character | ErrorResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        aurous_version=aurous_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateCharacterRequest,
    aurous_version: str | Unset = UNSET,
) -> Character | ErrorResponse | None:
    """Update a character

     Update `name` and/or `attributes`; omitted fields are preserved. `attributes` is
    replaced as a whole, not merged. Any other key → 400 `invalid_request` with `param`
    naming the first rejected key.

    Args:
        id (str): Opaque character id, e.g. char_01HXMQ7Z3K8Y2NABCDEFGHJKMR.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.
        body (UpdateCharacterRequest): Only these keys are accepted; any other key → 400
            `invalid_request` with `param`
            naming the first rejected key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Character | ErrorResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            aurous_version=aurous_version,
        )
    ).parsed
