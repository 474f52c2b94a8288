"""Use cases of a trajectory: start it, complete its tasks, read it."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from engine import access, clock, runtime, text
from engine.access import Act, Data
from engine.actors import Actor
from engine.casework import Casework, Done
from engine.history import chain, events, log
from engine.history.log import Consent
from engine.history.projection import status_of
from engine.history.replay import seed
from engine.services.care.adocuments import ADocuments, AlreadySigned
from engine.services.care.clearances import clearance_of
from engine.services.changes import Outcome, change, load, record, save
from engine.services.children import fingerprint
from engine.services.errors import Conflict, NoGuideline, NotFound, TrajectoryRunning
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.models import Trajectory


@dataclass(frozen=True)
class TrajectoryView:
    """What a trajectory looks like now."""

    id: str
    child_id: str
    guideline_version: str
    status: str
    consent: str
    started_at: datetime
    event_count: int
    ready: list[runtime.ReadyTask]
    waiting: list[runtime.Waiting]
    data: dict[str, Any]
    versions: list[dict[str, Any]] = field(default_factory=list)    # the versions it has been on, in order


NOTE_LENGTH = 2000
BY_LENGTH = 200


# Who withdrew consent or gave it again, recorded in the event's payload as "door". engine/history/log.py
# (the chain's) reads these events as ConsentGiven/ConsentWithdrawn and ignores the key: it should move there.
@dataclass(frozen=True, kw_only=True)
class ConsentGivenBy(log.ConsentGiven):
    by: str = log.key("door", "")


@dataclass(frozen=True, kw_only=True)
class ConsentWithdrawnBy(log.ConsentWithdrawn):
    by: str = log.key("door", "")
CONSENT_WORDS = {"open": "nog niet geregistreerd", "geweigerd": "geweigerd", "gegeven": "gegeven",
                 "ingetrokken": "ingetrokken"}


class Trajectories:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library, documents: ADocuments):
        self._uow = uow
        self._library = library
        self._documents = documents

    def start(self, child_id: str, actor: Actor) -> str:
        """Start a trajectory for a child on the current guideline version; return its id.
        The coordinator who starts it joins its team as coordinator. A child has at most one
        running trajectory: a second one is refused, naming the running one."""
        access.require(actor.has("coordinator"), "alleen een trajectcoördinator start een traject")
        version = self._library.current()
        if version is None:
            raise NoGuideline("er is nog geen richtlijn geladen (ekd init)")
        casework = self._library.casework(version)
        with self._uow(write=True) as uow:
            child = uow.children.lock(child_id)
            if child is None:
                raise NotFound(f"kind '{child_id}' bestaat niet")
            access.require(child.registered_by == actor.id or any(
                "coordinator" in uow.members.roles_of(t.id, actor.id) for t in uow.trajectories.of_child(child_id)),
                "je coördineert geen traject van dit kind en registreerde het niet")
            running = uow.trajectories.running_of_child(child_id)
            if running is not None:
                raise TrajectoryRunning(running.id, running.started_at.date().isoformat())
            process = uow.guidelines.get(version).main_process
            trajectory_id = str(uuid.uuid4())
            data = {"kind_geboortedatum": child.birth_date.isoformat()}
            now = clock.now()
            with clock.frozen(now), runtime.repeatable(seed(trajectory_id, 1)):
                instance = casework.start(process, data)
            trajectory = Trajectory(id=trajectory_id, child_id=child_id, guideline_version_id=version,
                                    process_id=process, status="lopend", started_at=now, updated_at=now,
                                    event_count=0, head_hash=chain.GENESIS)
            uow.trajectories.add(trajectory)
            uow.flush()                       # the trajectory row before the rows that point to it
            uow.members.add(trajectory_id, actor.id, "coordinator")
            started = log.Started(process=process, version=version, data=data, child=fingerprint(child))
            outcome = Outcome(started, instance.take_completions())
            record(uow, trajectory, actor, outcome, now)
            implied = save(uow, trajectory, instance, now)
            uow.commit()
            self._library.held.keep(trajectory, instance, implied)
            return trajectory_id

    def complete_task(self, task_id: str, data: dict[str, Any], actor: Actor) -> Done:
        """Complete a ready task with form data, as a person holding the task's role."""
        def locate(uow) -> str:
            trajectory_id = uow.trajectories.lock_of_task(task_id)
            if trajectory_id is None:
                raise NotFound(f"taak '{task_id}' ligt niet (meer) klaar")
            return trajectory_id

        def operation(uow, casework: Casework, instance, trajectory) -> Outcome:
            return self._complete(uow, casework, instance, trajectory, task_id, data, actor)

        return change(self._uow, self._library, locate, actor, operation)

    def submit_document(self, trajectory_id: str, actor: Actor) -> None:
        """Submit the A-document, as its page does: the first version by completing the guideline's
        submit task (refused while anything is missing), a corrected version on its own."""
        def operation(uow, casework: Casework, instance, trajectory) -> Outcome:
            task_id = self._documents.submit_task(casework, trajectory, instance)
            if task_id is None:
                return self._documents.submit_corrected(uow, trajectory, casework, instance, actor)
            return self._complete(uow, casework, instance, trajectory, task_id, {"indienen_bevestigd": True}, actor)

        change(self._uow, self._library, trajectory_id, actor, operation)

    def sign_document(self, trajectory_id: str, actor: Actor) -> None:
        """Sign the A-document for every discipline the actor signs for: through the guideline's signing
        task of that discipline when it waits for them (so the task and the signature are one record),
        the others on the document itself. Each signature stands on its own."""
        tasks = self._documents.sign_tasks(trajectory_id, actor)
        for task in tasks:
            try:
                self.complete_task(task, {"akkoord_met_verslag": True}, actor)
            except NotFound:             # the task went meanwhile (a colleague of that discipline signed)
                pass
        try:
            self._documents.sign(trajectory_id, actor)
        except AlreadySigned:
            if not tasks:                # nothing signed by this request: say so
                raise

    def _complete(self, uow: UnitOfWork, casework: Casework, instance, trajectory, task_id: str,
                  data: dict[str, Any], actor: Actor) -> Outcome:
        task = instance.ready_task(task_id)
        check_may_work_on(uow, trajectory, task_id, task.lane, actor)
        return self.complete_for_family(uow, casework, instance, trajectory, task_id, data, actor)

    def complete_for_family(self, uow: UnitOfWork, casework: Casework, instance, trajectory, task_id: str,
                            data: dict[str, Any], actor: Actor) -> Outcome:
        """Complete a ready task inside a use case that checked who may: the team member's lane (above),
        or the family's own clearance (engine/services/family/decisions.py: their consent and agreement
        complete the guideline's consent and agreement tasks)."""
        task = instance.ready_task(task_id)
        element = casework.guideline.process(trajectory.process_id).element(task.element)
        action = element.action if element else None
        self._documents.before_task(uow, trajectory, casework, instance, action)
        # The lane was checked above for a team member; the family acts by its own clearance, not a lane.
        done = casework.complete(instance, task_id, data, None)
        facts = self._documents.after_task(uow, trajectory, casework, instance, action, done, actor)
        facts += self._documents.after_change(uow, trajectory, casework, instance)
        uow.drafts.discard([task_id])
        row = uow.tasks.get(task_id)
        completed = log.TaskCompleted(task=task_id, element=done.task.element, path=done.task.path,
                                      role=done.task.lane, data=done.data,
                                      ready=row.ready_since.isoformat() if row else None,
                                      taken=row.claimed_at.isoformat() if row and row.claimed_at else None)
        # The answer outlives the use case; the workflow may stay held for the next one: copies of its data.
        answer = replace(done, task=detached(done.task), ready=[detached(t) for t in done.ready])
        return Outcome(completed, done.completions, answer, also=facts)

    def withdraw_consent(self, trajectory_id: str, reason: str, actor: Actor, by: str = "") -> None:
        """Record that consent was withdrawn (by whom: `by`): tasks and sharing halt until it is given again."""
        self._consent(trajectory_id, actor, Consent.WITHDRAWN, ConsentWithdrawnBy, reason, by)

    def restore_consent(self, trajectory_id: str, note: str, actor: Actor, by: str = "") -> None:
        """Record that consent was given again after a withdrawal (by whom: `by`)."""
        self._consent(trajectory_id, actor, Consent.GIVEN, ConsentGivenBy, note, by)

    def _consent(self, trajectory_id: str, actor: Actor, consent: str,
                 event: type[ConsentGivenBy | ConsentWithdrawnBy], note: str, by: str) -> None:
        def operation(uow, casework, instance, trajectory) -> Outcome:
            clearance = clearance_of(uow, trajectory, actor)
            access.require(clearance.coordinates, "alleen de coördinator van het traject registreert instemming")
            clearance.require(Act.MANAGE)
            toelichting = text.clean(note or "", "toelichting", NOTE_LENGTH, multiline=True)
            door = text.clean(by or "", "door", BY_LENGTH)
            if not toelichting:
                raise Conflict("geef een toelichting (wie, wanneer, waarom)")
            if consent == "ingetrokken" and trajectory.consent != "gegeven":
                raise Conflict("de instemming kan enkel ingetrokken worden waar ze gegeven is; ze is nu "
                               f"{CONSENT_WORDS.get(trajectory.consent, trajectory.consent)}")
            if consent == "gegeven" and trajectory.consent != "ingetrokken":
                raise Conflict("de instemming is niet ingetrokken; ze is "
                               f"{CONSENT_WORDS.get(trajectory.consent, trajectory.consent)}")
            trajectory.consent = consent
            trajectory.status = status_of(trajectory.consent, instance.completed)
            return Outcome(event(note=toelichting, by=door), [])

        change(self._uow, self._library, trajectory_id, actor, operation)

    def view(self, trajectory_id: str) -> TrajectoryView:
        """Read a trajectory's current state (ready tasks, timers, data). For operators, tests and
        benchmarks: it checks no need-to-know (people read through `read` and the dossier)."""
        with self._uow() as uow:
            trajectory = uow.trajectories.get(trajectory_id)
            if trajectory is None:
                raise NotFound(f"traject '{trajectory_id}' bestaat niet")
            casework = self._library.casework(trajectory.guideline_version_id)
            instance = load(uow, casework, trajectory)
            return TrajectoryView(trajectory.id, trajectory.child_id, trajectory.guideline_version_id,
                                  trajectory.status, trajectory.consent, trajectory.started_at,
                                  trajectory.event_count, instance.ready_tasks(), instance.waiting(), instance.data,
                                  versions_of(uow, trajectory.id))

    def read(self, trajectory_id: str, actor: Actor) -> TrajectoryView:
        """Where a trajectory stands, as a team member may see it (the read is logged with it)."""
        with self._uow(write=True) as uow:
            trajectory, clearance = self._reader(uow, trajectory_id, actor, "lezen")
            clearance.require(Data.PROGRESS)
            casework = self._library.casework(trajectory.guideline_version_id)
            instance = load(uow, casework, trajectory)
            view = TrajectoryView(trajectory.id, trajectory.child_id, trajectory.guideline_version_id,
                                  trajectory.status, trajectory.consent, trajectory.started_at,
                                  trajectory.event_count, instance.ready_tasks(), instance.waiting(), {},
                                  versions_of(uow, trajectory.id))
            uow.commit()
            return view

    def events(self, trajectory_id: str, actor: Actor) -> list[dict[str, Any]]:
        """The trajectory's events as need-to-know lets `actor` see them: while consent is withdrawn
        only their own; the data of each by its kind (medical, shared, their own)."""
        with self._uow(write=True) as uow:
            _, clearance = self._reader(uow, trajectory_id, actor, "gebeurtenissen")
            history = uow.events.of_trajectory(trajectory_id)
            uow.commit()
        listed = []
        for event in history:
            own = event.actor == actor.id
            if not (clearance.reads(Data.PROGRESS) or own and clearance.reads(Data.OWN)):
                continue
            body = events.payload(event) or {}
            shown = body.get("data") if clearance.reads_contribution(body.get("role"), event.actor, actor.id) \
                else None
            listed.append({"seq": event.seq, "type": event.type, "actor": event.actor,
                           "recorded_at": event.recorded_at, "element": body.get("element"),
                           "path": body.get("path"), "data": shown, "hash": event.hash,
                           "guideline_version": event.guideline_version_id})
        return listed

    @staticmethod
    def _reader(uow: UnitOfWork, trajectory_id: str, actor: Actor, action: str):
        trajectory = uow.trajectories.get(trajectory_id)
        if trajectory is None:
            raise NotFound(f"traject '{trajectory_id}' bestaat niet")
        clearance = clearance_of(uow, trajectory, actor)
        access.require(bool(clearance.roles), access.NOT_ON_TEAM)
        uow.access.record(clock.now(), actor.id, action, f"traject:{trajectory_id}")
        return trajectory, clearance


def versions_of(uow: UnitOfWork, trajectory_id: str) -> list[dict[str, Any]]:
    """The guideline versions a trajectory has been on, in order, with the event it came on each."""
    return [{"version": version, "since_event": seq, "since": at}
            for version, seq, at in uow.events.versions(trajectory_id)]


def detached(task: runtime.ReadyTask) -> runtime.ReadyTask:
    """A ready task with a copy of its data (a ReadyTask carries the workflow's own)."""
    return replace(task, data=copy.deepcopy(task.data))


def check_may_work_on(uow, trajectory, task_id: str, lane: str | None, actor: Actor) -> None:
    """Refuse unless the actor is on the team in the task's lane, consent holds, and nobody else
    claimed the task."""
    clearance_of(uow, trajectory, actor).require_work(lane)
    row = uow.tasks.get(task_id)
    if row is not None and row.claimed_by not in (None, actor.id):
        claimer = uow.people.get(row.claimed_by)
        raise Conflict(f"{claimer.display_name if claimer else 'iemand anders'} werkt al aan deze taak")
