from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    *,
    token: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(range_, Unset):
        headers["Range"] = range_

    if not isinstance(aurous_version, Unset):
        headers["Aurous-Version"] = aurous_version

    params: dict[str, Any] = {}

    params["token"] = token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/videos/{id}/output".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 206:
        response_206 = File(payload=BytesIO(response.content))

        return response_206

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

    if response.status_code == 410:
        response_410 = ErrorResponse.from_dict(response.json())

        return response_410

    if response.status_code == 416:
        response_416 = ErrorResponse.from_dict(response.json())

        return response_416

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

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
) -> Response[ErrorResponse | File]:
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
    token: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Response[ErrorResponse | File]:
    """Download the output video

     Output proxy for the video file (about 24 h). A `Range` header answers 206 with part
    of the file. Expired → 410 `output_expired`; no output → 422 `output_not_available`.

    Args:
        id (str): Opaque video generation id, vid_...
        token (str | Unset): Short-lived signed token from the generation's output URL.
        range_ (str | Unset): Byte range such as bytes=0-1023 (the answer is then 206).
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | File]
    """

    kwargs = _get_kwargs(
        id=id,
        token=token,
        range_=range_,
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
    token: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> ErrorResponse | File | None:
    """Download the output video

     Output proxy for the video file (about 24 h). A `Range` header answers 206 with part
    of the file. Expired → 410 `output_expired`; no output → 422 `output_not_available`.

    Args:
        id (str): Opaque video generation id, vid_...
        token (str | Unset): Short-lived signed token from the generation's output URL.
        range_ (str | Unset): Byte range such as bytes=0-1023 (the answer is then 206).
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | File
    """

    return sync_detailed(
        id=id,
        client=client,
        token=token,
        range_=range_,
        aurous_version=aurous_version,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    token: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Response[ErrorResponse | File]:
    """Download the output video

     Output proxy for the video file (about 24 h). A `Range` header answers 206 with part
    of the file. Expired → 410 `output_expired`; no output → 422 `output_not_available`.

    Args:
        id (str): Opaque video generation id, vid_...
        token (str | Unset): Short-lived signed token from the generation's output URL.
        range_ (str | Unset): Byte range such as bytes=0-1023 (the answer is then 206).
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | File]
    """

    kwargs = _get_kwargs(
        id=id,
        token=token,
        range_=range_,
        aurous_version=aurous_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    token: str | Unset = UNSET,
    range_: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> ErrorResponse | File | None:
    """Download the output video

     Output proxy for the video file (about 24 h). A `Range` header answers 206 with part
    of the file. Expired → 410 `output_expired`; no output → 422 `output_not_available`.

    Args:
        id (str): Opaque video generation id, vid_...
        token (str | Unset): Short-lived signed token from the generation's output URL.
        range_ (str | Unset): Byte range such as bytes=0-1023 (the answer is then 206).
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | File
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            token=token,
            range_=range_,
            aurous_version=aurous_version,
        )
    ).parsed
