"""
Account: balance, team, pricing, usage buckets and usage events.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Unpack

from .._base import ClientBase
from .._pagination import AsyncPaginator, cursor_if_more
from .._types import RequestOptions
from .._validation import InvalidArgumentError, checks_keywords

if TYPE_CHECKING:
    from .._generated.models import (
        Balance,
        Pricing,
        Team,
        UsageBucket,
        UsageBucketPage,
        UsageBucketWidth,
        UsageEvent,
        UsageEventList,
        UsageEventStatusFilter,
        UsageEventTypeFilter,
        UsageGroupBy,
        UsageTotals,
    )


def _aware(value: datetime.datetime | None, name: str) -> datetime.datetime | None:
    # The API wants RFC 3339; a naive datetime would go out without an offset.
    if value is not None and (
        not isinstance(value, datetime.datetime) or value.utcoffset() is None
    ):
        raise InvalidArgumentError(name, "must be a timezone-aware datetime")
    return value


@checks_keywords
class AccountMixin(ClientBase):
    async def get_balance(self, **options: Unpack[RequestOptions]) -> Balance:
        """
        Credits: total, held against pending generations, and available.
        """
        from .._generated.api.account import get_balance as op
        from .._generated.models import Balance

        return await self._call(op, Balance, options=options)

    async def get_team(self, **options: Unpack[RequestOptions]) -> Team:
        """
        The team the API key belongs to.
        """
        from .._generated.api.account import get_team as op
        from .._generated.models import Team

        return await self._call(op, Team, options=options)

    def get_usage(
        self,
        *,
        start_time: datetime.datetime,
        end_time: datetime.datetime | None = None,
        bucket_width: UsageBucketWidth | None = None,
        group_by: Sequence[UsageGroupBy] | None = None,
        status: Sequence[str] | None = None,
        type: Sequence[str] | None = None,
        api_key_id: Sequence[str] | None = None,
        user_id: Sequence[str] | None = None,
        lora_id: str | None = None,
        character_id: str | None = None,
        limit: int | None = None,
        page_token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[UsageBucketPage | UsageTotals, UsageBucket]:
        """
        Usage metrics in time buckets, newest first; ``async for`` walks every bucket.

        Later pages repeat the same filters with the server's ``next_page`` token. An old
        server answering lifetime totals (`UsageTotals`) yields one page and no buckets.
        """
        from .._generated.api.account import get_usage as op
        from .._generated.models import UsageBucketPage, UsageTotals

        start = _aware(start_time, "start_time")
        end = _aware(end_time, "end_time")

        async def fetch(token: str | None) -> UsageBucketPage | UsageTotals:
            return await self._call(
                op,
                (UsageBucketPage, UsageTotals),  # type: ignore[arg-type]
                options=options,
                start_time=start,
                end_time=end,
                bucket_width=bucket_width,
                group_by=_list(group_by),
                status=_list(status),
                type_=_list(type),
                api_key_id=_list(api_key_id),
                user_id=_list(user_id),
                lora_id=lora_id,
                character_id=character_id,
                limit=limit,
                page_token=token,
            )

        def next_page(page: UsageBucketPage | UsageTotals) -> str | None:
            if isinstance(page, UsageTotals):
                return None
            return cursor_if_more(page.has_more, page.next_page)

        return AsyncPaginator(
            fetch,
            items=lambda page: [] if isinstance(page, UsageTotals) else page.data,
            next_cursor=next_page,
            start=page_token,
        )

    def list_usage_events(
        self,
        *,
        start_time: datetime.datetime,
        end_time: datetime.datetime | None = None,
        type: UsageEventTypeFilter | None = None,
        status: UsageEventStatusFilter | None = None,
        model: str | None = None,
        api_key_id: str | None = None,
        user_id: str | None = None,
        lora_id: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[UsageEventList, UsageEvent]:
        """
        One row per billed request, newest first; ``async for`` walks every row.
        """
        from .._generated.api.account import list_usage_events as op
        from .._generated.models import UsageEventList

        start = _aware(start_time, "start_time")
        end = _aware(end_time, "end_time")

        async def fetch(position: str | None) -> UsageEventList:
            return await self._call(
                op,
                UsageEventList,
                options=options,
                start_time=start,
                end_time=end,
                type_=type,
                status=status,
                model=model,
                api_key_id=api_key_id,
                user_id=user_id,
                lora_id=lora_id,
                limit=limit,
                cursor=position,
            )

        return AsyncPaginator(
            fetch,
            items=lambda page: page.data,
            next_cursor=lambda page: cursor_if_more(page.has_more, page.next_cursor),
            start=cursor,
        )

    async def get_pricing(self, **options: Unpack[RequestOptions]) -> Pricing:
        """
        The rate card frozen for the pinned API version.
        """
        from .._generated.api.account import get_pricing as op
        from .._generated.models import Pricing

        return await self._call(op, Pricing, options=options)


def _list(values: Sequence[str] | None) -> list[str] | None:
    return None if values is None else list(values)
