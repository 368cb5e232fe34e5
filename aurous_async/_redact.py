"""
Copies of requests, responses and texts with every secret replaced by ``[redacted]``.

Whatever an exception or an `APIResponse` keeps goes through here, so that no repr, pickle
or copy of it shows the API key, an ``Authorization``/``Proxy-Authorization`` credential,
URL userinfo or a webhook signing secret (``whsec_...``).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable

import httpx

REDACTED = "[redacted]"
_REDACTED_BYTES = REDACTED.encode()

#: Request headers whose value is a credential whatever it looks like.
SENSITIVE_HEADERS = frozenset({"x-api-key", "authorization", "proxy-authorization", "cookie"})

# A webhook signing secret as the server prints it; the character class is wide on purpose
# (any token character), so an unusual secret alphabet is still covered.
_WEBHOOK_SECRET = re.compile(r"whsec_[A-Za-z0-9_\-+/=.~]+")
_WEBHOOK_SECRET_BYTES = re.compile(rb"whsec_[A-Za-z0-9_\-+/=.~]+")
# The user name and password of a URL in a text (a proxy's, in an error message).
_URL_USERINFO = re.compile(r"(?<=://)[^/?#@\s]+@")

Secrets = str | Iterable[str] | None


def secret_list(secrets: Secrets) -> list[str]:
    """
    Return *secrets* as a list of distinct non-empty strings, longest first.
    """
    if secrets is None:
        return []
    if isinstance(secrets, str):
        secrets = (secrets,)
    # Longest first, so a secret that contains another is replaced whole.
    found = {s for s in secrets if isinstance(s, str) and s and s != REDACTED}
    return sorted(found, key=len, reverse=True)


def redact_text(text: str, secrets: Secrets = None) -> str:
    """
    Return *text* with each of *secrets*, every URL's user name and password and every
    ``whsec_`` token replaced by ``[redacted]``.
    """
    for secret in secret_list(secrets):
        if secret in text:
            text = text.replace(secret, REDACTED)
    if "@" in text:
        text = _URL_USERINFO.sub(REDACTED + "@", text)
    return _WEBHOOK_SECRET.sub(REDACTED, text)


def redact_bytes(data: bytes, secrets: Secrets = None) -> bytes:
    """
    Return *data* with each of *secrets* (UTF-8) and every ``whsec_`` token replaced.
    """
    for secret in secret_list(secrets):
        encoded = secret.encode()
        if encoded in data:
            data = data.replace(encoded, _REDACTED_BYTES)
    return _WEBHOOK_SECRET_BYTES.sub(_REDACTED_BYTES, data)


def _contains_secret(data: bytes, secrets: list[str]) -> bool:
    return any(s.encode() in data for s in secrets) or bool(_WEBHOOK_SECRET_BYTES.search(data))


def request_secrets(request: httpx.Request | None) -> list[str]:
    """
    Return the credentials *request* carries: its API key, ``Authorization`` and
    ``Proxy-Authorization`` values (and their tokens or Basic passwords), its URL password
    (or a lone URL username, which is usually a token).
    """
    if request is None:
        return []
    found: list[str] = []
    for name, value in request.headers.multi_items():
        if name.lower() not in SENSITIVE_HEADERS or value == REDACTED:
            continue
        found.append(value)
        scheme, _, token = value.partition(" ")
        token = token.strip()
        if token:
            found.append(token)
            if scheme.lower() == "basic":
                try:
                    decoded = base64.b64decode(token, validate=True).decode()
                except (binascii.Error, UnicodeDecodeError):
                    continue
                found.append(decoded)
                _, _, password = decoded.partition(":")
                if password:
                    found.append(password)
    url = request.url
    if url.password:
        found.append(url.password)
    elif url.username:
        # A lone username in a URL is usually a token (https://TOKEN@host).
        found.append(url.username)
    return found


def request_of(response: httpx.Response) -> httpx.Request | None:
    """
    Return the request *response* answers, or ``None`` when none was attached.
    """
    try:
        return response.request
    except RuntimeError:
        return None


def _redact_headers(headers: httpx.Headers, secrets: list[str]) -> httpx.Headers:
    raw: list[tuple[bytes, bytes]] = []
    for name, value in headers.raw:
        if name.decode("latin-1").lower() in SENSITIVE_HEADERS:
            value = _REDACTED_BYTES
        else:
            value = redact_bytes(value, secrets)
        raw.append((name, value))
    return httpx.Headers(raw, encoding=headers.encoding)


def _redact_url(url: httpx.URL, secrets: list[str]) -> httpx.URL:
    if url.userinfo:
        url = url.copy_with(username=None, password=None)
    text = str(url)
    cleaned = redact_text(text, secrets)
    return url if cleaned == text else httpx.URL(cleaned)


def redact_request(request: httpx.Request, secrets: Secrets = None) -> httpx.Request:
    """
    Return a copy of *request* that is safe to show, pickle or keep.

    ``X-Api-Key``, ``Authorization``, ``Proxy-Authorization`` and ``Cookie`` read
    ``[redacted]``; any other header value, and the URL, have each of *secrets* (and the
    request's own credentials, see `request_secrets`) redacted; the URL loses its userinfo.
    The body is kept when it was read and holds no secret, else replaced by ``[redacted]``;
    a body never read (a streamed upload) stays unread in the copy.
    """
    found = secret_list([*secret_list(secrets), *request_secrets(request)])
    try:
        body: bytes | None = request.content
    except httpx.RequestNotRead:
        body = None
    if body is not None and _contains_secret(body, found):
        body = _REDACTED_BYTES
    # The timeout is kept for debugging; other extensions may hold live objects (callbacks).
    extensions: dict[str, object] = {}
    if "timeout" in request.extensions:
        extensions["timeout"] = request.extensions["timeout"]
    # stream= rather than content=, so httpx adds no header the original did not have.
    copy = httpx.Request(
        request.method,
        _redact_url(request.url, found),
        headers=_redact_headers(request.headers, found),
        stream=httpx.ByteStream(body or b""),
        extensions=extensions,
    )
    if body is not None:
        copy.read()
    return copy


def redact_response(response: httpx.Response, secrets: Secrets = None) -> httpx.Response:
    """
    Return a closed, self-contained copy of *response* that is safe to show, pickle or keep.

    Status, headers, extensions ``http_version``/``reason_phrase`` and the body (when it was
    read) are kept, the body with each secret redacted; ``request``, ``next_request`` and
    every ``history`` entry are redacted copies. The request's own credentials count as
    secrets too.
    """
    request = request_of(response)
    found = secret_list([*secret_list(secrets), *request_secrets(request)])
    try:
        body: bytes | None = response.content
    except httpx.ResponseNotRead:
        body = None
    extensions: dict[str, object] = {
        name: response.extensions[name]
        for name in ("http_version", "reason_phrase")
        if name in response.extensions
    }
    # Built without headers, then given them: Response(content=...) would otherwise try to
    # decode the already decoded body with the original Content-Encoding.
    copy = httpx.Response(
        response.status_code,
        stream=httpx.ByteStream(redact_bytes(body, found) if body is not None else b""),
        request=redact_request(request, found) if request is not None else None,
        extensions=extensions,
        history=[redact_response(item, found) for item in response.history],
        default_encoding=response.default_encoding,
    )
    if body is not None:
        copy.read()
    copy.headers = httpx.Headers(response.headers)
    if response.next_request is not None:
        copy.next_request = redact_request(response.next_request, found)
    try:
        copy.elapsed = response.elapsed
    except RuntimeError:
        pass
    return copy


def redact_response_in_place(response: httpx.Response, secrets: Secrets = None) -> httpx.Response:
    """
    Replace *response*'s ``request``, ``next_request`` and its history's requests by
    redacted copies, keeping the response itself (an unread stream stays readable).

    Returns *response*. Its body is left untouched: this is for answers handed to the
    caller, who may need it.
    """
    request = request_of(response)
    found = secret_list([*secret_list(secrets), *request_secrets(request)])
    if request is not None:
        response.request = redact_request(request, found)
    if response.next_request is not None:
        response.next_request = redact_request(response.next_request, found)
    for item in response.history:
        redact_response_in_place(item, found)
    return response


def redact_cause(exc: BaseException, api_key: str) -> None:
    """
    Replace the request an httpx error carries by a redacted copy: the error stays
    readable as our exception's ``__cause__``, but never with the key on it.
    """
    request = getattr(exc, "_request", None)
    if isinstance(exc, httpx.HTTPError) and isinstance(request, httpx.Request):
        exc.request = redact_request(request, api_key)
