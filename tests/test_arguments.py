"""
Arguments are checked before anything is sent: unknown keywords, a str where a list is
wanted, wrong types, unsendable headers, a bad base_url, headers the SDK owns.

Every rejection test mocks the whole API with respx and asserts that no request was made.
"""

from __future__ import annotations

import datetime
import inspect
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import h11._abnf
import httpx
import pytest
import respx

from aurous_async import AsyncAurous, AurousError, InvalidArgumentError
from aurous_async._arguments import body
from aurous_async._generated.models import CreateImageRequest, CreateVideoRequest
from aurous_async._types import ImageParams, RequestOptions, VideoParams
from tests.conftest import API_KEY, BASE_URL
from tests.payloads import CHAR_ID, character_json

START = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)

# A plausible value for every required parameter a public method can have, by name; a new
# required parameter without one here fails `test_every_public_method_is_covered`.
REQUIRED_VALUES: dict[str, Any] = {
    "id": CHAR_ID,
    "name": "Mia",
    "prompt": "a lighthouse at dusk",
    "video_lora_id": "lora_01HXMQ7Z3K8Y2NABCDEFGHJKMR",
    "pose": "front",
    "filename": "face.png",
    "extension": "png",
    "content_type": "image/png",
    "upload_id": "upl_01HXMQ7Z3K8Y2NABCDEFGHJKMR",
    "url": "https://hooks.example.test/aurous",
    "events": ["image.completed"],
    "event_type": "image.completed",
    "start_time": START,
    "file": b"\x89PNG\r\n\x1a\n",
    "purpose": "reference",
    "path": "unused.bin",
    "ids": [CHAR_ID],
    "fn": lambda _item: None,
    "items": [CHAR_ID],
    "cast_to": dict,
}


def public_methods() -> list[str]:
    """Every public callable defined on AsyncAurous or its mixins (properties excluded)."""
    return sorted(
        name
        for name in dir(AsyncAurous)
        if not name.startswith("_")
        and inspect.isfunction(inspect.getattr_static(AsyncAurous, name))
    )


def required_arguments(name: str, path: Path) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments that satisfy *name*'s required parameters."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    parameters = list(inspect.signature(getattr(AsyncAurous, name)).parameters.values())[1:]
    for parameter in parameters:
        if parameter.default is not inspect.Parameter.empty or parameter.kind in (
            inspect.Parameter.VAR_POSITIONAL,
            inspect.Parameter.VAR_KEYWORD,
        ):
            continue
        value = path / "out.bin" if parameter.name == "path" else REQUIRED_VALUES[parameter.name]
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = value
        else:
            args.append(value)
    return args, kwargs


async def invoke(result: object) -> None:
    """Drive a facade method's result the way a caller would: await it or enter it."""
    if hasattr(result, "__aenter__"):
        async with result:  # type: ignore[attr-defined]
            pass
    elif hasattr(result, "__await__"):
        await result  # type: ignore[misc]


@pytest.fixture
def api(respx_mock: respx.MockRouter) -> Iterator[respx.Route]:
    """One respx route for every request; each test asserts it was never called."""
    route = respx_mock.route().respond(500)
    yield route
    assert not respx_mock.calls


@pytest.mark.parametrize("name", public_methods())
def test_every_public_method_is_covered(name: str, tmp_path: Path) -> None:
    """Every public method's required parameters have a value in REQUIRED_VALUES."""
    args, kwargs = required_arguments(name, tmp_path)

    bound = inspect.signature(getattr(AsyncAurous, name)).bind(None, *args, **kwargs)

    assert bound.arguments


def test_public_methods_include_every_kind() -> None:
    """The dynamic list really holds paginators, streams, saves, downloads and waiters."""
    names = public_methods()

    for expected in (
        "list_characters",
        "get_usage",
        "stream_video_output",
        "save_image_output",
        "download_image_output",
        "wait_for_character",
        "upload_file",
        "create_image",
        "estimate_video",
    ):
        assert expected in names
    assert len(names) >= 40


@pytest.mark.parametrize("name", public_methods())
@pytest.mark.respx(assert_all_called=False)
async def test_unknown_keyword_raises_type_error_before_sending(
    client: AsyncAurous, api: respx.Route, name: str, tmp_path: Path
) -> None:
    """A misspelled keyword is a TypeError naming the method and the argument; no request."""
    args, kwargs = required_arguments(name, tmp_path)

    with pytest.raises(TypeError) as caught:
        await invoke(getattr(client, name)(*args, **kwargs, timeuot=5))

    assert not isinstance(caught.value, InvalidArgumentError)
    assert re.search(
        rf"\b{name}\(\) got an unexpected keyword argument 'timeuot'$", str(caught.value)
    )
    assert not api.called


@pytest.mark.respx(assert_all_called=False)
async def test_unknown_keyword_message_matches_python(
    client: AsyncAurous, api: respx.Route
) -> None:
    """The message is exactly the one a plain Python signature gives."""
    with pytest.raises(TypeError) as caught:
        await client.get_character(CHAR_ID, timeuot=5)  # type: ignore[call-arg]

    assert str(caught.value) == "get_character() got an unexpected keyword argument 'timeuot'"


@pytest.mark.respx(assert_all_called=False)
def test_paginator_rejects_unknown_keyword_at_call_time(
    client: AsyncAurous, api: respx.Route
) -> None:
    """list_characters(limt=5) fails when called, before there is a paginator to await."""
    with pytest.raises(TypeError, match=r"list_characters\(\) got an unexpected keyword"):
        client.list_characters(limt=5)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda c: c.create_image(prompt="p", negative_promt="x"), id="create_image"),
        pytest.param(lambda c: c.estimate_image(prompt="p", sead=1), id="estimate_image"),
        pytest.param(lambda c: c.create_video(video_lora_id="l", durations=5), id="create_video"),
        pytest.param(lambda c: c.estimate_video(video_lora_id="l", ratios="1:1"), id="est_video"),
    ],
)
@pytest.mark.respx(assert_all_called=False)
async def test_unknown_body_field_is_not_sent(
    client: AsyncAurous, api: respx.Route, call: Callable[[AsyncAurous], Any]
) -> None:
    """A misspelled generation field raises TypeError instead of going into the JSON body."""
    with pytest.raises(TypeError, match="got an unexpected keyword argument"):
        await call(client)

    assert not api.called


@pytest.mark.respx(assert_all_called=False)
async def test_raw_response_proxy_rejects_unknown_keyword(
    client: AsyncAurous, api: respx.Route
) -> None:
    """with_raw_response goes through the same check."""
    with pytest.raises(TypeError, match=r"get_character\(\) got an unexpected keyword"):
        await client.with_raw_response.get_character(CHAR_ID, timeuot=5)

    assert not api.called


def test_checked_methods_keep_their_signature_and_kind() -> None:
    """The check keeps each method's signature, and async methods stay coroutine functions."""
    assert list(inspect.signature(AsyncAurous.get_character).parameters)[:2] == ["self", "id"]
    assert inspect.iscoroutinefunction(AsyncAurous.get_character)
    assert inspect.iscoroutinefunction(AsyncAurous.wait_for_image)
    assert not inspect.iscoroutinefunction(AsyncAurous.list_characters)
    assert (
        AsyncAurous.create_image.__doc__ and "image generation" in AsyncAurous.create_image.__doc__
    )


@pytest.mark.parametrize(
    ("params", "model", "required"),
    [
        pytest.param(ImageParams, CreateImageRequest, {"prompt"}, id="image"),
        pytest.param(VideoParams, CreateVideoRequest, {"video_lora_id"}, id="video"),
    ],
)
def test_generation_params_match_the_request_model(
    params: type, model: type, required: set[str]
) -> None:
    """ImageParams/VideoParams name exactly the request model's optional fields."""
    fields = {field.name for field in attrs.fields(model)} - {"additional_properties"}

    assert set(params.__annotations__) - set(RequestOptions.__annotations__) == fields - required


def test_body_rejects_a_field_the_model_does_not_have() -> None:
    """body() refuses a field the generated model lacks instead of sending it."""
    with pytest.raises(TypeError, match="CreateImageRequest has no field 'promt'"):
        body(CreateImageRequest, prompt="p", promt="p")


def test_body_turns_a_from_dict_failure_into_invalid_argument() -> None:
    """A model whose from_dict still fails gives InvalidArgumentError naming the model."""

    @attrs.define
    class Strict:
        value: str

        @classmethod
        def from_dict(cls, data: dict[str, Any]) -> Strict:
            raise KeyError(sorted(data)[0])

    with pytest.raises(InvalidArgumentError) as caught:
        body(Strict, value="x")

    assert caught.value.argument == "Strict"


# --- a bare str where the spec wants a list ---------------------------------------------------


def sequence_parameters() -> list[tuple[str, str]]:
    """Every (method, parameter) annotated Sequence[...], named or in a **params TypedDict."""
    found = []
    for name in public_methods():
        function = getattr(AsyncAurous, name)
        for parameter in inspect.signature(function).parameters.values():
            annotation = str(parameter.annotation)
            if annotation.startswith("Sequence["):
                found.append((name, parameter.name))
            match = re.fullmatch(r"Unpack\[(\w+)\]", annotation)
            if match:
                typed = {"ImageParams": ImageParams, "VideoParams": VideoParams}.get(match[1], {})
                for field, hint in getattr(typed, "__annotations__", {}).items():
                    # Hand-written fields say Sequence[...]; generated ones (the spec's) list[...].
                    if getattr(hint, "__forward_arg__", str(hint)).startswith(
                        ("Sequence[", "list[")
                    ):
                        found.append((name, field))
    return found


def test_sequence_parameters_are_found() -> None:
    """The dynamic list holds every array argument the issue names."""
    names = {parameter for _, parameter in sequence_parameters()}

    assert {
        "upload_ids",
        "group_by",
        "events",
        "reference_image_urls",
        "status",
        "type",
        "api_key_id",
        "user_id",
    } <= names


@pytest.mark.parametrize("bare", ["image.completed", b"upl_abc"], ids=["str", "bytes"])
@pytest.mark.parametrize(("method", "parameter"), sequence_parameters())
@pytest.mark.respx(assert_all_called=False)
async def test_bare_str_for_a_list_is_rejected(
    client: AsyncAurous,
    api: respx.Route,
    method: str,
    parameter: str,
    bare: str | bytes,
    tmp_path: Path,
) -> None:
    """A str or bytes where a list is wanted raises InvalidArgumentError naming it; no request."""
    args, kwargs = required_arguments(method, tmp_path)
    kwargs[parameter] = bare

    with pytest.raises(InvalidArgumentError) as caught:
        await invoke(getattr(client, method)(*args, **kwargs))

    assert caught.value.argument == parameter
    assert "wrap it: [value]" in str(caught.value)
    assert not api.called


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        pytest.param(lambda c: c.create_character(name="M", upload_ids=5), "upload_ids", id="int"),
        pytest.param(
            lambda c: c.create_character(name="M", upload_ids=[5]), "upload_ids", id="int-item"
        ),
        pytest.param(
            lambda c: c.get_usage(start_time=START, status={"a": 1}), "status", id="mapping"
        ),
        pytest.param(
            lambda c: c.create_webhook_endpoint(url="https://h.test", events=["image.done"]),
            "events[0]",
            id="unknown-event",
        ),
    ],
)
@pytest.mark.respx(assert_all_called=False)
async def test_list_arguments_check_their_shape(
    client: AsyncAurous, api: respx.Route, call: Callable[[AsyncAurous], Any], argument: str
) -> None:
    """A non-list, or a list with a wrong item, raises InvalidArgumentError naming it."""
    with pytest.raises(InvalidArgumentError) as caught:
        await invoke(call(client))

    assert caught.value.argument == argument
    assert not api.called


@pytest.mark.respx(base_url=BASE_URL)
async def test_tuple_of_upload_ids_is_sent_as_a_list(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A tuple is a fine sequence: it goes out as a JSON array."""
    route = respx_mock.post("/v1/characters").respond(201, json=character_json())

    await client.create_character(name="Mia", upload_ids=("upl_a", "upl_b"))

    import json

    assert json.loads(route.calls.last.request.content)["upload_ids"] == ["upl_a", "upl_b"]


# --- wrong scalar types ------------------------------------------------------------------------

Call = Callable[[AsyncAurous], Any]

WRONG_TYPES: list[Any] = [
    pytest.param(lambda c: c.create_character(name="M", attributes=5), "attributes", id="attrs"),
    pytest.param(lambda c: c.create_character(name=None), "name", id="required-none"),
    pytest.param(lambda c: c.create_character(name=5), "name", id="name-int"),
    pytest.param(lambda c: c.create_character(name="M", generate="yes"), "generate", id="bool-str"),
    pytest.param(
        lambda c: c.update_character(CHAR_ID, attributes={"age": "old"}),
        "attributes.age",
        id="nested",
    ),
    pytest.param(
        lambda c: c.create_webhook_endpoint(url="https://h.test", events=["*"], metadata=5),
        "metadata",
        id="webhook-metadata",
    ),
    pytest.param(
        lambda c: c.upload_file(b"png", purpose="reference", metadata=5),
        "metadata",
        id="file-metadata",
    ),
    pytest.param(
        lambda c: c.upload_file(b"png", purpose="reference", metadata={"a": object()}),
        "metadata",
        id="file-metadata-unserialisable",
    ),
    pytest.param(lambda c: c.upload_file(b"png", purpose="avatar"), "purpose", id="purpose"),
    pytest.param(lambda c: c.create_image(prompt=5), "prompt", id="prompt-int"),
    pytest.param(lambda c: c.create_image(prompt="p", width="512"), "width", id="width-str"),
    pytest.param(lambda c: c.create_image(prompt="p", count=True), "count", id="count-bool"),
    pytest.param(
        lambda c: c.create_image(prompt="p", guidance_scale=math.nan),
        "guidance_scale",
        id="float-nan",
    ),
    pytest.param(
        lambda c: c.create_video(video_lora_id="l", resolution="4k"), "resolution", id="enum"
    ),
    pytest.param(lambda c: c.regenerate_character_ref(CHAR_ID, pose="sideways"), "pose", id="pose"),
    pytest.param(lambda c: c.get_character(5), "id", id="id-int"),
    pytest.param(lambda c: c.list_characters(limit="5"), "limit", id="query-limit-str"),
    pytest.param(lambda c: c.list_characters(limit=True), "limit", id="query-limit-bool"),
    pytest.param(lambda c: c.list_images(starting_after=5), "starting_after", id="cursor-int"),
    pytest.param(
        lambda c: c.delete_character(CHAR_ID, missing_ok="yes"), "missing_ok", id="flag-str"
    ),
    pytest.param(
        lambda c: c.wait_for_image(CHAR_ID, poll_interval="2"), "poll_interval", id="wait-str"
    ),
    pytest.param(
        lambda c: c.wait_for_character(CHAR_ID, max_wait=math.nan), "max_wait", id="wait-nan"
    ),
    pytest.param(lambda c: c.download_image_output(CHAR_ID, n=True), "n", id="n-bool"),
    pytest.param(lambda c: c.get_character(CHAR_ID, timeout="5"), "timeout", id="timeout-str"),
    pytest.param(lambda c: c.get_character(CHAR_ID, timeout=True), "timeout", id="timeout-bool"),
    pytest.param(lambda c: c.get_character(CHAR_ID, timeout=-1), "timeout", id="timeout-neg"),
    pytest.param(lambda c: c.get_character(CHAR_ID, timeout=math.nan), "timeout", id="nan"),
    pytest.param(
        lambda c: c.get_character(CHAR_ID, timeout=httpx.Timeout(5, read=-1)),
        "timeout.read",
        id="timeout-phase-neg",
    ),
    pytest.param(
        lambda c: c.get_character(CHAR_ID, timeout=httpx.Timeout(math.nan)),
        "timeout.connect",
        id="timeout-phase-nan",
    ),
    pytest.param(lambda c: c.get_character(CHAR_ID, max_retries=True), "max_retries", id="bool"),
    pytest.param(lambda c: c.get_character(CHAR_ID, max_retries=101), "max_retries", id="101"),
    pytest.param(lambda c: c.get_character(CHAR_ID, max_retries=10**100), "max_retries", id="huge"),
    pytest.param(
        lambda c: c.get_character(CHAR_ID, idempotency_key=5), "idempotency_key", id="key-int"
    ),
    pytest.param(
        lambda c: c.create_image(prompt="p", idempotency_key="clé-1"),
        "idempotency_key",
        id="key-non-ascii",
    ),
    pytest.param(
        lambda c: c.get_character(CHAR_ID, extra_headers=[("X-A", "1")]),
        "extra_headers",
        id="headers-list",
    ),
]


@pytest.mark.parametrize(("call", "argument"), WRONG_TYPES)
@pytest.mark.respx(assert_all_called=False)
async def test_wrong_type_is_invalid_argument_before_sending(
    client: AsyncAurous, api: respx.Route, call: Call, argument: str
) -> None:
    """A wrong type raises InvalidArgumentError naming the argument; nothing is sent."""
    with pytest.raises(InvalidArgumentError) as caught:
        await invoke(call(client))

    assert type(caught.value) is InvalidArgumentError
    assert caught.value.argument == argument
    assert str(caught.value).startswith(f"{argument}: ")
    assert not api.called


def test_invalid_argument_error_is_an_aurous_error() -> None:
    """InvalidArgumentError is both an AurousError and a ValueError."""
    assert issubclass(InvalidArgumentError, AurousError)
    assert issubclass(InvalidArgumentError, ValueError)


def test_invalid_argument_error_pickles() -> None:
    """An InvalidArgumentError survives a pickle round trip with its argument and message."""
    import pickle

    error = pickle.loads(pickle.dumps(InvalidArgumentError("timeout", "must be seconds")))

    assert (error.argument, str(error)) == ("timeout", "timeout: must be seconds")


@pytest.mark.parametrize("timeout", [None, math.inf], ids=["none", "inf"])
@pytest.mark.respx(base_url=BASE_URL)
async def test_timeout_none_or_inf_means_no_timeout(
    client: AsyncAurous, respx_mock: respx.MockRouter, timeout: float | None
) -> None:
    """timeout=None (or infinity) is still accepted and sends with no timeout at all."""
    route = respx_mock.get(f"/v1/characters/{CHAR_ID}").respond(200, json=character_json())

    await client.get_character(CHAR_ID, timeout=timeout)

    assert route.calls.last.request.extensions["timeout"] == {
        "connect": None,
        "read": None,
        "write": None,
        "pool": None,
    }


CONSTRUCTOR_ERRORS: list[Any] = [
    pytest.param({"timeout": "5"}, "timeout", id="timeout-str"),
    pytest.param({"timeout": -1}, "timeout", id="timeout-neg"),
    pytest.param({"timeout": math.nan}, "timeout", id="timeout-nan"),
    pytest.param({"timeout": httpx.Timeout(5, pool=-2)}, "timeout.pool", id="timeout-phase"),
    pytest.param({"max_retry_wait": -1}, "max_retry_wait", id="wait-neg"),
    pytest.param({"max_retry_wait": "60"}, "max_retry_wait", id="wait-str"),
    pytest.param({"max_retry_wait": math.nan}, "max_retry_wait", id="wait-nan"),
    pytest.param({"max_retries": True}, "max_retries", id="retries-bool"),
    pytest.param({"max_retries": 101}, "max_retries", id="retries-huge"),
    pytest.param({"max_retries": -1}, "max_retries", id="retries-neg"),
    pytest.param({"max_concurrency": True}, "max_concurrency", id="concurrency-bool"),
    pytest.param({"max_concurrency": 0}, "max_concurrency", id="concurrency-zero"),
    pytest.param({"api_key": "al_live_clé"}, "api_key", id="key-non-ascii"),
]


@pytest.mark.parametrize(("kwargs", "argument"), CONSTRUCTOR_ERRORS)
def test_constructor_rejects_bad_numbers(kwargs: dict[str, Any], argument: str) -> None:
    """A bad constructor argument raises InvalidArgumentError naming it."""
    kwargs = {"api_key": API_KEY, **kwargs}

    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(**kwargs)

    assert caught.value.argument == argument
    assert "clé" not in str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        pytest.param({"timeout": -1}, "timeout", id="timeout"),
        pytest.param({"max_retries": 101}, "max_retries", id="retries"),
        pytest.param({"max_retries": False}, "max_retries", id="retries-bool"),
    ],
)
async def test_with_options_rejects_bad_numbers(
    client: AsyncAurous, kwargs: dict[str, Any], argument: str
) -> None:
    """with_options checks its numbers like the constructor."""
    with pytest.raises(InvalidArgumentError) as caught:
        client.with_options(**kwargs)

    assert caught.value.argument == argument


async def test_max_retries_up_to_the_cap_is_accepted() -> None:
    """max_retries=100 is the largest accepted value."""
    async with AsyncAurous(api_key=API_KEY, max_retries=100) as client:
        assert client.max_retries == 100


# --- header names and values, as h11 would check them ----------------------------------------

SECRET = "sk_live_s3cr3t_value"
H11_VALUE = re.compile(h11._abnf.field_value.encode("ascii"))
H11_NAME = re.compile(h11._abnf.field_name.encode("ascii"))

BAD_VALUES = [
    pytest.param(f" {SECRET}", id="leading-space"),
    pytest.param(f"{SECRET} ", id="trailing-space"),
    pytest.param(f"\t{SECRET}", id="leading-tab"),
    pytest.param(f"{SECRET}\t", id="trailing-tab"),
    pytest.param(f"{SECRET}\r\nX-Evil: 1", id="crlf"),
    pytest.param(f"{SECRET}\x00", id="nul"),
    pytest.param(f"{SECRET}é", id="latin-1"),
    pytest.param(f"{SECRET}日本", id="non-latin-1"),
]


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.respx(assert_all_called=False)
async def test_unsendable_extra_header_value_named_but_not_shown(
    client: AsyncAurous, api: respx.Route, value: str
) -> None:
    """An extra header value h11 (or ASCII encoding) refuses names the header, not the value."""
    with pytest.raises(InvalidArgumentError) as caught:
        await client.get_character(CHAR_ID, extra_headers={"X-Token": value})

    assert caught.value.argument == "extra_headers['X-Token']"
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)
    assert not api.called


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.respx(assert_all_called=False)
async def test_unsendable_idempotency_key_named_but_not_shown(
    client: AsyncAurous, api: respx.Route, value: str
) -> None:
    """An idempotency_key h11 would refuse raises InvalidArgumentError without its value."""
    with pytest.raises(InvalidArgumentError) as caught:
        await client.create_image(prompt="p", idempotency_key=value)

    assert caught.value.argument == "idempotency_key"
    assert SECRET not in str(caught.value)
    assert not api.called


@pytest.mark.parametrize("name", ["X Token", "X-Token:", "", "Ünï", "X-(a)", "X\r\nY"], ids=repr)
@pytest.mark.respx(assert_all_called=False)
async def test_extra_header_name_must_be_a_token(
    client: AsyncAurous, api: respx.Route, name: str
) -> None:
    """A header name that is not an RFC 7230 token is refused, like h11 does."""
    assert not H11_NAME.fullmatch(name.encode("utf-8"))

    with pytest.raises(InvalidArgumentError) as caught:
        await client.get_character(CHAR_ID, extra_headers={name: "v"})

    assert caught.value.argument == "extra_headers"
    assert not api.called


@pytest.mark.parametrize(
    "value",
    ["", "a", "a b", "a\tb", "x" * 300, " a", "a ", "\ta", "a\r", "a\nb", "a\x00", "a\x7f"],
    ids=repr,
)
def test_header_value_check_agrees_with_h11(value: str) -> None:
    """Whatever h11 refuses as a header value, the SDK refuses too (before sending)."""
    from aurous_async._validation import check_header_value

    h11_accepts = H11_VALUE.fullmatch(value.encode("ascii")) is not None
    try:
        check_header_value(value, "v")
    except InvalidArgumentError:
        accepted = False
    else:
        accepted = True

    assert h11_accepts or not accepted
    if value.isprintable() and h11_accepts:
        assert accepted


@pytest.mark.respx(base_url=BASE_URL)
async def test_inner_whitespace_in_a_header_value_is_sent(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """A value with inner spaces and tabs is valid and reaches the wire unchanged."""
    route = respx_mock.get(f"/v1/characters/{CHAR_ID}").respond(200, json=character_json())

    await client.get_character(CHAR_ID, extra_headers={"X-Trace": "a b\tc"})

    assert route.calls.last.request.headers["X-Trace"] == "a b\tc"


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("Host", "base_url"),
        ("content-length", "httpx"),
        ("TRANSFER-ENCODING", "httpx"),
        ("x-api-key", "api_key"),
        ("X-Api-Key", "api_key"),
        ("Aurous-Version", "api_version"),
        ("aurous-version", "api_version"),
    ],
)
@pytest.mark.respx(assert_all_called=False)
async def test_extra_headers_cannot_override_owned_headers(
    client: AsyncAurous, api: respx.Route, name: str, hint: str
) -> None:
    """extra_headers may not set a header the SDK or httpx owns; the message says what to use."""
    with pytest.raises(InvalidArgumentError) as caught:
        await client.get_character(CHAR_ID, extra_headers={name: "al_live_other"})

    assert caught.value.argument == f"extra_headers[{name!r}]"
    assert hint in str(caught.value)
    assert "al_live_other" not in str(caught.value)
    assert not api.called


@pytest.mark.respx(base_url=BASE_URL)
async def test_idempotency_key_in_extra_headers_is_the_callers_key(
    client: AsyncAurous, respx_mock: respx.MockRouter
) -> None:
    """An Idempotency-Key in extra_headers is used as the key where the operation takes one."""
    route = respx_mock.post("/v1/images").respond(
        201,
        json={
            "id": "img_1",
            "object": "inference",
            "status": "pending",
            "created_at": "2026-05-15T10:00:00Z",
        },
    )

    await client.create_image(prompt="p", extra_headers={"Idempotency-Key": "k-1"})

    assert route.calls.last.request.headers.get_list("Idempotency-Key") == ["k-1"]


# --- base_url --------------------------------------------------------------------------------

PASSWORD = "hunter2-pw"


@pytest.mark.parametrize(
    "url",
    [
        f"https://user:{PASSWORD}@api.aurous-labs.com",
        f"https://{PASSWORD}@api.aurous-labs.com",
        f"ftp://user:{PASSWORD}@api.aurous-labs.com",
        f"https://user:{PASSWORD}@api.aurous-labs.com:99999",
    ],
)
def test_base_url_with_userinfo_rejected_without_the_password(url: str) -> None:
    """A base_url carrying credentials is refused and the message never shows them."""
    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(api_key=API_KEY, base_url=url)

    assert caught.value.argument == "base_url"
    assert PASSWORD not in str(caught.value) and PASSWORD not in repr(caught.value)


def test_base_url_userinfo_from_environment_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    """AUROUS_BASE_URL with credentials is refused the same way."""
    monkeypatch.setenv("AUROUS_BASE_URL", f"https://u:{PASSWORD}@gw.example.test")

    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(api_key=API_KEY)

    assert PASSWORD not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://api.aurous-labs.com/?region=eu",
        "https://api.aurous-labs.com/?",
        "https://api.aurous-labs.com/#top",
        "https://api.aurous-labs.com#",
    ],
)
def test_base_url_with_query_or_fragment_rejected(url: str) -> None:
    """A query or fragment in base_url is refused."""
    with pytest.raises(InvalidArgumentError, match="query or a fragment") as caught:
        AsyncAurous(api_key=API_KEY, base_url=url)

    assert caught.value.argument == "base_url"


@pytest.mark.parametrize(
    ("url", "instead"),
    [
        ("https://api.aurous-labs.com/v1", "'https://api.aurous-labs.com'"),
        ("https://api.aurous-labs.com/v1/", "'https://api.aurous-labs.com'"),
        ("https://gw.example.test/aurous/v1", "'https://gw.example.test/aurous'"),
    ],
)
def test_base_url_ending_in_v1_says_what_to_pass(url: str, instead: str) -> None:
    """A base_url ending in /v1 (which would request /v1/v1/...) names the URL to pass."""
    with pytest.raises(InvalidArgumentError) as caught:
        AsyncAurous(api_key=API_KEY, base_url=url)

    assert caught.value.argument == "base_url"
    assert f"pass {instead} instead" in str(caught.value)


@pytest.mark.respx(assert_all_called=False)
async def test_base_url_with_a_path_prefix_still_works(respx_mock: respx.MockRouter) -> None:
    """A gateway prefix that does not end in /v1 is kept in front of every route."""
    route = respx_mock.get(f"https://gw.example.test/aurous/v1/characters/{CHAR_ID}").respond(
        200, json=character_json()
    )

    async with AsyncAurous(api_key=API_KEY, base_url="https://gw.example.test/aurous") as client:
        await client.get_character(CHAR_ID)

    assert route.called
