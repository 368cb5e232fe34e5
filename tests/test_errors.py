"""
Typed errors: the status → class table, the envelope's fields, and bodies that are not an
envelope at all.
"""

from __future__ import annotations

import httpx
import pytest
import respx

import aurous_async
from aurous_async import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncAurous,
    AurousError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    EventLoopMismatchError,
    GoneError,
    InsufficientCreditsError,
    InternalServerError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from tests.conftest import BASE_URL
from tests.payloads import CHAR_ID, error_json

CHARACTER = f"{BASE_URL}/v1/characters/{CHAR_ID}"

STATUS_CLASSES = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (402, InsufficientCreditsError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, ConflictError),
    (410, GoneError),
    (418, APIStatusError),
    (422, UnprocessableEntityError),
    (429, RateLimitError),
    (451, APIStatusError),
    (500, InternalServerError),
    (502, InternalServerError),
    (503, InternalServerError),
    (520, InternalServerError),
    (599, InternalServerError),
]


@pytest.mark.parametrize(
    ("status", "error_class"),
    [pytest.param(s, c, id=f"{s}-{c.__name__}") for s, c in STATUS_CLASSES],
)
async def test_get_character_status_maps_to_exception_class(
    client: AsyncAurous, respx_mock: respx.MockRouter, status: int, error_class: type
) -> None:
    """Each HTTP status raises exactly its class (by status, never by code)."""
    route = respx_mock.get(CHARACTER).respond(
        status, json=error_json("some_code", f"failed with {status}")
    )

    with pytest.raises(APIStatusError) as caught:
        await client.get_character(CHAR_ID, max_retries=0)

    assert type(caught.value) is error_class
    assert isinstance(caught.value, AurousError)
    assert caught.value.status_code == status
    assert caught.value.message == f"failed with {status}"
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("status", "code"),
    [
        pytest.param(400, "resource_not_found", id="404-code-on-400"),
        pytest.param(404, "insufficient_credits", id="402-code-on-404"),
        pytest.param(402, "balance_too_low", id="new-spelling"),
        pytest.param(402, "insufficient_credits", id="old-spelling"),
    ],
)
async def test_get_character_class_chosen_by_status_not_code(
    client: AsyncAurous, respx_mock: respx.MockRouter, status: int, code: str
) -> None:
    """The error code never changes the class: the status alone decides."""
    respx_mock.get(CHARACTER).respond(status, json=error_json(code))

    with pytest.raises(APIStatusError) as caught:
        await client.get_character(CHAR_ID, max_retries=0)

    assert type(caught.value) is dict(STATUS_CLASSES)[status]
    assert caught.value.code == code


async def test_get_character_error_fields_from_envelope(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Every envelope field lands on the exception; the header's request id wins."""
    body = error_json(
        "parameter_invalid",
        "limit must be at most 100",
        type="invalid_request",
        param="limit",
        doc_url="https://docs.aurous-labs.com/errors#parameter_invalid",
        request_id="req_from_body",
        status=400,
    )
    respx_mock.get(CHARACTER).respond(400, json=body, headers={"Aurous-Request-Id": "req_hdr"})

    with pytest.raises(BadRequestError) as caught:
        await client.get_character(CHAR_ID)

    error = caught.value
    assert error.status_code == 400
    assert error.code == "parameter_invalid"
    assert error.type == "invalid_request"
    assert error.message == "limit must be at most 100"
    assert error.param == "limit"
    assert error.doc_url == "https://docs.aurous-labs.com/errors#parameter_invalid"
    assert error.request_id == "req_hdr"
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == 400
    assert "parameter_invalid" in str(error)
    assert "limit must be at most 100" in str(error)
    assert "req_hdr" in str(error)


async def test_get_character_error_response_knows_its_request(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """The exception's response links back to the request that failed."""
    respx_mock.get(CHARACTER).respond(404, json=error_json("resource_not_found"))

    with pytest.raises(NotFoundError) as caught:
        await client.get_character(CHAR_ID)

    request = caught.value.response.request
    assert (request.method, request.url) == ("GET", httpx.URL(CHARACTER))


async def test_get_character_request_id_from_body_without_header(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Without an Aurous-Request-Id header the body's request_id is used."""
    respx_mock.get(CHARACTER).respond(
        404, json=error_json("resource_not_found", request_id="req_body_only")
    )

    with pytest.raises(NotFoundError) as caught:
        await client.get_character(CHAR_ID)

    assert caught.value.request_id == "req_body_only"


async def test_get_character_missing_fields_are_none(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An envelope with only a message leaves every other field None."""
    respx_mock.get(CHARACTER).respond(403, json={"error": {"message": "forbidden"}})

    with pytest.raises(PermissionDeniedError) as caught:
        await client.get_character(CHAR_ID)

    error = caught.value
    assert error.message == "forbidden"
    assert (error.code, error.type, error.param, error.doc_url, error.request_id) == (
        None,
        None,
        None,
        None,
        None,
    )


async def test_get_character_wrongly_typed_fields_are_none(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """Envelope fields of the wrong JSON type are dropped, not raised on."""
    respx_mock.get(CHARACTER).respond(
        400, json={"error": {"message": 42, "code": ["x"], "param": {"a": 1}}}
    )

    with pytest.raises(BadRequestError) as caught:
        await client.get_character(CHAR_ID)

    assert caught.value.code is None
    assert caught.value.param is None
    assert "400" in caught.value.message


HTML = "<html><body><h1>502 Bad Gateway</h1><p>cloudflare</p></body></html>"

ODD_BODIES = [
    pytest.param(502, HTML.encode(), "text/html", InternalServerError, id="html-502"),
    pytest.param(404, HTML.encode(), "text/html", NotFoundError, id="html-404"),
    pytest.param(400, b'{"detail": "nope"}', "application/json", BadRequestError, id="no-envelope"),
    pytest.param(400, b'{"error": "boom"}', "application/json", BadRequestError, id="error-str"),
    pytest.param(409, b"[1, 2, 3]", "application/json", ConflictError, id="json-array"),
    pytest.param(422, b"null", "application/json", UnprocessableEntityError, id="json-null"),
    pytest.param(401, b'{"error": {', "application/json", AuthenticationError, id="truncated"),
    pytest.param(500, b"", "application/json", InternalServerError, id="empty"),
    pytest.param(410, b"gone", "text/plain", GoneError, id="plain-text"),
    pytest.param(503, b"\xff\xfe bad bytes", "text/plain", InternalServerError, id="invalid-utf8"),
]


@pytest.mark.parametrize(("status", "content", "content_type", "error_class"), ODD_BODIES)
async def test_get_character_non_envelope_body_still_typed(
    client: AsyncAurous,
    respx_mock: respx.MockRouter,
    status: int,
    content: bytes,
    content_type: str,
    error_class: type[APIStatusError],
) -> None:
    """A body that is not an error envelope still gives the status's class with raw text."""
    respx_mock.get(CHARACTER).respond(
        status, content=content, headers={"Content-Type": content_type}
    )

    with pytest.raises(APIStatusError) as caught:
        await client.get_character(CHAR_ID, max_retries=0)

    error = caught.value
    assert type(error) is error_class
    assert error.status_code == status
    assert error.code is None
    assert error.body == content.decode("utf-8", errors="replace")
    assert error.message  # a readable fallback such as "HTTP 502 Bad Gateway"
    assert str(status) in str(error)


async def test_get_character_html_body_kept_verbatim(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A proxy's HTML page is kept in .body and the message falls back to the status."""
    respx_mock.get(CHARACTER).respond(502, text=HTML, headers={"Content-Type": "text/html"})

    with pytest.raises(InternalServerError) as caught:
        await client.get_character(CHAR_ID, max_retries=0)

    assert caught.value.body == HTML
    assert caught.value.message == "HTTP 502 Bad Gateway"


async def test_get_character_rate_limit_fields(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A 429 carries retry_after and the X-RateLimit-* numbers."""
    respx_mock.get(CHARACTER).respond(
        429,
        json=error_json("rate_limit_exceeded"),
        headers={
            "Retry-After": "7",
            "X-RateLimit-Limit": "240",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": "1780000000",
        },
    )

    with pytest.raises(RateLimitError) as caught:
        await client.get_character(CHAR_ID, max_retries=0)

    error = caught.value
    assert error.retry_after == 7.0
    assert (error.limit, error.remaining, error.reset) == (240, 0, 1780000000)


@pytest.mark.parametrize(
    ("failure", "error_class"),
    [
        pytest.param(httpx.ConnectError("refused"), APIConnectionError, id="connect"),
        pytest.param(httpx.ReadError("reset"), APIConnectionError, id="read"),
        pytest.param(httpx.ReadTimeout("slow"), APITimeoutError, id="read-timeout"),
        pytest.param(httpx.ConnectTimeout("slow"), APITimeoutError, id="connect-timeout"),
        pytest.param(httpx.PoolTimeout("busy"), APITimeoutError, id="pool-timeout"),
    ],
)
async def test_get_character_transport_failure_is_typed(
    client: AsyncAurous,
    respx_mock: respx.MockRouter,
    failure: Exception,
    error_class: type[APIConnectionError],
) -> None:
    """A transport failure raises APIConnectionError (APITimeoutError for timeouts)."""
    respx_mock.get(CHARACTER).mock(side_effect=failure)

    with pytest.raises(APIConnectionError) as caught:
        await client.get_character(CHAR_ID, max_retries=0)

    assert type(caught.value) is error_class
    assert isinstance(caught.value.__cause__, httpx.TransportError)


EXCEPTION_TREE = [
    (APIError, AurousError),
    (APIStatusError, APIError),
    (BadRequestError, APIStatusError),
    (AuthenticationError, APIStatusError),
    (InsufficientCreditsError, APIStatusError),
    (PermissionDeniedError, APIStatusError),
    (NotFoundError, APIStatusError),
    (ConflictError, APIStatusError),
    (GoneError, APIStatusError),
    (UnprocessableEntityError, APIStatusError),
    (RateLimitError, APIStatusError),
    (InternalServerError, APIStatusError),
    (APIConnectionError, APIError),
    (APITimeoutError, APIConnectionError),
    (APIResponseValidationError, APIError),
    (ClientClosedError, AurousError),
    (EventLoopMismatchError, AurousError),
    (InvalidArgumentError, ValueError),
]


@pytest.mark.parametrize(
    ("child", "parent"),
    [pytest.param(c, p, id=f"{c.__name__}-under-{p.__name__}") for c, p in EXCEPTION_TREE],
)
def test_exception_exported_and_in_tree(child: type, parent: type) -> None:
    """Each exception is exported from aurous_async and sits under its documented parent."""
    assert getattr(aurous_async, child.__name__) is child
    assert child.__name__ in aurous_async.__all__
    assert issubclass(child, parent)
