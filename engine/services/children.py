"""Children: registered once, identified by INSZ (one child, one dossier)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from engine import access, clock, insz, text
from engine.actors import Actor
from engine.services.errors import DuplicateChild, NotFound
from engine.store import UnitOfWork
from engine.store.models import Child, Member, Trajectory


@dataclass(frozen=True)
class ChildView:
    id: str
    insz: str
    given_name: str
    family_name: str
    birth_date: date


def view(child: Child) -> ChildView:
    return ChildView(child.id, child.insz, child.given_name, child.family_name, child.birth_date)


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
        with self._uow(write=True) as uow:
            existing = uow.children.by_insz(digits)
            if existing is not None:
                raise DuplicateChild(existing.id)
            child = Child(id=str(uuid.uuid4()), insz=digits, given_name=given_name, family_name=family_name,
                          birth_date=birth_date, created_at=clock.now(), representatives=cleaned)
            uow.children.add(child)
            uow.access.record(clock.now(), actor.id, "registratie", f"kind:{child.id}")
            uow.commit()
            return child.id

    def get(self, child_id: str) -> ChildView:
        with self._uow() as uow:
            child = uow.children.get(child_id)
            if child is None:
                raise NotFound(f"kind '{child_id}' bestaat niet")
            return view(child)

    def visible(self, actor: Actor, search: str | None = None, limit: int = 100) -> list[ChildView]:
        """The children whose dossier `actor` may open: all for a coordinator, else their teams'."""
        query = select(Child)
        if not actor.has("coordinator"):
            query = query.where(Child.id.in_(select(Trajectory.child_id).join(
                Member, Member.trajectory_id == Trajectory.id).where(Member.person_id == actor.id)))
        if search:
            pattern = f"%{search}%"
            query = query.where(or_(Child.given_name.ilike(pattern), Child.family_name.ilike(pattern),
                                    Child.insz.like(pattern.replace(".", "").replace("-", ""))))
        query = query.order_by(Child.family_name, Child.given_name).limit(limit)
        with self._uow() as uow:
            return [view(child) for child in uow.session.scalars(query)]
