"""A trajectory's team: the professionals per discipline, and the anchor person. Every change is
an event in the trajectory's chain; the members table and the anchor column are its projection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine import access, clock
from engine.access import Act
from engine.actors import Actor
from engine.errors import EkdError
from engine.history import log
from engine.roles import LANE_ROLES
from engine.services.care.clearances import clearance_of
from engine.services.changes import Outcome, change
from engine.services.errors import Conflict
from engine.services.library import Library
from engine.store import UnitOfWork


class InvalidTeam(EkdError):
    """A team member who does not hold the role they are put in."""


@dataclass(frozen=True)
class MemberView:
    person_id: str
    name: str
    role: str


class Teams:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def set_role(self, trajectory_id: str, role: str, person_ids: list[str], actor: Actor) -> None:
        """Put exactly these people on the team in `role` (the coordinator forms the team)."""
        def operation(uow, casework, instance, trajectory) -> Outcome:
            self._coordinates(uow, trajectory, actor)
            if role not in LANE_ROLES:
                raise InvalidTeam(f"'{role}' is geen rol in een team")
            self._check_role(uow, role, person_ids)
            return self._record(uow, trajectory, actor, {role: list(dict.fromkeys(person_ids))})

        change(self._uow, self._library, trajectory_id, actor, operation)

    def set_anchor(self, trajectory_id: str, person_id: str | None, actor: Actor) -> None:
        """Name the anchor person (ankerfiguur): a team member who keeps the overview for the family."""
        def operation(uow, casework, instance, trajectory) -> Outcome:
            self._coordinates(uow, trajectory, actor)
            if person_id is not None and not uow.members.roles_of(trajectory_id, person_id):
                raise InvalidTeam("de ankerfiguur moet in het team zitten")
            trajectory.anchor_person_id = person_id
            uow.access.record(clock.now(), actor.id, "ankerfiguur", f"traject:{trajectory_id}", person_id)
            return Outcome(log.AnchorNamed(person=person_id), [])

        change(self._uow, self._library, trajectory_id, actor, operation)

    @staticmethod
    def _coordinates(uow: UnitOfWork, trajectory, actor: Actor) -> None:
        clearance = clearance_of(uow, trajectory, actor)
        access.require(clearance.coordinates, "alleen de coördinator van dit traject stelt het team samen")
        clearance.require(Act.MANAGE)

    def replace(self, trajectory_id: str, members: list[tuple[str, str]], actor: Actor) -> None:
        """Make the team exactly `members` (person id, role), every role at once, in one transaction:
        each person holds the role they are put in, a coordinator stays, and so does the anchor person.
        Each role that changes is an event."""
        def operation(uow, casework, instance, trajectory) -> Outcome | None:
            self._coordinates(uow, trajectory, actor)
            if access.phase_of(trajectory.status) is access.Phase.CLOSED:
                raise Conflict(f"{access.CLOSED}: het team ligt vast")
            by_role: dict[str, list[str]] = {role: [] for role in LANE_ROLES}
            for person_id, role in members:
                if role not in by_role:
                    raise InvalidTeam(f"'{role}' is geen rol in een team")
                by_role[role].append(person_id)
            for role, person_ids in by_role.items():
                self._check_role(uow, role, person_ids)
            anchor = trajectory.anchor_person_id
            if anchor is not None and not any(anchor in person_ids for person_ids in by_role.values()):
                person = uow.people.get(anchor)
                raise InvalidTeam(f"{person.display_name if person else anchor} is de ankerfiguur en blijft in het "
                                  "team; duid eerst een andere ankerfiguur aan")
            current = {role: sorted(p.id for m, p in uow.members.of_trajectory(trajectory.id) if m.role == role)
                       for role in LANE_ROLES}
            changed = {role: list(dict.fromkeys(ids)) for role, ids in sorted(by_role.items())
                       if sorted(set(ids)) != current[role]}
            return self._record(uow, trajectory, actor, changed) if changed else None

        change(self._uow, self._library, trajectory_id, actor, operation)

    @staticmethod
    def _record(uow: UnitOfWork, trajectory, actor: Actor, roles: dict[str, list[str]]) -> Outcome:
        """Write the members of these roles and return their events (the first, then the others)."""
        events = []
        for role, people in roles.items():
            uow.members.replace_role(trajectory.id, role, people)
            events.append(log.TeamChanged(role=role, people=people))
        uow.access.record(clock.now(), actor.id, "team", f"traject:{trajectory.id}",
                          ", ".join(f"{role}: {len(people)}" for role, people in roles.items()))
        return Outcome(events[0], [], also=events[1:])

    @staticmethod
    def _check_role(uow: UnitOfWork, role: str, person_ids: list[str]) -> None:
        """Refuse people who do not hold `role`, and a team without a coordinator (as set_role does)."""
        for person_id in person_ids:
            person = uow.people.get(person_id)
            if person is None or role not in {r.role for r in person.roles}:
                raise InvalidTeam(f"{person.display_name if person else person_id} heeft de rol '{role}' niet")
        if role == "coordinator" and not person_ids:
            raise InvalidTeam("een traject heeft altijd een coördinator")
