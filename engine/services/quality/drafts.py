"""Drafts: created from a published version or from uploaded files; every save a revision, checked.

The checks run before the write transaction (they take a second, and a writer holds SQLite's only
write lock); the save then lands only when nobody saved the draft in between (else Changed).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine import clock, text
from engine.actors import Actor
from engine.quality.bundle import MAX_FILES, Bundle, InvalidFile, Kind, check_file, check_name
from engine.quality.findings import Finding
from engine.services.errors import Conflict, NotFound
from engine.services.quality.common import Changed, Checker, find, log, require_member, subject
from engine.store import UnitOfWork
from engine.store.guideline_drafts import DraftRevision, GuidelineDraft


@dataclass(frozen=True)
class FileEntry:
    name: str
    kind: Kind
    size: int


@dataclass(frozen=True)
class DraftView:
    """A draft as its page and the API show it: files, history, findings, test run, approvals."""

    id: str
    title: str
    status: str
    based_on: str | None
    created_by: str
    created_at: datetime
    revision: int
    saved_by: str
    saved_at: datetime
    files: list[FileEntry]
    history: list[tuple[int, str, str, datetime]]
    findings: list[Finding]
    test_run: dict[str, Any] | None
    approvals: list[tuple[str, datetime]]
    version: str                          # the content hash a publication would get
    published_version: str | None
    may_approve: bool                     # the reader is not the last editor and has not approved yet
    current_version: str | None = None    # the version new trajectories start on (to compare with)


class Drafts:
    def __init__(self, uow: Callable[..., UnitOfWork], checker: Checker):
        self._uow = uow
        self._checker = checker

    def create(self, actor: Actor, *, from_version: str | None = None, files: dict[str, bytes] | None = None,
               title: str | None = None) -> str:
        """Start a draft from a published version or from files; return its id."""
        require_member(actor)
        if (from_version is None) == (files is None):
            raise InvalidFile("geef bestanden (files) of een versie om van te vertrekken (from_version), één van beide")
        if from_version is not None:
            with self._uow() as uow:
                found = find(uow, from_version)
            if found.kind != "version":
                raise NotFound(f"richtlijnversie '{from_version[:64]}' bestaat niet")
            bundle, note = found.bundle, f"aangemaakt uit versie {found.id}"
        else:
            bundle = Bundle(_texts(files or {}))
            note = f"aangemaakt met {len(bundle.files)} bestand(en): {', '.join(sorted(bundle.files))}"[:2000]
        title = text.clean(title or "", "title", 200) or (f"Concept op versie {from_version}" if from_version
                                                          else "Nieuwe richtlijn")
        findings = self._checker.findings(bundle)
        now, draft_id = clock.now(), str(uuid.uuid4())
        with self._uow(write=True) as uow:
            uow.guideline_drafts.add(GuidelineDraft(id=draft_id, title=title, based_on=from_version, status="open",
                                                    origin="app", revision=1, created_by=actor.username,
                                                    created_at=now))
            uow.flush()
            uow.guideline_drafts.add_revision(new_revision(draft_id, 1, bundle, note, actor, now, findings))
            log(uow, actor, "concept aanmaken", subject(draft_id), note)
            uow.commit()
        return draft_id

    def read(self, draft_id: str, actor: Actor) -> DraftView:
        """The draft with its files, history, findings, latest test run and approvals (a logged read)."""
        require_member(actor)
        with self._uow(write=True) as uow:
            draft, revision = open_draft(uow, draft_id, may_be_published=True)
            bundle = Bundle(revision.files)
            approvals = [(a.approved_by, a.approved_at)
                         for a in uow.guideline_drafts.approvals(draft.id, draft.revision)]
            view = DraftView(
                id=draft.id, title=draft.title, status=draft.status, based_on=draft.based_on,
                created_by=draft.created_by, created_at=draft.created_at, revision=draft.revision,
                saved_by=revision.saved_by, saved_at=revision.saved_at,
                files=[FileEntry(name, bundle.kind(name), len(body.encode("utf-8")))
                       for name, body in sorted(bundle.files.items())],
                history=uow.guideline_drafts.history(draft.id),
                findings=[Finding.from_json(f) for f in revision.findings], test_run=revision.test_run,
                approvals=approvals, version=bundle.version, published_version=draft.published_version,
                may_approve=draft.status == "open" and revision.saved_by != actor.username
                and actor.username not in {who for who, _ in approvals},
                current_version=current.id if (current := uow.guidelines.current()) else None)
            log(uow, actor, "lezen", subject(draft.id), f"revisie {draft.revision}")
            uow.commit()
        return view

    def file(self, guideline_id: str, name: str, actor: Actor) -> str:
        """One file of a draft or a version, as text (a logged read)."""
        require_member(actor)
        with self._uow(write=True) as uow:
            found = find(uow, guideline_id)
            if name not in found.bundle.files:
                raise NotFound(f"'{guideline_id[:64]}' heeft geen bestand '{name[:100]}'")
            log(uow, actor, "bestand lezen", subject(found.id), name)
            uow.commit()
        return found.bundle.files[name]

    def put(self, draft_id: str, files: dict[str, bytes], actor: Actor) -> list[Finding]:
        """Add or replace files: one new revision, checked; return its findings."""
        require_member(actor)
        texts = _texts(files)
        return self._save(draft_id, actor, lambda current: {**current, **texts},
                          "bewaard: " + ", ".join(sorted(texts)))

    def delete(self, draft_id: str, name: str, actor: Actor) -> list[Finding]:
        """Remove a file: one new revision, checked; return its findings."""
        require_member(actor)
        check_name(name)

        def without(current: dict[str, str]) -> dict[str, str]:
            if name not in current:
                raise NotFound(f"het concept heeft geen bestand '{name}'")
            return {key: value for key, value in current.items() if key != name}
        return self._save(draft_id, actor, without, f"verwijderd: {name}")

    def _save(self, draft_id: str, actor: Actor, change: Callable[[dict[str, str]], dict[str, str]],
              note: str) -> list[Finding]:
        with self._uow() as uow:
            draft, revision = open_draft(uow, draft_id)
            number, files = draft.revision, change(dict(revision.files))
        if len(files) > MAX_FILES:
            raise InvalidFile(f"een richtlijn heeft hoogstens {MAX_FILES} bestanden")
        bundle = Bundle(files)
        findings = self._checker.findings(bundle)
        now = clock.now()
        with self._uow(write=True) as uow:
            draft, _ = open_draft(uow, draft_id)
            if draft.revision != number:
                raise Changed()
            draft.revision = number + 1
            uow.guideline_drafts.add_revision(new_revision(draft.id, number + 1, bundle, note[:2000], actor, now,
                                                           findings))
            log(uow, actor, "concept bewaren", subject(draft.id), f"revisie {number + 1}: {note}"[:2000])
            uow.commit()
        return findings


def open_draft(uow: UnitOfWork, draft_id: str,
               may_be_published: bool = False) -> tuple[GuidelineDraft, DraftRevision]:
    """The draft and its current revision; raise NotFound, or Conflict when it is published already."""
    draft = uow.guideline_drafts.get(draft_id) if len(draft_id) <= 36 else None
    if draft is None:
        raise NotFound(f"concept '{draft_id[:64]}' bestaat niet")
    if draft.status != "open" and not may_be_published:
        raise Conflict(f"concept '{draft.id}' is gepubliceerd als versie {draft.published_version}: "
                       "maak een nieuw concept om verder te werken")
    return draft, uow.guideline_drafts.revision(draft.id, draft.revision)


def _texts(files: dict[str, bytes]) -> dict[str, str]:
    if not files:
        raise InvalidFile("geen bestanden ontvangen")
    if len(files) > MAX_FILES:
        raise InvalidFile(f"een richtlijn heeft hoogstens {MAX_FILES} bestanden")
    return {name: check_file(name, data) for name, data in files.items()}


def new_revision(draft_id: str, number: int, bundle: Bundle, note: str, actor: Actor, now: datetime,
              findings: list[Finding]) -> DraftRevision:
    return DraftRevision(draft_id=draft_id, number=number, files=bundle.files, note=note, saved_by=actor.username,
                         saved_at=now, findings=[f.as_json() for f in findings], test_run=None)
