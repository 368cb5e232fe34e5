import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.usage_bucket_page import UsageBucketPage
from ...models.usage_bucket_width import UsageBucketWidth
from ...models.usage_group_by import UsageGroupBy
from ...models.usage_totals import UsageTotals
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    start_time: datetime.datetime,
    end_time: datetime.datetime | Unset = UNSET,
    bucket_width: UsageBucketWidth | Unset = UNSET,
    group_by: list[UsageGroupBy] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    api_key_id: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    character_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
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

    json_bucket_width: str | Unset = UNSET
    if not isinstance(bucket_width, Unset):
        json_bucket_width = bucket_width

    params["bucket_width"] = json_bucket_width

    json_group_by: list[str] | Unset = UNSET
    if not isinstance(group_by, Unset):
        json_group_by = []
        for group_by_item_data in group_by:
            group_by_item: str = group_by_item_data
            json_group_by.append(group_by_item)

    params["group_by[]"] = json_group_by

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status[]"] = json_status

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_

    params["type[]"] = json_type_

    json_api_key_id: list[str] | Unset = UNSET
    if not isinstance(api_key_id, Unset):
        json_api_key_id = api_key_id

    params["api_key_id[]"] = json_api_key_id

    json_user_id: list[str] | Unset = UNSET
    if not isinstance(user_id, Unset):
        json_user_id = user_id

    params["user_id[]"] = json_user_id

    params["lora_id"] = lora_id

    params["character_id"] = character_id

    params["limit"] = limit

    params["page_token"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/usage",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | UsageBucketPage | UsageTotals | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> UsageBucketPage | UsageTotals:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = UsageBucketPage.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = UsageTotals.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[ErrorResponse | UsageBucketPage | UsageTotals]:
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
    bucket_width: UsageBucketWidth | Unset = UNSET,
    group_by: list[UsageGroupBy] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    api_key_id: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    character_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Response[ErrorResponse | UsageBucketPage | UsageTotals]:
    """Get aggregated usage

     Usage metrics in time buckets, newest first, optionally grouped (at most 2 dimensions)
    and filtered. For later pages send only `page_token` (the previous `next_page`); any
    other change of parameters → 400 `invalid_page_token`. Older servers answer lifetime
    totals instead (`total_generations`, `total_credits_used`).

    Args:
        start_time (datetime.datetime): Inclusive start (RFC 3339), at most 730 days back.
        end_time (datetime.datetime | Unset): Exclusive end (RFC 3339), after start_time; the
            server defaults to now.
        bucket_width (UsageBucketWidth | Unset):
        group_by (list[UsageGroupBy] | Unset): Dimensions to group by, at most 2 (sent as repeated
            group_by[]).
        status (list[str] | Unset): Only these statuses (sent as repeated status[]).
        type_ (list[str] | Unset): Only these request types (sent as repeated type[]).
        api_key_id (list[str] | Unset): Only these API key ids (sent as repeated api_key_id[]).
        user_id (list[str] | Unset): Only these user ids (sent as repeated user_id[]).
        lora_id (str | Unset): Only generations that used this LoRA (lora_ id).
        character_id (str | Unset): Only generations that used this character (char_ id).
        limit (int | Unset): Buckets per page, 1 to 100 (server default 24).
        page_token (str | Unset): The previous page's next_page (valid 24 h, bound to the query).
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UsageBucketPage | UsageTotals]
    """

    kwargs = _get_kwargs(
        start_time=start_time,
        end_time=end_time,
        bucket_width=bucket_width,
        group_by=group_by,
        status=status,
        type_=type_,
        api_key_id=api_key_id,
        user_id=user_id,
        lora_id=lora_id,
        character_id=character_id,
        limit=limit,
        page_token=page_token,
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
    bucket_width: UsageBucketWidth | Unset = UNSET,
    group_by: list[UsageGroupBy] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    api_key_id: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    character_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> ErrorResponse | UsageBucketPage | UsageTotals | None:
    """Get aggregated usage

     Usage metrics in time buckets, newest first, optionally grouped (at most 2 dimensions)
    and filtered. For later pages send only `page_token` (the previous `next_page`); any
    other change of parameters → 400 `invalid_page_token`. Older servers answer lifetime
    totals instead (`total_generations`, `total_credits_used`).

    Args:
        start_time (datetime.datetime): Inclusive start (RFC 3339), at most 730 days back.
        end_time (datetime.datetime | Unset): Exclusive end (RFC 3339), after start_time; the
            server defaults to now.
        bucket_width (UsageBucketWidth | Unset):
        group_by (list[UsageGroupBy] | Unset): Dimensions to group by, at most 2 (sent as repeated
            group_by[]).
        status (list[str] | Unset): Only these statuses (sent as repeated status[]).
        type_ (list[str] | Unset): Only these request types (sent as repeated type[]).
        api_key_id (list[str] | Unset): Only these API key ids (sent as repeated api_key_id[]).
        user_id (list[str] | Unset): Only these user ids (sent as repeated user_id[]).
        lora_id (str | Unset): Only generations that used this LoRA (lora_ id).
        character_id (str | Unset): Only generations that used this character (char_ id).
        limit (int | Unset): Buckets per page, 1 to 100 (server default 24).
        page_token (str | Unset): The previous page's next_page (valid 24 h, bound to the query).
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UsageBucketPage | UsageTotals
    """

    return sync_detailed(
        client=client,
        start_time=start_time,
        end_time=end_time,
        bucket_width=bucket_width,
        group_by=group_by,
        status=status,
        type_=type_,
        api_key_id=api_key_id,
        user_id=user_id,
        lora_id=lora_id,
        character_id=character_id,
        limit=limit,
        page_token=page_token,
        aurous_version=aurous_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime | Unset = UNSET,
    bucket_width: UsageBucketWidth | Unset = UNSET,
    group_by: list[UsageGroupBy] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    api_key_id: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    character_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> Response[ErrorResponse | UsageBucketPage | UsageTotals]:
    """Get aggregated usage

     Usage metrics in time buckets, newest first, optionally grouped (at most 2 dimensions)
    and filtered. For later pages send only `page_token` (the previous `next_page`); any
    other change of parameters → 400 `invalid_page_token`. Older servers answer lifetime
    totals instead (`total_generations`, `total_credits_used`).

    Args:
        start_time (datetime.datetime): Inclusive start (RFC 3339), at most 730 days back.
        end_time (datetime.datetime | Unset): Exclusive end (RFC 3339), after start_time; the
            server defaults to now.
        bucket_width (UsageBucketWidth | Unset):
        group_by (list[UsageGroupBy] | Unset): Dimensions to group by, at most 2 (sent as repeated
            group_by[]).
        status (list[str] | Unset): Only these statuses (sent as repeated status[]).
        type_ (list[str] | Unset): Only these request types (sent as repeated type[]).
        api_key_id (list[str] | Unset): Only these API key ids (sent as repeated api_key_id[]).
        user_id (list[str] | Unset): Only these user ids (sent as repeated user_id[]).
        lora_id (str | Unset): Only generations that used this LoRA (lora_ id).
        character_id (str | Unset): Only generations that used this character (char_ id).
        limit (int | Unset): Buckets per page, 1 to 100 (server default 24).
        page_token (str | Unset): The previous page's next_page (valid 24 h, bound to the query).
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UsageBucketPage | UsageTotals]
    """

    kwargs = _get_kwargs(
        start_time=start_time,
        end_time=end_time,
        bucket_width=bucket_width,
        group_by=group_by,
        status=status,
        type_=type_,
        api_key_id=api_key_id,
        user_id=user_id,
        lora_id=lora_id,
        character_id=character_id,
        limit=limit,
        page_token=page_token,
        aurous_version=aurous_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    start_time: datetime.datetime,
    end_time: datetime.datetime | Unset = UNSET,
    bucket_width: UsageBucketWidth | Unset = UNSET,
    group_by: list[UsageGroupBy] | Unset = UNSET,
    status: list[str] | Unset = UNSET,
    type_: list[str] | Unset = UNSET,
    api_key_id: list[str] | Unset = UNSET,
    user_id: list[str] | Unset = UNSET,
    lora_id: str | Unset = UNSET,
    character_id: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    aurous_version: str | Unset = UNSET,
) -> ErrorResponse | UsageBucketPage | UsageTotals | None:
    """Get aggregated usage

     Usage metrics in time buckets, newest first, optionally grouped (at most 2 dimensions)
    and filtered. For later pages send only `page_token` (the previous `next_page`); any
    other change of parameters → 400 `invalid_page_token`. Older servers answer lifetime
    totals instead (`total_generations`, `total_credits_used`).

    Args:
        start_time (datetime.datetime): Inclusive start (RFC 3339), at most 730 days back.
        end_time (datetime.datetime | Unset): Exclusive end (RFC 3339), after start_time; the
            server defaults to now.
        bucket_width (UsageBucketWidth | Unset):
        group_by (list[UsageGroupBy] | Unset): Dimensions to group by, at most 2 (sent as repeated
            group_by[]).
        status (list[str] | Unset): Only these statuses (sent as repeated status[]).
        type_ (list[str] | Unset): Only these request types (sent as repeated type[]).
        api_key_id (list[str] | Unset): Only these API key ids (sent as repeated api_key_id[]).
        user_id (list[str] | Unset): Only these user ids (sent as repeated user_id[]).
        lora_id (str | Unset): Only generations that used this LoRA (lora_ id).
        character_id (str | Unset): Only generations that used this character (char_ id).
        limit (int | Unset): Buckets per page, 1 to 100 (server default 24).
        page_token (str | Unset): The previous page's next_page (valid 24 h, bound to the query).
        aurous_version (str | Unset): API contract version, a date such as 2026-05-15.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UsageBucketPage | UsageTotals
    """

    return (
        await asyncio_detailed(
            client=client,
            start_time=start_time,
            end_time=end_time,
            bucket_width=bucket_width,
            group_by=group_by,
            status=status,
            type_=type_,
            api_key_id=api_key_id,
            user_id=user_id,
            lora_id=lora_id,
            character_id=character_id,
            limit=limit,
            page_token=page_token,
            aurous_version=aurous_version,
        )
    ).parsed
