"""
Wire primitives of the fake: the parsed request, the response, the API error and its envelope,
and the body parsers (JSON objects, multipart forms).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

DOC_URL = "https://docs.aurous-labs.com/errors#{code}"

# Error `type` by HTTP status, per the /errors taxonomy (ERR-new).
_TYPES = {
    400: "invalid_request",
    401: "authentication",
    402: "invalid_request",
    403: "authentication",
    404: "not_found",
    405: "invalid_request",
    409: "invalid_request",
    410: "not_found",
    413: "invalid_request",
    416: "invalid_request",
    422: "invalid_request",
    429: "rate_limit",
    431: "invalid_request",
}

_REASONS = {
    100: "Continue",
    200: "OK",
    201: "Created",
    206: "Partial Content",
    302: "Found",
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    413: "Content Too Large",
    416: "Range Not Satisfiable",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def reason(status: int) -> str:
    """The reason phrase for *status* (empty for unusual codes such as 520)."""
    return _REASONS.get(status, "")


class DroppedConnection(Exception):
    """Raised by the app to close the connection without answering (fault injection)."""


class ApiError(Exception):
    """
    An answer in the documented error envelope; raised anywhere in a handler.
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        param: str | None = None,
        headers: dict[str, str] | None = None,
        with_param: bool = True,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.param = param
        self.headers = headers or {}
        # The documented 429 example has no `param` key at all; others carry it, maybe null.
        self.with_param = with_param

    def envelope(self, request_id: str) -> dict[str, Any]:
        """The JSON body: ``{"error": {type, code, message, param, doc_url, request_id}}``."""
        error: dict[str, Any] = {
            "type": _TYPES.get(self.status, "server_error"),
            "code": self.code,
            "message": self.message,
        }
        if self.with_param:
            error["param"] = self.param
        error["doc_url"] = DOC_URL.format(code=self.code)
        error["request_id"] = request_id
        return {"error": error}


def bad_request(code: str, message: str, param: str | None = None) -> ApiError:
    """A 400 with *code* and *param*."""
    return ApiError(400, code, message, param=param)


def not_found(what: str, param: str | None = None) -> ApiError:
    """The 404 that unknown, other-team and deleted resources share (no existence leak)."""
    return ApiError(404, "resource_not_found", f"No such {what}.", param=param)


@dataclass
class Request:
    """One HTTP request as the app sees it."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    base_url: str

    @classmethod
    def from_scope(cls, scope: Mapping[str, Any], body: bytes) -> Request:
        """Build from an ASGI HTTP scope; header names are lower-cased, repeats joined."""
        headers: dict[str, str] = {}
        for raw_name, raw_value in scope.get("headers", []):
            name = raw_name.decode("latin-1").lower()
            value = raw_value.decode("latin-1")
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        host = headers.get("host")
        if not host:
            server = scope.get("server") or ("localhost", None)
            host = server[0] if server[1] is None else f"{server[0]}:{server[1]}"
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        return cls(
            method=scope["method"].upper(),
            path=scope["path"],
            query=query,
            headers=headers,
            body=body,
            base_url=f"{scope.get('scheme', 'http')}://{host}",
        )

    def arg(self, name: str) -> str | None:
        """The last value of query parameter *name*."""
        found = None
        for key, value in self.query:
            if key == name:
                found = value
        return found

    def args(self, name: str) -> list[str]:
        """Every value of *name* (also ``name[]``), comma-separated values split."""
        values: list[str] = []
        for key, value in self.query:
            if key in (name, f"{name}[]"):
                values.extend(part for part in value.split(",") if part)
        return values

    def json(self, *, optional: bool = False) -> dict[str, Any]:
        """The body as a JSON object; an empty body is ``{}`` when *optional*."""
        if not self.body.strip():
            if optional:
                return {}
            raise bad_request("invalid_request", "A JSON request body is required.")
        try:
            data = json.loads(self.body)
        except (ValueError, RecursionError):
            # RecursionError: nesting deeper than the parser goes is not a JSON body we take.
            raise bad_request("invalid_request", "The request body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise bad_request("invalid_request", "The request body must be a JSON object.")
        return data


@dataclass
class Response:
    """One HTTP answer; ``headers`` keep their order and case."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, data: Any, status: int = 200) -> Response:
        """A JSON answer."""
        return cls(
            status,
            json.dumps(data, separators=(",", ":")).encode(),
            {"Content-Type": "application/json"},
        )

    @classmethod
    def error(cls, error: ApiError, request_id: str) -> Response:
        """The error envelope for *error*, with its extra headers."""
        response = cls.json(error.envelope(request_id), error.status)
        response.headers.update(error.headers)
        return response


@dataclass
class Part:
    """One field of a multipart form."""

    name: str
    data: bytes
    filename: str | None = None
    content_type: str | None = None


_DISPOSITION_PARAM = re.compile(r';\s*([a-zA-Z*]+)="((?:[^"\\]|\\.)*)"|;\s*([a-zA-Z*]+)=([^;\s]+)')


def parse_multipart(content_type: str, body: bytes) -> dict[str, Part]:
    """
    Parse a ``multipart/form-data`` body into its fields (the last of a repeated name wins).
    """
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not content_type.lower().startswith("multipart/form-data") or match is None:
        raise bad_request("invalid_request", "The request body must be multipart/form-data.")
    delimiter = b"--" + match.group(1).encode("latin-1")
    parts: dict[str, Part] = {}
    chunks = body.split(delimiter)
    if len(chunks) < 3:
        raise bad_request("invalid_request", "The multipart body has no parts.")
    for chunk in chunks[1:-1]:
        # Each part is "\r\n<headers>\r\n\r\n<data>\r\n" between two delimiters.
        chunk = chunk.removeprefix(b"\r\n").removesuffix(b"\r\n")
        head, sep, data = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise bad_request("invalid_request", "A multipart part has no header block.")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        params = {}
        for quoted_key, quoted, bare_key, bare in _DISPOSITION_PARAM.findall(
            headers.get("content-disposition", "")
        ):
            params[(quoted_key or bare_key).lower()] = quoted if quoted_key else bare
        if "name" not in params:
            continue
        parts[params["name"]] = Part(
            params["name"], data, params.get("filename"), headers.get("content-type")
        )
    return parts
