"""Repositories for the slow-changing records: guideline versions, people, children, trajectories."""

from __future__ import annotations

from sqlalchemy import bindparam, func, inspect, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from engine.store.models import Child, GuidelineVersion, Person, PersonRole, Task, Trajectory


class GuidelineVersions:
    def __init__(self, session: Session):
        self.session = session

    def get(self, version_id: str) -> GuidelineVersion | None:
        return self.session.get(GuidelineVersion, version_id)

    def add(self, version: GuidelineVersion) -> None:
        self.session.add(version)

    def current(self) -> GuidelineVersion | None:
        """The most recently loaded version that is not retired: new trajectories start on it."""
        query = (select(GuidelineVersion).where(GuidelineVersion.status != "retired")
                 .order_by(GuidelineVersion.number.desc()).limit(1))
        return self.session.scalars(query).first()

    def running(self) -> dict[str, int]:
        """How many trajectories that have not ended run on each version."""
        query = (select(Trajectory.guideline_version_id, func.count()).where(Trajectory.status != "afgerond")
                 .group_by(Trajectory.guideline_version_id))
        return {version: count for version, count in self.session.execute(query)}

    def next_number(self) -> int:
        return (self.session.scalar(select(func.max(GuidelineVersion.number))) or 0) + 1

    def all(self) -> list[GuidelineVersion]:
        return list(self.session.scalars(select(GuidelineVersion).order_by(GuidelineVersion.number)))


class People:
    def __init__(self, session: Session):
        self.session = session

    def get(self, person_id: str) -> Person | None:
        return self.session.get(Person, person_id)

    def by_username(self, username: str) -> Person | None:
        return self.session.scalars(select(Person).where(Person.username == username)).first()

    def add(self, person: Person) -> None:
        self.session.add(person)

    def take_step(self, person_id: str, step: int) -> bool:
        """Use a second-factor time step once: later than the last one used (one conditional UPDATE)."""
        result = self.session.execute(
            update(Person).where(Person.id == person_id,
                                 or_(Person.totp_last_step.is_(None), Person.totp_last_step < step))
            .values(totp_last_step=step).execution_options(synchronize_session=False))
        return result.rowcount == 1

    def with_role(self, role: str) -> list[Person]:
        query = (select(Person).join(PersonRole, PersonRole.person_id == Person.id)
                 .where(PersonRole.role == role, Person.active.is_(True)).order_by(Person.display_name))
        return list(self.session.scalars(query))

    def all(self, active_only: bool = False) -> list[Person]:
        query = select(Person).order_by(Person.display_name, Person.username)
        if active_only:
            query = query.where(Person.active.is_(True))
        return list(self.session.scalars(query))


class Children:
    def __init__(self, session: Session, lock_rows: bool = False):
        self.session = session
        self.lock_rows = lock_rows

    def get(self, child_id: str) -> Child | None:
        return self.session.get(Child, child_id)

    def by_insz(self, insz: str) -> Child | None:
        return self.session.scalars(select(Child).where(Child.insz == insz)).first()

    def add(self, child: Child) -> None:
        self.session.add(child)

    def lock(self, child_id: str) -> Child | None:
        """Load a child to start something for it; other writers wait until this transaction ends."""
        query = select(Child).where(Child.id == child_id)
        return self.session.scalars(query.with_for_update() if self.lock_rows else query).first()


# Statements every change runs, built once (building and keying a statement costs about as much as sending it).
_LOAD = select(Trajectory).where(Trajectory.id == bindparam("id")).execution_options(populate_existing=True)
_OF_TASK = (select(Trajectory, Task).join(Task, Task.trajectory_id == Trajectory.id).where(Task.id == bindparam("id"))
            .execution_options(populate_existing=True))
_LOCK, _LOCK_OF_TASK = _LOAD.with_for_update(), _OF_TASK.with_for_update(of=Trajectory)
_TABLE = Trajectory.__table__


class Trajectories:
    def __init__(self, session: Session, lock_rows: bool, late: bool = False):
        self.session = session
        self.lock_rows = lock_rows
        self.late = late              # a late writer's (PostgreSQL): hold the row from its write, not from `lock`
        self._found: dict[str, Trajectory] = {}

    def get(self, trajectory_id: str) -> Trajectory | None:
        return self.session.get(Trajectory, trajectory_id)

    def running_on(self, version_id: str) -> list[str]:
        """The ids of the trajectories that have not ended on a guideline version, oldest first."""
        query = (select(Trajectory.id).where(Trajectory.guideline_version_id == version_id,
                                             Trajectory.status != "afgerond")
                 .order_by(Trajectory.started_at, Trajectory.id))
        return list(self.session.scalars(query))

    def lock(self, trajectory_id: str) -> Trajectory | None:
        """Load a trajectory to change it; other writers wait until this transaction ends (a late
        writer holds it only from its write, or `confirm`, on)."""
        if trajectory_id in self._found:
            return self._found.pop(trajectory_id)
        query = _LOCK if self.lock_rows and not self.late else _LOAD
        return self.session.scalars(query, {"id": trajectory_id}).first()

    def write(self, trajectory: Trajectory) -> None:
        """Write what changed of a trajectory loaded to be changed, now: one UPDATE, conditional on the
        version it was read at (the ORM's version counter, which it moves on), as the session's flush
        would do it, without the flush's machinery. StaleDataError when another writer changed it."""
        state = inspect(trajectory)
        changed = {attribute.key: attribute.value for attribute in state.attrs if attribute.history.has_changes()}
        if not changed:
            return
        version = trajectory.version
        with self.session.no_autoflush:        # the trajectory's own changes go in this statement, not a flush
            written = self.session.execute(update(_TABLE).where(_TABLE.c.id == trajectory.id,
                                                                _TABLE.c.version == version)
                                           .values(**changed, version=version + 1))
        if written.rowcount != 1:
            raise StaleDataError(f"traject {trajectory.id} veranderde sinds versie {version}")
        for key, value in {**changed, "version": version + 1}.items():
            set_committed_value(trajectory, key, value)

    def lock_of_task(self, task_id: str) -> str | None:
        """The id of the trajectory a task waits in, loaded (with the task's row) to be changed as `lock`
        does, in one query: `lock(id)` then takes it from here."""
        query = _LOCK_OF_TASK if self.lock_rows and not self.late else _OF_TASK
        found = self.session.execute(query, {"id": task_id}).first()
        if found is None:
            return None
        self._found[found[0].id] = found[0]
        return found[0].id

    def confirm(self, trajectory: Trajectory, head: str) -> bool:
        """Before a late writer goes on: hold the trajectory's row from now on and tell whether its chain
        head is still `head`, the one its work stood on. (Only late writers, on PostgreSQL, ask.)"""
        with self.session.no_autoflush:
            found = self.session.scalar(select(Trajectory.head_hash).where(Trajectory.id == trajectory.id)
                                        .with_for_update())
        return found == head

    def add(self, trajectory: Trajectory) -> None:
        self.session.add(trajectory)

    def ids(self) -> list[str]:
        return list(self.session.scalars(select(Trajectory.id).order_by(Trajectory.started_at, Trajectory.id)))

    def of_child(self, child_id: str) -> list[Trajectory]:
        query = select(Trajectory).where(Trajectory.child_id == child_id).order_by(Trajectory.started_at)
        return list(self.session.scalars(query))

    def running_of_child(self, child_id: str) -> Trajectory | None:
        """The child's trajectory that has not ended (running or halted): a child has at most one."""
        query = select(Trajectory).where(Trajectory.child_id == child_id, Trajectory.status != "afgerond")
        return self.session.scalars(query.limit(1)).first()

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(Trajectory)) or 0
