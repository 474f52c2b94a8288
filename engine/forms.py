"""JSON Schema forms: check a schema, validate task data with errors per field in Dutch."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, exceptions

from engine import text
from engine.errors import EkdError

if TYPE_CHECKING:
    from engine.domain_checks import Facts

_TYPES = {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "ja of nee",
          "array": "lijst", "object": "groep velden", "null": "leeg"}
# The formats ekd explains and the validator checks (jsonschema checks no 'uri' without extras).
FORMATS = {"date": "een datum (JJJJ-MM-DD)", "date-time": "een tijdstip", "email": "een e-mailadres",
           "time": "een tijd (UU:MM)"}


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: where (a dotted path), what (Dutch), and a code with its
    parameters, from which web/ says the same in another language."""

    field: str
    message: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)


class FormInvalid(EkdError):
    """Task data does not satisfy its form."""

    def __init__(self, errors: list[FieldError], form: str | None = None):
        self.errors = errors
        self.form = form
        listed = "; ".join(f"{e.field or '(formulier)'}: {e.message}" for e in errors)
        super().__init__(f"ongeldige gegevens{f' voor {form}' if form else ''}: {listed}")


def schema_problems(schema: Any) -> list[str]:
    """Return what makes `schema` an invalid JSON Schema (draft 2020-12); empty when valid."""
    if not isinstance(schema, dict):
        return ["een formulier moet een JSON-object zijn"]
    try:
        Draft202012Validator.check_schema(schema)
    except exceptions.SchemaError as error:
        where = "/".join(str(p) for p in error.absolute_path) or "(schema)"
        return [f"{where}: {error.message}"]
    if schema.get("type") != "object":
        return ["een formulier moet 'type': 'object' hebben"]
    return []


def errors(schema: dict, data: Any) -> list[FieldError]:
    """Return every problem of `data` against `schema`, one per field, in document order: what the
    schema says, and text holding characters ekd refuses (control characters, bidi overrides)."""
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    ranked = [(list(map(str, error.absolute_path)), problem)
              for error in validator.iter_errors(data) for problem in _explain(error, schema)]
    found: dict[str, FieldError] = {}
    for _where, problem in sorted([*ranked, *_unreadable(data)], key=lambda r: r[0]):
        found.setdefault(problem.field, problem)
    return list(found.values())


def _unreadable(data: Any) -> list[tuple[list[str], FieldError]]:
    # Any string may span lines: a schema does not say which fields are one line.
    found = []
    pending: list[tuple[Any, list]] = [(data, [])]
    while pending:
        node, where = pending.pop()
        if isinstance(node, str) and (refused := text.refused(node, multiline=True)) is not None:
            found.append((list(map(str, where)), FieldError(field_path(where), refused.reason, "characters",
                                                            refused.params)))
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and (refused := text.refused(key)) is not None:
                    shown = key.encode("unicode_escape").decode("ascii")
                    found.append((list(map(str, where)), FieldError(
                        field_path([*where, shown]), f"de naam van het veld {refused.reason}", "characters",
                        {**refused.params, "in_name": True})))
                pending.append((value, [*where, key]))
        elif isinstance(node, list):
            pending.extend((item, [*where, index]) for index, item in enumerate(node))
    return found


def validate(schema: dict, data: Any, form: str | None = None, facts: Facts | None = None) -> None:
    """Raise FormInvalid listing each field's problem when `data` does not fit `schema`: what the
    schema says first, then the domain checks the form declares (engine/domain_checks), against
    `facts` — the trajectory as the task sees it; without them only today and the codes count."""
    # Imported here: the domain checks build on this module's FieldError.
    from engine import domain_checks
    problems = errors(schema, data)
    taken = {e.field for e in problems}
    problems += [e for e in domain_checks.errors(schema, data, facts or domain_checks.Facts.now())
                 if e.field not in taken]
    if problems:
        raise FormInvalid(problems, form)


def field_path(parts) -> str:
    """The dotted path of a field (`rij[0].veld`) from its parts (`["rij", 0, "veld"]`)."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _explain(error: exceptions.ValidationError, schema: dict) -> list[FieldError]:
    keyword, value, where = error.validator, error.validator_value, list(error.absolute_path)
    if keyword == "required":
        missing = [name for name in value if isinstance(error.instance, dict) and name not in error.instance]
        return [FieldError(field_path([*where, name]), "is verplicht", "required") for name in missing]
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [name for name in error.instance if name not in allowed]
        return [FieldError(field_path([*where, name]), "is geen veld van dit formulier", "unknown")
                for name in extra]
    if keyword in ("anyOf", "oneOf") and all(isinstance(o, dict) and "const" in o for o in value):
        labels = [str(option.get("title", option["const"])) for option in value]
        return [FieldError(field_path(where), "moet een van deze waarden zijn: " + ", ".join(labels), "enum",
                           {"options": [option["const"] for option in value]})]
    if keyword in ("anyOf", "oneOf") and error.context:
        deepest = max(error.context, key=lambda e: len(e.absolute_path))
        return _explain(deepest, schema)
    return [FieldError(field_path(where), _message(keyword, value, error.instance), keyword, _params(keyword, value))]


def _params(keyword: str, value: Any) -> dict[str, Any]:
    if keyword == "type":
        return {"types": value if isinstance(value, list) else [value]}
    if keyword == "enum":
        return {"options": value}
    if keyword in ("const", "format"):
        return {keyword: value}
    if keyword in ("required", "additionalProperties", "uniqueItems", "pattern"):
        return {}
    return {"limit": value} if not isinstance(value, (dict, list)) else {"keyword": keyword}


def _message(keyword: str, value: Any, instance: Any) -> str:
    if keyword == "type":
        kinds = value if isinstance(value, list) else [value]
        return "moet " + " of ".join(_TYPES.get(k, k) for k in kinds) + " zijn"
    if keyword == "enum":
        return "moet een van deze waarden zijn: " + ", ".join(map(str, value))
    if keyword == "const":
        return f"moet {value!r} zijn"
    if keyword == "format":
        return f"moet {FORMATS.get(value, value)} zijn"
    if keyword == "minLength":
        return "mag niet leeg zijn" if value == 1 else f"moet minstens {value} tekens hebben"
    if keyword == "maxLength":
        return f"mag hoogstens {value} tekens hebben"
    if keyword == "minimum":
        return f"moet minstens {value} zijn"
    if keyword == "maximum":
        return f"mag hoogstens {value} zijn"
    if keyword == "exclusiveMinimum":
        return f"moet groter dan {value} zijn"
    if keyword == "exclusiveMaximum":
        return f"moet kleiner dan {value} zijn"
    if keyword == "minItems":
        return "kies of geef er minstens één" if value == 1 else f"moet minstens {value} items hebben"
    if keyword == "maxItems":
        return f"mag hoogstens {value} items hebben"
    if keyword == "uniqueItems":
        return "bevat dubbele waarden"
    if keyword == "pattern":
        return "heeft niet de juiste vorm"
    return f"voldoet niet ({keyword})"


def with_defaults(schema: dict, data: dict) -> dict:
    """Return `data` with each missing top-level field that has a `default` in the form set to
    it, so scripts can always read optional fields the guideline gives a default."""
    filled = dict(data)
    for name, field_schema in schema.get("properties", {}).items():
        if name not in filled and isinstance(field_schema, dict) and "default" in field_schema:
            filled[name] = json.loads(json.dumps(field_schema["default"]))
    return filled
