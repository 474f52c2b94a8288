"""The family's page: where their child's trajectory stands, in plain words, and what they can do
now — their consent, their words, the A-document, their rights. Every read is logged like a
professional's (the read and its access-log row share one transaction)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from engine import access, clock
from engine.access import Act, Data
from engine.actors import Actor
from engine.adocument import display
from engine.adocument.sections import MEDICAL
from engine.domain_checks.capability import ADULT, age_on
from engine.history import events, log
from engine.history.replay import element_of
from engine.roles import LABELS
from engine.services.care.adocument_context import build
from engine.services.changes import load
from engine.services.family import phases, voice
from engine.services.family.decisions import agreement_task, consent_task, deciders, withdrawn_by
from engine.services.family.members import (
    PARTS,
    RELATION_WORDS,
    Family,
    Relation,
    family_of,
    hidden_from,
    shown_to,
    today,
)
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.family import family_events
from engine.store.models import Trajectory

HIDDEN_TEXT = "(afgeschermd: het kind wil dit niet delen)"


@dataclass(frozen=True)
class Said:
    """One family act as the page lists it."""

    seq: int
    at: datetime
    kind: str
    who: str
    mine: bool
    body: dict[str, Any]


@dataclass
class FamilyPage:
    trajectory_id: str
    child: str                                  # the child's first name
    me: str
    relation: str
    relation_words: str
    decides: bool
    status: str
    consent: str
    steps: list[phases.Step]
    now: str
    next: str | None
    report_due: date | None
    anchor: str | None
    team: list[tuple[str, str]]                 # (role label, name)
    consent_asked: bool = False                 # the consent step waits, and I decide
    consent_scopes: list[tuple[str, str]] = field(default_factory=list)
    my_consent: str | None = None
    consents: list[Said] = field(default_factory=list)
    recorded_by_coordinator: bool = False       # the consent step was completed by the coordinator
    may_withdraw: bool = False
    may_give_again: bool = False
    may_write: bool = False
    words: list[voice.Words] = field(default_factory=list)       # what I wrote (latest per moment)
    moment: str = voice.QUESTION                # what I write now: my question, or my view
    document: list[display.Section] = field(default_factory=list)
    document_version: int | None = None
    document_hash: str | None = None
    document_status: str | None = None
    agreement_asked: bool = False
    my_agreement: dict[str, Any] | None = None
    agreements: list[Said] = field(default_factory=list)
    waiting_for: list[str] = field(default_factory=list)          # who still has to answer
    corrections: list[Said] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)              # parts hidden from me (a parent) or by me (the child)
    may_object: bool = False
    parts: dict[str, str] = field(default_factory=lambda: dict(PARTS))
    adult: bool = False
    parents: list[tuple[str, str, bool]] = field(default_factory=list)   # (member, name, granted): 18+
    second_factor: bool = False                 # my log-in asks for a code from an app (TOTP)


class FamilyReading:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def page(self, actor: Actor) -> FamilyPage:
        """The family's page of their own child's trajectory (logged)."""
        with self._uow(write=True) as uow:
            family = family_of(uow, actor)
            family.clearance.require(Data.PROGRESS)
            page = self._page(uow, family, actor)
            uow.access.record(clock.now(), actor.id, "lezen-gezin", f"traject:{family.trajectory.id}")
            uow.commit()
            return page

    def _page(self, uow: UnitOfWork, family: Family, actor: Actor) -> FamilyPage:
        trajectory = family.trajectory
        casework = self._library.casework(trajectory.guideline_version_id)
        instance = load(uow, casework, trajectory)
        ready = instance.ready_tasks()
        history = uow.events.of_trajectory(trajectory.id)
        completed = [element_of(p) for e in history for p in (events.payload(e) or {}).get("completed") or []]
        finished = trajectory.status == log.Status.DONE
        index = phases.current([t.element for t in ready], completed)
        stopped = finished and "traject_gestopt" in completed
        key = phases.PHASES[index][0]
        now = phases.STOPPED if stopped else phases.DONE if finished else \
            phases.HALTED if trajectory.status == log.Status.HALTED else phases.NOW[key]
        team = [(LABELS.get(m.role, m.role), p.display_name) for m, p in uow.members.of_trajectory(trajectory.id)]
        anchor = uow.people.get(trajectory.anchor_person_id) if trajectory.anchor_person_id else None
        due = instance.data.get("mdv_termijn")
        page = FamilyPage(
            trajectory_id=trajectory.id, child=family.child.given_name, me=family.member.name,
            relation=family.member.relation, relation_words=RELATION_WORDS[Relation(family.member.relation)],
            decides=family.decides, status=trajectory.status, consent=trajectory.consent,
            steps=phases.line(index, finished and not stopped), now=now,
            next=None if finished else phases.NEXT[key], report_due=date.fromisoformat(due[:10]) if due else None,
            anchor=anchor.display_name if anchor else None, team=team,
            adult=age_on(family.child.birth_date, today()) >= ADULT if family.is_child else False)
        said = [_said(e, actor) for e in family_events(uow.session, trajectory.id, log.FAMILY_KINDS)]
        self._consent(uow, page, family, casework, instance, said, history)
        hidden = hidden_from(uow, family)
        page.hidden = sorted(hidden if not family.is_child else set(family.member.hidden or []))
        page.may_object = family.is_child and family.decides and not page.adult
        words = voice.written([e for e in history if e.type == log.Kind.FAMILY_VIEW])
        page.words = [w for w in words if w.member == family.member.id]
        page.moment = voice.moment(completed)
        page.may_write = family.clearance.may(Act.VOICE)
        page.corrections = [s for s in said if s.kind in (log.Kind.FAMILY_CORRECTION, log.Kind.CORRECTION_ANSWERED)
                            and (s.mine or s.kind == log.Kind.CORRECTION_ANSWERED)]
        self._document(uow, page, family, casework, instance, said, hidden)
        for name in ("consents", "agreements", "corrections"):
            acts = getattr(page, name)
            bodies = shown_to(uow, family, [(a.kind, a.mine, a.body) for a in acts])
            setattr(page, name, [replace(a, body=b) for a, b in zip(acts, bodies, strict=True) if b is not None])
        me = uow.people.get(actor.id)
        page.second_factor = bool(me and me.totp_secret)
        if page.adult:
            page.parents = [(m.id, m.name, m.adult_grant) for m in uow.family_members.of_child(family.child.id)
                            if m.relation != Relation.CHILD]
        return page

    @staticmethod
    def _consent(uow, page: FamilyPage, family: Family, casework, instance, said: list[Said], history) -> None:
        task, schema = consent_task(casework, family.trajectory, instance)
        page.consents = [s for s in said if s.kind == log.Kind.FAMILY_CONSENT]
        page.recorded_by_coordinator = any(
            e.type == events.TASK_COMPLETED and (events.payload(e) or {}).get("element") == "instemming"
            and uow.family_members.of_person(e.actor) is None for e in history)
        if task is not None and family.decides:
            page.consent_asked = True
            items = (schema["properties"].get("instemming_reikwijdte") or {}).get("items") or {}
            page.consent_scopes = [(c["const"], c.get("title", c["const"])) for c in items.get("oneOf", [])]
            mine = [s for s in page.consents if s.mine]
            page.my_consent = mine[-1].body.get("antwoord") if mine else None
            answered = {s.body.get("gezinslid") for s in page.consents}
            page.waiting_for = [m.name for m in deciders(uow, family.child) if m.id not in answered]
        page.may_withdraw = family.decides and family.trajectory.consent == log.Consent.GIVEN
        page.may_give_again = (family.decides and family.trajectory.consent == log.Consent.WITHDRAWN
                               and withdrawn_by(uow, family.trajectory.id) == family.member.id)

    @staticmethod
    def _document(uow, page: FamilyPage, family: Family, casework, instance, said, hidden: set[str]) -> None:
        if uow.documents.current(family.trajectory.id) is None and "a_document" not in instance.data:
            return
        ctx = build(uow, family.trajectory, casework, instance)
        page.document = readable(ctx.content, casework.guideline.form, hidden)
        page.document_version, page.document_hash = ctx.document.version, ctx.hash
        page.document_status = ctx.document.status
        task = agreement_task(casework, family.trajectory, instance)
        page.agreements = [s for s in said if s.kind == log.Kind.FAMILY_AGREEMENT and s.body.get("hash") == ctx.hash]
        if task is not None and family.decides:
            page.agreement_asked = True
            mine = [s for s in page.agreements if s.mine]
            page.my_agreement = mine[-1].body if mine else None
            answered = {s.body.get("gezinslid") for s in page.agreements}
            page.waiting_for = [m.name for m in deciders(uow, family.child) if m.id not in answered]


def for_family(content: dict[str, Any], hidden: set[str]) -> dict[str, Any]:
    """The A-document's content as this family member may read it: all of it (the medical detail as
    the A-document shows it), without the parts the capable child hid from them."""
    shown = dict(content)
    if "stem" in hidden:
        shown["vraagverheldering"] = {**(shown.get("vraagverheldering") or {}), "kind": HIDDEN_TEXT}
        shown["betrokkenheid"] = {**(shown.get("betrokkenheid") or {}), "visie_kind": HIDDEN_TEXT}
    if "diagnostiek" in hidden:
        shown = {key: value for key, value in shown.items() if key not in ("diagnostiek", MEDICAL)}
    return shown


def readable(content: dict[str, Any], forms, hidden: set[str]) -> list[display.Section]:
    """The A-document as the family reads it, section by section (web/templates/family/home.html, the PDF)."""
    sections = display.sections(for_family(content, hidden - {"diagnostiek"}), forms)
    return [s for s in sections if "diagnostiek" not in hidden or s.key not in ("diagnostiek", MEDICAL)]


def _said(event, actor: Actor) -> Said:
    return Said(event.seq, event.recorded_at, event.type, event.actor, event.actor == actor.id,
                events.payload(event) or {})


def document_of(uow: UnitOfWork, trajectory: Trajectory, library: Library, family: Family):
    """The A-document's context and its reading for this family member (the copy and the PDF)."""
    casework = library.casework(trajectory.guideline_version_id)
    instance = load(uow, casework, trajectory)
    if uow.documents.current(trajectory.id) is None and "a_document" not in instance.data:
        return None, None, casework
    ctx = build(uow, trajectory, casework, instance)
    return ctx, readable(ctx.content, casework.guideline.form, hidden_from(uow, family)), casework


__all__ = ["FamilyPage", "FamilyReading", "Said", "access", "document_of", "for_family", "readable"]
