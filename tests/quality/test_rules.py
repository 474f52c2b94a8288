"""The quality center's rules, table-driven and fast: soundness, bpmnlint, the diff, bundles."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace

import pytest

from engine.quality import diff, lint, model, soundness
from engine.quality.bundle import Bundle, Kind
from engine.quality.findings import Severity
from tests.quality import guideline
from tests.quality.nets import attach, bpmn

S, E = ("s", "startEvent", "begin"), ("e", "endEvent", "einde")


def sound(nodes, flows, **parts):
    return [(f.severity, f.element, f.message.split(" (")[0])
            for f in soundness.check(model.read({"p.bpmn": bpmn("p", nodes, flows, **parts).encode()}))]


def test_a_parallel_join_after_a_choice_waits_forever():
    found = sound([S, ("x", "exclusiveGateway", "Welke?"), ("a", "task", "a"), ("b", "task", "b"),
                   ("j", "parallelGateway", ""), E],
                  [("f1", "s", "x"), ("f2", "x", "a"), ("f3", "x", "b"), ("f4", "a", "j"), ("f5", "b", "j"),
                   ("f6", "j", "e")])
    assert (Severity.ERROR, "j", "kan vastlopen: een token wacht hier voor altijd") in found


def test_an_exclusive_join_after_a_parallel_split_lacks_synchronisation():
    found = sound([S, ("x", "parallelGateway", ""), ("a", "task", "a"), ("b", "task", "b"),
                   ("j", "exclusiveGateway", ""), ("c", "task", "c"), E],
                  [("f1", "s", "x"), ("f2", "x", "a"), ("f3", "x", "b"), ("f4", "a", "j"), ("f5", "b", "j"),
                   ("f6", "j", "c"), ("f7", "c", "e")])
    assert (Severity.WARNING, "c", "stroom 'f6' kan meer dan één token tegelijk dragen") in found
    assert not [f for f in found if f[0] == Severity.ERROR]


def test_a_loop_without_exit_never_ends():
    found = sound([S, ("a", "task", "a"), ("b", "task", "b"), E], [("f1", "s", "a"), ("f2", "a", "b"),
                                                                  ("f3", "b", "a")])
    endless = "lus zonder uitweg: vanaf hier kan het proces nooit meer eindigen"
    assert {(Severity.ERROR, "a", endless), (Severity.ERROR, "b", endless)} <= set(found)


def test_an_unbounded_net_is_undecided_within_the_bound():
    found = sound([S, ("a", "task", "a"), E], [("f1", "s", "a"), ("f2", "a", "a"), ("f3", "a", "e")])
    assert [f for f in found if f[0] == Severity.ERROR] == []
    assert any("kon niet beslist worden binnen de grens" in f[2] for f in found)


def test_an_inclusive_split_and_join_and_a_boundary_timer_are_sound():
    found = sound([S, ("o", "inclusiveGateway", "Welke?"), ("a", "userTask", "a"), ("b", "task", "b"),
                   ("t", "boundaryEvent", "te laat"), ("h", "task", "h"), ("he", "endEvent", "herinnerd"),
                   ("j", "inclusiveGateway", ""), E],
                  [("f1", "s", "o"), ("f2", "o", "a", "a", "x"), ("f3", "o", "b", "b", "y"), ("f4", "a", "j"),
                   ("f5", "b", "j"), ("f6", "j", "e"), ("f7", "t", "h"), ("f8", "h", "he")],
                  attrs={"t": attach("a", interrupting=False)},
                  inner={"t": "<bpmn:timerEventDefinition/>"})
    assert found == []


def test_the_shipped_guideline_and_the_unseen_one_are_sound(shipped_guideline):
    assert soundness.check(model.read(shipped_guideline.files)) == []
    assert soundness.check(model.read(Bundle(guideline.files()).models())) == []


def test_bpmnlint_runs_its_recommended_rules_in_dutch():
    found = lint.Bpmnlint().lint({"p.bpmn": bpmn("p", [S, ("x", "exclusiveGateway", ""), ("a", "task", "a"),
                                                       ("b", "task", ""), E],
                                                 [("f1", "s", "x"), ("f2", "x", "a", "", "x > 1"),
                                                  ("f3", "x", "b"), ("f4", "a", "e")]).encode()})
    rules = {(f.rule, f.element, f.severity) for f in found}
    assert ("bpmnlint/label-required", "x", Severity.ERROR) in rules        # a choice without a name
    assert ("bpmnlint/no-implicit-end", "b", Severity.ERROR) in rules
    assert all(f.message and "(bpmnlint: " in f.message for f in found)


def test_bpmnlint_without_node_is_an_error_finding_not_a_crash():
    [finding] = lint.Bpmnlint(node="/bestaat/niet/node").lint({"p.bpmn": b"<x/>"})
    assert finding.rule == "bpmnlint" and finding.severity == Severity.ERROR and "kon niet draaien" in finding.message


def test_the_lint_config_documents_every_exception():
    config = json.loads(lint.CONFIG.read_text(encoding="utf-8"))
    assert config["extends"] == "bpmnlint:recommended"
    assert set(config["rules"]) <= set(config["reasons"])


def changed(files, name, old, new):
    after = dict(files)
    assert old in after[name], old
    after[name] = after[name].replace(old, new)
    return {(d.element, d.change, d.effect) for d in diff.compare(Bundle(files), Bundle(after))}


FILES = guideline.files()
FORM = json.loads(FILES["aanvraag.json"])


@pytest.mark.parametrize(("name", "old", "new", "expected"), [
    ("hulpmiddel.bpmn", guideline.SCRIPT, 'besluit = "nee"',
     ("besluit", "changed", diff.Effect.BEHAVIOUR)),
    ("hulpmiddel.bpmn", 'name="Dringend?"', 'name="Is het dringend?"', ("gw_dringend", "changed", diff.Effect.LAYOUT)),
    ("hulpmiddel.bpmn", '"P14D"', '"P21D"', ("termijn_beoordeling", "changed", diff.Effect.BEHAVIOUR)),
    ("hulpmiddel.bpmn", "<bpmn:conditionExpression>dringend<",
     "<bpmn:conditionExpression>dringend and leeftijd &lt; 6<", ("f_dringend", "changed", diff.Effect.BEHAVIOUR)),
    ("hulpmiddel.bpmn", 'value="beoordeling.json"', 'value="advies.json"', ("beoordeling", "changed",
                                                                            diff.Effect.BEHAVIOUR)),
    ("leeftijd.dmn", "<text>&lt; 6</text>", "<text>&lt; 7</text>", ("regel_jong", "changed", diff.Effect.BEHAVIOUR)),
    ("aanvraag.json", '"maximum": 25', '"maximum": 18', ("/properties/leeftijd", "changed", diff.Effect.BEHAVIOUR)),
    ("aanvraag.json", '"title": "Leeftijd"', '"title": "Leeftijd (jaar)"', ("/properties/leeftijd", "changed",
                                                                           diff.Effect.LAYOUT)),
    ("aanvraag.json", '"required": [\n    "leeftijd",\n    "dringend"\n  ]', '"required": [\n    "leeftijd"\n  ]',
     ("/properties/dringend", "changed", diff.Effect.BEHAVIOUR)),
    ("hulpmiddel.bpmn", 'x="870"', 'x="880"', ("advies_arts", "changed", diff.Effect.LAYOUT)),
])
def test_the_diff_sees_what_diagram_differs_miss(name, old, new, expected):
    assert expected in changed(FILES, name, old, new)


def test_moving_a_task_to_another_lane_changes_who_does_it():
    moved = guideline.model().replace("<bpmn:flowNodeRef>advies_arts</bpmn:flowNodeRef>", "").replace(
        "<bpmn:flowNodeRef>advies_psycholoog</bpmn:flowNodeRef>",
        "<bpmn:flowNodeRef>advies_psycholoog</bpmn:flowNodeRef><bpmn:flowNodeRef>advies_arts</bpmn:flowNodeRef>")
    [change] = [d for d in diff.compare(Bundle(FILES), Bundle({**FILES, "hulpmiddel.bpmn": moved}))]
    assert change.element == "advies_arts" and change.effect == diff.Effect.BEHAVIOUR
    assert "lane (rol): physician → psychologist" in change.details


def test_added_and_removed_elements_and_scenarios():
    after = {**FILES, "extra.json": json.dumps(guideline.REMINDED)}
    del after["leeftijd.dmn"]
    found = {(d.element, d.change, d.effect) for d in diff.compare(Bundle(FILES), Bundle(after))}
    assert ("regel_jong", "removed", diff.Effect.BEHAVIOUR) in found
    assert ("extra.json", "added", diff.Effect.TEST) in found


def test_a_bundle_knows_its_files_and_zips_them_for_ekd_validate():
    bundle = Bundle(guideline.files(scenarios=(guideline.URGENT, guideline.REMINDED)))
    assert bundle.kind("dringend_jong.json") == Kind.SCENARIO and bundle.kind("advies.json") == Kind.FORM
    names = zipfile.ZipFile(io.BytesIO(bundle.zip())).namelist()
    assert "scenarios/dringend_jong.json" in names and "hulpmiddel.bpmn" in names and "advies.json" in names
    assert bundle.zip() == bundle.zip()                                     # equal content, equal zip
    again = Bundle.of_version({n: t for n, t in bundle.files.items() if n.endswith((".bpmn", ".dmn"))},
                              bundle.forms(), bundle.scenario_files())
    assert again.version == bundle.version and replace(again).scenario_files() == bundle.scenario_files()
