"""Inviting the family (the coordinator) and accepting an invitation (the family member).

An invitation is a short code (12 letters and digits, 60 bits: ABCD-EFGH-JKLM) and a link that
carries it, to hand over on paper or send; only the code's digest is stored. It works once, for 14
days, and a newer invitation for the same person voids the older one. Accepting it makes a log-in of
one's own (the person role `client`), linked to one child, with a username and password the family
member chooses; from there they log in like everyone (sessions, tokens, throttling)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from engine import access, clock, text
from engine.access import Act
from engine.actors import Actor
from engine.domain_checks.capability import ADULT, PRESUMED, age_on
from engine.history import log
from engine.services.care.clearances import clearance_of
from engine.services.changes import Outcome, change
from engine.services.errors import Conflict, NotFound
from engine.services.family.members import RELATION_WORDS, Judgement, Relation, today
from engine.services.library import Library
from engine.services.people import InvalidPerson, PersonView, checked_password, checked_username, hashed, view_of
from engine.store import UnitOfWork
from engine.store.models import FamilyInvitation, FamilyMember, Person, PersonRole

LIFETIME = timedelta(days=14)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"          # no 0/O, 1/I: read aloud and typed from paper
CODE_LENGTH = 12
MOTIVATION = 10


class InvalidInvitation(NotFound):
    def __init__(self):
        super().__init__("deze uitnodiging werkt niet (meer): ze is al gebruikt, vervangen of verlopen; vraag de "
                         "coördinator van het traject om een nieuwe")


@dataclass(frozen=True)
class Issued:
    """A new invitation: `code` goes on paper or in the link and is never stored."""

    member_id: str
    name: str
    relation: str
    code: str
    expires_at: datetime
    child: str = ""                  # the child's first name (for the message that carries the code)


@dataclass(frozen=True)
class Invitee:
    """Whom an invitation is for, as its page says before they choose a password."""

    name: str
    relation: str
    child_given_name: str
    expires_at: datetime


def normalized(code: str) -> str:
    return "".join(c for c in (code or "")[:40].upper() if c.isalnum())


def _digest(code: str) -> str:
    return hashlib.sha256(f"ekd-uitnodiging:{normalized(code)}".encode()).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


class Invitations:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def invite(self, trajectory_id: str, name: str, relation: str, actor: Actor, *,
               capability: str = Judgement.BY_AGE, motivation: str = "", kinship: str = "") -> Issued:
        """Invite a legal representative, a parent in contact or the child (from 12, or younger when
        judged capable, with a motivation): a new family member, or a new code for one already invited."""
        def operation(uow, casework, instance, trajectory) -> Outcome:
            clearance = clearance_of(uow, trajectory, actor)
            access.require(clearance.coordinates, "alleen de coördinator van het traject nodigt het gezin uit")
            clearance.require(Act.MANAGE)
            naam = text.clean(name or "", "name", 200, required=True)
            if relation not in set(Relation):
                raise InvalidPerson("kies wie je uitnodigt: legal_representative, parent of child", "role")
            if capability not in set(Judgement):
                raise InvalidPerson("oordeel over de bekwaamheid: standaard, bekwaam of niet_bekwaam", "capability")
            why = text.clean(motivation or "", "motivation", 10000, multiline=True)
            kin = text.clean(kinship or "", "relation", 30).casefold() or None
            if trajectory.status == "afgerond":
                raise Conflict("het traject is afgerond: er wordt niemand meer uitgenodigd")
            child = uow.children.get(trajectory.child_id)
            judgement = self._judgement(child.birth_date, relation, capability, why)
            now = clock.now()
            member = next((m for m in uow.family_members.of_child(child.id)
                           if m.relation == relation and m.name.casefold() == naam.casefold()), None)
            if member is None:
                member = FamilyMember(id=str(uuid.uuid4()), child_id=child.id, name=naam, relation=relation,
                                      kinship=kin,
                                      capability=judgement, motivation=why or None, hidden=[], adult_grant=False,
                                      invited_by=actor.id, invited_at=now)
                uow.family_members.add(member)
                uow.flush()
            elif member.person_id is not None:
                raise Conflict(f"{naam} heeft de uitnodiging al aanvaard en meldt zich aan met een eigen "
                               "gebruikersnaam")
            else:
                member.capability, member.motivation = judgement, why or None
            uow.family_invitations.void_all_of(member.id, now)
            code = _new_code()
            expires = now + LIFETIME
            uow.family_invitations.add(FamilyInvitation(id=_digest(code), member_id=member.id,
                                                        trajectory_id=trajectory.id, created_by=actor.id,
                                                        created_at=now, expires_at=expires))
            uow.access.record(now, actor.id, "uitnodigen", f"traject:{trajectory.id}",
                              f"{RELATION_WORDS[Relation(relation)]}, geldig tot {expires.date().isoformat()}")
            event = log.FamilyInvited(member=member.id, name=naam, relation=relation, expires=expires.isoformat())
            return Outcome(event, [], Issued(member.id, naam, relation, code, expires, child.given_name))

        return change(self._uow, self._library, trajectory_id, actor, operation)

    @staticmethod
    def _judgement(born, relation: str, capability: str, motivation: str) -> str:
        if relation != Relation.CHILD:
            return Judgement.BY_AGE
        age = age_on(born, today())
        if age >= ADULT:
            return Judgement.BY_AGE
        if capability != Judgement.BY_AGE and len(motivation) < MOTIVATION:
            raise InvalidPerson("motiveer het oordeel over de bekwaamheid (minstens 10 tekens)", "motivation")
        if age < PRESUMED and capability != Judgement.CAPABLE:
            raise InvalidPerson(f"het kind is {age} jaar: nodig het enkel uit als het team het bekwaam oordeelt "
                                "(met motivering)", "capability")
        return capability

    def invitee(self, code: str) -> Invitee:
        """Whom a live invitation is for (its page says so before they choose a password)."""
        with self._uow() as uow:
            invitation = uow.family_invitations.live(_digest(code), clock.now())
            if invitation is None:
                raise InvalidInvitation()
            member = uow.family_members.get(invitation.member_id)
            child = uow.children.get(member.child_id)
            return Invitee(member.name, member.relation, child.given_name, invitation.expires_at)

    def accept(self, code: str, username: str, password: str) -> PersonView:
        """Accept an invitation (once): a log-in of one's own, with the `client` role, for one child."""
        checked_username(username)
        checked_password(password)
        self.invitee(code)                         # refuse a dead code before the slow hash
        digest = hashed(password)
        with self._uow(write=True) as uow:
            now, invitation_id = clock.now(), _digest(code)
            invitation = uow.family_invitations.live(invitation_id, now)
            if invitation is None:
                raise InvalidInvitation()
            if uow.people.by_username(username) is not None:
                raise Conflict(f"de gebruikersnaam '{username}' is al in gebruik: kies een andere")
            if not uow.family_invitations.use(invitation_id, now):
                raise InvalidInvitation()
            member = uow.family_members.get(invitation.member_id)
            person = Person(id=str(uuid.uuid4()), username=username, display_name=member.name, password_hash=digest,
                            active=True, created_at=now, roles=[PersonRole(role=access.CLIENT)])
            uow.people.add(person)
            uow.flush()
            member.person_id = person.id
            uow.person_events.append(person.id, "aangemaakt", person.id,
                                     {"gebruikersnaam": username, "rollen": [access.CLIENT],
                                      "uitnodiging_van": invitation.created_by, "gezinslid": member.id}, now)
            uow.access.record(now, person.id, "uitnodiging-aanvaard", f"persoon:{person.id}",
                              f"gezinslid {member.id}")
            uow.commit()
            return view_of(person)
