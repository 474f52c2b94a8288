"""bpmnlint's `recommended` rules on the server: the npm package run by Node, findings in Dutch.

The rules are bpmnlint's own (11.15, installed by `make run` / `make test` with npm), so what the
quality center sees here is what the modelling tools show. engine/quality/bpmnlint.json is the one
configuration, with the reason for every exception.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from engine.quality.findings import Finding, Severity

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "bpmnlint.json"
SCRIPT = HERE / "lint.cjs"
TIMEOUT = 60
# SpiffWorkflow names a multi-instance collection by a process variable: bpmn-moddle cannot resolve it.
SPIFF_REFERENCES = frozenset({"bpmn:loopDataInputRef", "bpmn:loopDataOutputRef"})

DUTCH = {
    "ad-hoc-sub-process": "een ad-hoc-subproces mag geen start- of eindgebeurtenis hebben en alleen activiteiten",
    "conditional-flows": "uitgaande stroom zonder voorwaarde: geef elke stroom uit dit element een voorwaarde, "
                         "of maak er het standaardpad van",
    "end-event-required": "het proces of subproces heeft geen eindgebeurtenis",
    "event-based-gateway": "een gebeurtenisgebaseerde gateway moet naar opvangende gebeurtenissen leiden",
    "event-sub-process-typed-start-event": "de start van een gebeurtenis-subproces moet een soort hebben "
                                           "(timer, bericht, …)",
    "fake-join": "meerdere binnenkomende stromen zonder gateway: voeg een samenvoegende gateway toe",
    "global": "globaal element (bericht, fout, signaal, escalatie) wordt niet gebruikt of is dubbel",
    "label-required": "element heeft geen naam: geef het een label dat zegt wat er gebeurt of gekozen wordt",
    "link-event": "link-gebeurtenis zonder bijpassende tegenhanger",
    "no-bpmndi": "element staat niet in het diagram (geen BPMN-DI)",
    "no-complex-gateway": "complexe gateways worden niet ondersteund",
    "no-disconnected": "element is met niets verbonden",
    "no-duplicate-sequence-flows": "dubbele stroom tussen dezelfde twee elementen",
    "no-gateway-join-fork": "gateway voegt samen én splitst: gebruik er twee",
    "no-implicit-split": "impliciete splitsing: meerdere uitgaande stromen zonder gateway",
    "no-implicit-end": "element zonder uitgaande stroom dat geen eindgebeurtenis is",
    "no-implicit-start": "element zonder binnenkomende stroom dat geen startgebeurtenis is",
    "no-inclusive-gateway": "inclusieve gateway: moeilijk te volgen, vermijd ze waar het kan",
    "no-overlapping-elements": "elementen overlappen elkaar in het diagram",
    "single-blank-start-event": "meer dan één lege startgebeurtenis",
    "single-event-definition": "gebeurtenis met meer dan één definitie",
    "start-event-required": "het proces of subproces heeft geen startgebeurtenis",
    "sub-process-blank-start-event": "een subproces moet met een lege startgebeurtenis beginnen",
    "superfluous-gateway": "overbodige gateway: één stroom in en één stroom uit",
    "superfluous-label": "overbodig label op dit element",
    "superfluous-termination": "overbodige beëindigende eindgebeurtenis: een gewone eindgebeurtenis volstaat",
}


@dataclass(frozen=True)
class Bpmnlint:
    """Runs bpmnlint with Node; `node` is found on PATH unless given."""

    node: str | None = None
    config: Path = CONFIG

    def lint(self, files: dict[str, bytes]) -> list[Finding]:
        """bpmnlint's findings on the BPMN files (DMN and other files are not its business)."""
        models = {name: data.decode("utf-8", "replace") for name, data in files.items() if name.endswith(".bpmn")}
        if not models:
            return []
        node = self.node or shutil.which("node")
        if node is None:
            return [_unavailable("Node.js is niet geïnstalleerd")]
        settings = json.loads(self.config.read_text(encoding="utf-8"))
        request = json.dumps({"config": {key: settings[key] for key in ("extends", "rules") if key in settings},
                              "files": models})
        try:
            done = subprocess.run([node, str(SCRIPT)], input=request, capture_output=True, text=True,
                                  timeout=TIMEOUT, cwd=HERE, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return [_unavailable(str(error))]
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["geen uitvoer"])[0]
            return [_unavailable(last[:300])]
        return [finding for report in json.loads(done.stdout) if (finding := _finding(report)) is not None]


def _unavailable(why: str) -> Finding:
    return Finding("bpmnlint", f"bpmnlint kon niet draaien ({why}); installeer de front-end-pakketten "
                               "(make run of npm ci) en controleer opnieuw")


def _finding(report: dict) -> Finding | None:
    rule, english = report["rule"], report.get("message", "")
    if rule == "import":
        if report.get("property") in SPIFF_REFERENCES and english.startswith("unresolved reference"):
            return None
        return Finding("bpmnlint/import", f"het BPMN-bestand kon niet volledig gelezen worden ({english})",
                       Severity.ERROR, report["file"], report.get("id"))
    severity = Severity.ERROR if report.get("category") == "error" else Severity.WARNING
    dutch = DUTCH.get(rule, "bpmnlint-regel geschonden")
    return Finding(f"bpmnlint/{rule}", f"{dutch} (bpmnlint: {english})", severity, report["file"], report.get("id"))
