"""The A-document's use cases: read it, complete what is missing, sign, agree, submit, correct.

The guideline drives the first round: tasks with the spiff property `ekdAction` sign
(`a-document:ondertekenen`), record the client's agreement (`a-document:akkoord`) and submit
(`a-document:indienen`, refused while anything is missing). A correction after submission is a
new version, signed, agreed and submitted from the A-document's page. What a person sees of it
follows need-to-know: the medical section is sealed (its hash) for anyone but physicians and
the coordinator, and every signer signs the same root over all sections.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from engine import access, clock, forms, runtime, text
from engine.access import Act
from engine.actors import Actor
from engine.adocument import AGREE, FORM, SIGN, SUBMIT, display
from engine.adocument.completeness import Missing
from engine.adocument.sections import section_hashes
from engine.casework import Casework, Done
from engine.history import log
from engine.presentation import Item
from engine.services.care import representatives, signing
from engine.services.care.adocument_context import Context, Incomplete, build, managed, missing_of, reader
from engine.services.changes import Outcome, change, load
from engine.services.errors import Conflict, NotFound
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.models import ADocument, Agreement

__all__ = ["ADocuments", "DocumentView", "Exported", "Incomplete", "SignatureView"]
REASON_LENGTH = 2000
AGREEMENT_FORM = "akkoord_client.json"     # the guideline's agreement task: the page's agreement obeys it too


class AlreadySigned(Conflict):
    """Every discipline the person signs for signed this content already."""


@dataclass(frozen=True)
class SignatureView:
    role: str
    name: str
    signed_at: datetime
    valid: bool


@dataclass
class DocumentView:
    trajectory_id: str
    child_id: str
    version: int
    status: str
    content: dict[str, Any]                   # as this reader may see it (medical section sealed or not)
    content_hash: str                         # the root over `section_hashes`
    section_hashes: dict[str, str]
    additions: dict[str, Any]
    signers: list[str]
    signatures: list[SignatureView]
    agreement: dict[str, Any] | None
    missing: list[Missing]
    versions: list[dict[str, Any]] = field(default_factory=list)
    frozen_at: datetime | None = None
    correction_reason: str | None = None
    coordinates: bool = False
    sign_roles: list[str] = field(default_factory=list)
    submit_task: str | None = None
    sealed: bool = False
    form_schema: dict[str, Any] | None = None        # the A-document's own form, for what is missing
    suggested: dict[str, Any] = field(default_factory=dict)   # form answers the child record suggests
    sections: list[display.Section] = field(default_factory=list)    # `content` as people read it
    agreement_items: tuple[Item, ...] = ()                            # the agreement as people read it


@dataclass(frozen=True)
class Exported:
    """An A-document's export (`data`, the JSON) and its reading for people (the PDF, `weergave`)."""

    data: dict[str, Any]
    sections: list[display.Section]
    agreement: tuple[Item, ...]


class ADocuments:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    # -- reading ------------------------------------------------------------------------------
    def view(self, trajectory_id: str, actor: Actor) -> DocumentView:
        """The A-document as it stands and as `actor` may see it, with what is missing (logged)."""
        with self._uow(write=True) as uow:
            view = self._view(uow, trajectory_id, actor)
            uow.access.record(clock.now(), actor.id, "lezen", f"a-document:{trajectory_id}", f"versie {view.version}")
            uow.commit()
            return view

    def _view(self, uow: UnitOfWork, trajectory_id: str, actor: Actor) -> DocumentView:
        trajectory, casework, instance = self._open(uow, trajectory_id)
        ctx = build(uow, trajectory, casework, instance)
        who = reader(uow, trajectory, actor, ctx)
        signatures = uow.documents.signatures(ctx.document.id)
        names = {p: uow.people.get(p).display_name for p in {s.person_id for s in signatures}}
        agreement = uow.documents.agreement(ctx.document.id)
        submit = next((t.id for t in instance.ready_tasks() if self._action(casework, trajectory, t) == SUBMIT), None)
        concept = ctx.document.status == "concept"
        return DocumentView(
            trajectory_id=trajectory.id, child_id=trajectory.child_id, version=ctx.document.version,
            status=ctx.document.status, content=who.shown(ctx.content), content_hash=ctx.hash,
            section_hashes=section_hashes(ctx.content), additions=ctx.document.additions or {},
            signers=ctx.signers,
            signatures=[SignatureView(s.role, names[s.person_id], s.signed_at, s.content_hash == ctx.hash)
                        for s in signatures],
            agreement={"agreed_on": agreement.agreed_on, "parties": agreement.parties,
                       "valid": agreement.content_hash == ctx.hash} if agreement else None,
            missing=missing_of(uow, ctx) if concept else [],
            versions=[{"version": d.version, "status": d.status, "frozen_at": d.frozen_at, "hash": d.content_hash}
                      for d in uow.documents.versions(trajectory.id)],
            frozen_at=ctx.document.frozen_at, correction_reason=ctx.document.correction_reason,
            coordinates=who.coordinates and who.clearance.may(Act.MANAGE),
            sign_roles=who.sign_roles if concept else [], submit_task=submit, sealed=not who.medical,
            form_schema=casework.guideline.form(FORM), suggested=_suggested(casework.guideline.form(FORM), ctx),
            sections=display.sections(who.shown(ctx.content), casework.guideline.form),
            agreement_items=display.agreement(agreement.agreed_on.isoformat(), agreement.parties,
                                              casework.guideline.form) if agreement else ())

    def form_schema(self, trajectory_id: str, actor: Actor) -> dict[str, Any] | None:
        """The A-document's own form on the trajectory's guideline version (to read a page's answers)."""
        with self._uow(write=True) as uow:
            trajectory, casework, instance = self._open(uow, trajectory_id)
            managed(uow, trajectory, actor, build(uow, trajectory, casework, instance))
            return casework.guideline.form(FORM)

    def export(self, trajectory_id: str, actor: Actor, version: int | None = None) -> dict[str, Any]:
        """The A-document as its JSON export (a frozen version, or the concept), as `actor` may see
        it; logged as a download."""
        return self.exported(trajectory_id, actor, version).data

    def exported(self, trajectory_id: str, actor: Actor, version: int | None = None) -> Exported:
        """The export and its reading for people (sections and agreement, by the guideline's forms)."""
        with self._uow(write=True) as uow:
            trajectory, casework, instance = self._open(uow, trajectory_id)
            ctx = build(uow, trajectory, casework, instance)
            who = reader(uow, trajectory, actor, ctx)
            wanted = version or ctx.document.version
            document = next((d for d in uow.documents.versions(trajectory_id) if d.version == wanted), None)
            if document is None:
                raise NotFound(f"versie {version} van het A-document bestaat niet")
            concept = document.status == "concept"
            content = ctx.content if concept else document.content
            digest = ctx.hash if concept else document.content_hash
            signatures = uow.documents.signatures(document.id)
            names = {p: uow.people.get(p).display_name for p in {s.person_id for s in signatures}}
            agreement = uow.documents.agreement(document.id)
            replaced = uow.session.get(ADocument, document.replaces_id) if document.replaces_id else None
            uow.access.record(clock.now(), actor.id, "download", f"a-document:{trajectory_id}",
                              f"versie {document.version}")
            uow.commit()
        shown = who.shown(content)
        data = {"schema": "https://ekd.vlaanderen/schemas/a-document/1", "traject": trajectory_id,
                "versie": document.version, "status": document.status,
                "vervangt_versie": replaced.version if replaced else None,
                "correctie_reden": document.correction_reason, "ingediend_op": document.frozen_at.isoformat()
                if document.frozen_at else None, "inhoud_hash": digest, "sectie_hashes": section_hashes(content),
                "inhoud": shown,
                "ondertekening": [{"discipline": s.role, "naam": names[s.person_id], "op": s.signed_at.isoformat(),
                                   "geldig": s.content_hash == digest} for s in signatures],
                "akkoord": {"datum": agreement.agreed_on.isoformat(), "partijen": agreement.parties,
                            "geldig": agreement.content_hash == digest} if agreement else None}
        forms_of = casework.guideline.form
        return Exported(data, display.sections(shown, forms_of),
                        display.agreement(data["akkoord"]["datum"], agreement.parties, forms_of) if agreement else ())

    # -- changing, from the A-document's page ----------------------------------------------------
    def complete_missing(self, trajectory_id: str, additions: dict[str, Any], actor: Actor) -> None:
        """The coordinator fills in what is missing, in the A-document's own form."""
        def operation(uow, casework, instance, trajectory):
            ctx = self._concept(uow, trajectory, casework, instance)
            managed(uow, trajectory, actor, ctx)
            schema = casework.guideline.form(FORM)
            if schema is not None:
                forms.validate(schema, additions, FORM)
            ctx.document.additions = {k: v for k, v in additions.items() if v not in (None, "", [])}
            completed = log.DocumentCompleted(version=ctx.document.version, additions=ctx.document.additions)
            return Outcome(completed, [], also=self.after_change(uow, trajectory, casework, instance))
        change(self._uow, self._library, trajectory_id, actor, operation)

    def sign(self, trajectory_id: str, actor: Actor) -> None:
        """Sign the current root for each signing discipline the actor holds on the team."""
        def operation(uow, casework, instance, trajectory):
            ctx = self._concept(uow, trajectory, casework, instance)
            who = reader(uow, trajectory, actor, ctx)
            who.clearance.require(Act.SIGN)
            access.require(bool(who.sign_roles), "enkel de betrokken disciplines ondertekenen het A-document")
            roles = [role for role in who.sign_roles if signing.sign(uow, ctx, actor, role)]
            if not roles:
                raise AlreadySigned("deze inhoud van het A-document is voor je discipline(s) al ondertekend")
            return Outcome(log.DocumentSigned(version=ctx.document.version, roles=roles, hash=ctx.hash), [])
        change(self._uow, self._library, trajectory_id, actor, operation)

    def agree(self, trajectory_id: str, agreed_on: date, parties: list[dict[str, Any]], actor: Actor) -> None:
        """Record the client's agreement with the current content (after a correction); the parties
        obey the guideline's agreement form: at least one, each with a name and a known role."""
        def operation(uow, casework, instance, trajectory):
            ctx = self._concept(uow, trajectory, casework, instance)
            managed(uow, trajectory, actor, ctx)
            schema = casework.guideline.form(AGREEMENT_FORM)
            if schema is not None:
                forms.validate(schema, {"akkoord_datum": agreed_on.isoformat(), "akkoorden": parties},
                               AGREEMENT_FORM)
            return Outcome(self._agree(uow, ctx, actor, agreed_on, parties), [])
        change(self._uow, self._library, trajectory_id, actor, operation)

    def submit(self, trajectory_id: str, actor: Actor) -> None:
        """Submit a corrected version (the first version is submitted by the guideline's task)."""
        def operation(uow, casework, instance, trajectory):
            return self.submit_corrected(uow, trajectory, casework, instance, actor)
        change(self._uow, self._library, trajectory_id, actor, operation)

    def submit_corrected(self, uow: UnitOfWork, trajectory, casework: Casework, instance, actor: Actor) -> Outcome:
        """Freeze a corrected version, inside a trajectory's use case (`submit`, or Trajectories)."""
        ctx = self._concept(uow, trajectory, casework, instance)
        managed(uow, trajectory, actor, ctx)
        if ctx.document.version == 1:
            raise Conflict("de eerste versie wordt ingediend met de taak van de richtlijn")
        return Outcome(self._freeze(uow, ctx, actor), [])

    def submit_task(self, casework: Casework, trajectory, instance) -> str | None:
        """The guideline's ready task that submits the A-document, if there is one."""
        return next((t.id for t in instance.ready_tasks() if self._action(casework, trajectory, t) == SUBMIT), None)

    def correct(self, trajectory_id: str, reason: str, actor: Actor) -> int:
        """Start a correction: a new version that references the submitted one, which stays as it was;
        return the new version's number."""
        def operation(uow, casework, instance, trajectory):
            ctx = build(uow, trajectory, casework, instance)
            managed(uow, trajectory, actor, ctx)
            why = text.clean(reason or "", "reden", REASON_LENGTH, multiline=True)
            if not why:
                raise Conflict("geef de reden van de correctie")
            if ctx.document.status != "ingediend":
                raise Conflict("alleen een ingediend A-document wordt gecorrigeerd; dit is nog een concept")
            ctx.document.status = "vervangen"
            signing.close(uow, ctx.document)
            new = ADocument(id=str(uuid.uuid4()), trajectory_id=trajectory.id, version=ctx.document.version + 1,
                            status="concept", additions=dict(ctx.document.additions or {}), replaces_id=ctx.document.id,
                            correction_reason=why, created_at=clock.now())
            uow.documents.add(new)
            return Outcome(log.DocumentCorrected(version=new.version, replaces=ctx.document.version, reason=why), [],
                           new.version)
        return change(self._uow, self._library, trajectory_id, actor, operation)

    # -- hooks for the guideline's tasks (inside the task's use case) ----------------------------
    def before_task(self, uow: UnitOfWork, trajectory, casework: Casework, instance, action: str | None) -> None:
        if action == SUBMIT:
            found = missing_of(uow, self._concept(uow, trajectory, casework, instance))
            if found:
                raise Incomplete(found)

    def after_task(self, uow: UnitOfWork, trajectory, casework: Casework, instance, action: str | None,
                   done: Done, actor: Actor) -> list[log.LogEvent]:
        """Do what the task's `ekdAction` asks; return the facts to record after the task's event."""
        if action is None:
            return []
        ctx = self._concept(uow, trajectory, casework, instance)
        if action == SIGN and done.data.get("akkoord_met_verslag"):
            if not signing.sign(uow, ctx, actor, done.task.lane):
                return []                  # signed on the A-document's page already: one record
            return [log.DocumentSigned(version=ctx.document.version, roles=[done.task.lane], hash=ctx.hash)]
        if action == AGREE:
            parties = [{"naam": p["naam"], "rol": p["rol"], "akkoord": bool(p["akkoord"])}
                       for p in done.data.get("akkoorden", [])]
            return [self._agree(uow, ctx, actor, date.fromisoformat(done.data["akkoord_datum"]), parties)]
        if action == SUBMIT:
            return [self._freeze(uow, ctx, actor)]
        return []

    def after_change(self, uow: UnitOfWork, trajectory, casework: Casework, instance) -> list[log.LogEvent]:
        """After anything that may change the A-document's content: when signatures no longer bind
        it, each signer is asked to sign again (an ekd item in the inbox, an event in the timeline)."""
        if not uow.documents.signed_concept(trajectory.id):
            return []
        asked = {t.lane for t in instance.ready_tasks() if self._action(casework, trajectory, t) == SIGN}
        return signing.stale(uow, trajectory, build(uow, trajectory, casework, instance), asked, clock.now())

    def sign_tasks(self, trajectory_id: str, actor: Actor) -> list[str]:
        """The guideline's signing tasks that wait for `actor` now (one per discipline they sign for,
        not taken by a colleague): signing on the page completes them, so a task and its signature are one."""
        with self._uow() as uow:
            trajectory, casework, instance = self._open(uow, trajectory_id)
            clearance = access.clearance(actor, uow.members.roles_of(trajectory.id, actor.id), trajectory.status)
            rows = {row.id: row for row in uow.tasks.of_trajectory(trajectory.id)}
            return [t.id for t in instance.ready_tasks() if self._action(casework, trajectory, t) == SIGN
                    and clearance.works_in(t.lane) and t.id in rows
                    and rows[t.id].claimed_by in (None, actor.id)]

    # -- helpers --------------------------------------------------------------------------------
    def _open(self, uow: UnitOfWork, trajectory_id: str):
        trajectory = uow.trajectories.get(trajectory_id)
        if trajectory is None:
            raise NotFound(f"traject '{trajectory_id}' bestaat niet")
        casework = self._library.casework(trajectory.guideline_version_id)
        return trajectory, casework, load(uow, casework, trajectory)

    @staticmethod
    def _concept(uow, trajectory, casework, instance) -> Context:
        ctx = build(uow, trajectory, casework, instance)
        if ctx.document.status != "concept":
            raise Conflict(f"versie {ctx.document.version} van het A-document is {ctx.document.status} en verandert "
                           "niet meer; een correctie maakt een nieuwe versie")
        return ctx

    @staticmethod
    def _agree(uow, ctx: Context, actor: Actor, agreed_on: date, parties: list[dict[str, Any]]) -> log.DocumentAgreed:
        uow.documents.agree(Agreement(a_document_id=ctx.document.id, content_hash=ctx.hash, agreed_on=agreed_on,
                                      parties=parties, recorded_by=actor.id, recorded_at=clock.now()))
        return log.DocumentAgreed(version=ctx.document.version, hash=ctx.hash, parties=parties,
                                  agreed_on=agreed_on.isoformat())

    @staticmethod
    def _freeze(uow, ctx: Context, actor: Actor) -> log.DocumentSubmitted:
        found = missing_of(uow, ctx)
        if found:
            raise Incomplete(found)
        document = ctx.document
        document.content, document.content_hash = ctx.content, ctx.hash
        document.status, document.frozen_at, document.frozen_by = "ingediend", clock.now(), actor.id
        signing.close(uow, document)
        return log.DocumentSubmitted(version=document.version, hash=ctx.hash)

    @staticmethod
    def _action(casework: Casework, trajectory, task: runtime.ReadyTask) -> str | None:
        element = casework.guideline.process(trajectory.process_id).element(task.element)
        return element.action if element else None


def _suggested(schema: dict[str, Any] | None, ctx: Context) -> dict[str, Any]:
    """What the A-document's form can take from the representatives its identification already
    shows (the recipient of the documents, say), where the content has nothing yet."""
    identification = ctx.content.get("identificatie") or {}
    found, _ = representatives.prefill(schema, {}, identification.get("wettelijke_vertegenwoordigers") or [])
    return {name: value for name, value in found.items() if not identification.get(name)}
