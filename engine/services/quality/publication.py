"""Four eyes: approve a draft's revision, publish it as a version, retire a version; seed processes/.

A publication needs no error finding, every scenario green, coverage at the guideline's own
threshold and an approval of the current revision by a member who did not save it last. The
version's id is its content hash. New trajectories start on the newest published version;
running ones stay on theirs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from engine import clock, runtime, text
from engine.actors import Actor
from engine.guidelines import Guideline
from engine.quality import runs
from engine.quality.bundle import Bundle, Kind
from engine.quality.checks import main_process
from engine.quality.findings import Finding, errors
from engine.quality.model import read
from engine.services.errors import Conflict, NotFound
from engine.services.library import Library
from engine.services.quality.common import Changed, Checker, PublicationRefused, log, require_member, subject
from engine.services.quality.drafts import new_revision, open_draft
from engine.store import UnitOfWork
from engine.store.guideline_drafts import DraftApproval, GuidelineDraft
from engine.store.models import GuidelineVersion


class Publication:
    def __init__(self, uow: Callable[..., UnitOfWork], checker: Checker, engine: runtime.Engine, library: Library):
        self._uow = uow
        self._checker = checker
        self._engine = engine
        self._library = library

    def approve(self, draft_id: str, actor: Actor) -> None:
        """Approve the draft's current revision: a second pair of eyes, never the last editor's."""
        require_member(actor)
        with self._uow(write=True) as uow:
            draft, revision = open_draft(uow, draft_id)
            if revision.saved_by == actor.username:
                raise Conflict("jij bewaarde de laatste wijziging van dit concept: een ander lid van het "
                               "kwaliteitscentrum moet het goedkeuren")
            if any(a.approved_by == actor.username for a in uow.guideline_drafts.approvals(draft.id, draft.revision)):
                raise Conflict(f"je keurde revisie {draft.revision} van dit concept al goed")
            uow.guideline_drafts.approve(DraftApproval(draft_id=draft.id, revision=draft.revision,
                                                       approved_by=actor.username, approved_at=clock.now()))
            log(uow, actor, "goedkeuren", subject(draft.id), f"revisie {draft.revision}")
            uow.commit()

    def publish(self, draft_id: str, actor: Actor) -> str:
        """Publish the draft as a version when every condition holds; return the version id.
        Raise PublicationRefused naming every unmet condition (and every error finding's element)."""
        require_member(actor)
        with self._uow() as uow:
            draft, revision = open_draft(uow, draft_id)
            number, editor, bundle = draft.revision, revision.saved_by, Bundle(revision.files)
            approvers = [a.approved_by for a in uow.guideline_drafts.approvals(draft.id, number)
                         if a.approved_by != editor]
        findings = self._checker.findings(bundle)
        report = runs.run(bundle, self._engine, findings)
        unmet = _unmet(findings, report, approvers, editor)
        now = clock.now()
        with self._uow(write=True) as uow:
            draft, revision = open_draft(uow, draft_id)
            if draft.revision != number:
                raise Changed()
            revision.findings = [f.as_json() for f in findings]
            revision.test_run = {**report.as_json(), "revision": number, "at": now.isoformat(), "by": actor.username}
            if unmet:
                log(uow, actor, "publicatie geweigerd", subject(draft.id), "; ".join(unmet)[:2000])
                uow.commit()
                raise PublicationRefused(unmet, errors(findings))
            version_id = bundle.version
            if uow.guidelines.get(version_id) is not None:
                raise Conflict(f"deze inhoud is al gepubliceerd als versie {version_id}")
            uow.guidelines.add(GuidelineVersion(
                id=version_id, number=uow.guidelines.next_number(), main_process=main_process(read(bundle.models())),
                files={n: t for n, t in bundle.files.items() if bundle.kind(n) in (Kind.BPMN, Kind.DMN)},
                forms=bundle.forms(), loaded_at=now, loaded_by=actor.username, status="published", origin="app",
                scenarios=bundle.scenario_files(), draft_id=draft.id, approved_by=", ".join(approvers)))
            draft.status, draft.published_version = "published", version_id
            log(uow, actor, "publicatie", subject(version_id), f"uit concept {draft.id} revisie {number}, "
                                                                 f"goedgekeurd door {', '.join(approvers)}")
            uow.commit()
        return version_id

    def retire(self, version_id: str, reason: str, actor: Actor) -> None:
        """Retire a version: no new trajectory starts on it; running ones stay on it."""
        require_member(actor)
        reason = text.clean(reason, "reason", 500, multiline=True, required=True)
        with self._uow(write=True) as uow:
            version = uow.guidelines.get(version_id) if len(version_id) <= 32 else None
            if version is None:
                raise NotFound(f"richtlijnversie '{version_id[:64]}' bestaat niet")
            if version.status == "retired":
                raise Conflict(f"versie {version.id} is al ingetrokken")
            version.status, version.retired_at, version.retired_by = "retired", clock.now(), actor.username
            log(uow, actor, "intrekken", subject(version.id), reason)
            uow.commit()

    def seed(self, guideline: Guideline, scenarios: dict[str, Any], actor: Actor) -> tuple[str, str]:
        """Load processes/ (`ekd init`): as a version while the quality center has published nothing in
        the app; after that as a draft for it to review, so a seed never undoes a publication.
        Return ("version" | "draft" | "known", id)."""
        with self._uow() as uow:
            versions = uow.guidelines.all()
            if any(v.id == guideline.version for v in versions):
                return "known", guideline.version
            published_in_app = any(v.origin == "app" for v in versions)
            drafts = [d for d in uow.guideline_drafts.open() if d.origin == "seed"]
            for draft in drafts:
                if Bundle(uow.guideline_drafts.revision(draft.id, draft.revision).files).version == guideline.version:
                    return "known", draft.id
        if not published_in_app:
            version, _ = self._library.publish(guideline, actor, scenarios)
            return "version", version
        files = {name.rsplit("/", 1)[-1]: data.decode("utf-8") for name, data in guideline.files.items()}
        bundle = Bundle.of_version(files, guideline.forms, scenarios)
        findings: list[Finding] = self._checker.findings(bundle)
        now, draft_id = clock.now(), str(uuid.uuid4())
        with self._uow(write=True) as uow:
            uow.guideline_drafts.add(GuidelineDraft(id=draft_id, title="Richtlijn uit processes/ (ekd init)",
                                                    based_on=None, status="open", origin="seed", revision=1,
                                                    created_by=actor.username, created_at=now))
            uow.flush()
            note = f"ekd init: processes/ heeft nieuwe inhoud ({guideline.version})"
            uow.guideline_drafts.add_revision(new_revision(draft_id, 1, bundle, note, actor, now, findings))
            log(uow, actor, "concept aanmaken", subject(draft_id), note)
            uow.commit()
        return "draft", draft_id


def _unmet(findings: list[Finding], report: runs.RunReport, approvers: list[str], editor: str) -> list[str]:
    unmet = []
    blocking = errors(findings)
    if blocking:
        named = "; ".join(f"{f.element or f.file or 'richtlijn'}: {f.message}" for f in blocking[:20])
        unmet.append(f"{len(blocking)} fout(en) in de controle ({named})")
    if not report.outcomes:
        unmet.append("er is geen scenario")
    for outcome in report.outcomes:
        if not outcome.passed:
            unmet.append(f"scenario '{outcome.name}' slaagt niet: {outcome.failure}")
    if report.refused is None and report.outcomes:
        unmet += report.coverage.below(report.threshold)
    if not approvers:
        unmet.append(f"nog geen goedkeuring van deze revisie door een tweede lid van het kwaliteitscentrum "
                     f"(niet door {editor}, die ze bewaarde)")
    return unmet
