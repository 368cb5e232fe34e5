"""
Checks on what we send, run before any request leaves the process.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import math
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from ._exceptions import AurousError

_VERSION_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Whitespace and C0/C1 control characters: never valid in an id or a header value we send.
_BAD_ID_CHARS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
# h11's grammar (h11._abnf): a name is an RFC 7230 token; a value has no leading or trailing
# space or tab. Values are also limited to printable ASCII plus inner tabs: httpx encodes str
# headers as ASCII, and other control characters are never meaningful in a header.
_HEADER_NAME_RE = re.compile(r"[-!#$%&'*+.^_`|~0-9a-zA-Z]+")
_HEADER_VALUE_RE = re.compile(r"(?:[\x21-\x7e]+(?:[ \t]+[\x21-\x7e]+)*)?")
# Headers the SDK or httpx own; extra_headers overriding them would corrupt the request or
# silently bypass the argument that sets them.
_RESERVED_HEADERS = {
    "host": "it is set from base_url",
    "content-length": "httpx sets it from the body",
    "transfer-encoding": "httpx sets it from the body",
    "x-api-key": "pass api_key to AsyncAurous instead",
    "aurous-version": "pass api_version instead",
}
#: The most retries a client or a call may ask for; more is a mistake, not a policy.
MAX_RETRIES_LIMIT = 100

C = TypeVar("C", bound=type)


class InvalidArgumentError(AurousError, ValueError):
    """
    An argument failed a check before anything was sent; ``argument`` names it.
    """

    def __init__(self, argument: str, problem: str) -> None:
        super().__init__(f"{argument}: {problem}")
        self.argument = argument

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.argument, str(self)), self.__dict__)


def _rebuild(cls: type[InvalidArgumentError], argument: str, text: str) -> InvalidArgumentError:
    error = cls.__new__(cls)
    ValueError.__init__(error, text)
    error.argument = argument
    return error


def type_name(value: object) -> str:
    """
    Name the type of *value* for a message (never the value: it may be a secret).
    """
    return type(value).__name__


def check_id(value: object, name: str = "id") -> str:
    """
    Return *value* if it is usable as a path segment id, else raise `InvalidArgumentError`.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(name, f"must be a str, got {type_name(value)}")
    if not value:
        raise InvalidArgumentError(name, "must not be empty")
    if _BAD_ID_CHARS.search(value):
        raise InvalidArgumentError(name, "must not contain whitespace or control characters")
    # httpx normalises dot segments, so ".." would silently reach another route.
    if value in (".", ".."):
        raise InvalidArgumentError(name, f"{value!r} is not a valid id")
    return value


def check_api_version(value: object, name: str = "api_version") -> str:
    """
    Return *value* if it is a real calendar date written YYYY-MM-DD, else raise.
    """
    if not isinstance(value, str) or not _VERSION_RE.fullmatch(value):
        raise InvalidArgumentError(name, f"must look like 2026-05-15, got {value!r}")
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidArgumentError(name, f"{value!r} is not a real calendar date") from None
    return value


def check_header_name(value: object, name: str) -> str:
    """
    Return *value* if h11 would accept it as a header name (an RFC 7230 token).
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(name, f"header names must be str, got {type_name(value)}")
    if not _HEADER_NAME_RE.fullmatch(value):
        raise InvalidArgumentError(
            name,
            "a header name must be non-empty ASCII letters, digits or !#$%&'*+-.^_`|~ "
            "(no spaces, colons, CR, LF or control characters)",
        )
    return value


def check_header_value(value: object, name: str) -> str:
    """
    Return *value* if h11 would send it as a header value; the message never shows it.

    Refused: CR, LF, NUL and other control characters, non-ASCII text, and leading or
    trailing spaces or tabs.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(name, f"must be a str, got {type_name(value)}")
    if _HEADER_VALUE_RE.fullmatch(value):
        return value
    if not value.isascii():
        raise InvalidArgumentError(name, "must be ASCII to be sent as a header")
    if value != value.strip(" \t"):
        raise InvalidArgumentError(name, "must not start or end with a space or tab")
    raise InvalidArgumentError(name, "must not contain CR, LF or control characters")


#: Refused in ``default_headers`` on top of what ``extra_headers`` refuses.
DEFAULT_ONLY = {
    "idempotency-key": "a key names one operation: pass idempotency_key (or extra_headers) "
    "per call",
}


def check_extra_headers(value: object) -> Mapping[str, str] | None:
    """
    Return per-call ``extra_headers`` if every name and value can be sent, else raise.

    Headers that the SDK or httpx set themselves cannot be overridden here.
    """
    return check_headers(value, "extra_headers")


def check_headers(
    value: object, argument: str, reserved: Mapping[str, str] | None = None
) -> Mapping[str, str] | None:
    """
    Return the header mapping *value* (``extra_headers``, ``default_headers``) if every name
    and value can be sent and none is one the SDK or httpx set themselves, else raise
    `InvalidArgumentError` naming *argument* and the header.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            argument, f"must be a mapping of header names to str, got {type_name(value)}"
        )
    for name, item in value.items():
        check_header_name(name, argument)
        reason = _RESERVED_HEADERS.get(name.lower())
        if reason is None and reserved is not None:
            reason = reserved.get(name.lower())
        if reason is not None:
            raise InvalidArgumentError(
                f"{argument}[{name!r}]", f"cannot be set in {argument}: {reason}"
            )
        check_header_value(item, f"{argument}[{name!r}]")
    return value


_QUERY_SCALARS = (str, int, float, bool)


def check_extra_query(value: object, argument: str = "extra_query") -> Mapping[str, Any] | None:
    """
    Return ``extra_query`` (or another query mapping, named *argument*) if it maps str
    names to str, int, float or bool values (or lists of them, sent as repeated
    parameters), else raise `InvalidArgumentError`.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            argument, f"must be a mapping of parameter names to values, got {type_name(value)}"
        )
    for name, item in value.items():
        if not isinstance(name, str) or not name:
            raise InvalidArgumentError(argument, "parameter names must be non-empty str")
        items = item if isinstance(item, list | tuple) else [item]
        for one in items:
            if not isinstance(one, _QUERY_SCALARS) or (
                isinstance(one, float) and not math.isfinite(one)
            ):
                raise InvalidArgumentError(
                    f"{argument}[{name!r}]",
                    f"must be a str, int, float, bool or a list of them, got {type_name(one)}",
                )
    return value


def check_extra_body(value: object) -> Mapping[str, Any] | None:
    """
    Return ``extra_body`` if it is a mapping with str keys that encodes as JSON (no NaN or
    infinity), else raise `InvalidArgumentError`.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            "extra_body", f"must be a mapping of field names to values, got {type_name(value)}"
        )
    import json

    for name, item in value.items():
        if not isinstance(name, str) or not name:
            raise InvalidArgumentError("extra_body", "field names must be non-empty str")
        try:
            json.dumps(item, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise InvalidArgumentError(
                f"extra_body[{name!r}]", f"cannot be sent as JSON: {exc}"
            ) from None
    return value


def check_idempotency_key(value: object) -> str:
    """
    Return an ``Idempotency-Key`` of 1 to 256 characters that h11 can send, else raise.
    """
    key = check_header_value(value, "idempotency_key")
    if not 1 <= len(key) <= 256:
        raise InvalidArgumentError("idempotency_key", "must be 1 to 256 characters")
    return key


def check_api_key(value: object, name: str = "api_key") -> str:
    """
    Return the key if it is non-empty ASCII free of whitespace and control characters.

    The message never includes the key itself.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(name, f"must be a str, got {type_name(value)}")
    if not value:
        raise InvalidArgumentError(name, "must not be empty")
    if _BAD_ID_CHARS.search(value):
        raise InvalidArgumentError(name, "must not contain whitespace or control characters")
    if not value.isascii():
        raise InvalidArgumentError(name, "must be ASCII to be sent as a header")
    return value


def check_max_retries(value: object, name: str = "max_retries") -> int:
    """
    Return *value* if it is an int from 0 to `MAX_RETRIES_LIMIT` (not a bool), else raise.
    """
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_RETRIES_LIMIT:
        raise InvalidArgumentError(
            name, f"must be an int from 0 to {MAX_RETRIES_LIMIT}, got {value!r}"
        )
    return value


def check_seconds(value: object, name: str, *, allow_inf: bool = True) -> float:
    """
    Return *value* if it is a non-negative number of seconds (not a bool, not NaN).
    """
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or math.isnan(value)
        or value < 0
        or (not allow_inf and math.isinf(value))
    ):
        raise InvalidArgumentError(name, f"must be a non-negative number of seconds, got {value!r}")
    return value


def checks_keywords(cls: C) -> C:
    """
    Make every public method of *cls* check its keyword arguments when called.

    A keyword the method does not take raises ``TypeError`` worded like Python's own, also
    for methods that gather options in ``**options: Unpack[...]`` (which would otherwise
    accept anything). A parameter annotated ``Sequence[...]`` refuses a bare ``str`` or
    ``bytes``, which would otherwise be sent one character per item; one annotated with
    plain scalars (``int | None``, ``str``, ``float``, ``bool``) refuses other types.
    """
    for attr, function in list(vars(cls).items()):
        if attr.startswith("_") or not inspect.isfunction(function):
            continue
        setattr(cls, attr, _keyword_checked(function))
    return cls


def _keyword_checked(function: Callable[..., Any]) -> Callable[..., Any]:
    from . import _types

    code = function.__code__
    named = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    allowed = set(named)
    annotations: dict[str, Any] = function.__annotations__
    if code.co_flags & inspect.CO_VARKEYWORDS:
        varargs = bool(code.co_flags & inspect.CO_VARARGS)
        gathered = annotations.get(code.co_varnames[len(named) + varargs])
        match = re.fullmatch(r"Unpack\[(\w+)\]", str(gathered))
        if match is None:
            raise TypeError(f"{function.__name__}: **kwargs must be Unpack[<a TypedDict>]")
        allowed |= set(getattr(_types, match.group(1)).__annotations__)
    # (name, positional slot counting self or None, check) for each annotation we can check.
    checks: list[tuple[str, int | None, Callable[[object, str], object]]] = []
    for name, annotation in annotations.items():
        check_value = _annotation_check(str(annotation))
        if name in named and check_value is not None:
            index = named.index(name)
            checks.append((name, index if index < code.co_argcount else None, check_value))
    method = function.__name__

    def check(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        for key in kwargs:
            if key not in allowed:
                raise TypeError(f"{method}() got an unexpected keyword argument {key!r}")
        for name, index, check_value in checks:
            if name in kwargs:
                check_value(kwargs[name], name)
            elif index is not None and index < len(args):
                check_value(args[index], name)

    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def checked_async(*args: Any, **kwargs: Any) -> Any:
            check(args, kwargs)
            return await function(*args, **kwargs)

        return checked_async

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check(args, kwargs)
        return function(*args, **kwargs)

    return checked


_SCALARS = {"str": "a str", "int": "an int", "float": "a number", "bool": "a bool"}


def _annotation_check(annotation: str) -> Callable[[object, str], object] | None:
    """
    A check for a parameter annotated with *annotation*, or ``None`` if it is not simple.

    Handled: ``Sequence[...]`` (optionally ``| None``) and unions of str, int, float, bool
    and None; anything else (literals, models, paths) is left to deeper checks.
    """
    atoms = [atom.strip() for atom in annotation.split("|")]
    if atoms[0].startswith("Sequence[") and set(atoms[1:]) <= {"None"}:
        of_str = atoms[0] == "Sequence[str]"
        return lambda value, name: check_sequence(value, name, of_str=of_str)
    kinds = frozenset(atoms)
    if not kinds <= {*_SCALARS, "None"}:
        return None
    wanted = " or ".join(_SCALARS[atom] for atom in atoms if atom in _SCALARS)
    if "None" in kinds:
        wanted += " or None"

    def check_scalar(value: object, name: str) -> object:
        if value is None:
            fits = "None" in kinds
        elif isinstance(value, bool):
            fits = "bool" in kinds
        elif isinstance(value, int):
            fits = "int" in kinds or "float" in kinds
        elif isinstance(value, float):
            fits = "float" in kinds and not math.isnan(value)
        else:
            fits = isinstance(value, str) and "str" in kinds
        if not fits:
            shown = "NaN" if isinstance(value, float) else type_name(value)
            raise InvalidArgumentError(name, f"must be {wanted}, got {shown}")
        return value

    return check_scalar


def check_sequence(value: object, name: str, *, of_str: bool = True) -> object:
    """
    Return *value* if it is ``None`` or a collection (of str if *of_str*), not a bare str.
    """
    if value is None:
        return value
    if isinstance(value, str | bytes | bytearray):
        raise InvalidArgumentError(
            name, f"must be a list, got a single {type_name(value)}; wrap it: [value]"
        )
    if not isinstance(value, Collection) or isinstance(value, Mapping):
        raise InvalidArgumentError(name, f"must be a list, got {type_name(value)}")
    for item in value if of_str else ():
        if not isinstance(item, str):
            raise InvalidArgumentError(name, f"items must be str, got {type_name(item)}")
    return value


class FieldKind:
    """
    How one field of a generated request model is checked: its attrs type, parsed once.
    """

    __slots__ = ("required", "_type")

    def __init__(self, annotation: str) -> None:
        atoms = [atom.strip() for atom in annotation.split("|")]
        self.required = "Unset" not in atoms and "None" not in atoms
        rest = [atom for atom in atoms if atom not in ("Unset", "None")]
        self._type = rest[0] if len(rest) == 1 else "Any"

    def check(self, value: object, name: str) -> object:
        """
        Return *value* if it fits the field's type, else raise `InvalidArgumentError`.
        """
        return _check_typed(value, self._type, name)


_FIELD_KINDS: dict[type, dict[str, FieldKind]] = {}


def field_kinds(model: type) -> dict[str, FieldKind]:
    """
    The checkable fields of a generated attrs model, by name (cached per model).
    """
    kinds = _FIELD_KINDS.get(model)
    if kinds is None:
        import attrs

        kinds = _FIELD_KINDS[model] = {
            field.name: FieldKind(str(field.type))
            for field in attrs.fields(model)
            if field.name != "additional_properties"
        }
    return kinds


def _check_typed(value: object, annotation: str, name: str) -> object:
    if annotation == "str":
        if not isinstance(value, str):
            raise InvalidArgumentError(name, f"must be a str, got {type_name(value)}")
    elif annotation == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidArgumentError(name, f"must be an int, got {type_name(value)}")
    elif annotation == "float":
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise InvalidArgumentError(name, f"must be a number, got {type_name(value)}")
        if not math.isfinite(value):
            raise InvalidArgumentError(name, f"must be a finite number, got {value!r}")
    elif annotation == "bool":
        if not isinstance(value, bool):
            raise InvalidArgumentError(name, f"must be a bool, got {type_name(value)}")
    elif annotation.startswith("list[") and annotation.endswith("]"):
        if isinstance(value, str | bytes | bytearray):
            raise InvalidArgumentError(
                name, f"must be a list, got a single {type_name(value)}; wrap it: [value]"
            )
        if not isinstance(value, list):
            raise InvalidArgumentError(name, f"must be a list, got {type_name(value)}")
        for index, item in enumerate(value):
            _check_typed(item, annotation[5:-1], f"{name}[{index}]")
    elif annotation.isidentifier():
        _check_named(value, annotation, name)
    return value


def _check_named(value: object, annotation: str, name: str) -> None:
    import typing

    from ._generated import models

    target = getattr(models, annotation, None)
    if typing.get_origin(target) is typing.Literal:
        choices = typing.get_args(target)
        if value not in choices or not isinstance(value, str):
            listed = ", ".join(repr(choice) for choice in sorted(choices))
            raise InvalidArgumentError(name, f"must be one of {listed}, got {value!r}")
    elif isinstance(target, type) and hasattr(target, "from_dict"):
        # Nested models arrive as dicts (see _base._plain); unknown keys are the spec's
        # additional properties and pass through.
        if not isinstance(value, dict):
            raise InvalidArgumentError(
                name, f"must be a mapping or {annotation}, got {type_name(value)}"
            )
        kinds = field_kinds(target)
        for key, item in value.items():
            kind = kinds.get(key)
            if kind is not None and item is not None:
                kind.check(item, f"{name}.{key}")
