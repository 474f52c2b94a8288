"""What every A-document use case works from: the current version, its content and root hash,
who signs it, what is missing, and what the asking person may see of it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from engine import access, clock, runtime
from engine.access import Act, Clearance, Data
from engine.actors import Actor
from engine.adocument.assemble import assemble, recorded
from engine.adocument.completeness import Missing, missing
from engine.adocument.sections import content_hash, seal
from engine.casework import Casework
from engine.history import events
from engine.roles import DISCIPLINES
from engine.services.errors import Conflict
from engine.services.family import voice
from engine.store import UnitOfWork
from engine.store.models import ADocument, Trajectory

READERS = "het A-document is enkel zichtbaar voor de coördinator en de ondertekenende disciplines van het team"


class Incomplete(Conflict):
    """The A-document cannot be submitted yet; `missing` says what is missing and where to fix it."""

    def __init__(self, found: list[Missing]):
        self.missing = found
        super().__init__("het A-document is nog niet volledig: " + "; ".join(m.message for m in found))


@dataclass
class Context:
    document: ADocument
    content: dict[str, Any]          # the whole content, medical section included
    hash: str                        # the root over the sections' hashes
    signers: list[str]
    capable: bool
    adult: bool


@dataclass(frozen=True)
class Reader:
    """What one person may see and do with one trajectory's A-document."""

    clearance: Clearance
    coordinates: bool
    sign_roles: list[str]            # the signing disciplines they hold on the team

    @property
    def medical(self) -> bool:
        return self.clearance.reads(Data.MEDICAL)

    def shown(self, content: dict[str, Any]) -> dict[str, Any]:
        """The content as this reader sees it: the medical section sealed unless they may read it."""
        return content if self.medical else seal(content)


def build(uow: UnitOfWork, trajectory: Trajectory, casework: Casework, instance: runtime.Instance) -> Context:
    """The current version's context; a concept is assembled from the trajectory as it stands."""
    document = uow.documents.current(trajectory.id)
    if document is None:
        document = ADocument(id=str(uuid.uuid4()), trajectory_id=trajectory.id, version=1, status="concept",
                             additions={}, created_at=clock.now())
        uow.documents.add(document)
        uow.flush()
    computed = instance.data
    signers = [r for r in DISCIPLINES if r in (computed.get("betrokken_disciplines") or [])]
    capable, adult = bool(computed.get("bekwaam")), bool(computed.get("meerderjarig"))
    if document.status != "concept":
        return Context(document, document.content, document.content_hash, signers, capable, adult)
    definition = casework.guideline.process(trajectory.process_id)
    ran_on: dict[str | None, runtime.Definition] = {trajectory.guideline_version_id: definition}

    def definition_at(version: str | None) -> runtime.Definition:
        """The process of the version an event ran on: a step a later version renamed keeps its form."""
        if version not in ran_on:
            row = uow.guidelines.get(version)
            ran_on[version] = casework.at(version).guideline.process(row.main_process) if row else definition
        return ran_on[version]

    chain = uow.events.of_trajectory(trajectory.id)
    completed = [e for e in chain if e.type == events.TASK_COMPLETED]
    history = [(body.get("role"), body.get("data") or {}, _form(definition_at(e.guideline_version_id),
                                                                body.get("element")))
               for e, body in ((e, events.payload(e)) for e in completed) if body]
    facts, findings = recorded(history)
    facts = voice.merged(facts, voice.written(chain))      # the family's own words, marked as theirs
    child = uow.children.get(trajectory.child_id)
    record = {"naam": f"{child.given_name} {child.family_name}", "insz": child.insz,
              "geboortedatum": child.birth_date.isoformat(), "representatives": child.representatives or []}
    content = assemble(record, facts, findings, document.additions or {})
    return Context(document, content, content_hash(content), signers, capable, adult)


def _form(definition: runtime.Definition, element_id: str | None) -> str | None:
    element = definition.element(element_id) if element_id else None
    return element.form if element else None


def reader(uow: UnitOfWork, trajectory: Trajectory, actor: Actor, ctx: Context) -> Reader:
    """Refuse unless the person reads the trajectory's shared data and coordinates or signs it."""
    clearance = access.clearance(actor, uow.members.roles_of(trajectory.id, actor.id), trajectory.status)
    sign_roles = [r for r in ctx.signers if r in clearance.roles]
    if not (clearance.coordinates or sign_roles):
        raise access.Forbidden(READERS if clearance.roles else access.NOT_ON_TEAM)
    clearance.require(Data.SHARED)
    return Reader(clearance, clearance.coordinates, sign_roles if clearance.may(Act.SIGN) else [])


def managed(uow: UnitOfWork, trajectory: Trajectory, actor: Actor, ctx: Context) -> Reader:
    """Refuse unless the person is the trajectory's coordinator and may change it now."""
    found = reader(uow, trajectory, actor, ctx)
    access.require(found.coordinates, "alleen de coördinator van het traject beheert het A-document")
    found.clearance.require(Act.MANAGE)
    return found


def missing_of(uow: UnitOfWork, ctx: Context) -> list[Missing]:
    """What is still missing before this version may be submitted."""
    signatures = {s.role: s.content_hash for s in uow.documents.signatures(ctx.document.id)}
    agreement = uow.documents.agreement(ctx.document.id)
    agreed = {"content_hash": agreement.content_hash, "parties": agreement.parties} if agreement else None
    return missing(ctx.content, ctx.hash, agreed, signatures, ctx.signers, ctx.capable, ctx.adult)

