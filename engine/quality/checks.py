"""Every check on a bundle, as findings: ekd's guideline rules, bpmnlint, soundness, scenarios.

A file that does not parse is a finding too (with its file and line), never an exception: the
quality center sees everything that is wrong at once.
"""

from __future__ import annotations

import re

from engine import guidelines
from engine.errors import GuidelineError
from engine.quality import coverage, soundness
from engine.quality.bundle import Bundle, Kind
from engine.quality.findings import Finding, Severity, ordered
from engine.quality.lint import Bpmnlint
from engine.quality.model import Model, read
from engine.scenarios import Scenario, ScenarioError
from engine.scripts import Sandbox

_SCRIPT_LINE = re.compile(r", regel (\d+):")


def main_process(model: Model) -> str:
    """The one executable process no other process calls; raise GuidelineError otherwise."""
    called = {name for process in model.processes.values() for name in process.called()}
    roots = sorted(p.id for p in model.processes.values() if p.executable and p.id not in called)
    if len(roots) != 1:
        raise GuidelineError(f"de richtlijn moet precies één hoofdproces hebben, niet {roots or 'geen'}")
    return roots[0]


def check(bundle: Bundle, linter: Bpmnlint, sandbox: Sandbox | None = None) -> list[Finding]:
    """All findings on the bundle, errors first."""
    found = _files(bundle)
    try:
        model = read(bundle.models())
    except GuidelineError as error:             # hostile or broken XML: nothing else can be read
        return ordered([*found, Finding("ekd/xml", error.message, Severity.ERROR, error.file, error.element,
                                        error.line)])
    if not bundle.models():
        found.append(Finding("ekd", "het concept heeft geen BPMN-bestand"))
    found += linter.lint(bundle.models())
    found += soundness.check(model)
    main = None
    try:
        main = main_process(model)
    except GuidelineError as error:
        found.append(Finding("ekd/main-process", error.message))
    if main is not None:
        found += _threshold(model, main)
    found += _guideline(bundle, sandbox, model)
    if not bundle.scenario_files():
        found.append(Finding("ekd/scenarios", "er is geen scenario: publiceren vraagt scenario's die slagen en "
                                              "de dekkingsdrempel halen", Severity.WARNING))
    return ordered(found)


def _files(bundle: Bundle) -> list[Finding]:
    found = []
    for name, value in sorted(bundle.json.items()):
        if value is None:
            found.append(Finding("ekd/json", "geen geldige JSON", Severity.ERROR, name))
        elif bundle.kind(name) == Kind.FORM and not isinstance(value, dict):
            found.append(Finding("ekd/json", "een formulier moet een JSON-object zijn (JSON Schema)", Severity.ERROR,
                                 name))
    for name in sorted(n for n in bundle.files if bundle.kind(n) == Kind.TRANSLATION):
        found += _translations(bundle, name)
    for name, value in sorted(bundle.scenario_files().items()):
        try:
            Scenario.parse(value, name.removesuffix(".json"))
        except ScenarioError as error:
            found.append(Finding("ekd/scenario", str(error), Severity.ERROR, name))
    return found


def _translations(bundle: Bundle, name: str) -> list[Finding]:
    """A form catalogue names forms of the bundle and gives texts (strings) by JSON pointer."""
    value = bundle.json.get(name)
    if not isinstance(value, dict):
        return [Finding("ekd/i18n", "een vertaling moet een JSON-object zijn: formulier -> JSON-pointer -> tekst",
                        Severity.ERROR, name)] if value is not None else []
    found, forms = [], bundle.forms()
    for form, texts in sorted(value.items()):
        if form not in forms:
            found.append(Finding("ekd/i18n", f"vertaalt formulier '{form}', dat niet in de richtlijn zit",
                                 Severity.WARNING, name, form))
        elif not isinstance(texts, dict) or not all(isinstance(t, str) and p.startswith("/") for p, t in texts.items()):
            found.append(Finding("ekd/i18n", f"de teksten van '{form}' moeten een object zijn van JSON-pointer "
                                             "(\"/properties/…/title\") naar tekst", Severity.ERROR, name, form))
    return found


def _threshold(model: Model, main: str) -> list[Finding]:
    process = model.processes[main]
    value = process.properties.get(coverage.THRESHOLD_PROPERTY)
    where = dict(file=process.file, element=main)
    if value is None:
        return [Finding("ekd/coverage-threshold", f"het hoofdproces noemt geen dekkingsdrempel (eigenschap "
                                                  f"{coverage.THRESHOLD_PROPERTY}); de standaard is "
                                                  f"{coverage.DEFAULT_THRESHOLD} %", Severity.WARNING, **where)]
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 100:
        return [Finding("ekd/coverage-threshold", f"dekkingsdrempel '{value}' moet een getal van 0 tot 100 zijn",
                        Severity.ERROR, **where)]
    return []


def _guideline(bundle: Bundle, sandbox: Sandbox | None, model: Model) -> list[Finding]:
    try:
        guideline = bundle.guideline()
    except GuidelineError as error:
        return [Finding("ekd/parse", error.message, Severity.ERROR, error.file, error.element, error.line)]
    found = []
    for problem in guidelines.check(guideline, sandbox):
        line = problem.line
        if problem.rule == "ekd/script" and (match := _SCRIPT_LINE.search(problem.message)):
            line = int(match.group(1))
        file = problem.file
        if file is None and problem.element in model.rules:       # a DMN entry: in its decision's file
            file = model.rules[problem.element].file
        found.append(Finding(problem.rule, problem.message, Severity.ERROR, file, problem.element, line))
    return found
