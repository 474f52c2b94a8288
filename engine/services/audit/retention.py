"""The end of retention (DESIGN §4: a dossier is kept until the person turns 35): erase the personal
data of every trajectory of a child who turned 35 before a date. The chains keep verifying: payloads
go, their hashes stay; the erasure is itself an event in each trajectory (with what the tables still
hold), and an entry in the access log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select, update

from engine import clock
from engine.actors import Actor
from engine.history import events, log
from engine.history.log import Status
from engine.services.audit import Audit
from engine.services.children import fingerprint
from engine.services.errors import Busy
from engine.store import UnitOfWork
from engine.store.models import ADocument, Agreement, Checkpoint, Child, Draft, Event, Task, Timer, Trajectory

AGE = 35


@dataclass
class Erasure:
    """What an erasure did (or, in a dry run, would do)."""

    before: date
    executed: bool
    trajectories: list[str] = field(default_factory=list)           # erased (or to erase)
    children: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)           # trajectory id -> why not


def turned(born: date, age: int) -> date:
    """The day someone born on `born` turns `age` (29 February: 1 March in a common year)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return date(born.year + age, 3, 1)


class Retention:
    def __init__(self, uow: Callable[..., UnitOfWork], audit: Audit):
        self._uow = uow
        self._audit = audit

    def erase(self, before: date, actor: Actor, execute: bool = False) -> Erasure:
        """Erase (or, unless `execute`, list) the trajectories of children who turned 35 before
        `before`. A child is erased whole or not at all: not while a trajectory of theirs runs, nor
        while one has a verification problem (an erasure must not cover up tampering)."""
        result = Erasure(before, execute)
        with self._uow() as uow:
            # Whoever turns 35 before `before` was born before 1 January of the year 34 years earlier.
            children = uow.session.execute(select(Child.id, Child.birth_date).where(
                Child.birth_date < date(before.year - AGE + 1, 1, 1)).order_by(Child.id)).all()
            plan = {}
            for child_id, born in children:
                if turned(born, AGE) >= before:
                    continue
                trajectories = [t for t in uow.trajectories.of_child(child_id) if not _erased(uow, t.id)]
                if trajectories:
                    plan[child_id] = trajectories
        for child_id, trajectories in plan.items():
            projections, why = {}, None
            for trajectory in trajectories:
                if trajectory.status != Status.DONE:
                    why = f"traject {trajectory.id} loopt nog ({trajectory.status})"
                    break
                checked = self._audit.verified(trajectory.id)
                if checked.problems:
                    why = f"traject {trajectory.id} heeft {len(checked.problems)} afwijking(en): eerst ekd audit verify"
                    break
                projections[trajectory.id] = (trajectory.event_count, checked.projection)
            if why is not None:
                result.skipped.update({t.id: why for t in trajectories})
                continue
            if execute:
                self._erase_child(child_id, projections, before, actor)
            result.children.append(child_id)
            result.trajectories += [t.id for t in trajectories]
        return result

    def _erase_child(self, child_id: str, projections: dict, before: date, actor: Actor) -> None:
        """One transaction: the child record and every trajectory of the child."""
        with self._uow(write=True) as uow:
            now = clock.now()
            child = uow.children.lock(child_id)
            child.given_name = child.family_name = ""
            child.insz = f"X{child.id.replace('-', '')[:10]}"        # never a valid INSZ: digits only
            child.representatives = []
            erased = fingerprint(child)
            _erase_family(uow, child_id, now)
            for trajectory_id, (count, projection) in projections.items():
                trajectory = uow.trajectories.lock(trajectory_id)
                if trajectory.event_count != count:
                    raise Busy(f"traject {trajectory_id} veranderde tijdens het wissen; probeer opnieuw")
                event = log.DataErased(before=before.isoformat(), erased=count, child=erased,
                                       projection=projection.without_personal_data().to_json())
                events.append(uow, trajectory, event.kind, actor.id, {**event.body(), "clock": now.isoformat(),
                                                                       "completed": []}, now)
                _erase_trajectory(uow, trajectory, count)
            uow.access.record(now, actor.id, "wissen", f"kind:{child_id}",
                              f"{len(projections)} traject(en), 35 jaar vóór {before.isoformat()}")
            uow.commit()


def _erase_trajectory(uow: UnitOfWork, trajectory: Trajectory, upto: int) -> None:
    """Set the payloads of events 1..upto to NULL and drop what the trajectory's tables keep of the
    child: the state, checkpoints, drafts, the A-documents' content and additions, agreements' parties."""
    session, tid = uow.session, trajectory.id
    session.execute(update(Event).where(Event.trajectory_id == tid, Event.seq <= upto).values(payload=None))
    trajectory.state = None
    tasks = select(Task.id).where(Task.trajectory_id == tid)
    session.execute(delete(Draft).where(Draft.task_id.in_(tasks)))
    for model in (Task, Timer, Checkpoint):
        session.execute(delete(model).where(model.trajectory_id == tid))
    documents = select(ADocument.id).where(ADocument.trajectory_id == tid)
    session.execute(update(ADocument).where(ADocument.trajectory_id == tid)
                    .values(content=None, additions={}, correction_reason=None))
    session.execute(update(Agreement).where(Agreement.a_document_id.in_(documents)).values(parties=[]))


def _erase_family(uow: UnitOfWork, child_id: str, now) -> None:
    """The child's family members go with the child record: their names, their log-ins (ended and
    deactivated, the username replaced), their open invitations."""
    for member in uow.family_members.of_child(child_id):
        member.name, member.kinship, member.motivation, member.hidden = "", None, None, []
        uow.family_invitations.void_all_of(member.id, now)
        person = uow.people.get(member.person_id) if member.person_id else None
        if person is not None:
            uow.logins.end_all_of(person.id, now, "ingetrokken")
            person.active, person.display_name = False, ""
            person.username = f"gewist-{person.id[:12]}"


def _erased(uow: UnitOfWork, trajectory_id: str) -> bool:
    query = select(Event.id).where(Event.trajectory_id == trajectory_id, Event.type == log.Kind.DATA_ERASED)
    return uow.session.scalars(query.limit(1)).first() is not None
