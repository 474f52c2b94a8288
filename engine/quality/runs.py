"""A test run: every scenario of a bundle on the production runtime and sandbox, with coverage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine import runtime, scenarios
from engine.casework import Casework
from engine.errors import EkdError, GuidelineError
from engine.quality import coverage
from engine.quality.bundle import Bundle
from engine.quality.checks import main_process
from engine.quality.findings import Finding, Severity
from engine.quality.model import read

# Findings that mean the guideline must not run at all: what the sandbox refuses, what does not parse.
BLOCKING = ("ekd/script", "ekd/parse", "ekd/xml", "ekd/main-process")


@dataclass(frozen=True)
class Outcome:
    """One scenario's result: passed, or the first failed expectation, with the path and the data."""

    name: str
    file: str
    passed: bool
    completed: bool
    path: list[str]
    failure: str | None
    data: dict[str, Any]
    waiting: list[str]

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "file": self.file, "passed": self.passed, "completed": self.completed,
                "path": self.path, "failure": self.failure, "data": self.data, "waiting": self.waiting}


@dataclass(frozen=True)
class RunReport:
    """Every scenario's outcome and the coverage they reach together."""

    outcomes: list[Outcome]
    coverage: coverage.Coverage
    threshold: float
    refused: str | None = None         # why nothing ran

    @property
    def green(self) -> bool:
        """Every scenario passed (and there is at least one)."""
        return bool(self.outcomes) and all(o.passed for o in self.outcomes) and self.refused is None

    def as_json(self) -> dict[str, Any]:
        return {"scenarios": [o.as_json() for o in self.outcomes], "coverage": self.coverage.as_json(),
                "threshold": self.threshold, "refused": self.refused}


EMPTY = coverage.Coverage((0, 0), (0, 0), (0, 0))


def run(bundle: Bundle, engine: runtime.Engine, findings: list[Finding]) -> RunReport:
    """Run every scenario of the bundle; run nothing when a finding says the guideline must not run."""
    blocking = [f for f in findings if f.severity == Severity.ERROR and f.rule in BLOCKING]
    names = sorted(bundle.scenario_files())
    if blocking:
        first = blocking[0]
        where = f"element '{first.element}'" if first.element else first.file or "de richtlijn"
        why = f"niet uitgevoerd: de controle weigert {where} ({first.message})"
        outcomes = [Outcome(name.removesuffix(".json"), name, False, False, [], why, {}, []) for name in names]
        return RunReport(outcomes, EMPTY, 0.0, why)
    try:
        model = read(bundle.models())
        main = main_process(model)
        casework = Casework(bundle.guideline(), engine)
    except GuidelineError as error:
        why = f"niet uitgevoerd: {error}"
        outcomes = [Outcome(name.removesuffix(".json"), name, False, False, [], why, {}, []) for name in names]
        return RunReport(outcomes, EMPTY, 0.0, why)
    outcomes, completions = [], []
    for name in names:
        try:
            scenario = scenarios.Scenario.parse(bundle.json[name], name.removesuffix(".json"))
        except EkdError as error:
            outcomes.append(Outcome(name.removesuffix(".json"), name, False, False, [], str(error), {}, []))
            continue
        done = scenarios.run(casework, main, scenario)
        completions.append(done.completions)
        outcomes.append(Outcome(done.name, name, done.passed, done.completed, done.path, done.failure, done.data,
                                [w["element"] for w in done.waiting]))
    return RunReport(outcomes, coverage.measure(model, main, completions), coverage.threshold(model, main))
