"""The rules a guideline must satisfy before the quality center can publish it."""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass

from engine import forms, runtime
from engine.adocument import ACTION_FIELDS, ACTIONS
from engine.errors import GuidelineError, ScriptError, located
from engine.guidelines import form_checks
from engine.guidelines.library import OWN_FORMS, Guideline
from engine.roles import LANE_ROLES
from engine.scripts import Sandbox


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a guideline: what, and where (file, element, line)."""

    message: str
    file: str | None = None
    element: str | None = None
    line: int | None = None
    rule: str = "ekd"        # the quality center's findings name the rule: ekd, ekd/script

    def __str__(self) -> str:
        return located(self.message, self.file, self.element, self.line)


def check(guideline: Guideline, sandbox: Sandbox | None = None,
          lane_roles: frozenset[str] = LANE_ROLES) -> list[Problem]:
    """Return every problem of the guideline (empty when it may be published)."""
    sandbox = sandbox or Sandbox()
    problems: list[Problem] = []
    for process_id in guideline.process_ids():
        try:
            definition = guideline.process(process_id)
        except GuidelineError as error:
            problems.append(Problem(error.message, error.file, error.element, error.line))
            continue
        problems += _elements(definition, guideline, lane_roles)
        problems += _expressions(definition, sandbox)
        problems += _dead_ends(definition)
    for name in OWN_FORMS:           # forms ekd itself uses, not named by a task
        if (schema := guideline.form(name)) is not None:
            problems += [Problem(f"formulier '{name}' {problem}") for problem in form_checks.problems(schema)]
    return list(dict.fromkeys(problems))


def _elements(definition: runtime.Definition, guideline: Guideline,
              lane_roles: frozenset[str]) -> list[Problem]:
    problems = []
    for element in definition.elements.values():
        where = dict(file=element.file, element=element.id)
        if element.action is not None and element.action not in ACTIONS:
            problems.append(Problem(f"ekdAction '{element.action}' is onbekend (gekend: {', '.join(sorted(ACTIONS))})",
                                    **where))
        if not element.manual:
            continue
        if not element.lane:
            problems.append(Problem("taak staat in geen lane; zet ze in de lane van een rol", **where))
        elif element.lane not in lane_roles:
            known = ", ".join(sorted(lane_roles))
            problems.append(Problem(f"lane '{element.lane}' is geen gekende rol ({known})", **where))
        if element.kind != "User Task":
            continue
        if not element.form:
            problems.append(Problem("gebruikerstaak zonder formulier (formJsonSchemaFilename)", **where))
        elif element.form in guideline.form_problems:
            problems.append(Problem(guideline.form_problems[element.form], **where))
        elif guideline.form(element.form) is None:
            problems.append(Problem(f"formulier '{element.form}' niet gevonden", **where))
        else:
            problems += _form(element, guideline.form(element.form), where)
    return problems


def _form(element: runtime.Element, schema: dict, where: dict) -> list[Problem]:
    invalid = forms.schema_problems(schema)
    if invalid:
        return [Problem(f"formulier '{element.form}': {problem}", **where) for problem in invalid]
    found = [Problem(f"formulier '{element.form}' {problem}", **where) for problem in form_checks.problems(schema)]
    properties = schema.get("properties") or {}
    for name, kind in ACTION_FIELDS.get(element.action or "", {}).items():
        if (properties.get(name) or {}).get("type") != kind or name not in schema.get("required", []):
            found.append(Problem(f"ekdAction '{element.action}' leest het verplichte veld '{name}' ({kind}) uit "
                                 f"formulier '{element.form}'; het formulier heeft het niet", **where))
    return found


def _expressions(definition: runtime.Definition, sandbox: Sandbox) -> list[Problem]:
    problems = []
    for expression in definition.expressions():
        element = definition.element(expression.element)
        where = dict(file=element.file if element else None, element=expression.element)
        task = ""
        if expression.rule:      # a decision table's entry: named by its rule (the DMN file is not known here)
            where, task = dict(file=None, element=expression.rule), f" (beslissing van taak '{expression.element}')"
        try:
            _compile(expression, sandbox)
        except ScriptError as error:
            line = f", regel {error.line}" if error.line else ""
            problems.append(Problem(f"{expression.role}{line}{task}: {error.reason}", rule="ekd/script", **where))
            continue
        if expression.timer:
            value = _literal(expression.source)
            if isinstance(value, str) and (problem := runtime.timer_problem(value, expression.timer)):
                problems.append(Problem(f"timer: {problem}", **where))
    return problems


def _compile(expression: runtime.Expression, sandbox: Sandbox) -> None:
    if expression.mode != "dmn-entry":
        sandbox.check(expression.source, expression.mode)
        return
    text = expression.source
    if "?" in text:
        sandbox.check(text.replace("?", "dmninputexpr"), "eval")
        return
    try:
        sandbox.check(text, "eval")          # a value, compared with ==
    except ScriptError as first:
        try:
            sandbox.check(f"v {text}", "eval")   # an operator and a value, such as '< 6'
        except ScriptError:
            raise first from None


def _literal(source: str):
    try:
        return ast.literal_eval(source.strip())
    except (ValueError, SyntaxError):
        return None


def _dead_ends(definition: runtime.Definition) -> list[Problem]:
    """Every element needs a way to an end event, and a way in from a start event."""
    forward, backward = defaultdict(set), defaultdict(set)
    for _process, source, target in definition.flows():
        forward[source].add(target)
        backward[target].add(source)
    elements = definition.elements
    ends = {e.id for e in elements.values() if "End Event" in e.kind}
    starts = {e.id for e in elements.values() if "Start Event" in e.kind}
    to_end, from_start = _reach(ends, backward), _reach(starts, forward)
    problems = []
    for element in elements.values():
        where = dict(file=element.file, element=element.id)
        if element.id not in to_end:
            problems.append(Problem("heeft geen weg naar een eindgebeurtenis", **where))
        elif element.id not in from_start:
            problems.append(Problem("is vanuit geen startgebeurtenis bereikbaar", **where))
    return problems


def _reach(seeds: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen, stack = set(seeds), list(seeds)
    while stack:
        for neighbour in edges.get(stack.pop(), ()):
            if neighbour not in seen:
                seen.add(neighbour)
                stack.append(neighbour)
    return seen
