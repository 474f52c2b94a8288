"""Repositories for what waits: ready tasks (the inboxes) and timers (the scheduler)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import and_, bindparam, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from engine.store.models import Draft, Task, Timer

NOTICE = "ekd"          # Task.kind of ekd's own inbox items, beside the guideline's
GUIDELINE = "richtlijn"
MOVED_NOTICE = "traject_verplaatst"     # the element of the coordinator's item about a move to another version
_MOVES = uuid.UUID("0b7e3f8a-52c1-4d7e-9a55-3f1d2c6b8e90")
# What the state decides of a task's row (the rest, its claim and since when it is ready, the row keeps).
COLUMNS = ("due_at", "element", "name", "lane", "form", "path", "escalation")
# Statements every change runs, on the tables (no ORM objects), built once.
_tasks, _timers, _drafts = Task.__table__, Timer.__table__, Draft.__table__
_DELETE_TASKS = delete(_tasks).where(_tasks.c.id.in_(bindparam("ids", expanding=True)), _tasks.c.kind != NOTICE)
_INSERT_TASKS, _INSERT_TIMERS = insert(_tasks), insert(_timers)
_DELETE_DRAFTS = delete(_drafts).where(_drafts.c.task_id.in_(bindparam("ids", expanding=True)))


def moved_notice(trajectory_id: str, seq: int) -> str:
    """The id of the coordinator's inbox item about the move recorded as event `seq` (given once)."""
    return str(uuid.uuid5(_MOVES, f"{trajectory_id}:{seq}"))


class Tasks:
    def __init__(self, session: Session):
        self.session = session

    def get(self, task_id: str) -> Task | None:
        return self.session.get(Task, task_id)

    def of_trajectory(self, trajectory_id: str) -> list[Task]:
        query = select(Task).where(Task.trajectory_id == trajectory_id).order_by(Task.ready_since, Task.path)
        return list(self.session.scalars(query))

    def replace(self, trajectory_id: str, ready: list[Task]) -> None:
        """Make the table hold exactly `ready` (new rows) of the guideline's tasks for this trajectory;
        tasks still ready keep their row (and claim, and the time they became ready), with their deadline
        brought up to date (and, after a move to another guideline version, their element, name, lane,
        form and path). ekd's own items (NOTICE) are left as they are."""
        existing = {task.id: task for task in self.of_trajectory(trajectory_id) if task.kind != NOTICE}
        wanted = {task.id: task for task in ready}
        for task_id, row in existing.items():
            if task_id not in wanted:
                self.session.delete(row)
        for task_id, task in wanted.items():
            if task_id not in existing:
                self.session.add(task)
            else:
                for column in COLUMNS:
                    if getattr(existing[task_id], column) != getattr(task, column):
                        setattr(existing[task_id], column, getattr(task, column))


    def follow(self, trajectory_id: str, before: list[Task], after: list[Task]) -> None:
        """Bring the rows of the guideline's tasks from `before` (the ready tasks the stored state implied,
        which the table holds) to `after` without reading them back: the rows of tasks no longer ready go,
        new ones come, the others keep their row with what changed brought up to date. Plain statements on
        the table (no ORM objects): this runs on every change. Rows found not to hold `before` are
        re-derived with `replace`."""
        old = {task.id: task for task in before}
        new = {task.id: task for task in after}
        gone = [task_id for task_id in old if task_id not in new]
        if gone and self.session.execute(_DELETE_TASKS, {"ids": gone}).rowcount != len(gone):
            return self.replace(trajectory_id, after)      # the rows did not hold it: re-derive them
        for task_id, task in new.items():
            if task_id in old:
                changed = {column: getattr(task, column) for column in COLUMNS
                           if getattr(old[task_id], column) != getattr(task, column)}
                if changed and self.session.execute(update(_tasks).where(_tasks.c.id == task_id)
                                                    .values(**changed)).rowcount != 1:
                    return self.replace(trajectory_id, after)
        added = [{"id": task.id, "trajectory_id": trajectory_id, "ready_since": task.ready_since, "kind": GUIDELINE,
                  "claimed_by": None, "claimed_at": None, **{column: getattr(task, column) for column in COLUMNS}}
                 for task_id, task in new.items() if task_id not in old]
        if added:
            self.session.execute(_INSERT_TASKS, added)

    def notices(self, trajectory_id: str) -> list[Task]:
        """ekd's own inbox items of a trajectory (sign the A-document again)."""
        query = select(Task).where(Task.trajectory_id == trajectory_id, Task.kind == NOTICE).order_by(Task.id)
        return list(self.session.scalars(query))

    def notify(self, task: Task) -> None:
        """Put one of ekd's own items in the inbox of the task's lane (once)."""
        if self.get(task.id) is None:
            self.session.add(task)

    def withdraw(self, task_ids: list[str]) -> None:
        """Take ekd's own items out of the inbox."""
        if task_ids:
            self.session.execute(delete(Task).where(Task.id.in_(task_ids), Task.kind == NOTICE))


class Timers:
    def __init__(self, session: Session):
        self.session = session

    def of_trajectory(self, trajectory_id: str) -> list[Timer]:
        return list(self.session.scalars(select(Timer).where(Timer.trajectory_id == trajectory_id)))

    def replace(self, trajectory_id: str, waiting: list[tuple[str, str, datetime]]) -> None:
        """Store the (element, path, due time) of the timers the trajectory now waits for;
        unchanged ones keep their row."""
        elements = {path: element for element, path, _due in waiting}
        wanted = {(path, due) for _element, path, due in waiting}
        for row in self.of_trajectory(trajectory_id):
            if (row.path, row.due_at) in wanted:
                wanted.discard((row.path, row.due_at))
            else:
                self.session.delete(row)
        for path, due in sorted(wanted, key=lambda one: one[0]):
            self.session.add(Timer(trajectory_id=trajectory_id, element=elements[path], path=path, due_at=due))

    def follow(self, trajectory_id: str, before: list[tuple[str, str, datetime]],
               after: list[tuple[str, str, datetime]]) -> None:
        """Bring the rows from the timers `before` (which the table holds) to those `after` without reading
        them back (re-derived with `replace` when they did not hold `before`). A timer the scheduler gave
        up on (its row taken, the state still waiting) stays out until the state no longer waits for it."""
        gone = set(before) - set(after)
        if gone:
            which = [and_(_timers.c.path == path, _timers.c.due_at == due)
                     for _element, path, due in sorted(gone, key=str)]
            deleted = self.session.execute(delete(_timers).where(_timers.c.trajectory_id == trajectory_id,
                                                                 or_(*which))).rowcount
            if deleted != len(gone):
                return self.replace(trajectory_id, after)  # the rows did not hold it: re-derive them
        added = sorted(set(after) - set(before), key=lambda one: one[1])
        if added:
            self.session.execute(_INSERT_TIMERS, [{"trajectory_id": trajectory_id, "element": element, "path": path,
                                                   "due_at": due} for element, path, due in added])

    def due(self, now: datetime, limit: int = 100) -> list[Timer]:
        query = select(Timer).where(Timer.due_at <= now).order_by(Timer.due_at, Timer.id).limit(limit)
        return list(self.session.scalars(query))

    def claim(self, timer_id: int, now: datetime) -> bool:
        """Take a due timer for this transaction; False when another scheduler already fired it."""
        result = self.session.execute(
            delete(Timer).where(Timer.id == timer_id, Timer.due_at <= now)
            .execution_options(synchronize_session=False))
        return result.rowcount == 1



class Drafts:
    def __init__(self, session: Session):
        self.session = session

    def get(self, task_id: str, person_id: str) -> Draft | None:
        return self.session.get(Draft, (task_id, person_id))

    def save(self, task_id: str, person_id: str, data: dict, now: datetime) -> None:
        draft = self.get(task_id, person_id)
        if draft is None:
            self.session.add(Draft(task_id=task_id, person_id=person_id, data=data, saved_at=now))
        else:
            draft.data, draft.saved_at = data, now

    def discard(self, task_ids: list[str]) -> None:
        if task_ids:
            self.session.execute(_DELETE_DRAFTS, {"ids": list(task_ids)})
