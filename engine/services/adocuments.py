"""The A-document's use cases: read it, complete what is missing, sign, agree, submit, correct.

The guideline drives the first round: tasks with the spiff property `ekdAction` sign
(`a-document:ondertekenen`), record the client's agreement (`a-document:akkoord`) and submit
(`a-document:indienen`, refused while anything is missing). A correction after submission is a
new version, signed, agreed and submitted from the A-document's page.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from engine import access, clock, forms, runtime
from engine.actors import Actor
from engine.adocument import AGREE, FORM, SIGN, SUBMIT
from engine.adocument.assemble import assemble, content_hash, recorded
from engine.adocument.completeness import Missing, missing
from engine.casework import Casework, Done
from engine.history import events
from engine.roles import DISCIPLINES
from engine.services.changes import Outcome, change, load
from engine.services.errors import Conflict, NotFound
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.models import ADocument, Agreement, Signature


class Incomplete(Conflict):
    """The A-document cannot be submitted yet; `missing` says what is missing and where to fix it."""

    def __init__(self, found: list[Missing]):
        self.missing = found
        super().__init__("het A-document is nog niet volledig: " + "; ".join(m.message for m in found))


@dataclass
class Context:
    document: ADocument
    content: dict[str, Any]
    hash: str
    signers: list[str]
    capable: bool
    adult: bool


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
    content: dict[str, Any]
    content_hash: str
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


class ADocuments:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    # -- the context every use case works from ---------------------------------------------
    def context(self, uow: UnitOfWork, trajectory, casework: Casework, instance: runtime.Instance) -> Context:
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
        history = [(body.get("role"), body.get("data") or {})
                   for body in (events.payload(e) for e in uow.events.of_trajectory(trajectory.id)
                                if e.type == events.TASK_COMPLETED) if body]
        facts, findings = recorded(history)
        child = uow.children.get(trajectory.child_id)
        record = {"naam": f"{child.given_name} {child.family_name}", "insz": child.insz,
                  "geboortedatum": child.birth_date.isoformat(), "representatives": child.representatives or []}
        content = assemble(record, facts, findings, document.additions or {})
        return Context(document, content, content_hash(content), signers, capable, adult)

    def _missing(self, uow: UnitOfWork, ctx: Context) -> list[Missing]:
        signatures = {s.role: s.content_hash for s in uow.documents.signatures(ctx.document.id)}
        agreement = uow.documents.agreement(ctx.document.id)
        agreed = {"content_hash": agreement.content_hash, "parties": agreement.parties} if agreement else None
        return missing(ctx.content, ctx.hash, agreed, signatures, ctx.signers, ctx.capable, ctx.adult)

    @staticmethod
    def _roles(uow: UnitOfWork, trajectory, actor: Actor, ctx: Context) -> tuple[bool, list[str]]:
        """Whether the actor coordinates this trajectory, and the signer roles they hold on it."""
        roles = uow.members.roles_of(trajectory.id, actor.id) & actor.roles
        return "coordinator" in roles, [r for r in ctx.signers if r in roles]

    def _reader(self, uow, trajectory, actor, ctx) -> tuple[bool, list[str]]:
        coordinates, signer_roles = self._roles(uow, trajectory, actor, ctx)
        access.require(coordinates or bool(signer_roles),
                       "het A-document is enkel zichtbaar voor de coördinator en de ondertekenende disciplines")
        return coordinates, signer_roles

    # -- reading ------------------------------------------------------------------------------
    def view(self, trajectory_id: str, actor: Actor) -> DocumentView:
        """The A-document as it stands, with what is missing (every read is logged)."""
        with self._uow(write=True) as uow:
            trajectory, casework, instance = self._open(uow, trajectory_id)
            ctx = self.context(uow, trajectory, casework, instance)
            coordinates, signer_roles = self._reader(uow, trajectory, actor, ctx)
            signatures = uow.documents.signatures(ctx.document.id)
            names = {p: uow.people.get(p).display_name for p in {s.person_id for s in signatures}}
            agreement = uow.documents.agreement(ctx.document.id)
            submit = next((t.id for t in instance.ready_tasks() if self._action(casework, trajectory, t) == SUBMIT),
                          None)
            view = DocumentView(
                trajectory.id, trajectory.child_id, ctx.document.version, ctx.document.status, ctx.content, ctx.hash,
                ctx.document.additions or {}, ctx.signers,
                [SignatureView(s.role, names[s.person_id], s.signed_at, s.content_hash == ctx.hash)
                 for s in signatures],
                {"agreed_on": agreement.agreed_on, "parties": agreement.parties,
                 "valid": agreement.content_hash == ctx.hash} if agreement else None,
                self._missing(uow, ctx) if ctx.document.status == "concept" else [],
                [{"version": d.version, "status": d.status, "frozen_at": d.frozen_at, "hash": d.content_hash}
                 for d in uow.documents.versions(trajectory.id)],
                ctx.document.frozen_at, ctx.document.correction_reason, coordinates,
                [r for r in signer_roles if ctx.document.status == "concept"], submit)
            uow.access.record(clock.now(), actor.id, "lezen", f"a-document:{trajectory.id}", f"versie {view.version}")
            uow.commit()
            return view

    def export(self, trajectory_id: str, actor: Actor, version: int | None = None) -> dict[str, Any]:
        """The A-document as its JSON export (a frozen version, or the concept); logged as a download."""
        view = self.view(trajectory_id, actor)
        with self._uow(write=True) as uow:
            wanted = version or view.version
            document = next((d for d in uow.documents.versions(trajectory_id) if d.version == wanted), None)
            if document is None:
                raise NotFound(f"versie {version} van het A-document bestaat niet")
            content = document.content if document.status != "concept" else view.content
            digest = document.content_hash if document.status != "concept" else view.content_hash
            signatures = uow.documents.signatures(document.id)
            names = {p: uow.people.get(p).display_name for p in {s.person_id for s in signatures}}
            agreement = uow.documents.agreement(document.id)
            replaced = uow.session.get(ADocument, document.replaces_id) if document.replaces_id else None
            uow.access.record(clock.now(), actor.id, "download", f"a-document:{trajectory_id}",
                              f"versie {document.version}")
            uow.commit()
        return {"schema": "https://ekd.vlaanderen/schemas/a-document/1", "traject": trajectory_id,
                "versie": document.version, "status": document.status,
                "vervangt_versie": replaced.version if replaced else None,
                "correctie_reden": document.correction_reason, "ingediend_op": document.frozen_at.isoformat()
                if document.frozen_at else None, "inhoud_hash": digest, "inhoud": content,
                "ondertekening": [{"discipline": s.role, "naam": names[s.person_id], "op": s.signed_at.isoformat(),
                                   "geldig": s.content_hash == digest} for s in signatures],
                "akkoord": {"datum": agreement.agreed_on.isoformat(), "partijen": agreement.parties,
                            "geldig": agreement.content_hash == digest} if agreement else None}

    # -- changing, from the A-document's page ----------------------------------------------------
    def complete_missing(self, trajectory_id: str, additions: dict[str, Any], actor: Actor) -> None:
        """The coordinator fills in what is missing, in the A-document's own form."""
        def operation(uow, casework, instance, trajectory):
            ctx = self._concept(uow, trajectory, casework, instance)
            self._require_coordinator(uow, trajectory, actor, ctx)
            schema = casework.guideline.form(FORM)
            if schema is not None:
                forms.validate(schema, additions, FORM)
            ctx.document.additions = {k: v for k, v in additions.items() if v not in (None, "", [])}
            return Outcome(events.DOCUMENT_COMPLETED, {"versie": ctx.document.version,
                                                       "aanvullingen": ctx.document.additions}, [])
        change(self._uow, self._library, trajectory_id, actor, operation)

    def sign(self, trajectory_id: str, actor: Actor) -> None:
        """Sign the current content for each signing discipline the actor holds on the team."""
        def operation(uow, casework, instance, trajectory):
            ctx = self._concept(uow, trajectory, casework, instance)
            _, roles = self._roles(uow, trajectory, actor, ctx)
            access.require(bool(roles), "enkel de betrokken disciplines ondertekenen het A-document")
            for role in roles:
                self._sign(uow, ctx, actor, role)
            return Outcome(events.DOCUMENT_SIGNED, {"versie": ctx.document.version, "rollen": roles,
                                                    "hash": ctx.hash}, [])
        change(self._uow, self._library, trajectory_id, actor, operation)

    def agree(self, trajectory_id: str, agreed_on: date, parties: list[dict[str, Any]], actor: Actor) -> None:
        """Record the client's agreement with the current content (after a correction)."""
        def operation(uow, casework, instance, trajectory):
            ctx = self._concept(uow, trajectory, casework, instance)
            self._require_coordinator(uow, trajectory, actor, ctx)
            self._agree(uow, ctx, actor, agreed_on, parties)
            return Outcome(events.DOCUMENT_AGREED, {"versie": ctx.document.version, "hash": ctx.hash,
                                                    "partijen": parties, "datum": agreed_on.isoformat()}, [])
        change(self._uow, self._library, trajectory_id, actor, operation)

    def submit(self, trajectory_id: str, actor: Actor) -> None:
        """Submit a corrected version (the first version is submitted by the guideline's task)."""
        def operation(uow, casework, instance, trajectory):
            ctx = self._concept(uow, trajectory, casework, instance)
            self._require_coordinator(uow, trajectory, actor, ctx)
            access.require(ctx.document.version > 1, "de eerste versie wordt ingediend met de taak van de richtlijn")
            self._freeze(uow, ctx, actor)
            return Outcome(events.DOCUMENT_SUBMITTED, {"versie": ctx.document.version, "hash": ctx.hash}, [])
        change(self._uow, self._library, trajectory_id, actor, operation)

    def correct(self, trajectory_id: str, reason: str, actor: Actor) -> None:
        """Start a correction: a new version that references the submitted one, which stays as it was."""
        if not reason or not reason.strip():
            raise Conflict("geef de reden van de correctie")

        def operation(uow, casework, instance, trajectory):
            ctx = self.context(uow, trajectory, casework, instance)
            self._require_coordinator(uow, trajectory, actor, ctx)
            if ctx.document.status != "ingediend":
                raise Conflict("alleen een ingediend A-document wordt gecorrigeerd; dit is nog een concept")
            ctx.document.status = "vervangen"
            new = ADocument(id=str(uuid.uuid4()), trajectory_id=trajectory.id, version=ctx.document.version + 1,
                            status="concept", additions=dict(ctx.document.additions or {}), replaces_id=ctx.document.id,
                            correction_reason=reason.strip(), created_at=clock.now())
            uow.documents.add(new)
            return Outcome(events.DOCUMENT_CORRECTED, {"versie": new.version, "vervangt": ctx.document.version,
                                                       "reden": reason.strip()}, [])
        change(self._uow, self._library, trajectory_id, actor, operation)

    # -- hooks for the guideline's tasks (inside the task's use case) ----------------------------
    def before_task(self, uow: UnitOfWork, trajectory, casework: Casework, instance, action: str | None) -> None:
        if action == SUBMIT:
            ctx = self._concept(uow, trajectory, casework, instance)
            found = self._missing(uow, ctx)
            if found:
                raise Incomplete(found)

    def after_task(self, uow: UnitOfWork, trajectory, casework: Casework, instance, action: str | None,
                   done: Done, actor: Actor) -> None:
        if action is None:
            return
        ctx = self._concept(uow, trajectory, casework, instance)
        if action == SIGN and done.data.get("akkoord_met_verslag"):
            self._sign(uow, ctx, actor, done.task.lane)
        elif action == AGREE:
            parties = [{"naam": p["naam"], "rol": p["rol"], "akkoord": bool(p["akkoord"])}
                       for p in done.data.get("akkoorden", [])]
            self._agree(uow, ctx, actor, date.fromisoformat(done.data["akkoord_datum"]), parties)
        elif action == SUBMIT:
            self._freeze(uow, ctx, actor)

    # -- helpers --------------------------------------------------------------------------------
    def _open(self, uow: UnitOfWork, trajectory_id: str):
        trajectory = uow.trajectories.get(trajectory_id)
        if trajectory is None:
            raise NotFound(f"traject '{trajectory_id}' bestaat niet")
        casework = self._library.casework(trajectory.guideline_version_id)
        return trajectory, casework, load(uow, casework, trajectory)

    def _concept(self, uow, trajectory, casework, instance) -> Context:
        ctx = self.context(uow, trajectory, casework, instance)
        if ctx.document.status != "concept":
            raise Conflict(f"versie {ctx.document.version} van het A-document is {ctx.document.status} en verandert "
                           "niet meer; een correctie maakt een nieuwe versie")
        return ctx

    def _require_coordinator(self, uow, trajectory, actor, ctx) -> None:
        coordinates, _ = self._roles(uow, trajectory, actor, ctx)
        access.require(coordinates, "alleen de coördinator van het traject beheert het A-document")

    @staticmethod
    def _sign(uow, ctx: Context, actor: Actor, role: str) -> None:
        uow.documents.sign(Signature(a_document_id=ctx.document.id, person_id=actor.id, role=role,
                                     content_hash=ctx.hash, signed_at=clock.now()))

    @staticmethod
    def _agree(uow, ctx: Context, actor: Actor, agreed_on: date, parties: list[dict[str, Any]]) -> None:
        uow.documents.agree(Agreement(a_document_id=ctx.document.id, content_hash=ctx.hash, agreed_on=agreed_on,
                                      parties=parties, recorded_by=actor.id, recorded_at=clock.now()))

    def _freeze(self, uow, ctx: Context, actor: Actor) -> None:
        found = self._missing(uow, ctx)
        if found:
            raise Incomplete(found)
        document = ctx.document
        document.content, document.content_hash = ctx.content, ctx.hash
        document.status, document.frozen_at, document.frozen_by = "ingediend", clock.now(), actor.id

    @staticmethod
    def _action(casework: Casework, trajectory, task: runtime.ReadyTask) -> str | None:
        element = casework.guideline.process(trajectory.process_id).element(task.element)
        return element.action if element else None
