"""
Auto-pagination of the three list styles: list_images (``next_cursor`` → ``starting_after``,
and ``ending_before`` backwards), get_usage (``next_page`` → ``page_token``) and
list_usage_events (``next_cursor`` → ``cursor``): walking every item, pages, stopping rules.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import respx

from aurous_async import AsyncAurous, AsyncPaginator
from aurous_async.models import (
    GenerationList,
    GenerationResponse,
    UsageBucket,
    UsageBucketPage,
    UsageEvent,
    UsageEventList,
)
from tests.conftest import BASE_URL

START = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
START_PARAM = "2026-05-01T00:00:00+00:00"


def generation(id: str) -> dict[str, Any]:
    """A generation row as GET /v1/images lists it."""
    return {
        "object": "inference",
        "id": id,
        "status": "succeeded",
        "media_type": "video" if id.startswith("vid_") else "image",
        "prompt": "a lighthouse at dusk",
        "output_urls": [f"{BASE_URL}/v1/images/{id}/output/0?token=otk_1"],
        "cost": {"amount": 1, "currency": "credit", "breakdown": {"base": 1}},
        "loras": None,
        "aurous_version": "2026-05-15",
        "created_at": "2026-05-15T10:00:00Z",
    }


def bucket(label: str) -> dict[str, Any]:
    """A usage bucket whose group key carries *label*, so tests can tell buckets apart."""
    return {
        "object": "usage.bucket",
        "bucket_start": "2026-05-14T00:00:00Z",
        "bucket_end": "2026-05-15T00:00:00Z",
        "groups": [
            {
                "key": {"status": label},
                "metrics": {"request_count": 3, "successful_count": 3, "credits_used": 3.0},
            }
        ],
    }


def event(id: str) -> dict[str, Any]:
    """A usage event row."""
    return {
        "id": id,
        "type": "image",
        "model": "flux-dev",
        "status": "completed",
        "created_at": "2026-05-14T09:12:00Z",
        "credits_charged": 1,
        "request_id": f"req_{id[4:]}",
    }


@dataclass(frozen=True)
class Style:
    """One list endpoint and its cursor convention."""

    name: str
    path: str
    sent_as: str  # query parameter that carries the cursor
    answered_in: str  # page field that holds the next cursor
    item: Callable[[str], dict[str, Any]]
    label: Callable[[Any], str]
    page_type: type
    item_type: type
    call: Callable[..., AsyncPaginator[Any, Any]]
    fixed: dict[str, str]  # query parameters every request repeats

    def page(self, labels: list[str], *, has_more: bool, cursor: str | None) -> dict[str, Any]:
        """A page of this style holding one item per label."""
        return {
            "object": "list",
            "data": [self.item(label) for label in labels],
            "has_more": has_more,
            self.answered_in: cursor,
        }

    def without_cursor(self, labels: list[str]) -> dict[str, Any]:
        """A page that says there is more but has no cursor to get it with."""
        return self.page(labels, has_more=True, cursor=None)

    def serve(self, pages: dict[str | None, dict[str, Any]]) -> Callable[..., httpx.Response]:
        """A side effect answering each request by the cursor it sent."""

        def answer(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json=pages[request.url.params.get(self.sent_as)])

        return answer

    def cursors_sent(self, route: respx.Route) -> list[str | None]:
        """The cursor each request carried (None when absent)."""
        return [call.request.url.params.get(self.sent_as) for call in route.calls]


IMAGES = Style(
    name="list_images",
    path="/v1/images",
    sent_as="starting_after",
    answered_in="next_cursor",
    item=generation,
    label=lambda g: g.id,
    page_type=GenerationList,
    item_type=GenerationResponse,
    call=lambda client, **kw: client.list_images(limit=2, **kw),
    fixed={"limit": "2"},
)
USAGE = Style(
    name="get_usage",
    path="/v1/usage",
    sent_as="page_token",
    answered_in="next_page",
    item=bucket,
    label=lambda b: b.groups[0].key["status"],
    page_type=UsageBucketPage,
    item_type=UsageBucket,
    call=lambda client, **kw: client.get_usage(
        start_time=START, bucket_width="1d", group_by=["status"], limit=2, **kw
    ),
    fixed={"start_time": START_PARAM, "bucket_width": "1d", "group_by[]": "status", "limit": "2"},
)
EVENTS = Style(
    name="list_usage_events",
    path="/v1/usage/events",
    sent_as="cursor",
    answered_in="next_cursor",
    item=event,
    label=lambda e: e.id,
    page_type=UsageEventList,
    item_type=UsageEvent,
    call=lambda client, **kw: client.list_usage_events(
        start_time=START, type="image", limit=2, **kw
    ),
    fixed={"start_time": START_PARAM, "type": "image", "limit": "2"},
)
STYLES = pytest.mark.parametrize("style", [IMAGES, USAGE, EVENTS], ids=lambda s: s.name)


def three_pages(style: Style) -> dict[str | None, dict[str, Any]]:
    """Five items over three pages: a b | c d | e, with opaque cursors k1 and k2."""
    a, b, c, d, e = (f"img_0{n}" for n in range(1, 6))
    return {
        None: style.page([a, b], has_more=True, cursor="k1"),
        "k1": style.page([c, d], has_more=True, cursor="k2"),
        "k2": style.page([e], has_more=False, cursor=None),
    }


# --- walking every item -------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_async_for_walks_three_pages_following_the_cursor(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """Every item of three pages in order; each next cursor is sent under its own name."""
    route = respx_mock.get(style.path).mock(side_effect=style.serve(three_pages(style)))

    items = [item async for item in style.call(client)]

    assert all(isinstance(item, style.item_type) for item in items)
    assert [style.label(item) for item in items] == [f"img_0{n}" for n in range(1, 6)]
    assert route.call_count == 3
    assert style.cursors_sent(route) == [None, "k1", "k2"]


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_every_page_request_repeats_the_same_filters(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """Later pages send the first request's parameters again plus only the cursor."""
    route = respx_mock.get(style.path).mock(side_effect=style.serve(three_pages(style)))

    [item async for item in style.call(client)]

    queries = [dict(call.request.url.params) for call in route.calls]
    assert queries == [
        style.fixed,
        {**style.fixed, style.sent_as: "k1"},
        {**style.fixed, style.sent_as: "k2"},
    ]


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_usage_repeats_multi_valued_filters_on_every_page(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Repeated group_by[] and status[] values are resent in full with each page_token."""
    route = respx_mock.get("/v1/usage").mock(side_effect=USAGE.serve(three_pages(USAGE)))

    walker = client.get_usage(
        start_time=START, group_by=["status", "type"], status=["succeeded", "failed"]
    )
    [bucket async for bucket in walker]

    for call in route.calls:
        params = call.request.url.params
        assert params.get_list("group_by[]") == ["status", "type"]
        assert params.get_list("status[]") == ["succeeded", "failed"]
        assert params["start_time"] == START_PARAM
    assert USAGE.cursors_sent(route) == [None, "k1", "k2"]


# --- stopping rules -----------------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_an_empty_page_yields_nothing_and_stops(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """An empty last page: no items, one request."""
    route = respx_mock.get(style.path).respond(
        200, json=style.page([], has_more=False, cursor=None)
    )

    items = [item async for item in style.call(client)]

    assert items == []
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_an_empty_middle_page_with_a_cursor_does_not_end_the_walk(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """A page with no items but has_more and a cursor is followed to the items after it."""
    route = respx_mock.get(style.path).mock(
        side_effect=style.serve(
            {
                None: style.page(["img_01"], has_more=True, cursor="k1"),
                "k1": style.page([], has_more=True, cursor="k2"),
                "k2": style.page(["img_02"], has_more=False, cursor=None),
            }
        )
    )

    labels = [style.label(item) async for item in style.call(client)]

    assert labels == ["img_01", "img_02"]
    assert route.call_count == 3


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_a_null_cursor_stops_even_when_has_more_is_true(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """has_more true without a cursor ends the walk after that page: no further request."""
    route = respx_mock.get(style.path).mock(
        side_effect=style.serve(
            {
                None: style.page(["img_01"], has_more=True, cursor="k1"),
                "k1": style.without_cursor(["img_02"]),
            }
        )
    )

    labels = [style.label(item) async for item in style.call(client)]

    assert labels == ["img_01", "img_02"]
    assert route.call_count == 2


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_an_empty_string_cursor_stops_the_walk(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """An empty-string cursor counts as missing: one request only."""
    route = respx_mock.get(style.path).respond(
        200, json=style.page(["img_01"], has_more=True, cursor="")
    )

    labels = [style.label(item) async for item in style.call(client)]

    assert labels == ["img_01"]
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_has_more_false_stops_even_with_a_cursor(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """A cursor on a page that says has_more false is not followed."""
    route = respx_mock.get(style.path).respond(
        200, json=style.page(["img_01"], has_more=False, cursor="k1")
    )

    labels = [style.label(item) async for item in style.call(client)]

    assert labels == ["img_01"]
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_a_repeated_cursor_is_never_requested_twice(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """A server that hands out the same cursor again ends the walk instead of looping."""
    route = respx_mock.get(style.path).mock(
        side_effect=style.serve(
            {
                None: style.page(["img_01"], has_more=True, cursor="k1"),
                "k1": style.page(["img_02"], has_more=True, cursor="k1"),
            }
        )
    )

    labels = [style.label(item) async for item in style.call(client)]

    assert labels == ["img_01", "img_02"]
    assert style.cursors_sent(route) == [None, "k1"]


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_a_cursor_pointing_back_to_the_start_is_not_requested_again(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """Starting at the caller's cursor, a page pointing back to it ends the walk."""
    route = respx_mock.get(style.path).mock(
        side_effect=style.serve(
            {
                "k0": style.page(["img_01"], has_more=True, cursor="k1"),
                "k1": style.page(["img_02"], has_more=True, cursor="k0"),
            }
        )
    )

    start = {style.sent_as: "k0"}
    labels = [style.label(item) async for item in style.call(client, **start)]

    assert labels == ["img_01", "img_02"]
    assert style.cursors_sent(route) == ["k0", "k1"]


# --- pages, first page, get_next_page -----------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_await_gives_the_first_page_only(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """Awaiting the list method sends one request and returns the first page object."""
    route = respx_mock.get(style.path).mock(side_effect=style.serve(three_pages(style)))

    page = await style.call(client)

    assert isinstance(page, style.page_type)
    assert page.has_more is True
    assert getattr(page, style.answered_in) == "k1"
    assert len(page.data) == 2
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_pages_yields_page_objects_with_has_more_and_cursor(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """pages() yields the three page objects in order with their has_more and cursor."""
    route = respx_mock.get(style.path).mock(side_effect=style.serve(three_pages(style)))

    pages = [page async for page in style.call(client).pages()]

    assert all(isinstance(page, style.page_type) for page in pages)
    assert [page.has_more for page in pages] == [True, True, False]
    assert [getattr(page, style.answered_in) for page in pages] == ["k1", "k2", None]
    assert [len(page.data) for page in pages] == [2, 2, 1]
    assert route.call_count == 3


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_get_next_page_walks_by_hand_and_ends_with_none(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """get_next_page(page) fetches the following page and returns None after the last."""
    route = respx_mock.get(style.path).mock(side_effect=style.serve(three_pages(style)))
    paginator = style.call(client)

    first = await paginator
    second = await paginator.get_next_page(first)
    assert second is not None
    third = await paginator.get_next_page(second)
    assert third is not None

    assert await paginator.get_next_page(third) is None
    assert [style.label(item) for item in third.data] == ["img_05"]
    assert style.cursors_sent(route) == [None, "k1", "k2"]


@pytest.mark.respx(base_url=BASE_URL)
@STYLES
async def test_get_next_page_returns_none_for_a_page_without_cursor(
    client: AsyncAurous, respx_mock: respx.MockRouter, style: Style
) -> None:
    """A page with has_more true but no cursor has no next page; nothing more is sent."""
    route = respx_mock.get(style.path).respond(200, json=style.without_cursor(["img_01"]))
    paginator = style.call(client)

    first = await paginator

    assert await paginator.get_next_page(first) is None
    assert route.call_count == 1


@pytest.mark.respx(base_url=BASE_URL)
async def test_get_usage_with_old_totals_walks_one_page_and_no_buckets(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An old server's totals: pages() yields that one page, async for yields nothing."""
    route = respx_mock.get("/v1/usage").respond(
        200, json={"total_generations": 12, "total_credits_used": 24}
    )
    paginator = client.get_usage(start_time=START)

    pages = [page async for page in paginator.pages()]
    buckets = [bucket async for bucket in paginator]

    assert len(pages) == 1 and pages[0].total_generations == 12
    assert await paginator.get_next_page(pages[0]) is None
    assert buckets == []
    assert route.call_count == 2


# --- list_images backwards ----------------------------------------------------------------


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_images_ending_before_walks_backwards_by_first_item(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """With ending_before, each next request uses the page's first id as ending_before."""
    pages = {
        "img_09": IMAGES.page(["img_08", "img_07"], has_more=True, cursor="img_07"),
        "img_08": IMAGES.page(["img_06", "img_05"], has_more=True, cursor="img_05"),
        "img_06": IMAGES.page(["img_04"], has_more=False, cursor=None),
    }
    # Newer-first pages, each strictly newer than ending_before: here ids only count down
    # so the page contents differ; the client must key on data[0] and ignore next_cursor.
    route = respx_mock.get("/v1/images").mock(
        side_effect=lambda request: httpx.Response(
            200, json=pages[request.url.params["ending_before"]]
        )
    )

    ids = [g.id async for g in client.list_images(limit=2, ending_before="img_09")]

    assert ids == ["img_08", "img_07", "img_06", "img_05", "img_04"]
    assert [dict(call.request.url.params) for call in route.calls] == [
        {"limit": "2", "ending_before": "img_09"},
        {"limit": "2", "ending_before": "img_08"},
        {"limit": "2", "ending_before": "img_06"},
    ]


@pytest.mark.respx(base_url=BASE_URL)
async def test_list_images_backwards_stops_on_an_empty_page(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Walking backwards, an empty page (no first item) ends the walk even if has_more."""
    route = respx_mock.get("/v1/images").respond(
        200, json=IMAGES.page([], has_more=True, cursor="img_01")
    )

    ids = [g.id async for g in client.list_images(ending_before="img_09")]

    assert ids == []
    assert route.call_count == 1
    assert "starting_after" not in route.calls.last.request.url.params
