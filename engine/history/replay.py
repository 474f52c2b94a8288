"""Replay: re-execute a trajectory's events, each against the guideline version in effect at it,
deterministically.

Each event recorded the clock the engine used; re-executed with that clock and the same seed
for task ids, the events rebuild the same workflow state, byte for byte. The start names the first
version; a move ('naar_versie_verplaatst') re-runs the same migration onto the next, and the events
after it run there (the casework passed in finds the other versions of its library).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from engine import clock, runtime
from engine.casework import Casework
from engine.errors import EkdError
from engine.history import events as kinds
from engine.history.events import payload
from engine.store.models import Event


@dataclass
class Replayed:
    """A trajectory as it stood after event `upto`."""

    instance: runtime.Instance | None
    upto: int
    path: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    states: dict[int, tuple[str, int]] = field(default_factory=dict)   # seq -> (state, steps so far)
    resumed_at: int = 0
    version: str | None = None                                         # the version in effect after `upto`
    versions: dict[int, str] = field(default_factory=dict)             # seq -> the version it ran on
    process: str | None = None                                         # the process in effect after `upto`


@dataclass(frozen=True)
class Checkpoint:
    """A stored state after event `seq` and the steps up to it: a replay may start there."""

    process: str
    seq: int
    state: str
    steps: list[str]
    version: str | None = None      # the version in effect at `seq` (None: the casework's own)


def seed(trajectory_id: str, seq: int) -> str:
    """The seed of the task ids created by event `seq`."""
    return f"{trajectory_id}/{seq}"


Observer = Callable[[Event, runtime.Instance], None]


def replay(casework: Casework, trajectory_id: str, events: list[Event], upto: int | None = None,
           start: Checkpoint | None = None, keep: frozenset[int] = frozenset(),
           observe: Observer | None = None) -> Replayed:
    """Re-execute events 1..upto, or those after `start` (the caller passes only those then);
    report where the outcome differs from what was recorded. The states after the events in
    `keep` are kept in `states`, with the number of steps up to them; `observe` sees the workflow
    after each event."""
    events = [e for e in events if (upto is None or e.seq <= upto) and (start is None or e.seq > start.seq)]
    result = Replayed(None, 0)
    if start is not None:
        current = casework.at(start.version)
        result.instance = current.load(start.process, start.state)
        result.upto = result.resumed_at = start.seq
        result.path = list(start.steps)
        result.version, result.process = current.version, start.process
    for event in events:
        try:
            body = payload(event)
        except ValueError:
            result.mismatches.append(f"gebeurtenis {event.seq}: inhoud is geen leesbare JSON")
            break
        if body is None:
            result.mismatches.append(f"gebeurtenis {event.seq}: inhoud is gewist; opnieuw uitvoeren kan niet")
            break
        try:
            done = _apply(casework, trajectory_id, result, event, body)
        except EkdError as error:
            result.mismatches.append(f"gebeurtenis {event.seq} ({event.type}): {error}")
            break
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            result.mismatches.append(f"gebeurtenis {event.seq} ({event.type}): inhoud onvolledig of onleesbaar "
                                     f"({type(error).__name__}: {error})")
            break
        if done is None:
            break
        result.path += [c.element for c in done]
        recorded = body.get("completed")
        if recorded is not None and [c.path for c in done] != recorded:
            result.mismatches.append(f"gebeurtenis {event.seq} ({event.type}): andere stappen bij heruitvoering")
        result.upto = event.seq
        if result.version is not None:
            result.versions[event.seq] = result.version
        if event.seq in keep and result.instance is not None:
            result.states[event.seq] = (result.instance.dumps(), len(result.path))
        if observe is not None and result.instance is not None:
            observe(event, result.instance)
    return result


def steps_of(payloads: list[dict | None]) -> list[str]:
    """The elements that events (their payloads) recorded as completed, in order."""
    return [element_of(path) for body in payloads for path in (body or {}).get("completed") or []]


def element_of(path: str) -> str:
    """The BPMN id of an instance path's last segment: 'p/loop[2]/taak' -> 'taak'."""
    return path.rsplit("/", 1)[-1].split("[", 1)[0]


def _apply(casework: Casework, trajectory_id: str, result: Replayed, event: Event, body: dict):
    at = datetime.fromisoformat(body["clock"])
    with clock.frozen(at), runtime.repeatable(seed(trajectory_id, event.seq)):
        if event.type == kinds.STARTED:
            first = casework.at(body.get("version"))
            result.instance = first.start(body["process"], body.get("data"))
            result.version, result.process = first.version, body["process"]
            return result.instance.take_completions()
        if result.instance is None:
            result.mismatches.append(f"gebeurtenis {event.seq}: het traject begint niet met '{kinds.STARTED}'")
            return None
        if event.type == kinds.TASK_COMPLETED:
            task = result.instance.task_by_path(body["path"])
            if task is None or task.id != body["task"]:
                result.mismatches.append(f"gebeurtenis {event.seq}: taak '{body['path']}' lag niet klaar")
                return None
            return result.instance.complete(task.id, body["data"])
        if event.type == kinds.TIMER_FIRED:
            result.instance.advance()
            return result.instance.take_completions()
        if event.type == kinds.MOVED:
            if body["van"] != result.version:
                result.mismatches.append(f"gebeurtenis {event.seq}: verplaatst van versie '{body['van']}', maar het "
                                         f"traject liep op '{result.version}'")
                return None
            target = casework.at(body["naar"])
            result.instance = target.migrate(result.instance, body["proces"], body.get("koppeling") or {})
            result.version, result.process = target.version, body["proces"]
            return []
        return []   # events that record a fact without moving the workflow
