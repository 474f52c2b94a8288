"""Checks on request and test runs of a draft (or a version), on the production runtime and sandbox."""

from __future__ import annotations

from collections.abc import Callable

from engine import clock, runtime
from engine.actors import Actor
from engine.quality import runs
from engine.quality.findings import Finding
from engine.services.errors import NotFound
from engine.services.quality.common import Changed, Checker, find, log, require_member, subject
from engine.store import UnitOfWork


class Testing:
    def __init__(self, uow: Callable[..., UnitOfWork], checker: Checker, engine: runtime.Engine):
        self._uow = uow
        self._checker = checker
        self._engine = engine

    def check(self, draft_id: str, actor: Actor) -> list[Finding]:
        """Run every check on the draft's current files again and keep the findings with its revision."""
        require_member(actor)
        with self._uow() as uow:
            found = _draft(uow, draft_id)
        findings = self._checker.findings(found.bundle)
        with self._uow(write=True) as uow:
            revision = _current(uow, found)
            revision.findings = [f.as_json() for f in findings]
            log(uow, actor, "controle", subject(found.id), f"revisie {found.revision}: {len(findings)} bevinding(en)")
            uow.commit()
        return findings

    def run(self, guideline_id: str, actor: Actor) -> runs.RunReport:
        """Run every scenario of a draft or version; a draft keeps the result with its revision."""
        require_member(actor)
        with self._uow() as uow:
            found = find(uow, guideline_id)
            stored = uow.guideline_drafts.revision(found.id, found.revision) if found.kind == "draft" else None
        findings = [Finding.from_json(f) for f in stored.findings] if stored else self._checker.findings(found.bundle)
        report = runs.run(found.bundle, self._engine, findings)
        passed = sum(o.passed for o in report.outcomes)
        with self._uow(write=True) as uow:
            if found.kind == "draft":
                revision = _current(uow, found)
                revision.test_run = {**report.as_json(), "revision": found.revision, "at": clock.now().isoformat(),
                                     "by": actor.username}
            log(uow, actor, "testrun", subject(found.id), f"{passed}/{len(report.outcomes)} scenario's geslaagd")
            uow.commit()
        return report


def _draft(uow: UnitOfWork, draft_id: str):
    found = find(uow, draft_id)
    if found.kind != "draft":
        raise NotFound(f"concept '{draft_id[:64]}' bestaat niet (een gepubliceerde versie verandert niet)")
    return found


def _current(uow: UnitOfWork, found):
    draft = uow.guideline_drafts.get(found.id)
    if draft.revision != found.revision:
        raise Changed()
    return uow.guideline_drafts.revision(found.id, found.revision)
