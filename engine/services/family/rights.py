"""The family's voice and rights: their question and view in their own words; a copy of what the
dossier holds about them; a request for a correction (an item in the coordinator's inbox, answered
with a logged answer); a capable minor's objection to parents seeing parts of their dossier; and, at
18, the young adult's say over whether a parent keeps access. Each act is an event in the chain."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from engine import access, clock, text
from engine.access import Act, Data
from engine.actors import Actor
from engine.adocument import display
from engine.adocument.sections import section_hashes
from engine.domain_checks.capability import ADULT, age_on
from engine.history import events, log
from engine.services.care.adocuments import ADocuments, Exported
from engine.services.care.clearances import clearance_of
from engine.services.changes import Outcome, change
from engine.services.errors import Conflict, NotFound
from engine.services.family import voice
from engine.services.family.members import (
    PARTS,
    RELATION_WORDS,
    Relation,
    family_of,
    hidden_from,
    only_family,
    shown_to,
    today,
)
from engine.services.family.reading import document_of, for_family
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.family import family_events
from engine.store.models import Task
from engine.store.queues import NOTICE
from engine.text import InvalidInput

CORRECTION = "correctievraag_gezin"
CORRECTION_NAME = "Vraag om correctie van het gezin"
REQUEST_LENGTH = 2000


class FamilyRights:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library, documents: ADocuments):
        self._uow = uow
        self._library = library
        self._documents = documents

    def write(self, words: str, actor: Actor) -> str:
        """Write one's question (before the intake) or view (after the advice), in one's own words;
        a later text replaces the earlier one. Return the moment it was written for."""
        only_family(actor)
        said = text.clean(words or "", "tekst", voice.LENGTH, multiline=True, required=True)

        def operation(uow, casework, instance, trajectory) -> Outcome:
            family = family_of(uow, actor, trajectory)
            family.clearance.require(Act.VOICE)
            done = {events.payload(e).get("element") for e in uow.events.of_trajectory(trajectory.id)
                    if e.type == events.TASK_COMPLETED and e.payload}
            moment = voice.moment(done)
            event = log.FamilyView(member=family.member.id, name=family.member.name,
                                   relation=family.member.relation, moment=moment, text=said)
            return Outcome(event, [], moment)

        def recheck(uow, casework, instance, trajectory) -> Outcome | None:
            # Their words are in the A-document's sections (once recorded): who signed the old content signs again.
            facts = self._documents.after_change(uow, trajectory, casework, instance)
            return Outcome(facts[0], [], also=facts[1:]) if facts else None

        moment = change(self._uow, self._library, _locate(actor), actor, operation)
        change(self._uow, self._library, _locate(actor), actor, recheck)
        return moment

    def ask_correction(self, request: str, actor: Actor) -> str:
        """Ask the coordinator to correct something in the dossier: an item in their inbox; return its id."""
        only_family(actor)
        asked = text.clean(request or "", "vraag", REQUEST_LENGTH, multiline=True, required=True)

        def operation(uow, casework, instance, trajectory) -> Outcome:
            family = family_of(uow, actor, trajectory)
            family.clearance.require(Data.OWN)
            notice = str(uuid.uuid4())
            now = clock.now()
            uow.tasks.notify(Task(id=notice, trajectory_id=trajectory.id, element=CORRECTION, name=CORRECTION_NAME,
                                  lane="coordinator", form=None, path=f"ekd/{CORRECTION}/{notice}", ready_since=now,
                                  due_at=None, kind=NOTICE))
            event = log.FamilyCorrection(member=family.member.id, name=family.member.name, request=asked,
                                         notice=notice)
            return Outcome(event, [], notice)

        return change(self._uow, self._library, _locate(actor), actor, operation)

    def answer_correction(self, trajectory_id: str, notice: str, answer: str, actor: Actor) -> None:
        """The coordinator answers a family's correction request (logged; the inbox item goes)."""
        def operation(uow, casework, instance, trajectory) -> Outcome:
            clearance = clearance_of(uow, trajectory, actor)
            access.require(clearance.coordinates, "alleen de coördinator van het traject beantwoordt dit")
            clearance.require(Act.MANAGE)
            said = text.clean(answer or "", "antwoord", REQUEST_LENGTH, multiline=True, required=True)
            if notice not in {t.id for t in uow.tasks.notices(trajectory.id) if t.element == CORRECTION}:
                raise NotFound("deze vraag om correctie staat niet (meer) open")
            uow.tasks.withdraw([notice])
            return Outcome(log.CorrectionAnswered(notice=notice, answer=said), [])

        change(self._uow, self._library, trajectory_id, actor, operation)

    def object(self, parts: list[str], actor: Actor) -> list[str]:
        """The capable minor chooses the parts of their dossier their parents do not see (none: all)."""
        only_family(actor)
        chosen = sorted(set(parts or []))
        if any(p not in PARTS for p in chosen):
            raise InvalidInput("delen", "kies uit: " + ", ".join(PARTS))

        def operation(uow, casework, instance, trajectory) -> Outcome:
            family = family_of(uow, actor, trajectory)
            access.require(family.is_child and family.decides,
                           "alleen het bekwame kind zelf kan delen afschermen voor de ouders")
            family.member.hidden = chosen
            return Outcome(log.FamilyObjection(member=family.member.id, parts=chosen), [], chosen)

        return change(self._uow, self._library, _locate(actor), actor, operation)

    def grant(self, member_id: str, granted: bool, actor: Actor) -> None:
        """The young adult (18+) lets a parent keep seeing their trajectory, or not."""
        only_family(actor)
        def operation(uow, casework, instance, trajectory) -> Outcome:
            family = family_of(uow, actor, trajectory)
            access.require(family.is_child and _adult(family), "alleen de jongvolwassene zelf (18+) beslist dit")
            other = uow.family_members.get(member_id)
            if other is None or other.child_id != family.child.id or other.relation == Relation.CHILD:
                raise NotFound("dit gezinslid bestaat niet")
            if other.adult_grant == granted:
                raise Conflict("dat is al zo")
            other.adult_grant = granted
            return Outcome(log.FamilyGrant(member=family.member.id, to=other.id, granted=granted), [])

        change(self._uow, self._library, _locate(actor), actor, operation)

    def copy(self, actor: Actor) -> dict[str, Any]:
        """What the dossier holds about them, as the law allows them to see it: a copy (logged)."""
        with self._uow(write=True) as uow:
            family = family_of(uow, actor)
            family.clearance.require(Data.FOR_FAMILY)
            trajectory, child = family.trajectory, family.child
            ctx, sections, _ = document_of(uow, trajectory, self._library, family)
            hidden = hidden_from(uow, family)
            found = family_events(uow.session, trajectory.id, log.FAMILY_KINDS)
            bodies = shown_to(uow, family, [(e.type, e.actor == actor.id, events.payload(e) or {}) for e in found])
            acts = [{"seq": event.seq, "soort": event.type, "op": event.recorded_at.isoformat(),
                     "door_mij": event.actor == actor.id, "inhoud": body}
                    for event, body in zip(found, bodies, strict=True) if body is not None]
            uow.access.record(clock.now(), actor.id, "kopie-gezin", f"traject:{trajectory.id}")
            uow.commit()
        return {"schema": "https://ekd.vlaanderen/schemas/kopie-gezin/1",
                "kind": {"voornaam": child.given_name, "familienaam": child.family_name,
                         "geboortedatum": child.birth_date.isoformat()},
                "ik": {"naam": family.member.name, "relatie": RELATION_WORDS[Relation(family.member.relation)]},
                "traject": {"id": trajectory.id, "status": trajectory.status, "instemming": trajectory.consent,
                            "gestart_op": trajectory.started_at.isoformat()},
                "afgeschermd": sorted(hidden),
                "gezin": acts,
                "a_document": None if ctx is None else {
                    "versie": ctx.document.version, "status": ctx.document.status, "inhoud_hash": ctx.hash,
                    "inhoud": for_family(ctx.content, hidden)}}

    def document(self, actor: Actor) -> Exported:
        """The A-document as the family reads it, for its PDF (logged as a download)."""
        with self._uow(write=True) as uow:
            family = family_of(uow, actor)
            family.clearance.require(Data.FOR_FAMILY)
            ctx, sections, casework = document_of(uow, family.trajectory, self._library, family)
            if ctx is None:
                raise NotFound("er is nog geen A-document")
            agreement = uow.documents.agreement(ctx.document.id)
            uow.access.record(clock.now(), actor.id, "download-gezin", f"a-document:{family.trajectory.id}",
                              f"versie {ctx.document.version}")
            uow.commit()
        data = {"traject": family.trajectory.id, "versie": ctx.document.version, "status": ctx.document.status,
                "inhoud": {"identificatie": ctx.content.get("identificatie") or {}},
                "vervangt_versie": None, "correctie_reden": None, "ingediend_op": None, "inhoud_hash": ctx.hash,
                "sectie_hashes": section_hashes(ctx.content), "ondertekening": [],
                "akkoord": {"datum": agreement.agreed_on.isoformat(), "partijen": agreement.parties,
                            "geldig": agreement.content_hash == ctx.hash} if agreement else None}
        return Exported(data, sections, display.agreement(data["akkoord"]["datum"], agreement.parties,
                                                          casework.guideline.form) if agreement else ())


def _adult(family) -> bool:
    return age_on(family.child.birth_date, today()) >= ADULT


def _locate(actor: Actor):
    def locate(uow) -> str:
        return family_of(uow, actor).trajectory.id
    return locate
