"""What an API request brings: a JSON body read by its marshmallow schema, or a form's data as an
object. A body that does not fit is a 422 with one error per field (web/app.py makes it problem+json)."""

from __future__ import annotations

from typing import Any

from flask import request
from marshmallow import Schema, ValidationError

from engine.errors import EkdError


class InvalidBody(EkdError):
    """The request body does not fit its schema: `errors` names each field."""

    def __init__(self, errors: list[dict[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))


def _flatten(messages: Any, where: str = "") -> list[dict[str, str]]:
    """marshmallow's nested messages as (field path, message): `vertegenwoordigers[0].naam`."""
    if isinstance(messages, dict):
        found = []
        for key, value in messages.items():
            if isinstance(key, int):
                path = f"{where}[{key}]"
            else:
                path = f"{where}.{key}" if where else (str(key) if key != "_schema" else "(body)")
            found += _flatten(value, path)
        return found
    texts = [str(m) for m in messages] if isinstance(messages, list) else [str(messages)]
    code = "required" if any(t.startswith("Missing data") for t in texts) else \
        "unknown" if any(t == "Unknown field." for t in texts) else "invalid"
    return [{"field": where or "(body)", "message": "; ".join(texts), "code": code}]


def body(schema: type[Schema]) -> dict[str, Any]:
    """The JSON body loaded by `schema`; InvalidBody naming each field that does not fit."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidBody([{"field": "(body)", "message": "stuur een JSON-object", "code": "type"}])
    try:
        return schema().load(data)
    except ValidationError as invalid:
        raise InvalidBody(_flatten(invalid.messages)) from None


def form_data() -> dict[str, Any]:
    """A form's data as a JSON object (checked against the form by the use case, not here)."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidBody([{"field": "(body)", "message": "stuur de gegevens van het formulier als JSON-object",
                            "code": "type"}])
    return data
