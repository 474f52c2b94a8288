"""The OpenAPI document of /api/v1, generated from the routes themselves.

Each API view carries its operation, written next to the route with `@operation(...)` (summary,
body, answer, statuses); the paths and path parameters come from the app's URL map; the schemas
from web/api/schemas.py. There is no second, hand-kept list of paths: a rule under /api/v1 without
an operation is simply missing from the document, and tests/web/test_openapi.py fails on it.
An area that writes its own entries instead plugs in a function with `extend` (called with the spec).
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema

from web.api import schemas as s
from web.config import PROJECT

PREFIX = "/api/v1/"
PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
VERSION = {"name": "version", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1},
           "description": "Een versie van het A-document (standaard: de huidige)"}
LOCATION = {"Location": {"description": "Waar het nieuwe te lezen is", "schema": {"type": "string"}}}
RETRY_AFTER = {"Retry-After": {"description": "Seconden tot een nieuwe poging kan", "schema": {"type": "integer"}}}
FORM_DATA = {"type": "object", "description": "De gegevens van het formulier: JSON Schema van de taak (form_schema)"}
_ARGUMENT = re.compile(r"<(?:([a-z]+)(?:\([^)]*\))?:)?([A-Za-z_][A-Za-z0-9_]*)>")
_EXTENSIONS: list[Callable[[APISpec], None]] = []


@dataclass(frozen=True)
class Operation:
    """What the document says about one method of one route."""

    summary: str
    ok: int = 200
    returns: str | dict | None = None        # a schema's name, a media-type map ({"application/pdf": {}}), or nothing
    many: bool = False
    body: str | dict | None = None           # a schema's name or a raw JSON Schema
    errors: tuple[int, ...] = (401, 403, 404)
    query: tuple[dict, ...] = ()
    public: bool = False
    headers: dict = field(default_factory=dict)               # of the answer that went well
    error_headers: dict[int, dict] = field(default_factory=dict)


def operation(summary: str, *, method: str | None = None, **details: Any) -> Callable:
    """Document the view it decorates (put it below the route). `method` is needed only where one
    view serves several methods, once per method."""
    def mark(view: Callable) -> Callable:
        view.__dict__.setdefault("openapi", {})[method] = Operation(summary, **details)
        return view
    return mark


def extend(add: Callable[[APISpec], None]) -> None:
    """Let an area add hand-written paths or schemas to the document."""
    if add not in _EXTENSIONS:
        _EXTENSIONS.append(add)


def query(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema or {"type": "string"},
            "description": description}


def _content(schema: str | dict, many: bool = False) -> dict:
    ref = {"$ref": f"#/components/schemas/{schema}"} if isinstance(schema, str) else schema
    return {"application/json": {"schema": {"type": "array", "items": ref} if many else ref}}


def path_of(rule: str) -> str:
    """The OpenAPI path of a Flask rule: /tasks/<task_id> → /tasks/{task_id}."""
    return _ARGUMENT.sub(lambda m: "{" + m.group(2) + "}", rule)


def _parameters(rule: str) -> list[dict]:
    kinds = {"int": {"type": "integer"}, "uuid": {"type": "string", "format": "uuid"}}
    return [{"name": name, "in": "path", "required": True, "schema": kinds.get(kind, {"type": "string"})}
            for kind, name in _ARGUMENT.findall(rule)]


def _render(op: Operation, rule: str) -> dict:
    out: dict[str, Any] = {"summary": op.summary, "responses": {}}
    parameters = _parameters(rule) + list(op.query)
    if parameters:
        out["parameters"] = parameters
    answer: dict[str, Any] = {"description": "Gedaan" if op.ok == 204 else "OK"}
    if op.returns is not None and op.ok != 204:
        answer["content"] = op.returns if isinstance(op.returns, dict) else _content(op.returns, op.many)
    if op.headers:
        answer["headers"] = op.headers
    out["responses"][str(op.ok)] = answer
    for status in op.errors:
        out["responses"][str(status)] = {"description": "Probleem", "content": PROBLEM,
                                         **({"headers": op.error_headers[status]} if status in op.error_headers
                                            else {})}
    if op.body is not None:
        out["requestBody"] = {"required": True, "content": _content(op.body)}
    if op.public:
        out["security"] = []
    return out


def _a_document_schema() -> dict:
    """The documented JSON schema of an A-document export (docs/a-document.schema.json)."""
    schema = json.loads((PROJECT / "docs" / "a-document.schema.json").read_text(encoding="utf-8"))
    return {key: value for key, value in schema.items() if key not in ("$schema", "$id")}


def operations(app: Flask) -> dict[str, dict[str, tuple[Operation, str]]]:
    """Every documented operation of the app: OpenAPI path → method → (operation, Flask rule)."""
    found: dict[str, dict[str, tuple[Operation, str]]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith(PREFIX):
            continue
        marks = getattr(app.view_functions[rule.endpoint], "openapi", None) or {}
        for method in sorted(set(rule.methods or ()) - {"HEAD", "OPTIONS"}):
            op = marks.get(method, marks.get(None))
            if op is not None:
                found.setdefault(path_of(rule.rule), {})[method.lower()] = (op, rule.rule)
    return found


def _build(app: Flask) -> dict:
    spec = APISpec(title="ekd API", version="1", openapi_version="3.1.0", plugins=[MarshmallowPlugin()],
                   info={"description": "Eén kind, één diagnose: kinderen, trajecten, hun team, taken, het "
                                        "A-document en hun geschiedenis; mensen en rollen voor de beheerder. "
                                        "Dezelfde use cases en regels als de pagina's."})
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for name, schema in sorted(vars(s).items()):
        # A schema nested in one registered before it is registered already, under its own name.
        if inspect.isclass(schema) and issubclass(schema, Schema) and schema.__module__ == s.__name__ \
                and name not in spec.components.schemas:
            spec.components.schema(name, schema=schema)
    spec.components.schema("ADocument", _a_document_schema())
    spec.options["security"] = [{"bearer": []}]
    for path, methods in operations(app).items():
        spec.path(path, operations={method: _render(op, rule) for method, (op, rule) in methods.items()})
    for add in _EXTENSIONS:
        add(spec)
    return spec.to_dict()


def document(app: Flask) -> dict:
    """The OpenAPI document of `app` (built once per app)."""
    built = app.extensions.get("ekd.openapi")
    if built is None:
        built = app.extensions["ekd.openapi"] = _build(app)
    return built
