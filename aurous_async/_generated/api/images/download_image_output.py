from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    n: int,
    *,
    token: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(aurous_version, Unset):
        headers["Aurous-Version"] = aurous_version

    params: dict[str, Any] = {}

    params["token"] = token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/images/{id}/output/{n}".format(
            id=quote(str(id), safe=""),
            n=quote(str(n), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

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
) -> Response[Any | ErrorResponse | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    n: int,
    *,
    client: AuthenticatedClient | Client,
    token: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Response[Any | ErrorResponse | File]:
    """Download one output image

     Output proxy for image `n` of a generation. Answers 200 with the bytes, or 302 to a
    short-lived provider URL. Outputs expire (410 `output_expired`); a generation that
    ended without output answers 422 `output_not_available`. Download what you keep.

    Args:
        id (str): Opaque generation id, img_... for an image or vid_... for a video.
        n (int): Zero-based index of the output image.
        token (str | Unset): Short-lived signed token from the generation's output URL.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | File]
    """

    kwargs = _get_kwargs(
        id=id,
        n=n,
        token=token,
        aurous_version=aurous_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    n: int,
    *,
    client: AuthenticatedClient | Client,
    token: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Any | ErrorResponse | File | None:
    """Download one output image

     Output proxy for image `n` of a generation. Answers 200 with the bytes, or 302 to a
    short-lived provider URL. Outputs expire (410 `output_expired`); a generation that
    ended without output answers 422 `output_not_available`. Download what you keep.

    Args:
        id (str): Opaque generation id, img_... for an image or vid_... for a video.
        n (int): Zero-based index of the output image.
        token (str | Unset): Short-lived signed token from the generation's output URL.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | File
    """

    return sync_detailed(
        id=id,
        n=n,
        client=client,
        token=token,
        aurous_version=aurous_version,
    ).parsed


async def asyncio_detailed(
    id: str,
    n: int,
    *,
    client: AuthenticatedClient | Client,
    token: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Response[Any | ErrorResponse | File]:
    """Download one output image

     Output proxy for image `n` of a generation. Answers 200 with the bytes, or 302 to a
    short-lived provider URL. Outputs expire (410 `output_expired`); a generation that
    ended without output answers 422 `output_not_available`. Download what you keep.

    Args:
        id (str): Opaque generation id, img_... for an image or vid_... for a video.
        n (int): Zero-based index of the output image.
        token (str | Unset): Short-lived signed token from the generation's output URL.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | File]
    """

    kwargs = _get_kwargs(
        id=id,
        n=n,
        token=token,
        aurous_version=aurous_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    n: int,
    *,
    client: AuthenticatedClient | Client,
    token: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Any | ErrorResponse | File | None:
    """Download one output image

     Output proxy for image `n` of a generation. Answers 200 with the bytes, or 302 to a
    short-lived provider URL. Outputs expire (410 `output_expired`); a generation that
    ended without output answers 422 `output_not_available`. Download what you keep.

    Args:
        id (str): Opaque generation id, img_... for an image or vid_... for a video.
        n (int): Zero-based index of the output image.
        token (str | Unset): Short-lived signed token from the generation's output URL.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | File
    """

    return (
        await asyncio_detailed(
            id=id,
            n=n,
            client=client,
            token=token,
            aurous_version=aurous_version,
        )
    ).parsed
