"""The inbox: the ready tasks of my roles in the trajectories I am on. It reads the task table
and never loads a workflow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from engine import access, clock
from engine.actors import Actor
from engine.services.errors import Conflict, NotFound
from engine.store import UnitOfWork
from engine.store.models import Child, Member, Person, Task, Trajectory

SORTS = ("deadline", "nieuwste", "kind", "stap")


@dataclass(frozen=True)
class InboxRow:
    task_id: str
    element: str
    step: str
    lane: str | None
    trajectory_id: str
    child_id: str
    child: str
    guideline_version: str
    ready_since: datetime
    due_at: datetime | None
    overdue: bool
    claimed_by: str | None
    claimed_by_name: str | None


class Inbox:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def tasks(self, actor: Actor, sort: str = "deadline", lane: str | None = None, claimed: str | None = None,
              overdue_only: bool = False, search: str | None = None, limit: int = 200) -> list[InboxRow]:
        """List my ready tasks. claimed: None (all), 'mij', 'vrij' (unclaimed)."""
        roles = sorted(actor.roles & access.CLIENT_ROLES)
        if not roles:
            return []
        now = clock.now()
        claimer = aliased(Person)
        query = (select(Task, Child.given_name, Child.family_name, Child.id, Trajectory.guideline_version_id,
                        claimer.display_name)
                 .join(Trajectory, Trajectory.id == Task.trajectory_id)
                 .join(Child, Child.id == Trajectory.child_id)
                 .join(Member, and_(Member.trajectory_id == Task.trajectory_id, Member.person_id == actor.id,
                                    Member.role == Task.lane))
                 .outerjoin(claimer, claimer.id == Task.claimed_by)
                 .where(Task.lane.in_(roles), Trajectory.status == "lopend"))
        if lane:
            query = query.where(Task.lane == lane)
        if claimed == "mij":
            query = query.where(Task.claimed_by == actor.id)
        elif claimed == "vrij":
            query = query.where(Task.claimed_by.is_(None))
        if overdue_only:
            query = query.where(Task.due_at < now)
        if search:
            pattern = f"%{search.strip()}%"
            query = query.where(or_(Child.given_name.ilike(pattern), Child.family_name.ilike(pattern),
                                    Task.name.ilike(pattern)))
        order = {"nieuwste": (Task.ready_since.desc(),), "kind": (Child.family_name, Child.given_name),
                 "stap": (Task.name,)}.get(sort, (Task.due_at.is_(None), Task.due_at, Task.ready_since))
        query = query.order_by(*order, Task.id).limit(limit)
        with self._uow() as uow:
            rows = uow.session.execute(query).all()
        return [InboxRow(task.id, task.element, task.name, task.lane, task.trajectory_id, child_id,
                         f"{given} {family}", version, task.ready_since, task.due_at,
                         task.due_at is not None and task.due_at < now, task.claimed_by, claimer_name)
                for task, given, family, child_id, version, claimer_name in rows]

    def claim(self, task_id: str, actor: Actor) -> None:
        """Take a task: others see who works on it, and cannot complete it meanwhile."""
        with self._uow(write=True) as uow:
            task = self._task(uow, task_id, actor)
            if task.claimed_by not in (None, actor.id):
                raise Conflict("iemand anders werkt al aan deze taak")
            task.claimed_by, task.claimed_at = actor.id, clock.now()
            uow.access.record(clock.now(), actor.id, "claim", f"taak:{task_id}")
            uow.commit()

    def unclaim(self, task_id: str, actor: Actor) -> None:
        """Give a task back (its claimer, or a team lead reassigning work)."""
        with self._uow(write=True) as uow:
            task = uow.tasks.get(task_id)
            if task is None:
                raise NotFound("deze taak ligt niet (meer) klaar")
            access.require(task.claimed_by == actor.id or actor.has("team_lead"),
                           "alleen wie de taak nam, of een teamverantwoordelijke, geeft ze vrij")
            task.claimed_by, task.claimed_at = None, None
            uow.access.record(clock.now(), actor.id, "vrijgeven", f"taak:{task_id}")
            uow.commit()

    @staticmethod
    def _task(uow: UnitOfWork, task_id: str, actor: Actor) -> Task:
        task = uow.tasks.get(task_id)
        if task is None:
            raise NotFound("deze taak ligt niet (meer) klaar")
        roles = uow.members.roles_of(task.trajectory_id, actor.id)
        access.require(access.may_work_on(actor, roles, task.lane), "deze taak is niet voor jou")
        return task
