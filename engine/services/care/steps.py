"""What the team recorded, step by step: every completed task read back with the form it was
completed in — the dossier's contributions, and a read-only page per completed step — as far as
need-to-know lets the reader see that task's lane's data (engine/access.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from engine import access, clock, runtime
from engine.access import Clearance, Data
from engine.actors import SYSTEM, Actor
from engine.casework import Casework
from engine.errors import EkdError
from engine.history import events as kinds
from engine.history.events import payload
from engine.presentation import Item, Text, present
from engine.roles import DISCIPLINES
from engine.services.care.clearances import clearance_of
from engine.services.errors import NotFound
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.models import Event


@dataclass(frozen=True)
class Contribution:
    """One completed task and what was recorded in it, as its form shows it."""

    seq: int                       # the event that recorded it: the step's page is /trajecten/<id>/stappen/<seq>
    role: str | None
    step: str
    at: datetime
    author: str
    items: tuple[Item, ...]
    finding: bool = False          # a discipline's findings
    withheld: bool = False         # the reader may know it exists, not read it (medical findings)


@dataclass(frozen=True)
class StepView:
    """A completed step's read-only page: who completed it when, and every answer."""

    trajectory_id: str
    child_id: str
    child: str | None
    seq: int
    title: Text
    step: str
    lane: str | None
    author: str
    at: datetime
    items: tuple[Item, ...]
    erased: bool = False           # the answers were erased at the end of retention


class Steps:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def read(self, trajectory_id: str, seq: int, actor: Actor) -> StepView:
        """One completed step, when the reader may read its lane's data (their own always). The read
        and its access-log row share one transaction."""
        access.require(access.works_with_clients(actor), access.NO_CLIENT_DATA)
        with self._uow(write=True) as uow:
            trajectory = uow.trajectories.get(trajectory_id)
            if trajectory is None:
                raise NotFound(f"traject '{trajectory_id}' bestaat niet")
            clearance = clearance_of(uow, trajectory, actor)
            access.require(bool(clearance.roles), access.NOT_ON_TEAM)
            event = next(iter(uow.events.of_trajectory(trajectory_id, upto=seq, after=seq - 1)), None)
            if event is None or event.type != kinds.TASK_COMPLETED:
                raise NotFound(f"stap {seq} van dit traject is geen afgeronde taak")
            body = payload(event)
            lane = (body or {}).get("role")
            if not clearance.reads_contribution(lane, event.actor, actor.id):
                raise access.Forbidden(clearance.reason(Data.MEDICAL if lane in access.MEDICAL_LANES
                                                        else Data.SHARED))
            casework = self._library.casework(trajectory.guideline_version_id)
            definition = casework.guideline.process(trajectory.process_id)
            child = uow.children.get(trajectory.child_id) if clearance.reads(Data.IDENTITY) else None
            shown = contribution(event, casework, definition, names(uow, [event]))
            uow.access.record(clock.now(), actor.id, "lezen", f"traject:{trajectory_id}", f"stap {seq}")
            uow.commit()
        element = definition.element((body or {}).get("element", ""))
        schema = casework.guideline.form(element.form if element else None) or {}
        title = Text(schema["title"], element.form, "/title") if schema.get("title") else Text(shown.step)
        return StepView(trajectory_id=trajectory.id, child_id=trajectory.child_id,
                        child=f"{child.given_name} {child.family_name}" if child else None, seq=seq, title=title,
                        step=shown.step, lane=lane, author=shown.author, at=event.recorded_at, items=shown.items,
                        erased=body is None)


def contributions(history: Iterable[Event], casework: Casework, definition: runtime.Definition,
                  people: dict[str, str], clearance: Clearance, me: str) -> list[Contribution]:
    """Every completed task that recorded something, as this reader may see it: readable ones in
    full; a lane's data they may not read only as withheld (while they read the shared data)."""
    found = []
    for event in history:
        body = payload(event) or {}
        if event.type != kinds.TASK_COMPLETED or not body.get("data"):
            continue
        readable = clearance.reads_contribution(body.get("role"), event.actor, me)
        if not readable and not clearance.reads(Data.SHARED):
            continue                   # while consent is withdrawn: not even that it exists
        shown = contribution(event, casework, definition, people)
        found.append(shown if readable else replace(shown, items=(), withheld=True))
    return found


def ran_on(event: Event, casework: Casework, definition: runtime.Definition
           ) -> tuple[Casework, runtime.Definition]:
    """The casework and process of the version an event ran on (the current ones when it is the same,
    or when that version does not name the process)."""
    version = getattr(event, "guideline_version_id", None)
    if not version or version == casework.version:
        return casework, definition
    try:
        then = casework.at(version)
        return then, then.guideline.process(definition.process_id)
    except (EkdError, KeyError):
        return casework, definition


def contribution(event: Event, casework: Casework, definition: runtime.Definition,
                 people: dict[str, str]) -> Contribution:
    """One completed task's answers, in its form's order with its form's labels (those of the version
    the task was completed on, when the trajectory moved since)."""
    body = payload(event) or {}
    casework, definition = ran_on(event, casework, definition)
    element = definition.element(body.get("element", ""))
    form = element.form if element else None
    schema = casework.guideline.form(form)
    data: Any = body.get("data") or {}
    return Contribution(seq=event.seq, role=body.get("role"), step=step_name(definition, body.get("element", "")),
                        at=event.recorded_at, author=people.get(event.actor, event.actor),
                        items=present(schema, data, form if schema else None),
                        finding=body.get("role") in DISCIPLINES and isinstance(data.get("bevinding"), dict))


def step_name(definition: runtime.Definition, element_id: str) -> str:
    """The name the guideline gives an element (its id when it has none)."""
    element = definition.element(element_id)
    return element.name if element and element.name else element_id


def names(uow: UnitOfWork, history: Iterable[Event]) -> dict[str, str]:
    """The display name of everyone who acted in these events."""
    found = {SYSTEM.id: SYSTEM.display_name, "cli": "beheer", "migratie": "upgrade (migratie 0008)"}
    for person_id in {e.actor for e in history} - set(found):
        person = uow.people.get(person_id)
        found[person_id] = person.display_name if person else "onbekend"
    return found
