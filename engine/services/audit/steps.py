"""Step-through replay for auditors: a trajectory as it stood at event N — the elements done, active
and waiting (each round and instance apart), the data then (redacted by engine/access.py) with what
changed since N−1, who did it in which role, the engine's clock, the version in effect, and how the
step compares with its re-execution and its seal in the chain. Read-only: the read is logged."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from engine import access, clock
from engine.actors import Actor
from engine.history import chain, log, progress
from engine.history.events import payload
from engine.history.projection import Projection
from engine.history.replay import Checkpoint, replay
from engine.services.audit.versions import version_in_effect
from engine.services.errors import NotFound
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.models import Event, Person

WINDOW = 12          # the timeline shows this many events either side of N (jump to any other)


@dataclass(frozen=True, kw_only=True)
class Item:
    """One value of the data (or of the event) at step N, as the auditor sees it."""

    pointer: str
    value: Any
    hidden: bool
    revealed: bool = False
    change: str | None = None          # "nieuw" or "gewijzigd" since N−1


@dataclass(frozen=True, kw_only=True)
class Moment:
    """One event on the timeline."""

    seq: int
    kind: str
    actor: str
    at: datetime
    element: str | None


@dataclass(frozen=True, kw_only=True)
class ElementView:
    element: str
    name: str
    process: str
    state: str
    rounds: int
    instances: tuple[str, ...]


@dataclass(kw_only=True)
class StepView:
    trajectory_id: str
    pseudonym: str
    age_band: str | None
    status: str
    seq: int
    event_count: int
    kind: str
    actor: str
    actor_username: str | None
    role: str | None
    clock: str | None
    recorded_at: datetime
    version: str
    version_number: int | None
    element: str | None
    element_name: str | None
    runs: list[progress.Run]              # what this step completed, and what is open after it
    elements: list[ElementView]
    markers: dict[str, dict[str, str]]    # process → element → done/active/waiting
    badges: dict[str, dict[str, str]]     # process → element → rounds and instances
    diagrams: dict[str, tuple[str, str]]  # process → (BPMN file, name)
    main_process: str
    data: list[Item]
    removed: list[str]
    facts: list[Item]
    mismatches: list[str]
    seal: list[str]
    timeline: list[Moment] = field(default_factory=list)
    resumed_at: int = 0


class StepThrough:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library
        self._kinds: dict[str, dict[str, access.Field]] = {}

    def step(self, trajectory_id: str, seq: int, actor: Actor,
             revealed: frozenset[str] = frozenset()) -> StepView:
        """The trajectory at event `seq` (from 1) for an auditor; `revealed` names the data items
        (JSON pointers) this session revealed, shown as they are. The read is logged."""
        access.require_auditor(actor)
        with self._uow(write=True) as uow:
            view = self._step(uow, trajectory_id, seq, revealed)
            uow.access.record(clock.now(), actor.id, "stap", f"traject:{trajectory_id}", f"stap {seq}")
            uow.commit()
        return view

    def reveal(self, trajectory_id: str, seq: int, pointer: str, reason: str | None, actor: Actor) -> Any:
        """The value of one hidden item at step `seq`, for a stated reason; logged with the reason."""
        access.require_auditor(actor)
        stated = access.reveal_reason(reason)
        with self._uow(write=True) as uow:
            trajectory, history, event = _read(uow, trajectory_id, seq)
            casework = self._library.casework(version_in_effect(trajectory, event))
            now_data, _, _, _ = _data_at(uow, casework, trajectory, history, seq)
            leaves = _leaves(now_data)
            if pointer not in leaves:
                raise NotFound(f"stap {seq} heeft geen gegeven '{pointer}'")
            uow.access.record(clock.now(), actor.id, "onthullen", f"traject:{trajectory_id}",
                              f"stap {seq} {pointer[:200]}: {stated}")
            uow.commit()
        return leaves[pointer]

    def _step(self, uow: UnitOfWork, trajectory_id: str, seq: int, revealed: frozenset[str]) -> StepView:
        trajectory, history, event = _read(uow, trajectory_id, seq)
        version = version_in_effect(trajectory, event)
        casework = self._library.casework(version)
        definition = casework.guideline.process(trajectory.process_id)
        kinds = self._kinds.setdefault(version, access.field_kinds(casework.guideline.forms))
        bodies = {e.seq: _body(e) for e in history if e.seq <= seq}
        body = bodies.get(seq) or {}
        on = _day(body.get("clock")) or event.recorded_at.date()
        now_data, before_data, replayed, instance = _data_at(uow, casework, trajectory, history, seq)
        at_n = instance is not None and replayed.upto == seq
        ready = [t.path for t in instance.ready_tasks()] if at_n else []
        waiting = [w.path for w in instance.waiting()] if at_n else []
        made = progress.progress(((s, (b or {}).get("completed") or []) for s, b in sorted(bodies.items())),
                                 ready, waiting)
        elements, markers, badges = _elements(made, definition)
        people = _people(uow, history, bodies)
        child = uow.children.get(trajectory.child_id)
        number = uow.guidelines.get(version)
        element = body.get("element")
        return StepView(
            trajectory_id=trajectory.id, pseudonym=access.pseudonym(uow.key, trajectory.child_id),
            age_band=access.age_band(child.birth_date, on) if child else None, status=trajectory.status,
            seq=seq, event_count=trajectory.event_count, kind=event.type,
            actor=people.get(event.actor, (event.actor, None))[0],
            actor_username=people.get(event.actor, (None, None))[1],
            role=_role(event, body, history, bodies), clock=body.get("clock"), recorded_at=event.recorded_at,
            version=version, version_number=number.number if number else None, element=element,
            element_name=_name(definition, element), main_process=trajectory.process_id,
            runs=[r for r in made.runs if r.seq == seq or r.seq is None],
            elements=elements, markers=markers, badges=badges, diagrams=_diagrams(definition),
            data=_items(now_data, before_data, kinds, on, revealed), removed=sorted(set(_leaves(before_data))
                                                                                     - set(_leaves(now_data))),
            facts=_facts(body, kinds, on, people),
            mismatches=_mismatches(replayed, seq), seal=_seal(uow.key, trajectory_id, history, event),
            timeline=[Moment(seq=e.seq, kind=e.type, actor=people.get(e.actor, (e.actor, None))[0], at=e.recorded_at,
                             element=(bodies.get(e.seq) or {}).get("element") if e.seq <= seq else None)
                      for e in history if abs(e.seq - seq) <= WINDOW],
            resumed_at=replayed.resumed_at)


def _read(uow: UnitOfWork, trajectory_id: str, seq: int):
    trajectory = uow.trajectories.get(trajectory_id)
    if trajectory is None:
        raise NotFound(f"traject '{trajectory_id}' bestaat niet")
    history = uow.events.of_trajectory(trajectory_id)
    event = next((e for e in history if e.seq == seq), None)
    if event is None:
        raise NotFound(f"traject '{trajectory_id}' heeft geen gebeurtenis {seq} "
                       f"(gebeurtenissen 1 tot {trajectory.event_count})")
    return trajectory, history, event


def _data_at(uow: UnitOfWork, casework, trajectory, history: list[Event], seq: int):
    """The process data after event `seq` and after `seq − 1`, re-executed from the checkpoint before
    them (so that both are observed), with the replay and the instance it reached."""
    kept = uow.checkpoints.nearest(trajectory.id, seq - 2) if seq > 2 else None
    start = Checkpoint(trajectory.process_id, kept.seq, kept.state, kept.steps) if kept else None
    seen: dict[int, dict] = {}

    def observe(event: Event, instance) -> None:
        if event.seq >= seq - 1:
            seen[event.seq] = instance.data

    after = start.seq if start else 0
    replayed = replay(casework, trajectory.id, [e for e in history if after < e.seq <= seq], seq, start,
                      observe=observe)
    instance = replayed.instance
    now = seen.get(seq, instance.data if instance is not None else {})
    return now, seen.get(seq - 1, {}), replayed, instance


def _body(event: Event) -> dict | None:
    try:
        body = payload(event)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _day(text: Any) -> date | None:
    try:
        return datetime.fromisoformat(text).date() if isinstance(text, str) else None
    except ValueError:
        return None


def _leaves(value: Any, pointer: str = "") -> dict[str, Any]:
    """Every leaf of a JSON value by its JSON pointer ('/intake/hulpvraag_kind', '/vertegenwoordigers/0/naam')."""
    if isinstance(value, dict) and value:
        found: dict[str, Any] = {}
        for key, item in value.items():
            found |= _leaves(item, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
        return found
    if isinstance(value, list) and value:
        found = {}
        for index, item in enumerate(value):
            found |= _leaves(item, f"{pointer}/{index}")
        return found
    return {pointer: value}


def _name_of(pointer: str) -> str | None:
    """The field a leaf belongs to: the last part of its pointer that is not a list index."""
    return next((part for part in reversed(pointer.split("/")) if part and not part.isdigit()), None)


def _items(now: dict, before: dict, kinds, on: date, revealed: frozenset[str]) -> list[Item]:
    now_leaves, before_leaves = _leaves(now), _leaves(before)
    items = []
    for pointer, raw in now_leaves.items():
        shown, hidden = access.redact(_name_of(pointer), raw, kinds, on)
        opened = hidden and pointer in revealed
        change = "nieuw" if pointer not in before_leaves else "gewijzigd" if before_leaves[pointer] != raw else None
        items.append(Item(pointer=pointer, value=raw if opened else shown, hidden=hidden and not opened,
                          revealed=opened, change=change))
    return sorted(items, key=lambda item: item.pointer)


def _facts(body: dict, kinds, on: date, people: dict[str, tuple[str, str | None]]) -> list[Item]:
    """The event's own fields (not the task's data: that is in the data), redacted; people by name."""
    own = {k: v for k, v in body.items() if k not in log.ENVELOPE | {"data", "task"}}
    items = []
    for pointer, raw in _leaves(own).items():
        if isinstance(raw, str) and raw in people:
            items.append(Item(pointer=pointer, value=people[raw][0], hidden=False))
            continue
        shown, hidden = access.redact_event_field(_name_of(pointer), raw, kinds, on)
        items.append(Item(pointer=pointer, value=shown, hidden=hidden))
    return items


def _people(uow: UnitOfWork, history: list[Event], bodies: dict[int, dict | None]) -> dict[str, tuple[str, str | None]]:
    """Everyone who acted or was named (team, anchor): display name and username, by id."""
    ids = {e.actor for e in history}
    for body in bodies.values():
        for key in ("personen", "persoon"):
            value = (body or {}).get(key)
            ids |= {v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)}
    found = {"systeem": ("ekd (planner)", None), "cli": ("beheer (commandolijn)", None),
             "migratie": ("upgrade (migratie 0008)", None)}
    if ids:
        for person in uow.session.query(Person).filter(Person.id.in_(ids - set(found))):
            found[person.id] = (person.display_name, person.username)
    return found


def _role(event: Event, body: dict, history: list[Event], bodies: dict[int, dict | None]) -> str | None:
    """The role the actor acted in: the task's lane, the roles signed for, else their roles on the
    team just before the event (the events folded up to it)."""
    if body.get("role"):
        return body["role"]
    if event.type == log.Kind.DOCUMENT_SIGNED and body.get("rollen"):
        return ", ".join(body["rollen"])
    if event.type == log.Kind.STARTED:
        return "coordinator"
    team = Projection()
    for earlier in history:
        if earlier.seq >= event.seq:
            break
        try:
            typed = log.typed(earlier.type, bodies.get(earlier.seq) or {})
        except (KeyError, TypeError):
            continue
        if typed is not None:
            team.apply(typed, earlier.actor, earlier.recorded_at)
    roles = sorted(role for person, role in team.members if person == event.actor)
    return ", ".join(roles) or None


def _elements(made: progress.Progress, definition) -> tuple[list[ElementView], dict, dict]:
    views, markers, badges = [], {}, {}
    for element_id, summary in made.elements().items():
        element = definition.element(element_id)
        if element is None:
            continue
        views.append(ElementView(element=element_id, name=element.name or element_id, process=element.process,
                                 state=str(summary.state), rounds=summary.rounds, instances=summary.instances))
        markers.setdefault(element.process, {})[element_id] = str(summary.state)
        badge = [f"ronde {summary.rounds}"] if summary.rounds > 1 else []
        badge += [f"{len(summary.instances)}×"] if len(summary.instances) > 1 else []
        if badge:
            badges.setdefault(element.process, {})[element_id] = " · ".join(badge)
    return sorted(views, key=lambda v: (v.process, v.name)), markers, badges


def _diagrams(definition) -> dict[str, tuple[str, str]]:
    names = definition.process_names()
    files: dict[str, tuple[str, str]] = {}
    for element in definition.elements.values():
        if element.file:
            files.setdefault(element.process, (element.file, names.get(element.process, element.process)))
    return files


def _name(definition, element_path: str | None) -> str | None:
    if not element_path:
        return None
    found = definition.element(progress.element_of(element_path))
    return found.name if found else None


def _mismatches(replayed, seq: int) -> list[str]:
    """Where the re-execution of this step differs from what was recorded (or stopped before it)."""
    mine = [m for m in replayed.mismatches if m.startswith((f"gebeurtenis {seq}:", f"gebeurtenis {seq} ("))]
    if not mine and replayed.mismatches and replayed.upto < seq:
        mine = [f"de heruitvoering stopte vóór deze stap: {replayed.mismatches[0]}"]
    return mine


def _seal(key: chain.Key, trajectory_id: str, history: list[Event], event: Event) -> list[str]:
    """This event's place in the keyed chain: its content hash, its link to the previous event, its key-hash."""
    found = []
    if event.payload is not None and chain.payload_hash(event.payload) != event.payload_hash:
        found.append("inhoud gewijzigd (hash van de inhoud klopt niet)")
    previous = next((e.hash for e in reversed(history) if e.seq < event.seq), chain.GENESIS)
    if event.prev_hash != previous:
        found.append("verwijst niet naar de vorige gebeurtenis")
    expected = chain.link(key, event.prev_hash, trajectory_id, event.seq, event.type, event.actor, event.recorded_at,
                          event.payload_hash)
    if not hmac.compare_digest(event.hash or "", expected):
        found.append("sleutel-hash klopt niet: gewijzigd, of herberekend zonder de auditsleutel")
    return found
