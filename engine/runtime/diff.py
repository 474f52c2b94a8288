"""How one version's process differs from another's, element by element, as a migration needs it.

Elements are matched by BPMN id, or by an explicit mapping (old id -> new id) for renamed or split
elements. SpiffWorkflow 3.2 has `SpiffWorkflow.bpmn.util.diff.SpecDiff`: it aligns by id and then
*guesses* unmatched specs by their neighbours, and compares specs as their serializer writes them.
ekd keeps the second idea (compare the serialized specs, so every attribute Spiff runs on counts)
and drops the guess: a coordinator must be able to read why a trajectory moves where it moves, so a
renamed element is matched only when the quality center says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.runtime.definition import Definition
from engine.runtime.state import spec_registry

# Spiff's internal specs are named after the element they belong to.
SUFFIXES = (".BoundaryEventSplit", ".BoundaryEventJoin", " [child]")
# What a spec may change without changing how a running token behaves (names, texts, layout).
COSMETIC = frozenset({"name", "bpmn_id", "bpmn_name", "documentation", "description", "lookahead", "inputs",
                      "outputs", "lane", "extensions"})
KINDS = {"UserTask": "gebruikerstaak", "ManualTask": "manuele taak", "ScriptTask": "scripttaak",
         "CallActivity": "opgeroepen proces", "SubWorkflowTask": "deelproces", "BoundaryEvent": "randgebeurtenis",
         "ExclusiveGateway": "exclusieve splitsing", "ParallelGateway": "parallelle splitsing",
         "InclusiveGateway": "inclusieve splitsing", "BusinessRuleTask": "beslistaak",
         "ParallelMultiInstanceTask": "parallelle meervoudige taak",
         "SequentialMultiInstanceTask": "sequentiële meervoudige taak", "StandardLoopTask": "lus",
         "IntermediateCatchEvent": "tussengebeurtenis", "EndEvent": "eindgebeurtenis"}


@dataclass(frozen=True)
class Mapping:
    """Old element id -> new element id; an id not named maps to itself."""

    explicit: dict[str, str]

    def element(self, old: str) -> str:
        return self.explicit.get(old, old)

    def spec_name(self, name: str) -> str:
        """The name of a Spiff spec in the new version (internal specs follow their element)."""
        if name in self.explicit:
            return self.explicit[name]
        for suffix in SUFFIXES:
            if name.endswith(suffix):
                return self.element(name[: -len(suffix)]) + suffix
        return name


def kind_word(typename: str | None) -> str:
    return KINDS.get(typename or "", typename or "?")


def spec_index(definition: Definition) -> dict[str, dict[str, Any]]:
    """Every task spec of a definition (main process, subprocesses, called processes) by process
    and name: {process id: {spec name: spec}}."""
    return {spec.name: dict(spec.task_specs) for spec in [definition.spec, *definition.subprocess_specs.values()]}


def serialized(spec) -> dict[str, Any]:
    """A task spec as Spiff's serializer writes it (what Spiff runs on)."""
    return spec_registry().convert(spec)


def changes(old_spec, new_spec, mapping: Mapping) -> list[str]:
    """The attributes in which `new_spec` behaves differently from `old_spec` ('typename' first when
    the kind changed); references to other elements are compared through the mapping."""
    old, new = _comparable(serialized(old_spec), mapping), _comparable(serialized(new_spec), None)
    if old.get("typename") != new.get("typename"):
        return ["typename"]
    return sorted(key for key in set(old) | set(new) if key not in COSMETIC and old.get(key) != new.get(key))


def outputs(spec, mapping: Mapping | None) -> list[str]:
    """The names of a spec's outputs (through the mapping: as the new version would call them)."""
    return sorted(mapping.spec_name(o.name) if mapping else o.name for o in spec.outputs)


def _comparable(value: dict[str, Any], mapping: Mapping | None) -> dict[str, Any]:
    if mapping is None:
        return value
    value = dict(value)
    if isinstance(value.get("task_spec"), str):
        value["task_spec"] = mapping.spec_name(value["task_spec"])
    if isinstance(value.get("spec"), str):                  # the process a call activity calls
        value["spec"] = mapping.element(value["spec"])
    if isinstance(value.get("default_task_spec"), str):
        value["default_task_spec"] = mapping.spec_name(value["default_task_spec"])
    if isinstance(value.get("cond_task_specs"), list):
        value["cond_task_specs"] = [{**c, "task_spec": mapping.spec_name(c.get("task_spec", ""))}
                                    for c in value["cond_task_specs"]]
    return value
