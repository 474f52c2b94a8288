"""Repository of trajectory teams: who is on which trajectory, in which role."""

from __future__ import annotations

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from engine.store.models import Member, Person

# Asked on every request about a trajectory: plain columns, built once.
_ROLES = select(Member.__table__.c.role).where(Member.__table__.c.trajectory_id == bindparam("trajectory"),
                                               Member.__table__.c.person_id == bindparam("person"))


class Members:
    def __init__(self, session: Session):
        self.session = session

    def roles_of(self, trajectory_id: str, person_id: str) -> set[str]:
        self.session.flush()                  # a plain statement does not flush what the use case added
        return set(self.session.scalars(_ROLES, {"trajectory": trajectory_id, "person": person_id}))

    def of_trajectory(self, trajectory_id: str) -> list[tuple[Member, Person]]:
        query = (select(Member, Person).join(Person, Person.id == Member.person_id)
                 .where(Member.trajectory_id == trajectory_id).order_by(Member.role, Person.display_name))
        return [(member, person) for member, person in self.session.execute(query)]

    def trajectories_of(self, person_id: str) -> set[str]:
        return set(self.session.scalars(select(Member.trajectory_id).where(Member.person_id == person_id)))

    def add(self, trajectory_id: str, person_id: str, role: str) -> None:
        if role not in self.roles_of(trajectory_id, person_id):
            self.session.add(Member(trajectory_id=trajectory_id, person_id=person_id, role=role))

    def replace_role(self, trajectory_id: str, role: str, person_ids: list[str]) -> None:
        self.session.execute(delete(Member).where(Member.trajectory_id == trajectory_id, Member.role == role))
        self.session.flush()
        for person_id in dict.fromkeys(person_ids):
            self.session.add(Member(trajectory_id=trajectory_id, person_id=person_id, role=role))
