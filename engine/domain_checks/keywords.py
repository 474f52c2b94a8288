"""What `ekd validate` knows of ekd's own form keywords: where each may stand and what it takes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.domain_checks import capability
from engine.domain_checks.codes import CLASSIFICATIONS
from engine.domain_checks.dates import RULES as DATE_RULES

KEYWORDS = ("x-ekd-date", "x-ekd-code", "x-ekd-required-when", "x-ekd-rules")
# Facts of the trajectory a field may be required by, with how the message says it.
FACTS = {"vaph_hulp_gevraagd": "bij een VAPH-aanvraag"}
RULES = {"capability": capability.FIELDS}


def keyword_problems(schema: dict) -> list[tuple[str, str]]:
    """(JSON pointer, why) for every misuse of ekd's keywords in a form."""
    found = [(f"{pointer}/x-ekd-rules", "staat enkel bovenaan het formulier")
             for node, pointer, _, _ in _nodes(schema) if pointer and "x-ekd-rules" in node]
    found += _rules(schema)
    for node, pointer, parent, top in _nodes(schema):
        for key in node:
            if isinstance(key, str) and key.startswith("x-ekd-") and key not in KEYWORDS:
                found.append((f"{pointer}/{key}", f"is geen sleutelwoord van ekd (gekend: {', '.join(KEYWORDS)})"))
        found += [(f"{pointer}/{key}", why) for key, why in _field(node, parent, top)]
    return found


def _nodes(schema: dict, pointer: str = "", parent: dict | None = None,
           top: bool = False) -> Iterator[tuple[dict, str, dict | None, bool]]:
    yield schema, pointer, parent, top
    for name, sub in (schema.get("properties") or {}).items():
        if isinstance(sub, dict):
            yield from _nodes(sub, f"{pointer}/properties/{name}", schema, pointer == "")
    if isinstance(schema.get("items"), dict):
        yield from _nodes(schema["items"], f"{pointer}/items", None, False)


def _rules(schema: dict) -> list[tuple[str, str]]:
    rules = schema.get("x-ekd-rules")
    if rules is None:
        return []
    if not isinstance(rules, list) or any(rule not in RULES for rule in rules):
        return [("/x-ekd-rules", f"moet een lijst van regels zijn die ekd kent ({', '.join(RULES)})")]
    found = []
    properties = schema.get("properties") or {}
    for rule in rules:
        for name, kind in RULES[rule].items():
            if (properties.get(name) or {}).get("type") != kind:
                found.append(("/x-ekd-rules", f"de regel '{rule}' leest het veld '{name}' ({kind}); het formulier "
                                              "heeft het niet"))
    return found


def _field(node: dict, parent: dict | None, top: bool) -> Iterator[tuple[str, str]]:
    is_date = node.get("type") == "string" and node.get("format") == "date"
    if "x-ekd-date" in node:
        declared = node["x-ekd-date"]
        values = [declared] if isinstance(declared, str) else declared
        if not isinstance(values, list) or not values or any(v not in DATE_RULES for v in values):
            yield "x-ekd-date", f"moet een van {', '.join(DATE_RULES)} zijn, of een lijst ervan"
        elif not is_date:
            yield "x-ekd-date", "staat enkel op een datumveld (type string, format date)"
    if "x-ekd-code" in node:
        yield from _code(node, parent)
    if "x-ekd-required-when" in node and node["x-ekd-required-when"] not in FACTS:
        yield "x-ekd-required-when", f"moet een feit van het traject zijn dat ekd kent ({', '.join(FACTS)})"
    if "readOnly" in node and not top:
        yield "readOnly", "werkt enkel op een veld bovenaan het formulier (ekd vult het in uit het traject)"


def _code(node: dict, parent: dict | None) -> Iterator[tuple[str, str]]:
    declared = node["x-ekd-code"]
    known = ", ".join(CLASSIFICATIONS)
    if node.get("type") != "string":
        yield "x-ekd-code", "staat enkel op een tekstveld"
    elif isinstance(declared, dict):
        sibling = declared.get("system-field")
        options = _choices(((parent or {}).get("properties") or {}).get(sibling) or {})
        if set(declared) != {"system-field"} or not options or not set(options) <= set(CLASSIFICATIONS):
            yield "x-ekd-code", (f"'system-field' moet een veld ernaast noemen dat een keuze uit {known} is; "
                                 f"'{sibling}' is dat niet")
    elif declared not in CLASSIFICATIONS:
        yield "x-ekd-code", f"moet een classificatie zijn die ekd kent ({known}) of {{\"system-field\": veld}}"


def _choices(schema: dict) -> list[Any]:
    options = schema.get("oneOf") or schema.get("anyOf") or []
    if options and all(isinstance(o, dict) and "const" in o for o in options):
        return [o["const"] for o in options]
    return list(schema.get("enum") or [])
