"""Field messages in the page's language.

The engine says in Dutch why a field is refused, with a code and its parameters
(engine.forms.FieldError, engine.text.InvalidInput). This catalogue, keyed by that code, says the
same in English; a Dutch page shows the engine's own message. A code without an entry here falls
back to the Dutch message — tests/web/test_form_checks.py provokes every kind in English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask_babel import get_locale

from engine.forms import FieldError
from web.formrender import form_name

TYPES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "yes or no",
         "array": "a list", "object": "a group of fields", "null": "empty"}
FORMATS = {"date": "a date (YYYY-MM-DD)", "date-time": "a point in time", "email": "an e-mail address",
           "time": "a time (HH:MM)"}
CHARACTERS = {"surrogate": "contains an invalid character ({codepoint}, a lone surrogate)",
              "control": "contains a control character ({codepoint})",
              "bidi": "contains a character that reverses the reading direction ({codepoint})",
              "line-break": "contains a control character ({codepoint}; this field is one line)"}
SYSTEMS = {"ICD-10": "ICD-10 code", "DSM-5": "DSM-5 code", "ICD-11": "ICD-11 code",
           "VAPH-stoornis": "VAPH disorder code", "VAPH-handicap": "VAPH disability code"}
FACTS = {"vaph_hulp_gevraagd": "with a VAPH request"}


def _limit(one: str, more: str) -> Callable[[dict[str, Any]], str]:
    return lambda p: one if p.get("limit") == 1 else more.format(**p)


def _characters(p: dict[str, Any]) -> str:
    said = CHARACTERS.get(p.get("kind", ""), CHARACTERS["control"]).format(codepoint=p.get("codepoint", "?"))
    return f"the field's name {said}" if p.get("in_name") else said


def _max_length(p: dict[str, Any]) -> str:
    now = f" (now {p['length']})" if "length" in p else ""
    return f"may have at most {p.get('limit')} characters{now}"


def _ask_child(p: dict[str, Any]) -> str:
    if p.get("judged"):
        return "the team judges the child capable: ask for their consent"
    return (f"the child is {p.get('age')} on the day of consent and is presumed capable: ask for their consent, "
            "or give a motivated judgement that they are not capable")


ENGLISH: dict[str, Callable[[dict[str, Any]], str]] = {
    "required": lambda p: "is required",
    "unknown": lambda p: "is not a field of this form",
    "enum": lambda p: "must be one of the choices offered",
    "const": lambda p: f"must be {p.get('const')!r}",
    "type": lambda p: "must be " + " or ".join(TYPES.get(t, str(t)) for t in p.get("types", [])),
    "format": lambda p: f"must be {FORMATS.get(p.get('format'), p.get('format'))}",
    "minLength": _limit("must not be empty", "must have at least {limit} characters"),
    "maxLength": _max_length,
    "minimum": lambda p: f"must be at least {p.get('limit')}",
    "maximum": lambda p: f"may be at most {p.get('limit')}",
    "exclusiveMinimum": lambda p: f"must be greater than {p.get('limit')}",
    "exclusiveMaximum": lambda p: f"must be less than {p.get('limit')}",
    "minItems": _limit("choose or give at least one", "must have at least {limit} items"),
    "maxItems": lambda p: f"may have at most {p.get('limit')} items",
    "uniqueItems": lambda p: "contains duplicate values",
    "pattern": lambda p: "does not have the right form",
    "characters": _characters,
    "positive-integer": lambda p: f"must be a whole number from 1, not '{p.get('value')}'",
    "depth": lambda p: f"JSON is nested too deeply (at most {p.get('limit')} levels)",
    "legal-representative": lambda p: "give at least one legal representative",
    "repeated": lambda p: f"is given {p.get('count')} times; give it once",
    # engine/domain_checks
    "date-before-birth": lambda p: f"is before the child's date of birth ({p.get('birth')})",
    "date-in-future": lambda p: f"is in the future (today is {p.get('today')})",
    "code-format": lambda p: (f"is not a valid {SYSTEMS.get(p.get('system'), p.get('system'))} "
                              f"(e.g. {' or '.join(p.get('examples', []))})"),
    "required-when": lambda p: f"is required {FACTS.get(p.get('fact'), 'here')}",
    "read-only": lambda p: f"is taken from the file and does not change here (there: {p.get('value')})",
    "capability-representative": lambda p: (
        f"the child is {p.get('age')} on the day of consent: record the answer of at least one legal "
        "representative (only from 18 does the young person decide alone)"),
    "capability-ask-child": _ask_child,
    "capability-adult": lambda p: (f"the young person is {p.get('age')} on the day of consent and decides alone: "
                                   "ask for their consent"),
    "capability-adult-judgement": lambda p: (f"the young person is {p.get('age')} on the day of consent and decides "
                                             "alone; choose 'By age'"),
    "confirm-submit": lambda p: ("choose Yes to submit the A-document; if you do not want to submit it yet, leave "
                                 "the task open (you can save your answer as a draft)"),
}


def english(code: str, params: dict[str, Any]) -> str | None:
    """The English message for a refusal `code` with its parameters, or None when unknown."""
    if code in ENGLISH:
        return ENGLISH[code](params)
    if "keyword" in params:          # a JSON Schema keyword without a message of its own
        return f"is not valid ({params['keyword']})"
    return None


def shown(code: str, params: dict[str, Any], dutch: str) -> str:
    """The message in the page's language."""
    if str(get_locale() or "nl") == "en":
        return english(code, params) or dutch
    return dutch


def by_field(errors: Iterable[FieldError]) -> dict[str, str]:
    """Each field's message in the page's language, keyed by its form name (`rij.0.veld`)."""
    return {form_name(e.field): shown(e.code, e.params, e.message) for e in errors}
