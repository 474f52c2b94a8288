"""Flow coverage of a guideline by its scenarios: flow nodes, sequence flows and DMN rules taken.

Taken is what the engine reported: every completion names its element, its process and the
element it came from, so a sequence flow counts when a run went along it (a parallel or inclusive
join counts every incoming flow whose source completed since its previous firing). Counted over
the main process and every process it calls; never above 100 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine import runtime
from engine.quality.model import Model

JOINS = ("parallelGateway", "inclusiveGateway", "complexGateway")
THRESHOLD_PROPERTY = "ekdCoverageThreshold"
DEFAULT_THRESHOLD = 80


@dataclass(frozen=True)
class Coverage:
    """What the scenarios took of the guideline, and what they never took."""

    nodes: tuple[int, int]                      # (covered, total)
    flows: tuple[int, int]
    rules: tuple[int, int]
    untaken: tuple[str, ...] = ()               # ids of flow nodes and sequence flows never taken
    untaken_rules: tuple[str, ...] = ()
    painted: dict[str, dict[str, str]] = field(default_factory=dict)   # file -> element id -> taken/untaken

    def percent(self, part: tuple[int, int]) -> float:
        """`part` as a percentage (100 for an empty part)."""
        covered, total = part
        return 100.0 if total == 0 else 100.0 * covered / total

    def below(self, threshold: float) -> list[str]:
        """The parts below `threshold` percent, each said in Dutch."""
        parts = {"stroomknopen": self.nodes, "sequentiestromen": self.flows}
        return [f"dekking {name} {self.percent(part):.0f} % ({part[0]}/{part[1]}) is lager dan de drempel "
                f"{threshold:g} %" for name, part in parts.items() if self.percent(part) + 1e-9 < threshold]

    def as_json(self) -> dict[str, Any]:
        """The coverage as the API shows it."""
        def part(value: tuple[int, int]) -> dict[str, int]:
            return {"covered": value[0], "total": value[1]}
        return {"flow_nodes": part(self.nodes), "sequence_flows": part(self.flows), "dmn_rules": part(self.rules),
                "untaken": list(self.untaken), "untaken_rules": list(self.untaken_rules), "painted": self.painted}


def threshold(model: Model, main: str) -> float:
    """The guideline's own coverage threshold: the main process's property ekdCoverageThreshold (percent)."""
    process = model.processes.get(main)
    value = process.properties.get(THRESHOLD_PROPERTY) if process else None
    try:
        return float(value) if value is not None else DEFAULT_THRESHOLD
    except ValueError:
        return DEFAULT_THRESHOLD


def measure(model: Model, main: str, runs: list[list[runtime.Completion]]) -> Coverage:
    """Coverage of the processes reachable from `main` by the completions of every run."""
    processes = model.reachable(main)
    nodes = {(p.id, node_id) for p in processes for node_id in p.nodes}
    flows = {(p.id, f.id): f for p in processes for f in p.flows.values()}
    decisions = {text for p in processes for n in p.nodes.values() for what, text in n.behaviour
                 if what == "beslissing"}
    rules = {rule_id for rule_id, rule in model.rules.items() if rule.decision in decisions}
    taken_nodes, taken_flows, hit = set(), set(), set()
    by_pair: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for key, flow in flows.items():
        by_pair.setdefault((flow.process, flow.source, flow.target), []).append(key)
    for completions in runs:
        for index, completion in enumerate(completions):
            if (completion.process, completion.element) not in nodes:
                continue
            taken_nodes.add((completion.process, completion.element))
            hit |= set(completion.rules) & rules
            sources = {completion.source}
            kind = model.processes[completion.process].nodes[completion.element].kind
            if kind in JOINS:
                sources |= _arrived(completions, index)
            for source in sources:
                taken_flows.update(by_pair.get((completion.process, source, completion.element), []))
    untaken = sorted({node_id for process_id, node_id in nodes - taken_nodes}
                     | {flow_id for process_id, flow_id in set(flows) - taken_flows})
    painted: dict[str, dict[str, str]] = {}
    for process in processes:
        marks = painted.setdefault(process.file, {})
        for node_id in process.nodes:
            marks[node_id] = "taken" if (process.id, node_id) in taken_nodes else "untaken"
        for flow_id in process.flows:
            marks[flow_id] = "taken" if (process.id, flow_id) in taken_flows else "untaken"
    return Coverage((len(taken_nodes), len(nodes)), (len(taken_flows), len(flows)), (len(hit), len(rules)),
                    tuple(untaken), tuple(sorted(rules - hit)), painted)


def _arrived(completions: list[runtime.Completion], index: int) -> set[str]:
    """The elements that completed in the join's scope since its previous firing there."""
    join = completions[index]
    scope = join.path.rpartition("/")[0]
    arrived = set()
    for earlier in reversed(completions[:index]):
        if earlier.path.rpartition("/")[0] != scope:
            continue
        if earlier.element == join.element:
            break
        arrived.add(earlier.element)
    return arrived
