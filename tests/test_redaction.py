"""
No secret leaks: every exception and raw response keeps only redacted requests, and every
exception survives pickle, copy and deepcopy with its fields and a readable response.
"""

from __future__ import annotations

import copy
import gzip
import pickle
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

from aurous_async import (
    APIConnectionError,
    APIResponse,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncAurous,
    AurousError,
    ClientClosedError,
    EventLoopMismatchError,
    InternalServerError,
    InvalidArgumentError,
    RateLimitError,
    WaitTimeoutError,
)
from aurous_async._exceptions import make_status_error
from aurous_async._redact import (
    REDACTED,
    redact_request,
    redact_response,
    redact_response_in_place,
    redact_text,
    request_secrets,
)
from aurous_async.webhooks import WebhookSignatureError, sign, verify_signature
from tests.conftest import API_KEY, BASE_URL
from tests.payloads import CHAR_ID, character_json, error_json
from tests.test_errors import STATUS_CLASSES

CHARACTER = f"{BASE_URL}/v1/characters/{CHAR_ID}"
WHSEC = "whsec_8jKpQ4nVmR2xT7yWb3Zc5Ld9Hf1Ga6Ne0UoABCD"
SECRETS = (API_KEY, WHSEC)

COPIERS: list[tuple[str, Callable[[Any], Any]]] = [
    ("pickle", lambda e: pickle.loads(pickle.dumps(e))),
    ("copy", copy.copy),
    ("deepcopy", copy.deepcopy),
]


def assert_no_secret(error: BaseException) -> None:
    """Neither the key nor the webhook secret shows in str, repr or the pickle bytes."""
    data = pickle.dumps(error)
    for secret in SECRETS:
        assert secret not in str(error)
        assert secret not in repr(error)
        assert secret.encode() not in data


async def status_error(
    client: AsyncAurous, respx_mock: respx.MockRouter, status: int, **headers: str
) -> APIStatusError:
    """The exception the client raises for *status*, from a server that echoes secrets."""
    respx_mock.get(CHARACTER).respond(
        status,
        json=error_json(
            "some_code",
            f"bad key {API_KEY} and {WHSEC}",
            type="invalid_request",
            param=f"p {API_KEY}",
            doc_url="https://docs.aurous-labs.com/errors#some_code",
        ),
        headers={"Aurous-Request-Id": "req_1", **headers},
    )
    with pytest.raises(APIStatusError) as caught:
        await client.get_character(CHAR_ID, max_retries=0)
    return caught.value


@pytest.mark.parametrize(
    ("status", "error_class"),
    [pytest.param(s, c, id=f"{s}-{c.__name__}") for s, c in STATUS_CLASSES],
)
async def test_status_error_holds_no_secret(
    client: AsyncAurous, respx_mock: respx.MockRouter, status: int, error_class: type
) -> None:
    """Each status's exception redacts the key in its request, message, body and pickle."""
    error = await status_error(client, respx_mock, status)

    assert type(error) is error_class
    assert_no_secret(error)
    assert error.response.request.headers["X-Api-Key"] == REDACTED
    assert API_KEY not in repr(error.response.request.headers)
    assert error.message == f"bad key {REDACTED} and {REDACTED}"
    assert error.param == f"p {REDACTED}"
    assert API_KEY not in error.body and WHSEC not in error.body
    assert API_KEY.encode() not in error.response.content
    # The key really was sent: only the exception's copy is redacted.
    assert respx_mock.calls.last.request.headers["X-Api-Key"] == API_KEY


@pytest.mark.parametrize(("how", "copier"), COPIERS, ids=[name for name, _ in COPIERS])
@pytest.mark.parametrize("status", [400, 404, 500])
async def test_status_error_survives_pickle_and_copy(
    client: AsyncAurous,
    respx_mock: respx.MockRouter,
    status: int,
    how: str,
    copier: Callable[[Any], Any],
) -> None:
    """A status error keeps its class, fields and a readable response through a copy."""
    error = await status_error(client, respx_mock, status)

    clone = copier(error)

    assert type(clone) is type(error)
    fields = ("message", "status_code", "code", "type", "param", "doc_url", "request_id")
    for name in (*fields, "body", "retry_after"):
        assert getattr(clone, name) == getattr(error, name), name
    assert str(clone) == str(error) and clone.args == error.args
    assert clone.response.status_code == status
    assert clone.response.headers == error.response.headers
    assert clone.response.content == error.response.content
    assert clone.response.json()["error"]["code"] == "some_code"
    assert (clone.response.request.method, clone.response.request.url) == (
        "GET",
        httpx.URL(CHARACTER),
    )
    assert clone.response.request.headers["X-Api-Key"] == REDACTED


@pytest.mark.parametrize(("how", "copier"), COPIERS, ids=[name for name, _ in COPIERS])
async def test_rate_limit_error_survives_pickle_and_copy(
    client: AsyncAurous, respx_mock: respx.MockRouter, how: str, copier: Callable[[Any], Any]
) -> None:
    """RateLimitError keeps retry_after, limit, remaining and reset through a copy."""
    error = await status_error(
        client,
        respx_mock,
        429,
        **{"Retry-After": "7", "X-RateLimit-Limit": "240", "X-RateLimit-Remaining": "0"},
        **{"X-RateLimit-Reset": "1780000000"},
    )

    clone = copier(error)

    assert isinstance(clone, RateLimitError)
    assert (clone.retry_after, clone.limit, clone.remaining, clone.reset) == (
        7.0,
        240,
        0,
        1780000000,
    )
    assert_no_secret(clone)


async def test_error_over_max_retry_wait_holds_no_secret(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 503 whose Retry-After exceeds max_retry_wait keeps its class and holds no key."""
    respx_mock.get(CHARACTER).respond(503, text=f"echo {API_KEY}", headers={"Retry-After": "3600"})

    # The status decides the class (README's table): InternalServerError, not RateLimitError.
    with pytest.raises(InternalServerError) as caught:
        await client.get_character(CHAR_ID)

    assert caught.value.retry_after == 3600
    assert caught.value.response.request.headers["X-Api-Key"] == REDACTED
    assert_no_secret(caught.value)


def test_status_error_retry_after_defaults_to_none() -> None:
    """APIStatusError has retry_after, None unless given."""
    response = httpx.Response(503, request=httpx.Request("GET", CHARACTER))

    assert make_status_error(response).retry_after is None
    given = APIStatusError("m", response=response, body="", retry_after=2.5)
    assert given.retry_after == 2.5


async def test_error_response_of_a_gzip_answer_stays_readable(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A gzip-encoded error body is kept decoded with its original headers."""
    raw = b'{"error": {"code": "zipped", "message": "compressed"}}'
    respx_mock.get(CHARACTER).respond(
        400,
        content=gzip.compress(raw),
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
    )

    with pytest.raises(APIStatusError) as caught:
        await client.get_character(CHAR_ID)

    clone = pickle.loads(pickle.dumps(caught.value))
    assert clone.code == "zipped"
    assert clone.response.headers["Content-Encoding"] == "gzip"
    assert clone.response.content == raw


@pytest.mark.parametrize(
    ("failure", "error_class"),
    [
        pytest.param(httpx.ConnectError("refused"), APIConnectionError, id="connect"),
        pytest.param(httpx.ReadTimeout("slow"), APITimeoutError, id="read-timeout"),
    ],
)
async def test_connection_error_from_transport_holds_no_secret(
    client: AsyncAurous,
    respx_mock: respx.MockRouter,
    failure: Exception,
    error_class: type[APIConnectionError],
) -> None:
    """A transport failure's exception has no key and survives pickle and deepcopy."""
    respx_mock.get(CHARACTER).mock(side_effect=failure)

    with pytest.raises(APIConnectionError) as caught:
        await client.get_character(CHAR_ID, max_retries=0)

    assert_no_secret(caught.value)
    for _, copier in COPIERS:
        clone = copier(caught.value)
        assert type(clone) is error_class and clone.message == caught.value.message


@pytest.mark.parametrize("error_class", [APIConnectionError, APITimeoutError])
def test_connection_error_keeps_a_redacted_request(error_class: type[APIConnectionError]) -> None:
    """request= is stored as a redacted copy and scrubbed from the message; both pickle."""
    request = httpx.Request("POST", CHARACTER, headers={"X-Api-Key": API_KEY}, json={"a": 1})

    error = error_class(f"failed with {API_KEY}", request=request)

    assert error.request is not None and error.request.headers["X-Api-Key"] == REDACTED
    assert error.message == f"failed with {REDACTED}"
    assert_no_secret(error)
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is error_class
    assert (clone.request.method, clone.request.url) == ("POST", httpx.URL(CHARACTER))
    assert clone.request.content == b'{"a":1}'
    assert request.headers["X-Api-Key"] == API_KEY  # the original is left alone
    assert error_class("plain").request is None


async def test_validation_error_of_webhook_create_hides_the_secret(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A malformed create_webhook_endpoint answer never shows its whsec_ secret."""
    respx_mock.post(f"{BASE_URL}/v1/webhook_endpoints").respond(
        201, json={"id": "we_1", "object": "webhook_endpoint", "secret": WHSEC}
    )

    with pytest.raises(APIResponseValidationError) as caught:
        await client.create_webhook_endpoint(url="https://hooks.example.test/a", events=["*"])

    error = caught.value
    assert WHSEC not in error.body and REDACTED in error.body
    assert WHSEC not in error.message
    assert WHSEC.encode() not in error.response.content
    assert error.response.request.headers["X-Api-Key"] == REDACTED
    assert_no_secret(error)
    clone = copy.deepcopy(error)
    assert (clone.status_code, clone.body) == (201, error.body)


async def test_validation_error_echoing_the_key_hides_it(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 200 body that echoes the API key is redacted in the validation error."""
    respx_mock.get(CHARACTER).respond(200, json={"oops": API_KEY})

    with pytest.raises(APIResponseValidationError) as caught:
        await client.get_character(CHAR_ID)

    assert API_KEY not in caught.value.body
    assert_no_secret(caught.value)
    assert pickle.loads(pickle.dumps(caught.value)).request_id == caught.value.request_id


async def test_status_error_redacts_an_echoed_webhook_secret(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A server error quoting a whsec_ secret shows neither in body nor message."""
    respx_mock.post(f"{BASE_URL}/v1/webhook_endpoints/we_1/rotate_secret").respond(
        409, json=error_json("conflict", f"already rotated to {WHSEC}")
    )

    with pytest.raises(APIStatusError) as caught:
        await client.rotate_webhook_endpoint_secret("we_1", max_retries=0)

    assert WHSEC not in caught.value.body and WHSEC not in caught.value.message
    assert_no_secret(caught.value)


async def test_wait_timeout_error_survives_pickle_and_copy(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """WaitTimeoutError from a real waiter keeps message, last and status through copies."""
    respx_mock.get(CHARACTER).respond(200, json=character_json(status="synthesizing"))

    with pytest.raises(WaitTimeoutError) as caught:
        await client.wait_for_character(CHAR_ID, max_wait=0)

    assert_no_secret(caught.value)
    for _, copier in COPIERS:
        clone = copier(caught.value)
        assert type(clone) is WaitTimeoutError
        assert (str(clone), clone.status, clone.last.id) == (
            str(caught.value),
            "synthesizing",
            CHAR_ID,
        )


async def test_invalid_argument_error_survives_pickle_and_copy(client: AsyncAurous) -> None:
    """InvalidArgumentError keeps its message and argument, and is an AurousError."""
    with pytest.raises(InvalidArgumentError) as caught:
        await client.get_character("")

    assert isinstance(caught.value, AurousError) and isinstance(caught.value, ValueError)
    for _, copier in COPIERS:
        clone = copier(caught.value)
        assert type(clone) is InvalidArgumentError
        assert (str(clone), clone.argument) == ("id: must not be empty", "id")


async def test_client_closed_error_survives_pickle_and_copy() -> None:
    """ClientClosedError from a closed client pickles and copies without the key."""
    aurous = AsyncAurous(api_key=API_KEY, base_url=BASE_URL)
    await aurous.aclose()

    with pytest.raises(ClientClosedError) as caught:
        await aurous.get_character(CHAR_ID)

    assert_no_secret(caught.value)
    for _, copier in COPIERS:
        assert type(copier(caught.value)) is ClientClosedError


def test_misc_errors_survive_pickle_and_copy() -> None:
    """EventLoopMismatchError and a webhook error pickle and copy with their message."""
    with pytest.raises(WebhookSignatureError) as caught:
        verify_signature(b"{}", sign(b"{}", "whsec_other", 10), WHSEC, now=10)
    errors: list[AurousError] = [EventLoopMismatchError("other loop"), caught.value]
    for error in errors:
        assert_no_secret(error)
        for _, copier in COPIERS:
            clone = copier(error)
            assert type(clone) is type(error) and str(clone) == str(error)


# --- the helpers -------------------------------------------------------------------------


def test_redact_request_hides_credentials_and_keeps_the_rest() -> None:
    """Credential headers read [redacted], userinfo goes, other headers and the body stay."""
    request = httpx.Request(
        "POST",
        "https://user:pw-secret@api.aurous-labs.com/v1/x?a=1",
        headers={
            "X-Api-Key": API_KEY,
            "Authorization": "Bearer tok-secret",
            "Proxy-Authorization": "Basic dXNlcjpwcm94eS1wdw==",
            "Cookie": "session=abc",
            "X-Echo": f"key={API_KEY}",
            "Idempotency-Key": "idem-1",
        },
        json={"name": "Mina"},
    )

    safe = redact_request(request)

    for name in ("X-Api-Key", "Authorization", "Proxy-Authorization", "Cookie"):
        assert safe.headers[name] == REDACTED
    assert safe.headers["X-Echo"] == f"key={REDACTED}"
    assert safe.headers["Idempotency-Key"] == "idem-1"
    assert safe.url == httpx.URL("https://api.aurous-labs.com/v1/x?a=1")
    assert safe.content == request.content
    assert safe.headers["Content-Length"] == request.headers["Content-Length"]
    data = pickle.dumps(safe)
    for secret in (API_KEY, "tok-secret", "pw-secret", "proxy-pw", "dXNlcjpwcm94eS1wdw=="):
        assert secret.encode() not in data
    assert request.headers["X-Api-Key"] == API_KEY


def test_redact_request_replaces_a_body_holding_a_secret() -> None:
    """A body that contains a secret is replaced whole; an unread stream stays unread."""
    with_key = httpx.Request("POST", CHARACTER, content=f"k={API_KEY}".encode())
    with_whsec = httpx.Request("POST", CHARACTER, json={"secret": WHSEC})

    async def chunks() -> Any:
        yield b"never read"

    streamed = httpx.Request("PUT", CHARACTER, content=chunks())

    assert redact_request(with_key, [API_KEY]).content == REDACTED.encode()
    assert redact_request(with_whsec).content == REDACTED.encode()
    with pytest.raises(httpx.RequestNotRead):
        _ = redact_request(streamed).content


def test_redact_request_is_idempotent() -> None:
    """Redacting a redacted request changes nothing more."""
    request = httpx.Request("GET", CHARACTER, headers={"X-Api-Key": API_KEY})

    once = redact_request(request)
    twice = redact_request(once)

    assert twice.headers.raw == once.headers.raw and twice.url == once.url
    assert request_secrets(once) == []


def test_redact_response_copies_history_and_next_request() -> None:
    """The copy's request, next_request and history requests are all redacted."""
    keyed = httpx.Request("GET", CHARACTER, headers={"X-Api-Key": API_KEY})
    first = httpx.Response(307, headers={"Location": CHARACTER}, request=keyed)
    last = httpx.Response(200, content=b"ok", request=keyed, history=[first])
    last.next_request = keyed

    safe = redact_response(last)

    assert safe.content == b"ok" and safe.status_code == 200
    assert safe.request.headers["X-Api-Key"] == REDACTED
    assert safe.next_request is not None and safe.next_request.headers["X-Api-Key"] == REDACTED
    assert safe.history[0].request.headers["X-Api-Key"] == REDACTED
    assert safe.history[0].headers["Location"] == CHARACTER
    assert API_KEY.encode() not in pickle.dumps(safe)
    assert last.request is keyed  # the original is left alone


async def test_redact_response_in_place_keeps_a_stream_readable() -> None:
    """In place, the request is redacted and an unread body can still be read."""
    keyed = httpx.Request("GET", CHARACTER, headers={"X-Api-Key": API_KEY})

    async def chunks() -> Any:
        yield b"streamed"

    response = httpx.Response(200, content=chunks(), request=keyed)

    assert redact_response_in_place(response) is response
    assert response.request.headers["X-Api-Key"] == REDACTED
    assert await response.aread() == b"streamed"


def test_redact_text_hides_every_secret_and_whsec_token() -> None:
    """Given secrets and any whsec_ token are replaced; other text stays."""
    text = f"key {API_KEY}, hook {WHSEC}, id char_1"

    assert redact_text(text, API_KEY) == f"key {REDACTED}, hook {REDACTED}, id char_1"
    assert redact_text("nothing here", [API_KEY, ""]) == "nothing here"


# --- APIResponse -------------------------------------------------------------------------


async def test_raw_response_request_is_redacted(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """with_raw_response hands back a response whose request shows no key."""
    respx_mock.get(CHARACTER).respond(200, json=character_json())

    raw = await client.with_raw_response.get_character(CHAR_ID)

    assert raw.parsed.id == CHAR_ID
    assert raw.http_response is not None
    assert raw.http_response.request.headers["X-Api-Key"] == REDACTED
    assert raw.http_response.json()["id"] == CHAR_ID
    assert API_KEY.encode() not in pickle.dumps(raw.http_response)
    assert respx_mock.calls.last.request.headers["X-Api-Key"] == API_KEY


def test_api_response_redacts_history() -> None:
    """APIResponse redacts the requests of its response's redirect history too."""
    keyed = httpx.Request("GET", CHARACTER, headers={"X-Api-Key": API_KEY})
    first = httpx.Response(307, headers={"Location": CHARACTER}, request=keyed)
    last = httpx.Response(200, content=b"{}", request=keyed, history=[first])

    raw = APIResponse(parsed=None, http_response=last)

    assert raw.http_response is last
    assert last.request.headers["X-Api-Key"] == REDACTED
    assert last.history[0].request.headers["X-Api-Key"] == REDACTED


def every_exception_class() -> set[type[BaseException]]:
    """Every exception class the package exports, webhooks included."""
    import aurous_async
    from aurous_async import webhooks

    found: set[type[BaseException]] = set()
    for module in (aurous_async, webhooks):
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, BaseException):
                found.add(obj)
    return found


def build(error_class: type[BaseException]) -> BaseException:
    """An instance of *error_class* made from a keyed request and a secret-echoing answer."""
    request = httpx.Request("GET", CHARACTER, headers={"X-Api-Key": API_KEY})
    response = httpx.Response(
        418, json={"error": {"message": f"{API_KEY} {WHSEC}"}}, request=request
    )
    if issubclass(error_class, APIStatusError):
        return error_class(f"echo {API_KEY} {WHSEC}", response=response, body=response.text)
    if issubclass(error_class, APIResponseValidationError):
        return error_class(f"echo {WHSEC}", response=response, body=response.text)
    if issubclass(error_class, APIConnectionError):
        return error_class(f"echo {API_KEY}", request=request)
    if error_class is WaitTimeoutError:
        return error_class("still running", {"id": CHAR_ID}, "running")
    if error_class is InvalidArgumentError:
        return error_class("id", "must not be empty")
    return error_class("plain message")


@pytest.mark.parametrize(
    "error_class",
    sorted(every_exception_class(), key=lambda c: c.__name__),
    ids=lambda c: c.__name__,
)
def test_every_exported_exception_pickles_without_secrets(
    error_class: type[BaseException],
) -> None:
    """Each exported exception class copies and pickles to its class with no secret inside."""
    error = build(error_class)

    assert_no_secret(error)
    for _, copier in COPIERS:
        clone = copier(error)
        assert type(clone) is error_class and str(clone) == str(error)
        assert clone.__dict__.keys() == error.__dict__.keys()
