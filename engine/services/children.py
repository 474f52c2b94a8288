"""Children: registered once, identified by INSZ (one child, one dossier)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from engine import access, clock, insz, text
from engine.actors import Actor
from engine.history.projection import child_fingerprint
from engine.services.errors import DuplicateChild, NotFound
from engine.store import UnitOfWork
from engine.store.models import Child, Member, Trajectory
from engine.text import InvalidInput


@dataclass(frozen=True)
class ChildView:
    id: str
    insz: str
    given_name: str
    family_name: str
    birth_date: date


def view(child: Child) -> ChildView:
    return ChildView(child.id, child.insz, child.given_name, child.family_name, child.birth_date)


@dataclass(frozen=True)
class ChildRecord:
    """A child record as one reader may see it: the family only for who reads family data, and the
    trajectories they are on (id and status)."""

    child: ChildView
    representatives: list[dict]
    trajectories: list[tuple[str, str]]


def fingerprint(child: Child) -> str:
    """The SHA-256 of the child record as it stands: its registration (in the chained access log) and
    each trajectory's start record it, so `ekd audit verify` sees a record edited behind ekd's back."""
    return child_fingerprint(child.insz, child.given_name, child.family_name, child.birth_date,
                             child.representatives, child.registered_by)


class ChildRegistry:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def register(self, number: str, given_name: str, family_name: str, birth_date: date, actor: Actor,
                 representatives: list[dict] | None = None) -> str:
        """Register a child with its legal representatives and family; raise DuplicateChild when
        the INSZ is known, InvalidInsz when it is wrong, InvalidInput naming the field when a name or
        contact detail is blank where required, too long, or holds control or bidi-override characters."""
        access.require(actor.has("coordinator"), "alleen een trajectcoördinator registreert een kind")
        given_name = text.clean(given_name, "voornaam", 100, required=True)
        family_name = text.clean(family_name, "familienaam", 100, required=True)
        cleaned = []
        for index, person in enumerate(representatives or []):
            where = f"vertegenwoordiger[{index}]"
            cleaned.append({**person, "naam": text.clean(person.get("naam") or "", f"{where}.naam", 100, required=True),
                            "relatie": text.clean(person.get("relatie") or "", f"{where}.relatie", 50),
                            "telefoon": text.clean(person.get("telefoon") or "", f"{where}.telefoon", 30),
                            "email": text.clean(person.get("email") or "", f"{where}.email", 254)})
        digits = insz.validate(number)
        encoded = insz.birth_date(digits)
        if encoded is not None and encoded != birth_date:
            raise insz.InvalidInsz(f"het INSZ hoort bij geboortedatum {encoded.isoformat()}, "
                                   f"niet {birth_date.isoformat()}")
        if representatives is not None and not any(person.get("wettelijk") for person in cleaned):
            raise InvalidInput("vertegenwoordiger", "geef minstens één wettelijke vertegenwoordiger",
                               "legal-representative")
        with self._uow(write=True) as uow:
            existing = uow.children.by_insz(digits)
            if existing is not None:
                raise DuplicateChild(existing.id, _coordinators(uow, existing))
            child = Child(id=str(uuid.uuid4()), insz=digits, given_name=given_name, family_name=family_name,
                          birth_date=birth_date, created_at=clock.now(), representatives=cleaned,
                          registered_by=actor.id)
            uow.children.add(child)
            uow.access.record(clock.now(), actor.id, "registratie", f"kind:{child.id}", fingerprint(child))
            uow.commit()
            return child.id

    def get(self, child_id: str, actor: Actor) -> ChildRecord:
        """A child record by the dossier's rule: for team members of its trajectories and the
        coordinator who registered it; the family for who reads family data. The read is logged."""
        access.require(access.works_with_clients(actor), access.NO_CLIENT_DATA)
        with self._uow(write=True) as uow:
            child = uow.children.get(child_id)
            if child is None:
                raise NotFound("dit kind bestaat niet")
            family = actor.has("coordinator") and child.registered_by == actor.id
            registrar, mine = family, []
            for trajectory in uow.trajectories.of_child(child_id):
                clearance = access.clearance(actor, uow.members.roles_of(trajectory.id, actor.id), trajectory.status)
                if clearance.roles:
                    mine.append((trajectory.id, trajectory.status))
                    family = family or clearance.reads(access.Data.FAMILY)
            if not mine and not registrar:
                raise access.Forbidden("je zit niet in het team van dit kind en registreerde het niet")
            record = ChildRecord(view(child), list(child.representatives or []) if family else [], mine)
            uow.access.record(clock.now(), actor.id, "lezen", f"kind:{child_id}", ",".join(t for t, _ in mine) or None)
            uow.commit()
        return record

    def visible(self, actor: Actor, search: str | None = None, limit: int = 100) -> list[ChildView]:
        """The children whose dossier `actor` may open: those of the trajectories they are on, and
        (for a coordinator) those they registered. Every listing is logged with the ids it returned;
        InvalidInput for a search term we refuse."""
        access.require(access.works_with_clients(actor), access.NO_CLIENT_DATA)
        search = text.search_term(search)
        mine = select(Trajectory.child_id).join(Member, Member.trajectory_id == Trajectory.id).where(
            Member.person_id == actor.id, Member.role.in_(actor.roles & access.TEAM_ROLES))
        allowed = Child.id.in_(mine)
        if actor.has("coordinator"):
            allowed = or_(allowed, Child.registered_by == actor.id)
        query = select(Child).where(allowed)
        if search:
            pattern = f"%{search}%"
            query = query.where(or_(Child.given_name.ilike(pattern), Child.family_name.ilike(pattern),
                                    Child.insz.like(pattern.replace(".", "").replace("-", ""))))
        query = query.order_by(Child.family_name, Child.given_name).limit(limit)
        with self._uow(write=True) as uow:
            found = [view(child) for child in uow.session.scalars(query)]
            uow.access.record(clock.now(), actor.id, "zoeken" if search else "lijst", "kinderen",
                              ",".join(child.id for child in found) or None)
            uow.commit()
        return found


def _coordinators(uow: UnitOfWork, child: Child) -> list[str]:
    """Who coordinates a child's dossier: its running trajectory's coordinators, else the latest's,
    else who registered it."""
    trajectories = uow.trajectories.of_child(child.id)
    running = [t for t in trajectories if t.status != "afgerond"] or trajectories[-1:]
    names = [person.display_name for t in running for member, person in uow.members.of_trajectory(t.id)
             if member.role == "coordinator"]
    if not names and child.registered_by:
        registrar = uow.people.get(child.registered_by)
        names = [registrar.display_name] if registrar else []
    return list(dict.fromkeys(names))
