"""Signatures of the A-document: one record per signing role and content, whichever way it is given
(the guideline's signing task or the A-document's page); and when the content changes after
signatures were given, an item of ekd's own in each signer's inbox, and an event in the timeline,
until they sign the new content."""

from __future__ import annotations

import uuid
from datetime import datetime

from engine import clock
from engine.actors import Actor
from engine.history import log
from engine.services.care.adocument_context import Context
from engine.store import UnitOfWork
from engine.store.models import Signature, Task, Trajectory
from engine.store.queues import NOTICE

RESIGN = "a_document_opnieuw_ondertekenen"
RESIGN_NAME = "A-document opnieuw ondertekenen"
_NAMESPACE = uuid.UUID("6f0c8f55-8f0e-4a37-9d6c-0e8c1d5a2b71")


def notice_id(document_id: str, role: str) -> str:
    """The id of the 'sign again' item of one role on one A-document version (stable, so given once)."""
    return str(uuid.uuid5(_NAMESPACE, f"{document_id}:{role}"))


def sign(uow: UnitOfWork, ctx: Context, actor: Actor, role: str) -> bool:
    """Record `actor`'s signature for `role` on the current root, unless that role signed it already;
    its 'sign again' item goes. Return whether a signature was added."""
    uow.tasks.withdraw([notice_id(ctx.document.id, role)])
    if any(s.role == role and s.content_hash == ctx.hash for s in uow.documents.signatures(ctx.document.id)):
        return False
    uow.documents.sign(Signature(a_document_id=ctx.document.id, person_id=actor.id, role=role,
                                 content_hash=ctx.hash, signed_at=clock.now()))
    return True


def stale(uow: UnitOfWork, trajectory: Trajectory, ctx: Context, asked: set[str],
          now: datetime) -> log.SignaturesInvalidated | None:
    """When signatures no longer bind the current content: put a 'sign again' item in the inbox of
    each role that signed before (unless the guideline's own signing task asks it already, `asked`)
    and return the event that says so; None when nothing became invalid."""
    latest: dict[str, str] = {}
    for signature in uow.documents.signatures(ctx.document.id):
        latest[signature.role] = signature.content_hash
    noticed = {task.lane for task in uow.tasks.notices(trajectory.id)}
    roles = sorted(role for role, signed in latest.items()
                   if signed != ctx.hash and role not in noticed and role not in asked)
    for role in roles:
        uow.tasks.notify(Task(id=notice_id(ctx.document.id, role), trajectory_id=trajectory.id, element=RESIGN,
                              name=RESIGN_NAME, lane=role, form=None,
                              path=f"ekd/{RESIGN}/v{ctx.document.version}/{role}", ready_since=now, due_at=None,
                              kind=NOTICE))
    return log.SignaturesInvalidated(version=ctx.document.version, roles=roles, hash=ctx.hash) if roles else None
