"""Who a family member is to the child, and what that lets them see and do: the relation, the
child's capability (the consent step's rule: presumed from 12 on the day, a motivated judgement
either way, alone from 18) and the young adult's say over their parents' access.

A family member's clearance comes from here into engine/access.py's one policy (`client` decides,
`client_heard` sees and speaks); a family member is never on a team, so every professional use case
refuses them by its own rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from engine import access, clock
from engine.access import Clearance
from engine.actors import Actor
from engine.domain_checks.capability import ADULT, PRESUMED, age_on
from engine.history import log
from engine.store import UnitOfWork
from engine.store.models import Child, FamilyMember, Trajectory


class Relation(StrEnum):
    LEGAL_REPRESENTATIVE = "legal_representative"
    PARENT = "parent"                    # a parent in contact without parental authority
    CHILD = "child"


class Judgement(StrEnum):
    """The capability judgement of the consent form (instemming.json: bekwaamheid_oordeel)."""

    BY_AGE = "standaard"
    CAPABLE = "bekwaam"
    NOT_CAPABLE = "niet_bekwaam"


RELATION_WORDS = {Relation.LEGAL_REPRESENTATIVE: "wettelijke vertegenwoordiger", Relation.PARENT: "ouder in contact",
                  Relation.CHILD: "het kind zelf"}
# What a capable minor may hide from their parents (the family page and the copy show them apart).
PARTS = {"stem": "wat ik zelf schreef (mijn vraag en mijn visie)",
         "diagnostiek": "de diagnostiek in het A-document (bevindingen, beeld, conclusie)"}


def today() -> date:
    return clock.now().date()


def capable(child: Child, member: FamilyMember, on: date) -> bool:
    """Whether the child decides along (or alone from 18), on this day."""
    age = age_on(child.birth_date, on)
    if age >= ADULT:
        return True
    if member.capability == Judgement.CAPABLE:
        return True
    if member.capability == Judgement.NOT_CAPABLE:
        return False
    return age >= PRESUMED


def family_roles(child: Child, member: FamilyMember, on: date) -> frozenset[str]:
    """The policy roles of a family member on their child's trajectory (empty: no access any more)."""
    adult = age_on(child.birth_date, on) >= ADULT
    if member.relation == Relation.CHILD:
        return frozenset({access.CLIENT if capable(child, member, on) else access.CLIENT_HEARD})
    if adult:
        return frozenset({access.CLIENT_HEARD}) if member.adult_grant else frozenset()
    if member.relation == Relation.LEGAL_REPRESENTATIVE:
        return frozenset({access.CLIENT})
    return frozenset({access.CLIENT_HEARD})


@dataclass(frozen=True)
class Family:
    """A family member as they act: their record, their child, the child's trajectory, their clearance."""

    member: FamilyMember
    child: Child
    trajectory: Trajectory
    clearance: Clearance

    @property
    def decides(self) -> bool:
        return self.clearance.may(access.Act.CONSENT)

    @property
    def is_child(self) -> bool:
        return self.member.relation == Relation.CHILD


def only_family(actor: Actor) -> None:
    """Refuse anyone but a family member, before looking at what they sent."""
    access.require(access.is_family(actor), access.FOR_FAMILY_ONLY)


def family_of(uow: UnitOfWork, actor: Actor, trajectory: Trajectory | None = None) -> Family:
    """The family member behind `actor` on their own child's (latest) trajectory; refuse anyone else,
    and a trajectory of another child."""
    only_family(actor)
    member = uow.family_members.of_person(actor.id)
    access.require(member is not None, access.NOT_YOUR_CHILD)
    child = uow.children.get(member.child_id)
    if trajectory is None:
        found = uow.trajectories.of_child(member.child_id)
        access.require(bool(found), access.NOT_YOUR_CHILD)
        trajectory = found[-1]
    access.require(trajectory.child_id == member.child_id, access.NOT_YOUR_CHILD)
    roles = family_roles(child, member, today())
    access.require(bool(roles), "je kind is 18 geworden: enkel de jongvolwassene zelf heeft nog toegang, tenzij die "
                   "jou toegang geeft")
    return Family(member, child, trajectory, access.family_clearance(roles, trajectory.status))


def hidden_from(uow: UnitOfWork, family: Family) -> set[str]:
    """The parts the capable child hid from this (parent) family member."""
    if family.is_child:
        return set()
    hidden: set[str] = set()
    for other in uow.family_members.of_child(family.child.id):
        if other.relation == Relation.CHILD and capable(family.child, other, today()):
            hidden |= set(other.hidden or [])
    return hidden


FREE_TEXT = ("toelichting", "vraag", "tekst", "antwoord")     # what a family act holds in someone's own words


def shown_to(uow: UnitOfWork, family: Family, acts: list[tuple[str, bool, dict]]) -> list[dict | None]:
    """The bodies of family acts (kind, mine, body) as this family member may read them — the one rule
    for the page, the API and the copy: answers to corrections only for one's own requests; when the
    capable child hid their voice ('stem'), the child's own words are left out (their question and view
    wholly, the free text of their other acts). None: not shown at all."""
    hidden = hidden_from(uow, family)
    children = {m.id for m in uow.family_members.of_child(family.child.id) if m.relation == Relation.CHILD}
    mine = {body.get("melding") for kind, own, body in acts if kind == log.Kind.FAMILY_CORRECTION and own}
    by_child = {body.get("melding") for kind, _own, body in acts
                if kind == log.Kind.FAMILY_CORRECTION and body.get("gezinslid") in children}
    shown: list[dict | None] = []
    for kind, own, body in acts:
        if kind == log.Kind.CORRECTION_ANSWERED and body.get("melding") not in mine:
            shown.append(None)
        elif "stem" in hidden and not own and (body.get("gezinslid") in children
                                               or body.get("melding") in by_child):
            words_left_out = {k: v for k, v in body.items() if k not in FREE_TEXT}
            shown.append(None if kind == log.Kind.FAMILY_VIEW else words_left_out)
        else:
            shown.append(body)
    return shown
