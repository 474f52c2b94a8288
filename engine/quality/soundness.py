"""A bounded soundness check: explore every state the flow graph can reach, within a bound.

Tokens on sequence flows; a task takes one token from any incoming flow and puts one on every
outgoing flow; an exclusive or event-based gateway puts one on a single outgoing flow of its
choice; a parallel gateway waits for a token on every incoming flow; an inclusive gateway fires
when no further token can still reach it, and puts tokens on any non-empty subset of its outgoing
flows. Conditions are not evaluated: every choice is explored. A boundary event may interrupt
its activity (or, non-interrupting, fire once beside it). Call activities and multi-instance
activities are one step (the called process is checked on its own); embedded subprocesses are
checked on their own too.

Sound means: from every reachable state the process can still end, and it never gets stuck
with tokens waiting at a join. A state space larger than the bound is reported as a warning:
the check could not decide.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from engine.quality.findings import Finding, Severity
from engine.quality.model import Flow, Model, Node, Process

MAX_STATES = 20_000
MAX_TOKENS = 3                       # tokens one flow may hold before the net counts as unbounded
CHOICE = ("exclusiveGateway", "eventBasedGateway")
INCLUSIVE = ("inclusiveGateway", "complexGateway")
State = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class _Net:
    """One container (a process or an embedded subprocess) as a token game."""

    nodes: dict[str, Node]
    incoming: dict[str, list[Flow]]
    outgoing: dict[str, list[Flow]]
    boundaries: dict[str, list[Node]]
    following: dict[str, set[str]]   # flow id -> flow ids a token there can reach


def check(model: Model) -> list[Finding]:
    """Soundness findings for every process and embedded subprocess of the model."""
    found: list[Finding] = []
    for process in model.processes.values():
        containers = {None} | {n.id for n in process.nodes.values()
                               if n.kind in ("subProcess", "transaction")}
        for container in sorted(containers, key=lambda c: c or ""):
            found += _container(process, container)
    return found


def _container(process: Process, container: str | None) -> list[Finding]:
    nodes = {n.id: n for n in process.nodes.values() if n.parent == container}
    flows = [f for f in process.flows.values() if f.source in nodes and f.target in nodes]
    incoming: dict[str, list[Flow]] = {n: [] for n in nodes}
    outgoing: dict[str, list[Flow]] = {n: [] for n in nodes}
    for flow in flows:
        outgoing[flow.source].append(flow)
        incoming[flow.target].append(flow)
    boundaries: dict[str, list[Node]] = {}
    for node in nodes.values():
        if node.kind == "boundaryEvent" and node.attached_to in nodes:
            boundaries.setdefault(node.attached_to, []).append(node)
    net = _Net(nodes, incoming, outgoing, boundaries, _following(flows, nodes, outgoing))
    starts = [n for n in nodes.values() if n.kind == "startEvent"]
    found: list[Finding] = []
    for start in starts:
        found += _explore(net, start, process)
    return list(dict.fromkeys(found))


def _following(flows: list[Flow], nodes: dict[str, Node], outgoing: dict[str, list[Flow]]) -> dict[str, set[str]]:
    """For each flow, the flows a token on it can still reach (for the inclusive join's wait)."""
    following = {}
    for flow in flows:
        seen, stack = set(), [flow.target]
        while stack:
            node = stack.pop()
            for out in outgoing.get(node, []):
                if out.id not in seen:
                    seen.add(out.id)
                    stack.append(out.target)
        following[flow.id] = seen
    return following


def _explore(net: _Net, start: Node, process: Process) -> list[Finding]:
    initial = _freeze(Counter(f.id for f in net.outgoing[start.id]))
    seen: dict[State, list[State]] = {}
    fired: set[str] = {start.id}
    queue: deque[State] = deque([initial])
    where = dict(file=process.file)
    while queue:
        state = queue.popleft()
        if state in seen:
            continue
        if len(seen) >= MAX_STATES or any(count > MAX_TOKENS for _, count in state):
            why = "te veel toestanden" if len(seen) >= MAX_STATES else "een stroom krijgt onbegrensd veel tokens"
            return [Finding("ekd/soundness", f"proces '{process.id}': correctheid kon niet beslist worden binnen de "
                                             f"grens ({why}; grens {MAX_STATES} toestanden, {MAX_TOKENS} tokens "
                                             "per stroom)", Severity.WARNING, element=start.id, **where)]
        successors = []
        for node, following in _moves(net, state):
            fired.add(node)
            successors.append(following)
            queue.append(following)
        seen[state] = successors
    return _judge(net, seen, fired, process)


def _judge(net: _Net, seen: dict[State, list[State]], fired: set[str], process: Process) -> list[Finding]:
    found: list[Finding] = []
    stuck = {state for state, successors in seen.items() if state and not successors}
    ending, stalling = _leading_to(seen, {state for state in seen if not state}), _leading_to(seen, stuck)
    for state in stuck:
        for element in sorted({_holder(net, place) for place, _ in state}):
            found.append(Finding("ekd/soundness", "kan vastlopen: een token wacht hier voor altijd (de andere "
                                                 "binnenkomende stromen krijgen er geen meer)", element=element,
                                 file=process.file))
    for state in seen:
        if state not in ending and state not in stalling:
            for element in sorted({_holder(net, place) for place, _ in state}):
                found.append(Finding("ekd/soundness", "lus zonder uitweg: vanaf hier kan het proces nooit meer "
                                                     "eindigen", element=element, file=process.file))
    for state in seen:
        for place, count in state:
            if count > 1 and not place.startswith("actief:"):
                target = _holder(net, place)
                found.append(Finding("ekd/soundness", f"stroom '{place}' kan meer dan één token tegelijk dragen "
                                                     "(gebrek aan synchronisatie: voeg een parallelle gateway toe "
                                                     "of splits niet)", Severity.WARNING, process.file, target))
    for node in net.nodes.values():
        if node.id not in fired and node.kind != "startEvent":
            found.append(Finding("ekd/soundness", "wordt in geen enkele toestand uitgevoerd", Severity.WARNING,
                                 process.file, node.id))
    return found


def _leading_to(seen: dict[State, list[State]], targets: set[State]) -> set[State]:
    """The states from which one of `targets` can be reached."""
    before: dict[State, set[State]] = {}
    for state, successors in seen.items():
        for following in successors:
            before.setdefault(following, set()).add(state)
    reached = set(targets)
    queue = deque(targets)
    while queue:
        for previous in before.get(queue.popleft(), ()):
            if previous not in reached:
                reached.add(previous)
                queue.append(previous)
    return reached


def _holder(net: _Net, place: str) -> str:
    """The element a token on this place waits at."""
    if place.startswith("actief:"):
        return place.split(":")[1]
    for flows in net.incoming.values():
        for flow in flows:
            if flow.id == place:
                return flow.target
    return place


def _moves(net: _Net, state: State) -> Iterator[tuple[str, State]]:
    tokens = Counter(dict(state))
    for node in net.nodes.values():
        if node.kind in ("startEvent", "boundaryEvent"):
            continue
        marked = [f for f in net.incoming[node.id] if tokens[f.id]]
        if not marked:
            continue
        if node.kind == "parallelGateway":
            if len(marked) == len(net.incoming[node.id]):
                yield node.id, _fire(tokens, marked, [f.id for f in net.outgoing[node.id]])
        elif node.kind in INCLUSIVE:
            waiting = [f for f in net.incoming[node.id] if not tokens[f.id]]
            elsewhere = [p for p in tokens if p not in {f.id for f in marked}]
            if not any(_may_reach(net, place, flow.id) for place in elsewhere for flow in waiting):
                for chosen in _subsets(net.outgoing[node.id]):
                    yield node.id, _fire(tokens, marked, chosen)
        else:
            for flow in marked:                       # any one incoming token (an implicit or exclusive join)
                yield from _step(net, node, tokens, flow)
    for place in list(tokens):
        if place.startswith("actief:"):
            yield from _finish(net, tokens, place)


def _step(net: _Net, node: Node, tokens: Counter, flow: Flow) -> Iterator[tuple[str, State]]:
    outgoing = net.outgoing[node.id]
    if node.id in net.boundaries:
        yield node.id, _fire(tokens, [flow], [f"actief:{node.id}:"])
    elif "terminate" in node.events:
        yield node.id, ()
    elif node.kind in CHOICE:
        for out in outgoing:
            yield node.id, _fire(tokens, [flow], [out.id])
    elif any(out.condition for out in outgoing) and node.kind not in INCLUSIVE:
        fixed = [out.id for out in outgoing if not out.condition]
        for chosen in _subsets([out for out in outgoing if out.condition], empty=bool(fixed)):
            yield node.id, _fire(tokens, [flow], fixed + chosen)
    else:
        yield node.id, _fire(tokens, [flow], [out.id for out in outgoing])


def _finish(net: _Net, tokens: Counter, place: str) -> Iterator[tuple[str, State]]:
    """An active activity completes, or one of its boundary events fires."""
    _, node_id, done = place.split(":")
    fired = set(done.split(",")) - {""}
    yield node_id, _fire(tokens, [place], [f.id for f in net.outgoing[node_id]])
    for boundary in net.boundaries[node_id]:
        outputs = [f.id for f in net.outgoing[boundary.id]]
        if boundary.interrupting:
            yield boundary.id, _fire(tokens, [place], outputs)
        elif boundary.id not in fired:
            again = f"actief:{node_id}:{','.join(sorted(fired | {boundary.id}))}"
            yield boundary.id, _fire(tokens, [place], [again, *outputs])


def _may_reach(net: _Net, place: str, flow: str) -> bool:
    if place.startswith("actief:"):
        node = place.split(":")[1]
        outs = [f.id for f in net.outgoing[node]] + [f.id for b in net.boundaries.get(node, [])
                                                      for f in net.outgoing[b.id]]
        return any(out == flow or flow in net.following.get(out, set()) for out in outs)
    return flow in net.following.get(place, set())


def _subsets(flows: list[Flow], empty: bool = False) -> Iterator[list[str]]:
    ids = [f.id for f in flows]
    if empty:
        yield []
    for size in range(1, len(ids) + 1):
        for chosen in combinations(ids, size):
            yield list(chosen)


def _fire(tokens: Counter, consumed: list, produced: list[str]) -> State:
    after = Counter(tokens)
    for item in consumed:
        key = item if isinstance(item, str) else item.id
        after[key] -= 1
    for place in produced:
        after[place] += 1
    return _freeze(after)


def _freeze(tokens: Counter) -> State:
    return tuple(sorted((place, count) for place, count in tokens.items() if count > 0))
