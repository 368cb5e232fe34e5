"""
Report what changed in openapi.yaml against the committed spec, and which changes break callers.

``make spec-diff`` runs it, and ``make generate`` after every successful generation. It lists
operations, parameters, schema fields and enum values added or removed (and required flags and
types changed), marking each change that breaks callers:

- a removed operation, parameter or field; a changed type;
- a new required parameter or request field, or an optional one made required;
- a response field made optional (callers reading it may now get nothing);
- an enum value removed from a request, or added to a closed enum in a response (an SDK that
  checks the set rejects the new value; an ``anyOf`` with a plain string keeps the set open).

Not shipped in the wheel: a development tool only. No OpenAPI diff tool from a package registry
runs here on OpenAPI 3.1 (see CHANGELOG), hence this small one.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
REQUEST = "request"
RESPONSE = "response"
BOTH = frozenset({REQUEST, RESPONSE})
Spec = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    """One reported difference between two specs."""

    kind: str
    action: str
    subject: str
    breaking: bool = False
    detail: str = ""

    def line(self) -> str:
        """Render the change as one line of the report."""
        mark = "BREAKING" if self.breaking else "ok      "
        detail = f" ({self.detail})" if self.detail else ""
        return f"  {mark} {self.kind} {self.action}: {self.subject}{detail}"


@dataclass
class FieldInfo:
    """What the differ compares about one property (or a schema's own value)."""

    required: bool
    type: str
    enum: frozenset[str] | None = None
    open_enum: bool = False


@dataclass
class Usage:
    """Where a named schema is reached from: request or response side, by which operations."""

    contexts: set[str] = field(default_factory=set)
    closed_in: set[str] = field(default_factory=set)
    operations: set[str] = field(default_factory=set)


def ref_name(ref: str) -> str:
    """Return the last segment of a local ``$ref``."""
    return ref.rsplit("/", 1)[-1]


def resolve(spec: Spec, node: Any) -> Any:
    """Follow local ``$ref`` pointers (e.g. to components.parameters) to the node they name."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and "$ref" in node and node["$ref"] not in seen:
        seen.add(node["$ref"])
        target: Any = spec
        for part in str(node["$ref"]).lstrip("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        node = target
    return node


def is_plain_string(schema: Any) -> bool:
    """Tell whether a union branch accepts any string (which keeps an enum set open)."""
    if not isinstance(schema, Mapping) or "$ref" in schema or "enum" in schema:
        return False
    types = schema.get("type")
    return types == "string" or (isinstance(types, list) and "string" in types)


def type_of(schema: Any) -> str:
    """Summarise a schema's type as a short string, naming referenced schemas."""
    if not isinstance(schema, Mapping):
        return "any"
    if "$ref" in schema:
        return ref_name(schema["$ref"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return " | ".join(sorted(type_of(s) for s in schema[key]))
    if "allOf" in schema:
        return " & ".join(type_of(s) for s in schema["allOf"])
    types = schema.get("type", "any")
    text = " | ".join(sorted(types)) if isinstance(types, list) else str(types)
    if "array" in text and isinstance(schema.get("items"), Mapping):
        text = text.replace("array", f"array of {type_of(schema['items'])}")
    return text


def enum_of(schema: Any) -> tuple[frozenset[str] | None, bool]:
    """Return a schema's inline enum values (None without any) and whether the set is open."""
    if not isinstance(schema, Mapping):
        return None, False
    if "enum" in schema:
        return frozenset(str(v) for v in schema["enum"]), False
    for key in ("oneOf", "anyOf"):
        branches = schema.get(key) or []
        values = [enum_of(b)[0] for b in branches]
        if any(v is not None for v in values):
            found = frozenset().union(*(v for v in values if v is not None))
            return found, any(is_plain_string(b) for b in branches)
    return None, False


def flatten(
    spec: Spec, schema: Any, prefix: str = "", required: bool = True
) -> dict[str, FieldInfo]:
    """Map each property path of an inline schema (``a.b``, ``a[].b``) to what is compared."""
    out: dict[str, FieldInfo] = {}
    if not isinstance(schema, Mapping):
        return out
    enum, open_enum = enum_of(schema)
    out[prefix] = FieldInfo(required, type_of(schema), enum, open_enum)
    if "$ref" in schema and prefix:
        return out  # a named schema is reported under its own name
    parts = [resolve(spec, s) for s in schema.get("allOf", [])]
    parts.append(schema)
    for key in ("oneOf", "anyOf"):
        parts += [s for s in schema.get(key, []) if isinstance(s, Mapping) and "$ref" not in s]
    for part in parts:
        if not isinstance(part, Mapping):
            continue
        needed = set(part.get("required", []))
        for name, sub in (part.get("properties") or {}).items():
            path = f"{prefix}.{name}" if prefix else str(name)
            out.update(flatten(spec, sub, path, name in needed))
        items = part.get("items")
        if isinstance(items, Mapping) and "$ref" not in items and "properties" in items:
            for path, info in flatten(spec, items, f"{prefix}[]").items():
                if path != f"{prefix}[]":
                    out[path] = info
    return out


def operations(spec: Spec) -> dict[str, tuple[str, Mapping[str, Any], Mapping[str, Any]]]:
    """Map ``METHOD /path`` to (label, operation, path item)."""
    out = {}
    for path, item in (spec.get("paths") or {}).items():
        for method in METHODS:
            op = item.get(method) if isinstance(item, Mapping) else None
            if isinstance(op, Mapping):
                key = f"{method.upper()} {path}"
                out[key] = (op.get("operationId") or key, op, item)
    return out


def parameters(spec: Spec, op: Mapping[str, Any], item: Mapping[str, Any]) -> dict[str, Any]:
    """Map ``in name`` to the resolved parameter object (operation-level wins)."""
    out = {}
    for raw in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
        param = resolve(spec, raw)
        if isinstance(param, Mapping) and "name" in param:
            out[f"{param.get('in', 'query')} {param['name']}"] = param
    return out


def bodies(spec: Spec, op: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """Yield (side, location, schema) for each request and response body of an operation."""
    request = resolve(spec, op.get("requestBody"))
    if isinstance(request, Mapping):
        for media, content in (request.get("content") or {}).items():
            yield REQUEST, f"request body {media}", (content or {}).get("schema")
    for status, response in (op.get("responses") or {}).items():
        response = resolve(spec, response)
        if isinstance(response, Mapping):
            for media, content in (response.get("content") or {}).items():
                yield RESPONSE, f"response {status} {media}", (content or {}).get("schema")


def walk_refs(node: Any, open_ref: bool = False) -> Iterator[tuple[str, bool]]:
    """Yield (schema name, referenced through an open union) for every ``$ref`` under node."""
    if isinstance(node, Mapping):
        if "$ref" in node:
            yield ref_name(str(node["$ref"])), open_ref
        for key, value in node.items():
            if key in ("oneOf", "anyOf") and isinstance(value, list):
                opened = any(is_plain_string(b) for b in value)
                for branch in value:
                    yield from walk_refs(branch, opened)
            elif key != "$ref":
                yield from walk_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk_refs(value)


def usages(spec: Spec) -> dict[str, Usage]:
    """Find, for each named schema, which side and operations reach it through ``$ref``s."""
    schemas = (spec.get("components") or {}).get("schemas") or {}
    out: dict[str, Usage] = {}
    for label, op, item in operations(spec).values():
        roots: list[tuple[str, Any]] = [
            (REQUEST, p.get("schema")) for p in parameters(spec, op, item).values()
        ]
        roots += [(side, schema) for side, _, schema in bodies(spec, op)]
        for side, root in roots:
            stack = list(walk_refs(root))
            seen: set[tuple[str, bool]] = set()
            while stack:
                name, open_ref = stack.pop()
                if (name, open_ref) in seen:
                    continue
                seen.add((name, open_ref))
                usage = out.setdefault(name, Usage())
                usage.contexts.add(side)
                usage.operations.add(label)
                if not open_ref:
                    usage.closed_in.add(side)
                stack += walk_refs(schemas.get(name))
    return out


def compare_fields(
    subject: str,
    old: Mapping[str, FieldInfo],
    new: Mapping[str, FieldInfo],
    sides: frozenset[str] | set[str],
    closed_in: frozenset[str] | set[str],
    where: str,
) -> Iterator[Change]:
    """Compare the flattened fields of one schema location used on the given sides."""
    request, response = REQUEST in sides, RESPONSE in sides
    suffix = f"; {where}" if where else ""
    for path in sorted(old.keys() | new.keys()):
        name = f"{subject}.{path}" if path else subject
        a, b = old.get(path), new.get(path)
        if a is None and b is not None:
            if path:
                needed = "required" if b.required else "optional"
                yield Change(
                    "field", "added", name, request and b.required, f"{needed}, {b.type}{suffix}"
                )
            continue
        if b is None and a is not None:
            if path:
                who = "send or read" if request and response else "send" if request else "read"
                yield Change("field", "removed", name, True, f"callers may {who} it{suffix}")
            continue
        assert a is not None and b is not None
        if path and a.required != b.required:
            breaking = (request and b.required) or (response and not b.required)
            flip = "optional -> required" if b.required else "required -> optional"
            yield Change("field", "changed", name, breaking, f"{flip}{suffix}")
        if a.type != b.type:
            yield Change("field", "changed", name, True, f"type {a.type} -> {b.type}{suffix}")
        before, after = a.enum or frozenset(), b.enum or frozenset()
        closed = (response and not b.open_enum and RESPONSE in closed_in) if path else False
        if not path:
            closed = response and RESPONSE in closed_in
        for value in sorted(after - before):
            yield Change("enum value", "added", f"{name}: {value!r}", closed, where)
        for value in sorted(before - after):
            yield Change("enum value", "removed", f"{name}: {value!r}", request, where)


def used_by(names: Iterable[str]) -> str:
    """Name the operations a change touches, at most four of them."""
    ordered = sorted(names)
    if not ordered:
        return ""
    more = f" and {len(ordered) - 4} more" if len(ordered) > 4 else ""
    return "used by " + ", ".join(ordered[:4]) + more


def diff(old: Spec, new: Spec) -> list[Change]:
    """Return every change from the *old* spec to the *new* one."""
    changes: list[Change] = []
    old_ops, new_ops = operations(old), operations(new)
    for key in sorted(new_ops.keys() - old_ops.keys()):
        changes.append(Change("operation", "added", f"{key} ({new_ops[key][0]})"))
    for key in sorted(old_ops.keys() - new_ops.keys()):
        changes.append(Change("operation", "removed", f"{key} ({old_ops[key][0]})", True))
    for key in sorted(old_ops.keys() & new_ops.keys()):
        label, op, item = new_ops[key]
        _, old_op, old_item = old_ops[key]
        changes += diff_parameters(
            label, parameters(old, old_op, old_item), parameters(new, op, item)
        )
        old_bodies = {loc: (side, s) for side, loc, s in bodies(old, old_op)}
        new_bodies = {loc: (side, s) for side, loc, s in bodies(new, op)}
        for loc in sorted(old_bodies.keys() | new_bodies.keys()):
            side = (new_bodies.get(loc) or old_bodies[loc])[0]
            subject = f"{label} {loc}"
            if loc not in old_bodies:
                changes.append(Change("body", "added", subject, side == REQUEST))
            elif loc not in new_bodies:
                changes.append(Change("body", "removed", subject, True))
            else:
                sides = {side}
                changes += compare_fields(
                    subject,
                    flatten(old, old_bodies[loc][1]),
                    flatten(new, new_bodies[loc][1]),
                    sides,
                    sides,
                    "",
                )
    changes += diff_schemas(old, new)
    return changes


def diff_parameters(label: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    """Compare one operation's parameters (always sent by callers: the request side)."""
    for key in sorted(new.keys() - old.keys()):
        needed = bool(new[key].get("required"))
        detail = f"{'required' if needed else 'optional'}, {type_of(new[key].get('schema'))}"
        yield Change("parameter", "added", f"{label} {key}", needed, detail)
    for key in sorted(old.keys() - new.keys()):
        yield Change("parameter", "removed", f"{label} {key}", True, "callers may send it")
    for key in sorted(old.keys() & new.keys()):
        a = flatten({}, old[key].get("schema"), "", bool(old[key].get("required")))
        b = flatten({}, new[key].get("schema"), "", bool(new[key].get("required")))
        a_req, b_req = bool(old[key].get("required")), bool(new[key].get("required"))
        if a_req != b_req:
            flip = "optional -> required" if b_req else "required -> optional"
            yield Change("parameter", "changed", f"{label} {key}", b_req, flip)
        yield from compare_fields(f"{label} {key}", a, b, {REQUEST}, set(), "")


def diff_schemas(old: Spec, new: Spec) -> Iterator[Change]:
    """Compare named component schemas, judged by the side(s) each is used on."""
    old_schemas = (old.get("components") or {}).get("schemas") or {}
    new_schemas = (new.get("components") or {}).get("schemas") or {}
    old_use, new_use = usages(old), usages(new)
    for name in sorted(new_schemas.keys() - old_schemas.keys()):
        yield Change("schema", "added", name, False, used_by(new_use.get(name, Usage()).operations))
    for name in sorted(old_schemas.keys() - new_schemas.keys()):
        yield Change("schema", "removed", name, True, "callers may import its model")
    for name in sorted(old_schemas.keys() & new_schemas.keys()):
        a, b = old_use.get(name, Usage()), new_use.get(name, Usage())
        sides = (a.contexts | b.contexts) or set(BOTH)
        closed_in = (a.closed_in | b.closed_in) if (a.contexts | b.contexts) else set(BOTH)
        yield from compare_fields(
            name,
            flatten(old, old_schemas[name]),
            flatten(new, new_schemas[name]),
            sides,
            closed_in,
            used_by(a.operations | b.operations),
        )


def committed_spec(spec_path: Path, ref: str) -> str | None:
    """Return the spec's text at git *ref*, or None outside a git checkout or before a commit."""
    try:
        result = subprocess.run(
            ["git", "-C", str(spec_path.parent), "show", f"{ref}:./{spec_path.name}"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def report(old: Spec, new: Spec, base: str) -> tuple[list[str], list[Change]]:
    """Render the report lines comparing *old* (named *base*) with *new*."""
    changes = diff(old, new)
    old_version = (old.get("info") or {}).get("version")
    new_version = (new.get("info") or {}).get("version")
    if not changes and old_version == new_version:
        return [f"spec-diff: openapi.yaml has no API changes against {base}"], changes
    lines = [f"spec-diff: openapi.yaml against {base}"]
    if old_version != new_version:
        lines.append(f"  info.version {old_version} -> {new_version}")
    elif changes:
        lines.append(f"  info.version unchanged ({new_version}): bump it for a new contract")
    lines += [c.line() for c in changes]
    breaking = sum(c.breaking for c in changes)
    lines.append(f"{len(changes)} change(s), {breaking} breaking callers")
    return lines, changes


def main(argv: list[str] | None = None) -> int:
    """Print the report; exit 1 only for an unreadable spec or, if asked, a breaking change."""
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--spec", type=Path, default=Path("openapi.yaml"), help="the edited spec")
    parser.add_argument("--base", type=Path, help="compare with this file instead of git")
    parser.add_argument("--ref", default="HEAD", help="git revision of the base (default HEAD)")
    parser.add_argument("--fail-on-breaking", action="store_true", help="exit 1 if any breaks")
    args = parser.parse_args(argv)
    if args.base is not None:
        base_text: str | None = args.base.read_text(encoding="utf-8")
        base = str(args.base)
    else:
        base_text = committed_spec(args.spec, args.ref)
        base = f"git {args.ref}"
    if base_text is None:
        sys.stdout.write(
            f"spec-diff: no committed {args.spec.name} at {args.ref} to compare with\n"
        )
        return 0
    try:
        old = yaml.safe_load(base_text) or {}
        new = yaml.safe_load(args.spec.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        sys.stderr.write(f"spec-diff: cannot read the spec: {exc}\n")
        return 1
    lines, changes = report(old, new, base)
    sys.stdout.write("\n".join(lines) + "\n")
    return 1 if args.fail_on_breaking and any(c.breaking for c in changes) else 0


if __name__ == "__main__":
    sys.exit(main())
