"""What the quality center's use cases share: who may, the access log, finding a guideline's files."""

from __future__ import annotations

from dataclasses import dataclass

from engine import access, clock
from engine.actors import Actor
from engine.quality import checks
from engine.quality.bundle import Bundle
from engine.quality.findings import Finding
from engine.quality.lint import Bpmnlint
from engine.scripts import Sandbox
from engine.services.errors import Conflict, NotFound
from engine.store import UnitOfWork

MEMBER = "quality_center"


def require_member(actor: Actor) -> None:
    """Only quality-center members author, test and publish guidelines."""
    access.require(actor.has(MEMBER), "alleen leden van het kwaliteitscentrum (KCD) werken aan richtlijnen")


def log(uow: UnitOfWork, actor: Actor, action: str, subject: str, detail: str | None = None) -> None:
    """Note the action in the access log, in the use case's transaction."""
    uow.access.record(clock.now(), actor.id, action, subject[:200], detail)


def subject(guideline_id: str) -> str:
    """How the access log names a draft or a version."""
    return f"richtlijn:{guideline_id}"


@dataclass(frozen=True)
class Found:
    """A guideline's files, and whether they are a version or a draft (at which revision)."""

    id: str
    kind: str                 # version, draft
    bundle: Bundle
    revision: int | None = None


def find(uow: UnitOfWork, guideline_id: str) -> Found:
    """The files of the version or the draft with this id; raise NotFound."""
    version = uow.guidelines.get(guideline_id) if len(guideline_id) <= 32 else None
    if version is not None:
        return Found(version.id, "version", Bundle.of_version(version.files, version.forms, version.scenarios))
    draft = uow.guideline_drafts.get(guideline_id)
    if draft is None:
        raise NotFound(f"richtlijnversie of concept '{guideline_id[:64]}' bestaat niet")
    revision = uow.guideline_drafts.revision(draft.id, draft.revision)
    return Found(draft.id, "draft", Bundle(revision.files), draft.revision)


class Checker:
    """Every check, with one linter and one sandbox for the whole app."""

    def __init__(self, linter: Bpmnlint, sandbox: Sandbox):
        self.linter = linter
        self.sandbox = sandbox

    def findings(self, bundle: Bundle) -> list[Finding]:
        """The findings of every check on these files."""
        return checks.check(bundle, self.linter, self.sandbox)


class Changed(Conflict):
    """The draft changed while this use case ran (someone else saved): nothing was kept."""

    def __init__(self) -> None:
        super().__init__("het concept werd intussen door iemand anders gewijzigd; laad het opnieuw en probeer nog eens")


class PublicationRefused(Conflict):
    """A draft does not meet the conditions for publication: every unmet one is named."""

    def __init__(self, conditions: list[str], findings: list[Finding]):
        self.conditions = conditions
        self.findings = findings
        super().__init__("publiceren kan nog niet: " + "; ".join(conditions))
