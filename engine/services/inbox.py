"""The inbox: the ready tasks of my roles in the trajectories I am on. It reads the task table
and never loads a workflow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from engine import access, clock, text
from engine.actors import Actor
from engine.services.care.clearances import clearance_of
from engine.services.errors import Conflict, NotFound
from engine.store import UnitOfWork
from engine.store.models import Child, Member, Person, Task, Trajectory
from engine.store.queues import NOTICE

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
    halted: bool = False        # an escalation while consent is withdrawn: for the coordinator to know
    notice: bool = False        # an item of ekd's own, not of the guideline (sign the A-document again)


@dataclass(frozen=True)
class Listing:
    """A page of my tasks, and how many of my ready tasks its filters leave out."""

    rows: list[InboxRow]
    hidden: int = 0


class Inbox:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def tasks(self, actor: Actor, sort: str = "deadline", lane: str | None = None, claimed: str | None = None,
              overdue_only: bool = False, search: str | None = None, limit: int = 200) -> list[InboxRow]:
        """List my ready tasks. claimed: None (all), 'mij', 'vrij' (unclaimed). While a trajectory's
        consent is withdrawn its tasks reach nobody, but its coordinator hears of its escalations.
        Raise InvalidInput for a search term over 100 characters or with characters we refuse."""
        return self.listing(actor, sort, lane, claimed, overdue_only, search, limit).rows

    def listing(self, actor: Actor, sort: str = "deadline", lane: str | None = None, claimed: str | None = None,
                overdue_only: bool = False, search: str | None = None, limit: int = 200) -> Listing:
        """My ready tasks as `tasks` lists them, and how many of them the filters hide."""
        search = text.search_term(search)
        roles = actor.roles & access.TEAM_ROLES
        if not roles:
            return Listing([])
        now = clock.now()
        query = self._query(actor, lane, claimed, overdue_only, search, now)
        with self._uow() as uow:
            rows = self._rows(uow, query, sort, limit)
            hidden = 0
            if lane or claimed or overdue_only or search:
                every = self._query(actor, None, None, False, None, now)
                hidden = self._count(uow, every, roles) - self._count(uow, query, roles)
        return Listing([InboxRow(task_id, element, name, lane_, trajectory_id, child_id, f"{given} {family}", version,
                                 ready_since, due_at, due_at is not None and due_at < now, claimed_by, claimer_name,
                                 status == "opgeschort", kind == NOTICE)
                        for (task_id, element, name, lane_, trajectory_id, child_id, given, family, version,
                             ready_since, due_at, claimed_by, claimer_name, status, kind) in rows
                        if lane_ in roles or status == "opgeschort"], hidden)

    @staticmethod
    def _rows(uow: UnitOfWork, query, sort: str, limit: int) -> list:
        if sort in ("deadline", None) or sort not in SORTS:
            # Walk the deadline index and stop at `limit`; tasks without a deadline come last.
            rows = uow.session.execute(query.where(Task.due_at.is_not(None))
                                       .order_by(Task.due_at, Task.id).limit(limit)).all()
            if len(rows) < limit:
                rows += uow.session.execute(query.where(Task.due_at.is_(None))
                                            .order_by(Task.ready_since, Task.id).limit(limit - len(rows))).all()
            return rows
        order = {"nieuwste": (Task.ready_since.desc(),), "kind": (Child.family_name, Child.given_name),
                 "stap": (Task.name,)}[sort]
        return uow.session.execute(query.order_by(*order, Task.id).limit(limit)).all()

    @staticmethod
    def _count(uow: UnitOfWork, query, roles: frozenset[str]) -> int:
        """How many rows `query` lists, counted as the listing keeps them (my lanes, or halted)."""
        mine = query.where(or_(Task.lane.in_(roles), Trajectory.status == "opgeschort"))
        return uow.session.scalar(select(func.count()).select_from(mine.subquery())) or 0

    @staticmethod
    def _query(actor: Actor, lane, claimed, overdue_only, search, now):
        claimer = aliased(Person)
        on_team = exists().where(Member.trajectory_id == Task.trajectory_id, Member.person_id == actor.id,
                                 Member.role == Task.lane)
        coordinates = exists().where(Member.trajectory_id == Task.trajectory_id, Member.person_id == actor.id,
                                     Member.role == "coordinator")
        # ekd's own items also reach a closed trajectory's signers (a correction is signed again).
        visible = and_(on_team, or_(Trajectory.status == "lopend",
                                    and_(Task.kind == NOTICE, Trajectory.status == "afgerond")))
        if actor.has("coordinator"):
            visible = or_(visible, and_(Trajectory.status == "opgeschort", Task.escalation.is_(True), coordinates))
        query = (select(Task.id, Task.element, Task.name, Task.lane, Task.trajectory_id, Child.id,
                        Child.given_name, Child.family_name, Trajectory.guideline_version_id, Task.ready_since,
                        Task.due_at, Task.claimed_by, claimer.display_name, Trajectory.status, Task.kind)
                 .join(Trajectory, Trajectory.id == Task.trajectory_id)
                 .join(Child, Child.id == Trajectory.child_id)
                 .outerjoin(claimer, claimer.id == Task.claimed_by)
                 .where(visible))
        if lane:
            query = query.where(Task.lane == lane)
        if claimed == "mij":
            query = query.where(Task.claimed_by == actor.id)
        elif claimed == "vrij":
            query = query.where(Task.claimed_by.is_(None))
        if overdue_only:
            query = query.where(Task.due_at < now)
        if search:
            pattern = f"%{search}%"
            query = query.where(or_(Child.given_name.ilike(pattern), Child.family_name.ilike(pattern),
                                    Task.name.ilike(pattern)))
        return query

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
        """Give a task back (its claimer, or a team lead of that trajectory reassigning work)."""
        with self._uow(write=True) as uow:
            task = uow.tasks.get(task_id)
            if task is None:
                raise NotFound("deze taak ligt niet (meer) klaar")
            clearance = clearance_of(uow, uow.trajectories.get(task.trajectory_id), actor)
            if not clearance.may(access.Act.REASSIGN):
                clearance.require_work(task.lane)
                access.require(task.claimed_by == actor.id,
                               "alleen wie de taak nam, of een teamverantwoordelijke van dit traject, geeft ze vrij")
            task.claimed_by, task.claimed_at = None, None
            uow.access.record(clock.now(), actor.id, "vrijgeven", f"taak:{task_id}")
            uow.commit()

    @staticmethod
    def _task(uow: UnitOfWork, task_id: str, actor: Actor) -> Task:
        task = uow.tasks.get(task_id)
        if task is None:
            raise NotFound("deze taak ligt niet (meer) klaar")
        if task.kind == NOTICE:
            raise Conflict("dit is een melding van ekd, geen taak van de richtlijn: onderteken het A-document opnieuw")
        clearance_of(uow, uow.trajectories.get(task.trajectory_id), actor).require_work(task.lane)
        return task
