"""
Auto-pagination: ``await`` a list method for its first page, ``async for`` for every item.

One `AsyncPaginator` serves every cursor style; a style is just how to read the next cursor
from a page (``next_cursor`` for characters and images, ``next_page`` for usage).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Sequence
from typing import Any, Generic, TypeVar

PageT = TypeVar("PageT")
ItemT = TypeVar("ItemT")


class AsyncPaginator(Generic[PageT, ItemT]):
    """
    A lazily fetched sequence of pages.

    ``await paginator`` gives the first page; ``async for item in paginator`` walks every
    item across pages; ``async for page in paginator.pages()`` walks pages. Walking stops when
    a page says there is no more, has no cursor, or repeats a cursor already requested.
    """

    def __init__(
        self,
        fetch: Callable[[str | None], Awaitable[PageT]],
        *,
        items: Callable[[PageT], Sequence[ItemT]],
        next_cursor: Callable[[PageT], str | None],
        start: str | None = None,
    ) -> None:
        self._fetch = fetch
        self._items = items
        self._next_cursor = next_cursor
        self._start = start

    def __await__(self) -> Generator[Any, None, PageT]:
        return self._fetch(self._start).__await__()

    async def get_next_page(self, page: PageT) -> PageT | None:
        """
        Fetch the page after *page*, or return ``None`` when *page* is the last one.
        """
        cursor = self._next_cursor(page)
        return await self._fetch(cursor) if cursor else None

    async def pages(self) -> AsyncIterator[PageT]:
        """
        Yield every page, starting with the first.
        """
        requested: set[str | None] = {self._start}
        page = await self._fetch(self._start)
        while True:
            yield page
            cursor = self._next_cursor(page)
            if not cursor or cursor in requested:
                return
            requested.add(cursor)
            page = await self._fetch(cursor)

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.pages():
            for item in self._items(page):
                yield item


def cursor_if_more(has_more: object, cursor: object) -> str | None:
    """
    The cursor to request next, or ``None`` when the server said the list ended.
    """
    if has_more is False or not isinstance(cursor, str) or not cursor:
        return None
    return cursor
