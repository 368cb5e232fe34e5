import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.usage_event_list import UsageEventList
from ...models.usage_event_status_filter import (
    UsageEventStatusFilter,
)
from ...models.usage_event_type_filter import UsageEventTypeFilter
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    start_time: datetime.datetime,
    end_time: datetime.datetime | Unset = UNSET,
    type_: UsageEventTypeFilter | Unset = UNSET,
    status: UsageEventStatusFilter | Unset = UNSET,
    model: str | Unset = UNSET,
    api_key_id: str | Unset = UNSET,
    user_id: str | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(aurous_version, Unset):
        headers["Aurous-Version"] = aurous_version

    params: dict[str, Any] = {}

    json_start_time = start_time.isoformat()
    params["start_time"] = json_start_time

    json_end_time: str | Unset = UNSET
    if not isinstance(end_time, Unset):
        json_end_time = end_time.isoformat()
    params["end_time"] = json_end_time

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_

    params["type"] = json_type_

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params["model"] = model

    params["api_key_id"] = api_key_id

    params["user_id"] = user_id

    params["lora_id"] = lora_id

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/usage/events",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | UsageEventList | None:
    if response.status_code == 200:
        response_200 = UsageEventList.from_dict(response.json())

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
) -> Response[ErrorResponse | UsageEventList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime | Unset = UNSET,
    type_: UsageEventTypeFilter | Unset = UNSET,
    status: UsageEventStatusFilter | Unset = UNSET,
    model: str | Unset = UNSET,
    api_key_id: str | Unset = UNSET,
    user_id: str | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Response[ErrorResponse | UsageEventList]:
    """List usage events

     One row per billed request (chat, embedding, image, video), newest first. Pass
    `next_cursor` back as `cursor` for the next page.

    Args:
        start_time (datetime.datetime): Inclusive start (RFC 3339).
        end_time (datetime.datetime | Unset): Exclusive end (RFC 3339); the server defaults to
            now.
        type_ (UsageEventTypeFilter | Unset):
        status (UsageEventStatusFilter | Unset):
        model (str | Unset): Only this model.
        api_key_id (str | Unset): Only this API key id (apikey_...).
        user_id (str | Unset): Only this user id.
        lora_id (str | Unset): Only generations that used this LoRA (lora_ id).
        limit (int | Unset): Rows per page, 1 to 500 (server default 100).
        cursor (str | Unset): Opaque cursor; the previous page's next_cursor.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UsageEventList]
    """

    kwargs = _get_kwargs(
        start_time=start_time,
        end_time=end_time,
        type_=type_,
        status=status,
        model=model,
        api_key_id=api_key_id,
        user_id=user_id,
        lora_id=lora_id,
        limit=limit,
        cursor=cursor,
        aurous_version=aurous_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime | Unset = UNSET,
    type_: UsageEventTypeFilter | Unset = UNSET,
    status: UsageEventStatusFilter | Unset = UNSET,
    model: str | Unset = UNSET,
    api_key_id: str | Unset = UNSET,
    user_id: str | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> ErrorResponse | UsageEventList | None:
    """List usage events

     One row per billed request (chat, embedding, image, video), newest first. Pass
    `next_cursor` back as `cursor` for the next page.

    Args:
        start_time (datetime.datetime): Inclusive start (RFC 3339).
        end_time (datetime.datetime | Unset): Exclusive end (RFC 3339); the server defaults to
            now.
        type_ (UsageEventTypeFilter | Unset):
        status (UsageEventStatusFilter | Unset):
        model (str | Unset): Only this model.
        api_key_id (str | Unset): Only this API key id (apikey_...).
        user_id (str | Unset): Only this user id.
        lora_id (str | Unset): Only generations that used this LoRA (lora_ id).
        limit (int | Unset): Rows per page, 1 to 500 (server default 100).
        cursor (str | Unset): Opaque cursor; the previous page's next_cursor.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UsageEventList
    """

    return sync_detailed(
        client=client,
        start_time=start_time,
        end_time=end_time,
        type_=type_,
        status=status,
        model=model,
        api_key_id=api_key_id,
        user_id=user_id,
        lora_id=lora_id,
        limit=limit,
        cursor=cursor,
        aurous_version=aurous_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime | Unset = UNSET,
    type_: UsageEventTypeFilter | Unset = UNSET,
    status: UsageEventStatusFilter | Unset = UNSET,
    model: str | Unset = UNSET,
    api_key_id: str | Unset = UNSET,
    user_id: str | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Response[ErrorResponse | UsageEventList]:
    """List usage events

     One row per billed request (chat, embedding, image, video), newest first. Pass
    `next_cursor` back as `cursor` for the next page.

    Args:
        start_time (datetime.datetime): Inclusive start (RFC 3339).
        end_time (datetime.datetime | Unset): Exclusive end (RFC 3339); the server defaults to
            now.
        type_ (UsageEventTypeFilter | Unset):
        status (UsageEventStatusFilter | Unset):
        model (str | Unset): Only this model.
        api_key_id (str | Unset): Only this API key id (apikey_...).
        user_id (str | Unset): Only this user id.
        lora_id (str | Unset): Only generations that used this LoRA (lora_ id).
        limit (int | Unset): Rows per page, 1 to 500 (server default 100).
        cursor (str | Unset): Opaque cursor; the previous page's next_cursor.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UsageEventList]
    """

    kwargs = _get_kwargs(
        start_time=start_time,
        end_time=end_time,
        type_=type_,
        status=status,
        model=model,
        api_key_id=api_key_id,
        user_id=user_id,
        lora_id=lora_id,
        limit=limit,
        cursor=cursor,
        aurous_version=aurous_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime | Unset = UNSET,
    type_: UsageEventTypeFilter | Unset = UNSET,
    status: UsageEventStatusFilter | Unset = UNSET,
    model: str | Unset = UNSET,
    api_key_id: str | Unset = UNSET,
    user_id: str | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> ErrorResponse | UsageEventList | None:
    """List usage events

     One row per billed request (chat, embedding, image, video), newest first. Pass
    `next_cursor` back as `cursor` for the next page.

    Args:
        start_time (datetime.datetime): Inclusive start (RFC 3339).
        end_time (datetime.datetime | Unset): Exclusive end (RFC 3339); the server defaults to
            now.
        type_ (UsageEventTypeFilter | Unset):
        status (UsageEventStatusFilter | Unset):
        model (str | Unset): Only this model.
        api_key_id (str | Unset): Only this API key id (apikey_...).
        user_id (str | Unset): Only this user id.
        lora_id (str | Unset): Only generations that used this LoRA (lora_ id).
        limit (int | Unset): Rows per page, 1 to 500 (server default 100).
        cursor (str | Unset): Opaque cursor; the previous page's next_cursor.
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UsageEventList
    """

    return (
        await asyncio_detailed(
            client=client,
            start_time=start_time,
            end_time=end_time,
            type_=type_,
            status=status,
            model=model,
            api_key_id=api_key_id,
            user_id=user_id,
            lora_id=lora_id,
            limit=limit,
            cursor=cursor,
            aurous_version=aurous_version,
        )
    ).parsed
