"""What a form may say so that the task page honours it: only keywords ekd's form renderer
(web/formrender.py) draws or ekd's validator explains next to a field, patterns browsers accept,
formats ekd checks, and ekd's own keywords used as engine/domain_checks expects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from engine import domain_checks, forms
from engine.domain_checks.keywords import KEYWORDS
from engine.guidelines import patterns

RENDERER = "web/formrender.py"
ANNOTATIONS = frozenset({"title", "description", "default", "examples", "$comment", "readOnly"})
# Per kind of field, the keywords the renderer draws (as inputs, choices, browser hints) or the
# validator explains next to the field.
FIELD = frozenset({"type", *ANNOTATIONS, *KEYWORDS})
BY_TYPE = {
    "object": frozenset({"properties", "required", "additionalProperties", "allOf"}),
    "array": frozenset({"items", "minItems", "maxItems", "uniqueItems"}),
    "string": frozenset({"minLength", "maxLength", "pattern", "format", "enum", "oneOf", "anyOf"}),
    "integer": frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}),
    "number": frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}),
    "boolean": frozenset(),
}
ROOT = frozenset({"$schema", "$id"})
# A conditional requirement: `allOf` of {"if": fields have values, "then": fields are required}.
CONDITION = frozenset({"const", "enum"})
REQUIREMENT = frozenset({"minLength", "minItems"})


def problems(schema: dict) -> list[str]:
    """Every reason, as "JSON pointer: why", that the task page would not honour `schema`."""
    found = [f"{pointer}: {why}" for pointer, why in _drawn(schema, "", root=True)]
    found += [f"{pointer}: {why}" for pointer, why in domain_checks.keyword_problems(schema)]
    return found


def _drawn(node: Any, pointer: str, root: bool = False) -> Iterator[tuple[str, str]]:
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if not isinstance(kind, str) or kind not in BY_TYPE:
        yield f"{pointer}/type", (f"een veld heeft één type nodig ({', '.join(BY_TYPE)}); {RENDERER} tekent "
                                  f"{kind!r} niet")
        return
    allowed = FIELD | BY_TYPE[kind] | (ROOT if root else frozenset())
    for key, value in node.items():
        if key.startswith("x-ekd-"):
            continue                      # ekd's own keywords: domain_checks.keyword_problems
        if key not in allowed:
            yield f"{pointer}/{key}", _undrawn(key, kind)
        elif key in ("oneOf", "anyOf") and not _choice_list(value):
            yield f"{pointer}/{key}", (f"{RENDERER} tekent '{key}' enkel als keuzelijst van "
                                       "{\"const\", \"title\"}-opties")
        elif key == "additionalProperties" and not isinstance(value, bool):
            yield f"{pointer}/{key}", f"{RENDERER} tekent geen extra velden volgens een schema; gebruik true of false"
        elif key == "allOf":
            yield from _conditions(node, value, f"{pointer}/allOf")
        elif key == "format" and value not in forms.FORMATS:
            yield f"{pointer}/format", (f"de vorm '{value}' controleert ekd niet (gekend: {', '.join(forms.FORMATS)}); "
                                        "gebruik een pattern")
        elif key == "pattern":
            yield from _pattern(value, f"{pointer}/pattern")
    for name, sub in (node.get("properties") or {}).items():
        yield from _drawn(sub, f"{pointer}/properties/{name}")
    if kind == "array":
        if not isinstance(node.get("items"), dict):
            yield f"{pointer}/items", f"{RENDERER} tekent een lijst enkel met één schema in 'items'"
        else:
            yield from _drawn(node["items"], f"{pointer}/items")


def _undrawn(key: str, kind: str) -> str:
    if key == "$ref":
        return f"{RENDERER} volgt geen '$ref'; schrijf de velden uit in het formulier"
    if key in ("if", "then", "else"):
        return (f"{RENDERER} tekent geen '{key}' op zich; een voorwaardelijke verplichting staat in 'allOf' "
                "als {\"if\": …, \"then\": …}")
    return f"'{key}' tekent het formulier niet ({RENDERER}) en wordt niet naast een veld uitgelegd bij type {kind}"


def _choice_list(options: Any) -> bool:
    return isinstance(options, list) and bool(options) and all(
        isinstance(o, dict) and "const" in o and set(o) <= {"const", "title", "description"} for o in options)


def _conditions(node: dict, conditions: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """Only "when these fields have these values, those fields are required" is honoured: the
    validator names each missing field, and the fields' descriptions say when."""
    names = set(node.get("properties") or {})
    shape = (f"{RENDERER} tekent in 'allOf' enkel voorwaardelijke verplichtingen: {{\"if\": {{\"properties\": "
             "{veld: {\"const\" | \"enum\"}}}}, \"then\": {\"required\": [velden]}}} over velden van dit formulier")
    if not isinstance(conditions, list):
        yield pointer, shape
        return
    for index, condition in enumerate(conditions):
        where = f"{pointer}/{index}"
        if not isinstance(condition, dict) or not {"if", "then"} <= set(condition) <= {"if", "then", "else"}:
            yield where, shape
            continue
        for part in ("if", "then", "else"):
            if part in condition and not _about(condition[part], names, CONDITION if part == "if" else REQUIREMENT):
                yield f"{where}/{part}", shape


def _about(part: Any, names: set[str], allowed: frozenset[str]) -> bool:
    if not isinstance(part, dict) or not set(part) <= {"required", "properties"}:
        return False
    mentioned = set(part.get("required") or []) | set(part.get("properties") or {})
    return mentioned <= names and all(isinstance(rule, dict) and set(rule) <= allowed
                                      for rule in (part.get("properties") or {}).values())


def _pattern(pattern: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if not isinstance(pattern, str):
        return
    try:
        re.compile(pattern)
    except re.error as error:
        yield pointer, f"de server kan dit patroon niet lezen: {error}"
        return
    if (problem := patterns.browser_problem(pattern)) is not None:
        yield pointer, f"browsers aanvaarden dit patroon niet (HTML-pattern, v-vlag): {problem}"
    elif not (pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$")):
        yield pointer, ("begin met ^ en eindig met $: de browser toetst het hele veld, de server anders enkel "
                        "een stuk ervan")
