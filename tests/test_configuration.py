"""
Client configuration on the wire: ``default_headers``, what an injected ``http_client``
brings (headers, query parameters, cookies), ``with_options`` for another key, origin,
limiter, retry wait or headers (pool shared, delete memory and limiter per key and origin),
and the redaction of proxy userinfo in texts.
"""

from __future__ import annotations

import httpx
import pytest
import respx

from aurous_async import AsyncAurous, InvalidArgumentError, RateLimiter
from aurous_async._redact import redact_text

from .conftest import API_KEY, BASE_URL, instant
from .loopback import Action, Request, serve
from .payloads import CHAR_ID, character_json, deleted_json, error_json

OTHER_KEY = "al_live_" + "f" * 64
OTHER_URL = "https://eu.api.aurous-labs.com"


def character_route(respx_mock: respx.MockRouter, base: str = BASE_URL) -> respx.Route:
    """The get_character route on *base*, answering a character."""
    return respx_mock.get(f"{base}/v1/characters/{CHAR_ID}").respond(json=character_json())


# ------------------------------------------------------------------------ default_headers


async def test_default_headers_are_sent_on_every_call(respx_mock: respx.MockRouter) -> None:
    """default_headers reach every request, next to the SDK's own headers."""
    route = character_route(respx_mock)
    async with AsyncAurous(
        api_key=API_KEY, base_url=BASE_URL, default_headers={"X-Tenant": "acme"}
    ) as client:
        await client.get_character(CHAR_ID)
        await client.get_character(CHAR_ID, extra_headers={"X-Tenant": "per-call"})

    first, second = (call.request for call in route.calls)
    assert first.headers["x-tenant"] == "acme"
    assert first.headers["x-api-key"] == API_KEY
    assert first.headers["user-agent"].startswith("aurous-async/")
    assert second.headers["x-tenant"] == "per-call"


@pytest.mark.parametrize(
    ("headers", "argument"),
    [
        ({"X-Api-Key": "other"}, "default_headers['X-Api-Key']"),
        ({"Aurous-Version": "2025-01-01"}, "default_headers['Aurous-Version']"),
        ({"Idempotency-Key": "k"}, "default_headers['Idempotency-Key']"),
        ({"Host": "evil.example"}, "default_headers['Host']"),
        ({"X-Ok": "a\r\nInjected: 1"}, "default_headers['X-Ok']"),
        ({"Bad Name": "v"}, "default_headers"),
        ({"X-Ok": 1}, "default_headers['X-Ok']"),
        (["X-Ok"], "default_headers"),
    ],
)
def test_default_headers_are_checked_like_extra_headers(headers: object, argument: str) -> None:
    """Reserved names and values h11 cannot send raise InvalidArgumentError naming them."""
    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(api_key=API_KEY, default_headers=headers)  # type: ignore[arg-type]
    assert caught.value.argument == argument

    client = AsyncAurous(api_key=API_KEY)
    with pytest.raises(InvalidArgumentError) as caught:
        client.with_options(default_headers=headers)  # type: ignore[arg-type]
    assert caught.value.argument == argument


async def test_with_options_default_headers_merge_into_a_copy_only(
    respx_mock: respx.MockRouter,
) -> None:
    """with_options(default_headers=...) adds to the copy's headers; the original keeps its own."""
    route = character_route(respx_mock)
    async with AsyncAurous(
        api_key=API_KEY, base_url=BASE_URL, default_headers={"X-Tenant": "acme"}
    ) as client:
        copy = client.with_options(default_headers={"X-Trace": "t1"})
        await copy.get_character(CHAR_ID)
        await client.get_character(CHAR_ID)

    from_copy, from_original = (call.request for call in route.calls)
    assert (from_copy.headers["x-tenant"], from_copy.headers["x-trace"]) == ("acme", "t1")
    assert "x-trace" not in from_original.headers


async def test_default_headers_do_not_follow_a_redirect_to_another_origin() -> None:
    """A redirect to another origin carries neither the key nor the caller's headers."""
    async with serve(lambda _r: Action(body=character_json())) as elsewhere:

        def api(request: Request) -> Action:
            return Action(status=302, headers={"Location": f"{elsewhere.url}/moved"})

        async with serve(api) as server:
            async with AsyncAurous(
                api_key=API_KEY,
                base_url=server.url,
                default_headers={"X-Tenant": "acme"},
            ) as client:
                await client.get_character(CHAR_ID)

    assert server.requests[0].headers["x-tenant"] == "acme"
    moved = elsewhere.requests[0]
    assert "x-tenant" not in moved.headers and "x-api-key" not in moved.headers


# ------------------------------------------------------------------------ injected client


async def test_injected_client_headers_params_and_cookies_are_sent(
    respx_mock: respx.MockRouter,
) -> None:
    """The http_client's headers, query params and cookies reach each request."""
    route = respx_mock.get(url__startswith=f"{BASE_URL}/v1/characters").respond(
        json={"object": "list", "data": [], "has_more": False, "next_cursor": None}
    )
    own = httpx.AsyncClient(
        headers={"X-Gateway": "g1", "Aurous-Version": "1999-01-01", "X-Api-Key": "nope"},
        params={"tenant": "acme", "limit": "99"},
        cookies={"session": "abc"},
    )
    async with own, AsyncAurous(api_key=API_KEY, base_url=BASE_URL, http_client=own) as client:
        await client.list_characters(limit=5)

    request = route.calls[0].request
    assert request.headers["x-gateway"] == "g1"
    assert request.headers["x-api-key"] == API_KEY
    assert request.headers["aurous-version"] == client.api_version
    assert request.headers["user-agent"].startswith("aurous-async/")
    assert request.headers["cookie"] == "session=abc"
    # The client's parameters, with the one the call names winning.
    assert request.url.params.get_list("tenant") == ["acme"]
    assert request.url.params.get_list("limit") == ["5"]


async def test_cookies_the_api_sets_land_in_the_injected_client() -> None:
    """A Set-Cookie from the API is stored in the http_client's jar and sent back next call."""
    answers = iter(
        [
            Action(body=character_json(), headers={"Set-Cookie": "route=b7; Path=/"}),
            Action(body=character_json()),
        ]
    )
    async with serve(lambda _r: next(answers)) as server:
        async with httpx.AsyncClient() as own:
            async with AsyncAurous(api_key=API_KEY, base_url=server.url, http_client=own) as c:
                await c.get_character(CHAR_ID)
                await c.get_character(CHAR_ID)
            jar = dict(own.cookies)

    assert jar == {"route": "b7"}
    assert "cookie" not in server.requests[0].headers
    assert server.requests[1].headers["cookie"] == "route=b7"


# ------------------------------------------------------------------------ with_options


async def test_with_options_for_another_key_and_origin_sends_there(
    respx_mock: respx.MockRouter,
) -> None:
    """A copy with api_key and base_url sends its own key to its own origin, over the pool."""
    here = character_route(respx_mock)
    there = character_route(respx_mock, OTHER_URL)
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        copy = client.with_options(api_key=OTHER_KEY, base_url=OTHER_URL)
        await copy.get_character(CHAR_ID)
        await client.get_character(CHAR_ID)
        assert copy.base_url == httpx.URL(OTHER_URL)
        assert copy._shared.transport.inner is client._shared.transport.inner
        assert "f" * 64 not in repr(copy)

    assert there.calls[0].request.headers["x-api-key"] == OTHER_KEY
    assert here.calls[0].request.headers["x-api-key"] == API_KEY
    assert copy.is_closed


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"api_key": ""}, "api_key"),
        ({"base_url": "http://api.example"}, "base_url"),
        ({"base_url": "https://user:pw@api.example"}, "base_url"),
        ({"max_retry_wait": -1}, "max_retry_wait"),
        ({"rate_limit": "fast"}, "rate_limit"),
    ],
)
def test_with_options_checks_new_arguments_like_the_constructor(
    kwargs: dict[str, object], argument: str
) -> None:
    """Each new with_options argument is checked as the constructor checks it."""
    client = AsyncAurous(api_key=API_KEY)
    with pytest.raises(InvalidArgumentError) as caught:
        client.with_options(**kwargs)  # type: ignore[arg-type]
    assert caught.value.argument == argument
    assert "pw" not in str(caught.value)


async def test_delete_memory_is_shared_only_for_the_same_key_and_origin(
    respx_mock: respx.MockRouter,
) -> None:
    """A 404 after a delete is "already gone" for a same-key copy, not for another key."""
    respx_mock.delete(f"{BASE_URL}/v1/characters/{CHAR_ID}").mock(
        side_effect=[
            httpx.Response(200, json=deleted_json()),
            httpx.Response(404, json=error_json("not_found")),
            httpx.Response(404, json=error_json("not_found")),
        ]
    )
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        await client.delete_character(CHAR_ID)
        same = await client.with_options(timeout=5).delete_character(CHAR_ID)
        other = client.with_options(api_key=OTHER_KEY)
        from aurous_async import NotFoundError

        with pytest.raises(NotFoundError):
            await other.delete_character(CHAR_ID)

    assert same.already_gone is True


async def test_own_limiter_is_fresh_for_another_key_and_shared_otherwise() -> None:
    """rate_limit=True: same-key copies share the limiter; another key gets a fresh one."""
    async with AsyncAurous(api_key=API_KEY, rate_limit=True) as client:
        limiter = client._shared.transport.limiter
        same = client.with_options(max_retries=0, default_headers={"X-A": "1"})
        other = client.with_options(api_key=OTHER_KEY)
        retry_wait = client.with_options(max_retry_wait=1.0)
        mine = RateLimiter()
        given = client.with_options(rate_limit=mine)

        assert isinstance(limiter, RateLimiter)
        assert same._shared.transport.limiter is limiter
        assert retry_wait._shared.transport.limiter is limiter
        assert retry_wait._shared.transport.max_retry_wait == 1.0
        assert retry_wait._shared.deletes is client._shared.deletes
        assert isinstance(other._shared.transport.limiter, RateLimiter)
        assert other._shared.transport.limiter is not limiter
        assert other._shared.deletes is not client._shared.deletes
        assert given._shared.transport.limiter is mine


async def test_a_limiter_passed_by_the_caller_stays_shared_across_keys() -> None:
    """A Limiter object the caller passed is theirs to scope: a copy for another key keeps it."""
    mine = RateLimiter()
    async with AsyncAurous(api_key=API_KEY, rate_limit=mine) as client:
        other = client.with_options(api_key=OTHER_KEY, base_url=OTHER_URL)
        assert other._shared.transport.limiter is mine


async def test_closing_the_original_ends_calls_of_a_copy_for_another_key() -> None:
    """Closing the original closes the pool for a copy with its own key; closing a copy does not."""
    async with serve(lambda _r: Action(body=character_json())) as server:
        client = AsyncAurous(api_key=API_KEY, base_url=server.url)
        copy = client.with_options(api_key=OTHER_KEY)
        await copy.get_character(CHAR_ID)
        await copy.aclose()
        await client.get_character(CHAR_ID)
        assert not client.is_closed
        await client.aclose()
        assert copy.is_closed and copy._shared.transport.closed

        from aurous_async import ClientClosedError

        with pytest.raises(ClientClosedError):
            await copy.get_character(CHAR_ID)

    assert [r.headers["x-api-key"] for r in server.requests] == [OTHER_KEY, API_KEY]
    assert server.connections == 1


async def test_copy_for_another_key_keeps_instant_retries_of_its_original(
    respx_mock: respx.MockRouter,
) -> None:
    """A derived transport sleeps as its original does, so retries stay instant in tests."""
    route = respx_mock.get(f"{BASE_URL}/v1/characters/{CHAR_ID}").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=character_json())]
    )
    async with AsyncAurous(api_key=API_KEY, base_url=BASE_URL) as client:
        sleeps = instant(client)
        await client.with_options(api_key=OTHER_KEY).get_character(CHAR_ID)

    assert route.call_count == 2 and len(sleeps.waits) == 1


# ------------------------------------------------------------------------ redaction


def test_url_userinfo_is_redacted_in_texts() -> None:
    """A proxy URL's user name and password never survive redact_text."""
    text = "ProxyError via http://alice:pa55@proxy.corp:3128/ and socks5://tok@h:1"

    cleaned = redact_text(text)

    assert "pa55" not in cleaned and "alice" not in cleaned and "tok@" not in cleaned
    assert "proxy.corp:3128" in cleaned
