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
from engine.store.models import ADocument, Signature, Task, Trajectory
from engine.store.queues import NOTICE

RESIGN = "a_document_opnieuw_ondertekenen"
RESIGN_NAME = "A-document opnieuw ondertekenen"
_NAMESPACE = uuid.UUID("6f0c8f55-8f0e-4a37-9d6c-0e8c1d5a2b71")


def notice_id(document_id: str, role: str) -> str:
    """The id of the 'sign again' item of one role on one A-document version (stable, so given once)."""
    return str(uuid.uuid5(_NAMESPACE, f"{document_id}:{role}"))


def latest(uow: UnitOfWork, document_id: str) -> dict[str, str]:
    """Per signing role, the root its latest signature binds (the one that counts)."""
    return {signature.role: signature.content_hash for signature in uow.documents.signatures(document_id)}


def sign(uow: UnitOfWork, ctx: Context, actor: Actor, role: str) -> bool:
    """Record `actor`'s signature for `role` on the current root, unless the role's latest signature
    binds it already; its 'sign again' item goes with it. Return whether a signature was added."""
    if latest(uow, ctx.document.id).get(role) == ctx.hash:
        return False
    uow.tasks.withdraw([notice_id(ctx.document.id, role)])
    uow.documents.sign(Signature(a_document_id=ctx.document.id, person_id=actor.id, role=role,
                                 content_hash=ctx.hash, signed_at=clock.now()))
    return True


def stale(uow: UnitOfWork, trajectory: Trajectory, ctx: Context, asked: set[str],
          now: datetime) -> list[log.LogEvent]:
    """Keep the 'sign again' items in step with the content: put one in the inbox of each role whose
    latest signature no longer binds it (unless the guideline's own signing task asks it already,
    `asked`), take those away whose signature binds it again (the content went back); return the
    events that say so."""
    signed = latest(uow, ctx.document.id)
    noticed = {task.id for task in uow.tasks.notices(trajectory.id)}
    again = sorted(role for role, root in signed.items()
                   if root == ctx.hash and notice_id(ctx.document.id, role) in noticed)
    roles = sorted(role for role, root in signed.items()
                   if root != ctx.hash and notice_id(ctx.document.id, role) not in noticed and role not in asked)
    for role in roles:
        uow.tasks.notify(Task(id=notice_id(ctx.document.id, role), trajectory_id=trajectory.id, element=RESIGN,
                              name=RESIGN_NAME, lane=role, form=None,
                              path=f"ekd/{RESIGN}/v{ctx.document.version}/{role}", ready_since=now, due_at=None,
                              kind=NOTICE))
    uow.tasks.withdraw([notice_id(ctx.document.id, role) for role in again])
    found: list[log.LogEvent] = []
    if roles:
        found.append(log.SignaturesInvalidated(version=ctx.document.version, roles=roles, hash=ctx.hash))
    if again:
        found.append(log.SignaturesValidAgain(version=ctx.document.version, roles=again, hash=ctx.hash))
    return found


def close(uow: UnitOfWork, document: ADocument) -> None:
    """Take away every 'sign again' item of a version that is submitted or replaced (as the events'
    projection does): nobody can sign it any more."""
    uow.tasks.withdraw([task.id for task in uow.tasks.notices(document.trajectory_id)
                        if task.id == notice_id(document.id, task.lane or "")])
